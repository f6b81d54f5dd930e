import { formatMoney } from '../common/money';
import type { InvoiceReconciliation, ReconciliationFinding } from '../billing/reconciliation.entity';
import type { Invoice } from '../billing/invoice.entity';
import { frozenTerm, frozenTotals, type FrozenSlaTerm, type FrozenSlaTotals } from '../sla/sla-report-frozen';
import type { SlaReport } from '../sla/sla-report.types';

/**
 * What a review looked at, frozen as plain JSON: enums as their names and money as decimal
 * strings, so that a later change to the code or the data cannot change what it says.
 */
export interface SlaReportSnapshot {
  kind: 'SLA_REPORT';
  contract: string;
  period: string;
  generatedAt: string;
  coverageThresholdPercent: string;
  totals: FrozenSlaTotals;
  terms: FrozenSlaTerm[];
  credits: { kind: string | null; service: string | null; amount: string; reason: string }[];
  /** the closed month's frozen snapshot the review cites (the credit ledger's figures), null while the month is open */
  monthSnapshot?: { revision: number; sha256: string } | null;
  /** entries left out to keep the document within its column, if any */
  omitted?: number;
}

export interface InvoiceSnapshot {
  kind: 'INVOICE_RECONCILIATION';
  invoiceNumber: string;
  invoiceDate: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  netTotal: string;
  vatTotal: string;
  grossTotal: string;
  reconciliation: {
    reconciledAt: string;
    reconciledBy: string;
    invoicedTotal: string;
    agreedAmount: string;
    differenceTotal: string;
    findingCount: number;
    findings: {
      type: string;
      service: string | null;
      expectedAmount: string | null;
      invoicedAmount: string | null;
      difference: string;
      disputable: boolean;
      explanation: string;
    }[];
  } | null;
  omitted?: number;
}

export type EvidenceDocument = SlaReportSnapshot | InvoiceSnapshot;

/** A TEXT column holds 65,535 bytes on MySQL; documents stay well inside it. */
export const MAX_DOCUMENT_BYTES = 60_000;

export function slaSnapshot(
  report: SlaReport,
  contractReference: string,
  serviceReferences: ReadonlyMap<number, string>,
): SlaReportSnapshot {
  const service = (id: number | null) => (id === null ? null : (serviceReferences.get(id) ?? null));
  return {
    kind: 'SLA_REPORT',
    contract: contractReference,
    period: report.period,
    generatedAt: report.generatedAt.toISOString(),
    coverageThresholdPercent: report.coverageThresholdPercent,
    totals: frozenTotals(report),
    terms: report.terms.map((term) => frozenTerm(term, service(term.serviceId))),
    credits: report.credits.map((credit) => ({
      kind: credit.kind,
      service: service(credit.serviceId),
      amount: formatMoney(credit.amount),
      reason: credit.reason,
    })),
  };
}

export function invoiceSnapshot(
  invoice: Invoice,
  reconciliation: InvoiceReconciliation | null,
  findings: readonly ReconciliationFinding[],
): InvoiceSnapshot {
  const money = (value: bigint | null) => (value === null ? null : formatMoney(value));
  return {
    kind: 'INVOICE_RECONCILIATION',
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: invoice.invoiceDate,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    status: invoice.status,
    netTotal: formatMoney(invoice.netTotal),
    vatTotal: formatMoney(invoice.vatTotal),
    grossTotal: formatMoney(invoice.grossTotal),
    reconciliation: reconciliation
      ? {
          reconciledAt: reconciliation.reconciledAt.toISOString(),
          reconciledBy: reconciliation.reconciledBy,
          invoicedTotal: formatMoney(reconciliation.invoicedTotal),
          agreedAmount: formatMoney(reconciliation.agreedAmount),
          differenceTotal: formatMoney(reconciliation.differenceTotal),
          findingCount: reconciliation.findingCount,
          findings: findings.map((finding) => ({
            type: finding.type,
            service: finding.serviceReference,
            expectedAmount: money(finding.expectedAmount),
            invoicedAmount: money(finding.invoicedAmount),
            difference: formatMoney(finding.difference),
            disputable: finding.disputable,
            explanation: finding.explanation,
          })),
        }
      : null,
  };
}

/**
 * The document as stored: JSON within MAX_DOCUMENT_BYTES. A very large one first loses its
 * free-text notes, then its last entries (counted in `omitted`); totals are always kept.
 */
export function serialise(document: EvidenceDocument): string {
  let text = JSON.stringify(document);
  if (Buffer.byteLength(text, 'utf8') <= MAX_DOCUMENT_BYTES) return text;
  const copy: EvidenceDocument = JSON.parse(text);
  const entries = copy.kind === 'SLA_REPORT' ? copy.terms : (copy.reconciliation?.findings ?? []);
  if (copy.kind === 'SLA_REPORT') copy.terms.forEach((term) => (term.note = null));
  else copy.reconciliation?.findings.forEach((finding) => (finding.explanation = ''));
  let omitted = 0;
  text = JSON.stringify(copy);
  while (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES && entries.length > 0) {
    const drop = Math.max(1, Math.ceil(entries.length / 10));
    entries.splice(entries.length - drop, drop);
    omitted += drop;
    copy.omitted = omitted;
    text = JSON.stringify(copy);
  }
  return text;
}
