import { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import { In, type DataSource } from 'typeorm';
import { Invoice } from '../src/billing/invoice.entity';
import { DisputeCredit } from '../src/billing/dispute.entity';
import { InvoiceLine } from '../src/billing/invoice-line.entity';
import { CreditLedgerEntry, CreditReceipt, SlaMonthSnapshot, SlaMonthSnapshotPart } from '../src/billing/ledger/credit-ledger.entity';
import { FindingType } from '../src/billing/reconciliation-rules';
import { ReconciliationFinding } from '../src/billing/reconciliation.entity';
import { sqlTimestamp } from '../src/common/dates';
import { formatMoney, type Pence } from '../src/common/money';
import type { AppConfig } from '../src/config/config';
import type { StatementCounter } from '../src/db/statement-counter';
import { FeedRunStatus, FeedSource } from '../src/feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../src/feed-records/records';
import { IncidentStatus } from '../src/incidents/incident-status';
import { createServices, type Services } from '../src/services';
import { Incident, IncidentOrigin } from '../src/incidents/incident.entity';
import { NetworkService } from '../src/services/network-service.entity';
import { createOrganisation } from './sla.bench';
import { benchContext, median, round } from './support';

const ZONE = 'Europe/London';
const MONTHS = 12;
/** one service in OUTAGE_EVERY has an eight-hour outage in a month (a different one each month) */
const OUTAGE_EVERY = 15;
/** one service in INCIDENT_EVERY has a Severity 1 incident resolved in seven hours (target five) */
const INCIDENT_EVERY = 60;
/** months whose credits come on a credit note of their own before the invoice is reconciled */
const CREDITED_FIRST = 4;

/** What one size of the scenario measured: times, and the SQL statements of each step. */
interface LedgerRun {
  services: number;
  entries: number;
  closeMs: number;
  closeStatements: number;
  /** of which writes and reads of many rows in chunks: entries (500), snapshot pieces (50), downtime ranges read (500) */
  closeChunks: number;
  refreshMs: number;
  refreshStatements: number;
  invoiceIngestMs: number;
  monthCreditNoteLines: number;
  monthCreditNoteMatchStatements: number;
  monthCreditNoteMatchChunks: number;
  reconcileMs: number;
  reconcileStatements: number;
  missingCreditFindings: number;
  claimedEntries: number;
  yearCreditNoteLines: number;
  yearCreditNoteMatchStatements: number;
  yearCreditNoteMatchChunks: number;
  yearCreditNoteMatchMs: number;
  queryMs: number;
  queryStatements: number;
  outstandingAfter: Pence;
}

/**
 * The credit ledger at a supplier's scale: one contract of `services` services with twelve
 * closed months of SLA data (outages and late Severity 1 incidents, so credits are owed),
 * twelve monthly invoices of a rental line per service and credit notes naming service and
 * period, all through the real feed pipeline. Measures closing the twelve months, a refresh
 * with nothing to close, reconciling the latest invoice (which refreshes the ledger and claims
 * the missing credits), matching credit notes and reading the ledger — and runs it all again
 * at a tenth of the size: the statements of each step must not grow with the lines.
 */
export async function ledgerBenchmark(dataSource: DataSource, config: AppConfig, statements: StatementCounter, services: number) {
  // months are final the moment they end, and the ledger covers the twelve closed months and this one
  const ledgerConfig: AppConfig = { ...config, sla: { ...config.sla, monthGraceDays: 0, ledgerMonths: MONTHS + 1 } };
  const small = await ledgerRun(dataSource, ledgerConfig, statements, Math.max(100, services / 10), 'LGS');
  const large = await ledgerRun(dataSource, ledgerConfig, statements, services, 'LGL');
  const failures: string[] = [];
  const must = (what: string, a: number, b: number) => {
    if (a !== b)
      failures.push(`${what} issued ${b} statements at ${large.services} services and ${a} at ${small.services}: they must be equal`);
  };
  // closing and matching write (and closing reads downtime) in chunks of rows: beyond those chunks, the statements must be equal
  const chunksOnly = (what: string, a: number, aChunks: number, b: number, bChunks: number) => {
    if (a - aChunks !== b - bChunks)
      failures.push(
        `${what} issued ${b} statements (${bChunks} of them chunks) at ${large.services} services and ${a} (${aChunks} chunks) ` +
          `at ${small.services}: beyond the chunks they must be equal`,
      );
  };
  must('the ledger refresh with nothing to close', small.refreshStatements, large.refreshStatements);
  must('the reconciliation (with its ledger refresh and claims)', small.reconcileStatements, large.reconcileStatements);
  chunksOnly('closing twelve months', small.closeStatements, small.closeChunks, large.closeStatements, large.closeChunks);
  must('the creditLedger query', small.queryStatements, large.queryStatements);
  chunksOnly(
    "matching a month's credit note",
    small.monthCreditNoteMatchStatements,
    small.monthCreditNoteMatchChunks,
    large.monthCreditNoteMatchStatements,
    large.monthCreditNoteMatchChunks,
  );
  chunksOnly(
    "matching the year's credit note",
    small.yearCreditNoteMatchStatements,
    small.yearCreditNoteMatchChunks,
    large.yearCreditNoteMatchStatements,
    large.yearCreditNoteMatchChunks,
  );
  if (failures.length) {
    console.error(JSON.stringify({ small, large }, (_, value) => (typeof value === 'bigint' ? value.toString() : value), 2));
    throw new Error(`LEDGER BENCH FAILED: statements grew with the lines:\n  ${failures.join('\n  ')}`);
  }
  const key = services >= 10_000 ? '10k' : `${services}`;
  const smallKey = small.services >= 1_000 ? `${small.services / 1_000}k` : `${small.services}`;
  return {
    ledgerServices: large.services,
    ledgerMonths: MONTHS,
    ledgerEntries: large.entries,
    ledgerCloseTwelveMonthsMs: round(large.closeMs),
    ledgerCloseStatements: large.closeStatements,
    [`ledgerCloseStatementsAt${smallKey}`]: small.closeStatements,
    ledgerCloseChunks: large.closeChunks,
    [`ledgerCloseChunksAt${smallKey}`]: small.closeChunks,
    ledgerRefreshMs: round(large.refreshMs),
    ledgerRefreshStatements: large.refreshStatements,
    [`ledgerRefreshStatementsAt${smallKey}`]: small.refreshStatements,
    [`reconcileWithLedger${key}Ms`]: round(large.reconcileMs),
    reconcileWithLedgerStatements: large.reconcileStatements,
    [`reconcileWithLedgerStatementsAt${smallKey}`]: small.reconcileStatements,
    reconcileWithLedgerMissingCreditFindings: large.missingCreditFindings,
    reconcileWithLedgerClaimedEntries: large.claimedEntries,
    creditMatchMonthLines: large.monthCreditNoteLines,
    creditMatchMonthStatements: large.monthCreditNoteMatchStatements,
    [`creditMatchMonthStatementsAt${smallKey}`]: small.monthCreditNoteMatchStatements,
    creditMatchMonthChunks: large.monthCreditNoteMatchChunks,
    [`creditMatchMonthChunksAt${smallKey}`]: small.monthCreditNoteMatchChunks,
    creditMatchYearLines: large.yearCreditNoteLines,
    creditMatchYearMs: round(large.yearCreditNoteMatchMs),
    creditMatchYearStatements: large.yearCreditNoteMatchStatements,
    [`creditMatchYearStatementsAt${smallKey}Lines${small.yearCreditNoteLines}`]: small.yearCreditNoteMatchStatements,
    creditMatchYearChunks: large.yearCreditNoteMatchChunks,
    [`creditMatchYearChunksAt${smallKey}`]: small.yearCreditNoteMatchChunks,
    creditLedgerQueryMs: round(large.queryMs),
    creditLedgerQueryStatements: large.queryStatements,
    [`creditLedgerQueryStatementsAt${smallKey}`]: small.queryStatements,
    ledgerInvoiceIngestMs: round(large.invoiceIngestMs),
    ledgerOutstandingAfterYearCreditNote: formatMoney(large.outstandingAfter),
  };
}

/** The twelve months before this one, oldest first, with their UK days. */
function pastMonths(): { period: string; first: DateTime; days: string[] }[] {
  const current = DateTime.now().setZone(ZONE).startOf('month');
  return Array.from({ length: MONTHS }, (_, i) => {
    const first = current.minus({ months: MONTHS - i });
    const days = Array.from({ length: first.daysInMonth! }, (_, d) => first.plus({ days: d }).toISODate()!);
    return { period: first.toFormat('yyyy-MM'), first, days };
  });
}

async function ledgerRun(
  dataSource: DataSource,
  config: AppConfig,
  statements: StatementCounter,
  size: number,
  prefix: string,
): Promise<LedgerRun> {
  const services = createServices(config);
  const { organisationId, supplierId, contractIds } = await createOrganisation(dataSource, size, {
    odsCode: `R${prefix}`,
    prefix,
    perContract: size,
  });
  const contractId = contractIds[0]!;
  const ctx = () => benchContext(dataSource, config, organisationId);
  const held = await dataSource.getRepository(NetworkService).find({ where: { organisationId }, order: { id: 'ASC' } });
  const referenceOf = new Map(held.map((service) => [service.id, service.reference]));
  const months = pastMonths();
  await loadMonths(dataSource, contractId, organisationId, supplierId, held, months);

  const measure = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number; issued: number }> => {
    const before = statements.statements;
    const started = process.hrtime.bigint();
    const value = await work();
    return { value, ms: Number(process.hrtime.bigint() - started) / 1e6, issued: statements.statements - before };
  };

  // 1. the first refresh closes the twelve months
  const close = await measure(() => services.creditLedger.refresh(ctx(), { supplierId }));
  const snapshots = await dataSource.getRepository(SlaMonthSnapshot).countBy({ contractId });
  if (snapshots !== MONTHS) throw new Error(`expected ${MONTHS} closed months, got ${snapshots}`);
  const entries = await dataSource.getRepository(CreditLedgerEntry).find({ where: { contractId }, order: { period: 'ASC', id: 'ASC' } });
  const expectedEntries = months.reduce(
    (sum, _, m) =>
      sum + held.filter((s) => (s.id + m) % OUTAGE_EVERY === 0).length + held.filter((s) => (s.id + m) % INCIDENT_EVERY === 7).length,
    0,
  );
  if (entries.filter((e) => e.final).length !== expectedEntries)
    throw new Error(`expected ${expectedEntries} final credits, got ${entries.filter((e) => e.final).length}`);

  // 2. steady state: nothing to close (this month stays provisional and is recomputed)
  await services.creditLedger.refresh(ctx(), { supplierId });
  const refreshes: { ms: number; issued: number }[] = [];
  for (let pass = 0; pass < 3; pass += 1) refreshes.push(await measure(() => services.creditLedger.refresh(ctx(), { supplierId })));
  const refreshIssued = new Set(refreshes.map((r) => r.issued));
  if (refreshIssued.size !== 1) throw new Error(`steady refreshes issued different statement counts: ${[...refreshIssued].join(', ')}`);

  // 3. a year of monthly invoices, a rental line per service, through the feed pipeline
  const ingestStarted = process.hrtime.bigint();
  for (const [m, month] of months.entries()) {
    const lines = held.map((service) => ({
      reference: service.reference,
      type: 'RECURRING',
      net: service.monthlyCharge,
      from: '',
      to: '',
    }));
    await send(
      services,
      ctx(),
      supplierId,
      documentCsv(`${prefix}-INV-${m + 1}`, month.first.plus({ months: 1 }).toISODate()!, month, lines),
    );
  }
  const invoiceIngestMs = Number(process.hrtime.bigint() - ingestStarted) / 1e6;

  // what the supplier's credit notes match, counted inside the ledger's matching (the feed's own work apart)
  const matched: { issued: number; ms: number }[] = [];
  const match = services.creditLedger.match.bind(services.creditLedger);
  services.creditLedger.match = async (...args) => {
    const run = await measure(() => match(...args));
    matched.push(run);
  };
  const creditNote = async (number: string, invoiceDate: string, of: readonly (typeof months)[number][]) => {
    const periods = new Set(of.map((month) => month.period));
    const owed = (
      await dataSource.getRepository(CreditLedgerEntry).find({ where: { contractId }, order: { period: 'ASC', id: 'ASC' } })
    ).filter((e) => periods.has(e.period) && e.outstanding > 0n);
    const lines = owed.map((entry) => {
      const { first } = months.find((month) => month.period === entry.period)!;
      return {
        reference: referenceOf.get(entry.serviceId!)!,
        type: 'CREDIT',
        net: -entry.outstanding,
        from: first.toISODate()!,
        to: first.endOf('month').toISODate()!,
      };
    });
    matched.length = 0;
    await send(services, ctx(), supplierId, documentCsv(number, invoiceDate, of[0]!, lines));
    if (matched.length !== 1) throw new Error(`expected one matching of ${number}, saw ${matched.length}`);
    return { lines: lines.length, ...matched[0]!, chunks: await matchChunks(dataSource, organisationId, number) };
  };

  // 4. the first months' credits arrive on credit notes of their own
  const monthNotes: Awaited<ReturnType<typeof creditNote>>[] = [];
  for (let m = 0; m < CREDITED_FIRST; m += 1)
    monthNotes.push(await creditNote(`${prefix}-CN-${m + 1}`, months[m]!.first.plus({ months: 1 }).toISODate()!, [months[m]!]));

  // 5. the latest invoice reconciled: the ledger refreshed, the months not credited claimed as missing
  const latest = await dataSource.getRepository(Invoice).findOneByOrFail({ organisationId, invoiceNumber: `${prefix}-INV-${MONTHS}` });
  await services.reconciliation.reconcile(ctx(), latest.id); // first run: findings created
  const reconciles: { ms: number; issued: number }[] = [];
  for (let pass = 0; pass < 3; pass += 1) reconciles.push(await measure(() => services.reconciliation.reconcile(ctx(), latest.id)));
  const reconcileIssued = new Set(reconciles.map((r) => r.issued));
  if (reconcileIssued.size !== 1) throw new Error(`reconciliations issued different statement counts: ${[...reconcileIssued].join(', ')}`);
  const missing = await dataSource
    .getRepository(ReconciliationFinding)
    .find({ where: { invoiceId: latest.id, type: FindingType.MISSING_SERVICE_CREDIT } });
  // the months between the credited ones and the invoice's own
  if (missing.length !== MONTHS - 1 - CREDITED_FIRST)
    throw new Error(`expected ${MONTHS - 1 - CREDITED_FIRST} missing-credit findings, got ${missing.length}`);
  const claimedEntries = await dataSource.getRepository(CreditLedgerEntry).countBy({ contractId, claimedInvoiceId: latest.id });

  // 6. the claim disputed, then the year's remaining credits on one credit note: matched, and the dispute credited
  const dispute = await services.disputes.raise(
    ctx(),
    missing.map((f) => f.id),
    'SLA month snapshots',
  );
  const yearNote = await creditNote(`${prefix}-CN-YEAR`, DateTime.now().setZone(ZONE).toISODate()!, months.slice(CREDITED_FIRST));
  const credited = await services.disputes.get(ctx(), dispute.id);
  if (credited.creditedAmount !== credited.disputedAmount)
    throw new Error(`the dispute was credited ${formatMoney(credited.creditedAmount)} of ${formatMoney(credited.disputedAmount)}`);
  const after = await dataSource.getRepository(CreditLedgerEntry).find({ where: { contractId, final: true } });
  const outstandingAfter = after.reduce((sum, entry) => sum + entry.outstanding, 0n);
  services.creditLedger.match = match;

  // 7. the creditLedger query over the contract's months, through the service, as the resolver asks it
  await services.creditLedger.entries(ctx(), { contractId });
  const queries: { ms: number; issued: number }[] = [];
  for (let pass = 0; pass < 3; pass += 1) {
    queries.push(
      await measure(async () => {
        const all = await services.creditLedger.entries(ctx(), { contractId });
        return services.creditLedger.totals(all);
      }),
    );
  }

  return {
    services: size,
    entries: expectedEntries,
    closeMs: close.ms,
    closeStatements: close.issued,
    closeChunks: await closeChunks(
      dataSource,
      contractId,
      entries,
      months.map((_, m) => held.filter((s) => (s.id + m) % OUTAGE_EVERY === 0).length),
    ),
    refreshMs: median(refreshes.map((r) => r.ms)),
    refreshStatements: refreshes[0]!.issued,
    invoiceIngestMs,
    monthCreditNoteLines: monthNotes[0]!.lines,
    monthCreditNoteMatchStatements: monthNotes[0]!.issued,
    monthCreditNoteMatchChunks: monthNotes[0]!.chunks,
    reconcileMs: median(reconciles.map((r) => r.ms)),
    reconcileStatements: reconciles[0]!.issued,
    missingCreditFindings: missing.length,
    claimedEntries,
    yearCreditNoteLines: yearNote.lines,
    yearCreditNoteMatchStatements: yearNote.issued,
    yearCreditNoteMatchChunks: yearNote.chunks,
    yearCreditNoteMatchMs: yearNote.ms,
    queryMs: median(queries.map((q) => q.ms)),
    queryStatements: queries[0]!.issued,
    outstandingAfter,
  };
}

