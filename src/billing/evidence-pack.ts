import { In } from 'typeorm';
import { findVisible } from '../auth/tenancy';
import { canonicalJson } from '../common/canonical-json';
import { formatMoney, type Pence } from '../common/money';
import { spreadsheetCsv } from '../common/spreadsheet';
import { Contract } from '../contracts/contract.entity';
import { FeedRun } from '../feed-records/feed-run.entity';
import type { RequestContext } from '../request/context';
import { toGlobalId } from '../common/global-id';
import { IncidentStatusChange } from '../incidents/incident-status-change.entity';
import { Incident } from '../incidents/incident.entity';
import { combinedHash, sha256 } from '../common/hashing';
import { NetworkService } from '../services/network-service.entity';
import { Dispute, DisputeFinding, DisputeTransition } from './dispute.entity';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import { CreditLedgerEntry, SlaMonthSnapshot } from './ledger/credit-ledger.entity';
import { snapshotContent } from './ledger/month-close';
import { ReconciliationFinding } from './reconciliation.entity';
import { FindingType } from './reconciliation-rules';

/** What a dispute's evidence pack is made of, in the order the manifest lists them. */
export type EvidencePart = 'dispute' | 'invoice' | 'finding' | 'invoiceLine' | 'credit' | 'snapshot' | 'incident';

/** A source row as the pack holds it: plain JSON, and the SHA-256 of its canonical JSON without `sha256`. */
export type EvidenceRow = { readonly id: string; readonly sha256: string } & Record<string, unknown>;

/** A frozen SLA month as the pack holds it: `sha256` is of `content`, exactly as stored and served. */
export interface EvidenceSnapshot {
  id: string;
  contract: string;
  period: string;
  revision: number;
  closedAt: string;
  sha256: string;
  content: string;
}

export interface EvidenceManifestEntry {
  part: EvidencePart;
  id: string;
  sha256: string;
}

/** The pack as an auditor receives it (see scripts/verify-evidence-pack.js for how it is checked). */
export interface EvidencePackDocument {
  kind: 'DISPUTE_EVIDENCE_PACK';
  format: 1;
  dispute: EvidenceRow;
  invoice: EvidenceRow;
  findings: EvidenceRow[];
  invoiceLines: EvidenceRow[];
  credits: EvidenceRow[];
  snapshots: EvidenceSnapshot[];
  incidents: EvidenceRow[];
  manifest: EvidenceManifestEntry[];
  packSha256: string;
}

/** The pack as served: the JSON document, the same rows as CSV, and the pack hash both carry. */
export interface EvidencePack {
  json: string;
  csv: string;
  sha256: string;
}

const money = (value: Pence | null): string | null => (value === null ? null : formatMoney(value));
const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());
const idOrNull = (typename: string, id: number | null): string | null => (id === null ? null : toGlobalId(typename, id));

/** A row stamped with the hash of its own canonical JSON: what an auditor recomputes. */
function hashed(id: string, fields: Record<string, unknown>): EvidenceRow {
  const row = { ...fields, id };
  return { ...row, sha256: sha256(canonicalJson(row)) };
}

/**
 * A dispute's evidence pack (issue 17): the dispute and its history, the invoice, the findings
 * it stands on, the invoice lines they name, and for missing credits the ledger entries
 * claimed, the frozen SLA months they are final in and the incidents behind resolution
 * credits. Every row carries the SHA-256 of its canonical JSON and the manifest lists them
 * all; `packSha256` is the combined hash of the manifest, so an auditor can check the pack
 * without our database. Nothing in it depends on when it was made: the same records give the
 * same bytes. NOT_FOUND for a dispute the viewer does not see.
 */
export async function evidencePack(ctx: RequestContext, disputeId: number): Promise<EvidencePack> {
  // one transaction: on MariaDB every read sees the same moment, so the rows agree with each other
  const document = await ctx.transaction((tx) => evidenceDocument(tx, disputeId));
  return { json: canonicalJson(document), csv: evidenceCsv(document), sha256: document.packSha256 };
}

