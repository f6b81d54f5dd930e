import { canonicalJson } from '../../common/canonical-json';
import { formatMoney, type Pence } from '../../common/money';
import { sha256 } from '../../common/hashing';
import { frozenTerm, frozenTotals } from '../../sla/sla-report-frozen';
import type { SlaReport } from '../../sla/sla-report.types';
import type { SlaTermKind } from '../../sla/sla-term.entity';

/** One credit of a month as the ledger keeps it, before it is stored. */
export interface MonthCredit {
  entryKey: string;
  termKind: SlaTermKind;
  serviceId: number | null;
  severity: number | null;
  incidentId: number | null;
  reason: string;
  owedBeforeCap: Pence;
  /** after the cap, shared in proportion */
  owed: Pence;
}

/** The month's credits, one per term, service and incident, the cap shared out so they add up to the report's total to the penny. */
export function monthCredits(report: SlaReport): MonthCredit[] {
  const byKey = new Map<string, MonthCredit>();
  for (const line of report.credits) {
    if (line.kind === null) continue; // the cap line: shared out below
    const entryKey = [line.kind, line.serviceId ?? '', line.severity ?? '', line.incidentId ?? ''].join('|');
    const held = byKey.get(entryKey);
    if (held) {
      held.owedBeforeCap += line.amount;
      held.reason = `${held.reason}; ${line.reason}`.slice(0, 1000);
    } else {
      byKey.set(entryKey, {
        entryKey,
        termKind: line.kind,
        serviceId: line.serviceId,
        severity: line.severity ?? null,
        incidentId: line.incidentId ?? null,
        reason: line.reason.slice(0, 1000),
        owedBeforeCap: line.amount,
        owed: line.amount,
      });
    }
  }
  const credits = [...byKey.values()];
  shareCap(credits, report.totals.creditsBeforeCap, report.totals.creditsOwed);
  return credits;
}

/**
 * Scales the credits down to the capped total: each its proportional share rounded down, and
 * the pence left over to the largest remainders (earlier credits first on ties).
 */
function shareCap(credits: MonthCredit[], beforeCap: Pence, owed: Pence): void {
  if (owed >= beforeCap || beforeCap <= 0n) return;
  const remainders = credits.map((credit, index) => {
    const scaled = credit.owedBeforeCap * owed;
    credit.owed = scaled / beforeCap;
    return { index, remainder: scaled % beforeCap };
  });
  let left = owed - credits.reduce((sum, credit) => sum + credit.owed, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left <= 0n) break;
    credits[index]!.owed += 1n;
    left -= 1n;
  }
}

export interface MonthDocumentContext {
  contractGlobalId: string;
  contractReference: string;
  supplierName: string;
  serviceReferences: ReadonlyMap<number, string>;
  incidentReferences: ReadonlyMap<number, string | null>;
}

/**
 * The month as frozen: every term with its evidence (downtime, exclusions, breaching
 * incidents, late orders) and every credit, in plain JSON with money as decimal strings and
 * instants in UTC. Nothing in it depends on when it was made, so recomputing an unchanged
 * month gives the same bytes and the same hash.
 */
export function monthDocument(
  report: SlaReport,
  credits: readonly MonthCredit[],
  context: MonthDocumentContext,
): { content: string; sha256: string } {
  const service = (id: number | null | undefined) =>
    id === null || id === undefined ? null : (context.serviceReferences.get(id) ?? `#${id}`);
  const document = {
    kind: 'SLA_MONTH',
    format: 1,
    contract: { id: context.contractGlobalId, reference: context.contractReference },
    supplier: context.supplierName,
    period: report.period,
    coverageThresholdPercent: report.coverageThresholdPercent,
    totals: frozenTotals(report),
    terms: report.terms.map((term) => ({
      ...frozenTerm(term, service(term.serviceId)),
      downtime: term.downtime.map((d) => ({ start: d.start, end: d.end, downSeconds: d.downSeconds })),
      exclusions: term.exclusions.map((e) => ({ kind: e.kind, startsAt: e.startsAt, endsAt: e.endsAt, reason: e.reason })),
      incidents: term.incidents.map((i) => ({
        incident: context.incidentReferences.get(i.incidentId) ?? i.supplierRef ?? `#${i.incidentId}`,
        severity: i.severity,
        minutes: i.minutes,
        targetMinutes: i.targetMinutes,
        breached: i.breached,
      })),
      orders: term.orders.map((o) => ({
        order: o.supplierOrderReference ?? `#${o.orderId}`,
        committedDate: o.committedDate,
        completedOn: o.completedOn,
        daysLate: o.daysLate,
      })),
    })),
    credits: credits.map((credit) => ({
      key: credit.entryKey,
      kind: credit.termKind,
      service: service(credit.serviceId),
      severity: credit.severity,
      incident: credit.incidentId === null ? null : (context.incidentReferences.get(credit.incidentId) ?? `#${credit.incidentId}`),
      owedBeforeCap: formatMoney(credit.owedBeforeCap),
      owed: formatMoney(credit.owed),
      reason: credit.reason,
    })),
  };
  const content = canonicalJson(document);
  return { content, sha256: sha256(content) };
}

/** What changed between two revisions' credits, by entry: the figure before and after. */
export function creditDifferences(
  before: readonly { entryKey: string; owed: Pence }[],
  after: readonly MonthCredit[],
): { key: string; before: string | null; after: string | null }[] {
  const old = new Map(before.map((entry) => [entry.entryKey, entry.owed]));
  const now = new Map(after.map((credit) => [credit.entryKey, credit.owed]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  return keys
    .filter((key) => old.get(key) !== now.get(key))
    .map((key) => ({
      key,
      before: old.has(key) ? formatMoney(old.get(key)!) : null,
      after: now.has(key) ? formatMoney(now.get(key)!) : null,
    }));
}