const chunks = (rows: number, size: number) => Math.ceil(rows / size);

/**
 * The statements closing spent in chunks: each month's entries inserted (500 a statement), its snapshot's pieces (50),
 * its down days' hours read (500 ranges).
 */
async function closeChunks(
  dataSource: DataSource,
  contractId: number,
  entries: readonly CreditLedgerEntry[],
  outages: readonly number[],
): Promise<number> {
  const snapshots = await dataSource.getRepository(SlaMonthSnapshot).find({ where: { contractId } });
  const parts = await dataSource
    .getRepository(SlaMonthSnapshotPart)
    .find({ select: { snapshotId: true }, where: { snapshotId: In(snapshots.map((s) => s.id)) } });
  const periods = [...new Set(snapshots.map((s) => s.period))].sort();
  return periods.reduce((sum, period, m) => {
    const snapshot = snapshots.find((s) => s.period === period)!;
    return (
      sum +
      chunks(entries.filter((e) => e.period === period).length, 500) +
      chunks(parts.filter((p) => p.snapshotId === snapshot.id).length, 50) +
      chunks(outages[m]!, 500)
    );
  }, 0);
}

/**
 * The statements matching a credit note spent in chunks: its receipts inserted, the entries' received amounts updated,
 * disputes' credits inserted (500 rows each).
 */