/** The pack as a document (see evidencePack). */
async function evidenceDocument(ctx: RequestContext, disputeId: number): Promise<EvidencePackDocument> {
  const dispute = await findVisible(ctx, Dispute, disputeId, Dispute.typename);
  const invoice = await ctx.repository(Invoice).findOneByOrFail({ id: dispute.invoiceId });
  const history = await ctx.repository(DisputeTransition).find({ where: { disputeId: dispute.id }, order: { id: 'ASC' } });
  const links = await ctx.repository(DisputeFinding).find({ where: { disputeId: dispute.id } });
  const findings = links.length
    ? await ctx.repository(ReconciliationFinding).find({ where: { id: In(links.map((l) => l.findingId)) }, order: { id: 'ASC' } })
    : [];
  const lineIds = [...new Set(findings.map((f) => f.lineId).filter((id): id is number => id !== null))];
  const lines = lineIds.length ? await ctx.repository(InvoiceLine).find({ where: { id: In(lineIds) }, order: { id: 'ASC' } }) : [];
  const creditFindingIds = findings.filter((f) => f.type === FindingType.MISSING_SERVICE_CREDIT).map((f) => f.id);
  const credits = creditFindingIds.length
    ? await ctx
        .repository(CreditLedgerEntry)
        .find({ where: [{ claimedDisputeId: dispute.id }, { claimedFindingId: In(creditFindingIds) }], order: { id: 'ASC' } })
    : [];
  const snapshotIds = [...new Set(credits.map((c) => c.snapshotId).filter((id): id is number => id !== null))];
  const snapshots = snapshotIds.length
    ? await ctx.repository(SlaMonthSnapshot).find({ where: { id: In(snapshotIds) }, order: { id: 'ASC' } })
    : [];
  const incidentIds = [...new Set(credits.map((c) => c.incidentId).filter((id): id is number => id !== null))];
  const incidents = incidentIds.length ? await ctx.repository(Incident).find({ where: { id: In(incidentIds) }, order: { id: 'ASC' } }) : [];
  const statusChanges = incidentIds.length
    ? await ctx.repository(IncidentStatusChange).find({ where: { incidentId: In(incidentIds) }, order: { changedAt: 'ASC', id: 'ASC' } })
    : [];

  const contractIds = [
    ...new Set(
      [...findings.map((f) => f.contractId), ...credits.map((c) => c.contractId), ...snapshots.map((s) => s.contractId)].filter(
        (id): id is number => id !== null,
      ),
    ),
  ];
  const contracts = new Map(
    (contractIds.length ? await ctx.repository(Contract).findBy({ id: In(contractIds) }) : []).map((c) => [c.id, c.reference]),
  );
  const serviceIds = [
    ...new Set([...credits.map((c) => c.serviceId), ...incidents.map((i) => i.serviceId)].filter((id): id is number => id !== null)),
  ];
  const services = new Map(
    (serviceIds.length ? await ctx.repository(NetworkService).findBy({ id: In(serviceIds) }) : []).map((s) => [s.id, s.reference]),
  );
  const snapshotById = new Map(snapshots.map((s) => [s.id, s]));
  const feedRun = (id: number | null) => idOrNull(FeedRun.typename, id);

  const disputeRow = hashed(dispute.globalId, {
    state: dispute.state,
    disputedAmount: formatMoney(dispute.disputedAmount),
    creditedAmount: formatMoney(dispute.creditedAmount),
    evidence: dispute.evidence,
    deadline: dispute.deadline,
    raisedAt: iso(dispute.createdAt),
    invoice: invoice.globalId,
    history: history.map((t) => ({
      at: iso(t.createdAt),
      fromState: t.fromState,
      toState: t.toState,
      reason: t.reason,
      changedBy: t.changedBy,
      automatic: t.automatic,
    })),
  });
  const invoiceRow = hashed(invoice.globalId, {
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: invoice.invoiceDate,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    netTotal: formatMoney(invoice.netTotal),
    vatTotal: formatMoney(invoice.vatTotal),
    grossTotal: formatMoney(invoice.grossTotal),
    contentHash: invoice.contentHash,
    feedRun: feedRun(invoice.feedRunId),
  });
  const findingRows = findings.map((f) =>
    hashed(f.globalId, {
      type: f.type,
      expectedAmount: money(f.expectedAmount),
      invoicedAmount: money(f.invoicedAmount),
      difference: formatMoney(f.difference),
      disputable: f.disputable,
      explanation: f.explanation,
      period: f.period,
      contract: idOrNull(Contract.typename, f.contractId),
      contractReference: f.contractId === null ? null : (contracts.get(f.contractId) ?? null),
      serviceReference: f.serviceReference,
      lineNumber: f.lineNumber,
      invoiceLine: idOrNull(InvoiceLine.typename, f.lineId),
    }),
  );
  const lineRows = lines.map((line) =>
    hashed(line.globalId, {
      invoice: toGlobalId(Invoice.typename, line.invoiceId),
      lineNumber: line.lineNumber,
      serviceReference: line.serviceReference,
      chargeType: line.chargeType,
      description: line.description,
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      netAmount: formatMoney(line.netAmount),
      vatRate: line.vatRate,
      vatAmount: formatMoney(line.vatAmount),
      sourceLocation: line.sourceLocation,
      feedRun: line.invoiceId === invoice.id ? feedRun(invoice.feedRunId) : null,
    }),
  );
  const creditRows = credits.map((c) => {
    const snapshot = c.snapshotId === null ? undefined : snapshotById.get(c.snapshotId);
    return hashed(c.globalId, {
      key: c.entryKey,
      contract: toGlobalId(Contract.typename, c.contractId),
      contractReference: contracts.get(c.contractId) ?? null,
      period: c.period,
      termKind: c.termKind,
      severity: c.severity,
      serviceReference: c.serviceId === null ? null : (services.get(c.serviceId) ?? null),
      incident: idOrNull(Incident.typename, c.incidentId),
      reason: c.reason,
      final: c.final,
      owedBeforeCap: formatMoney(c.owedBeforeCap),
      owed: formatMoney(c.owed),
      revisedOwed: money(c.revisedOwed),
      received: formatMoney(c.received),
      waived: formatMoney(c.waived),
      outstanding: formatMoney(c.outstanding),
      claimedFinding: idOrNull(ReconciliationFinding.typename, c.claimedFindingId),
      claimedDispute: idOrNull(Dispute.typename, c.claimedDisputeId),
      snapshot: snapshot ? { id: snapshot.globalId, revision: snapshot.revision, sha256: snapshot.sha256 } : null,
    });
  });
  const snapshotRows: EvidenceSnapshot[] = [];
  for (const s of snapshots) {
    snapshotRows.push({
      id: s.globalId,
      contract: contracts.get(s.contractId) ?? toGlobalId(Contract.typename, s.contractId),
      period: s.period,
      revision: s.revision,
      closedAt: s.closedAt.toISOString(),
      sha256: s.sha256,
      content: await snapshotContent(ctx, s.id),
    });
  }
  const incidentRows = incidents.map((i) =>
    hashed(i.globalId, {
      supplierRef: i.supplierRef,
      externalId: i.externalId,
      origin: i.origin,
      serviceReference: services.get(i.serviceId) ?? null,
      severity: i.severity,
      priority: i.priority,
      status: i.status,
      summary: i.summary,
      openedAt: iso(i.openedAt),
      acknowledgedAt: iso(i.acknowledgedAt),
      resolvedAt: iso(i.resolvedAt),
      closedAt: iso(i.closedAt),
      feedRun: feedRun(i.lastFeedRunId),
      statusHistory: statusChanges
        .filter((s) => s.incidentId === i.id)
        .map((s) => ({ status: s.status, changedAt: iso(s.changedAt), reason: s.reason })),
    }),
  );

  const entry =
    (part: EvidencePart) =>
    (row: { id: string; sha256: string }): EvidenceManifestEntry => ({ part, id: row.id, sha256: row.sha256 });
  const manifest = [
    entry('dispute')(disputeRow),
    entry('invoice')(invoiceRow),
    ...findingRows.map(entry('finding')),
    ...lineRows.map(entry('invoiceLine')),
    ...creditRows.map(entry('credit')),
    ...snapshotRows.map(entry('snapshot')),
    ...incidentRows.map(entry('incident')),
  ];
  return {
    kind: 'DISPUTE_EVIDENCE_PACK',
    format: 1,
    dispute: disputeRow,
    invoice: invoiceRow,
    findings: findingRows,
    invoiceLines: lineRows,
    credits: creditRows,
    snapshots: snapshotRows,
    incidents: incidentRows,
    manifest,
    packSha256: combinedHash(manifest.map((m) => m.sha256)),
  };
}

