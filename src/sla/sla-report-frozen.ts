import { formatMoney } from '../common/money';
import type { SlaReport } from './sla-report.types';

/**
 * An SLA report's figures frozen as plain JSON (enums as their names, money as decimal
 * strings), so that a later change to the code or the data cannot change what they say.
 * A review's evidence (reviews/review-evidence) and a closed month's snapshot
 * (billing/ledger/month-document) both freeze a report this way.
 */

/** A report's totals as frozen: counts, and money as decimal strings. */
export interface FrozenSlaTotals {
  met: number;
  breached: number;
  insufficientData: number;
  notApplicable: number;
  creditsBeforeCap: string;
  creditsOwed: string;
  cap: string | null;
}

/** One term's figures as frozen, its service named by reference. */
export interface FrozenSlaTerm {
  kind: string;
  severity: number | null;
  service: string | null;
  target: string;
  achieved: string | null;
  coveragePercent: string | null;
  status: string;
  contractual: boolean;
  note: string | null;
}

/** A report's totals as frozen: counts, and money as decimal strings. */
export function frozenTotals(report: SlaReport): FrozenSlaTotals {
  const { totals } = report;
  return {
    met: totals.met,
    breached: totals.breached,
    insufficientData: totals.insufficientData,
    notApplicable: totals.notApplicable,
    creditsBeforeCap: formatMoney(totals.creditsBeforeCap),
    creditsOwed: formatMoney(totals.creditsOwed),
    cap: totals.cap === null ? null : formatMoney(totals.cap),
  };
}

/** One term's figures as frozen, its service named by reference. */
export function frozenTerm(term: SlaReport['terms'][number], service: string | null): FrozenSlaTerm {
  return {
    kind: term.kind,
    severity: term.severity,
    service,
    target: term.target,
    achieved: term.achieved,
    coveragePercent: term.coveragePercent,
    status: term.status,
    contractual: term.contractual,
    note: term.note,
  };
}