async function matchChunks(dataSource: DataSource, organisationId: number, invoiceNumber: string): Promise<number> {
  const note = await dataSource.getRepository(Invoice).findOneByOrFail({ organisationId, invoiceNumber });
  const receipts = await dataSource.getRepository(CreditReceipt).find({ where: { invoiceId: note.id } });
  const lines = await dataSource.getRepository(InvoiceLine).find({ select: { id: true }, where: { invoiceId: note.id } });
  let disputeCredits = 0;
  for (let at = 0; at < lines.length; at += 500)
    disputeCredits += await dataSource
      .getRepository(DisputeCredit)
      .countBy({ invoiceLineId: In(lines.slice(at, at + 500).map((l) => l.id)) });
  return chunks(receipts.length, 500) + chunks(new Set(receipts.map((r) => r.entryId)).size, 500) + chunks(disputeCredits, 500);
}

/** Sends a supplier document through the feed pipeline; refuses a run that rejected anything. */
async function send(services: Services, ctx: ReturnType<typeof benchContext>, supplierId: number, csv: string): Promise<void> {
  const run = await services.feeds.ingest(ctx, {
    supplierId,
    kind: FeedKind.INVOICE,
    format: FeedFormat.CSV,
    source: FeedSource.CLI,
    sourceName: 'ledger-bench.csv',
    input: Readable.from([csv]),
  });
  if (run.status !== FeedRunStatus.SUCCEEDED || run.rowsRejected > 0)
    throw new Error(`document refused: ${run.status} ${run.failureReason ?? ''} (${run.rowsRejected} rows rejected)`);
}