interface CsvRow {
  part: EvidencePart | 'manifest';
  id: string;
  sha256: string;
  row: string;
}

/**
 * The pack as a spreadsheet: a row per source row (part, id, sha256 and the row's canonical
 * JSON, whose hash is sha256; a snapshot's `row` is its content), in manifest order, then the
 * manifest itself with the pack hash. Text cells are neutralised against formulas.
 */
function evidenceCsv(document: EvidencePackDocument): string {
  const withoutHash = ({ sha256: _hash, ...row }: EvidenceRow) => canonicalJson(row);
  const rows: CsvRow[] = [];
  const add = (part: EvidencePart, row: EvidenceRow) => rows.push({ part, id: row.id, sha256: row.sha256, row: withoutHash(row) });
  add('dispute', document.dispute);
  add('invoice', document.invoice);
  document.findings.forEach((row) => add('finding', row));
  document.invoiceLines.forEach((row) => add('invoiceLine', row));
  document.credits.forEach((row) => add('credit', row));
  document.snapshots.forEach((s) => rows.push({ part: 'snapshot', id: s.id, sha256: s.sha256, row: s.content }));
  document.incidents.forEach((row) => add('incident', row));
  rows.push({ part: 'manifest', id: document.dispute.id, sha256: document.packSha256, row: canonicalJson(document.manifest) });
  return spreadsheetCsv<CsvRow>(
    [
      { header: 'part', text: (r) => r.part },
      { header: 'id', text: (r) => r.id },
      { header: 'sha256', text: (r) => r.sha256 },
      { header: 'row', text: (r) => r.row },
    ],
    rows,
  );
}