const vatOf = (net: bigint) => (net < 0n ? -((-net * 20n + 50n) / 100n) : (net * 20n + 50n) / 100n);

/** An invoice or credit note in the invoice CSV template, its totals adding up. */
function documentCsv(
  number: string,
  invoiceDate: string,
  month: { first: DateTime },
  lines: readonly { reference: string; type: string; net: Pence; from: string; to: string }[],
): string {
  const periodStart = month.first.toISODate()!;
  const periodEnd = month.first.endOf('month').toISODate()!;
  const net = lines.reduce((sum, line) => sum + line.net, 0n);
  const tax = lines.reduce((sum, line) => sum + vatOf(line.net), 0n);
  const totals = `${formatMoney(net)},${formatMoney(tax)},${formatMoney(net + tax)}`;
  return [
    'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,' +
      'line_period_start,line_period_end,invoice_net_total,invoice_vat_total,invoice_gross_total',
    ...lines.map(
      (line) =>
        `${number},${invoiceDate},${periodStart},${periodEnd},${line.reference},${line.type},1,${formatMoney(line.net)},` +
        `${formatMoney(line.net)},20,${formatMoney(vatOf(line.net))},${line.from},${line.to},${totals}`,
    ),
  ].join('\n');
}

/**
 * Twelve months of SLA data for the contract, generated in SQL the same way on both dialects:
 * a daily rollup per service and day (fully covered, fully up), one service in OUTAGE_EVERY
 * down eight hours on the month's tenth day (its hourly rollups that day too, the outage's
 * evidence), and one in INCIDENT_EVERY with a Severity 1 incident resolved in seven hours.
 */
async function loadMonths(
  dataSource: DataSource,
  contractId: number,
  organisationId: number,
  supplierId: number,
  held: readonly NetworkService[],
  months: ReturnType<typeof pastMonths>,
): Promise<void> {
  const measures = `latencyCount, latencySumUs, latencyMaxUs, jitterCount, jitterSumUs, jitterMaxUs, packetLossCount, packetLossSumPpm, packetLossMaxPpm,
    utilisationInCount, utilisationInSumBp, utilisationInMaxBp, utilisationOutCount, utilisationOutSumBp, utilisationOutMaxBp`;
  const values = `24, 24 * 8000, 12000, 24, 14400, 900, 24, 2400, 300, 24, 24 * 2000, 8000, 24, 24 * 1500, 6000`;
  const hourValues = `1, 8000, 8000, 1, 600, 600, 1, 100, 100, 1, 2000, 2000, 1, 1500, 1500`;
  for (const [m, month] of months.entries()) {
    const dayTable = month.days.map((day, n) => `SELECT '${day}' AS day, ${n} AS n`).join(' UNION ALL ');
    await dataSource.query(
      `INSERT INTO performance_daily (serviceId, day, qosClass, organisationId, sampleCount, coveredSeconds, upSeconds, ${measures}, ` +
        `utilisationInP95Bp, utilisationOutP95Bp)
       SELECT s.id, d.day, '', s.organisationId, 24, 86400, CASE WHEN (s.id + ${m}) % ${OUTAGE_EVERY} = 0 AND d.n = 9 THEN 57600 ELSE ` +
        `86400 END, ${values}, 7000, 5000
       FROM service s CROSS JOIN (${dayTable}) d WHERE s.contractId = ?`,
      [contractId],
    );
    const outageDay = month.first.plus({ days: 9 });
    const hourTable = Array.from(
      { length: 24 },
      (_, h) => `SELECT '${sqlTimestamp(outageDay.plus({ hours: h }).toJSDate())}' AS hourStart, ${h} AS h`,
    ).join(' UNION ALL ');
    await dataSource.query(
      `INSERT INTO performance_hourly (serviceId, hourStart, qosClass, organisationId, sampleCount, coveredSeconds, upSeconds, ${measures})
       SELECT s.id, h.hourStart, '', s.organisationId, 1, 3600, CASE WHEN h.h >= 8 AND h.h < 16 THEN 0 ELSE 3600 END, ${hourValues}
       FROM service s CROSS JOIN (${hourTable}) h WHERE s.contractId = ? AND (s.id + ${m}) % ${OUTAGE_EVERY} = 0`,
      [contractId],
    );
    const opened = month.first.plus({ days: 11, hours: 9 }).toJSDate();
    const incidents = held
      .filter((service) => (service.id + m) % INCIDENT_EVERY === 7)
      .map((service) => ({
        organisationId,
        supplierId,
        serviceId: service.id,
        supplierRef: `INC-${month.period}-${service.id}`,
        externalId: null,
        origin: IncidentOrigin.SUPPLIER_FEED,
        severity: 1,
        priority: null,
        status: IncidentStatus.CLOSED,
        summary: 'Circuit down',
        openedAt: opened,
        acknowledgedAt: new Date(opened.getTime() + 10 * 60_000),
        resolvedAt: new Date(opened.getTime() + 7 * 3_600_000),
        closedAt: new Date(opened.getTime() + 8 * 3_600_000),
        createdAt: new Date(),
        updatedAt: new Date(),
      }));
    for (let at = 0; at < incidents.length; at += 500) await dataSource.manager.insert(Incident, incidents.slice(at, at + 500));
  }
}
