import { In, IsNull, Not } from 'typeorm';
import { findVisible, tenancy } from '../../auth/tenancy';
import { systemViewer } from '../../organisations/system-viewer';
import { badInput, conflict } from '../../common/errors';
import { monthOf, requirePeriod, ukPeriodOf } from '../../common/calendar';
import type { Pence } from '../../common/money';
import { SYSTEM_ACTOR } from '../../common/system-actor';
import { requiredText } from '../../common/text';
import { Contract } from '../../contracts/contract.entity';
import type { FeedRun } from '../../feed-records/feed-run.entity';
import { RequestContext } from '../../request/context';
import { paginateList, type Connection, type PageArgs } from '../../request/paging';
import { RecordSource, rowSource } from '../../feed-records/record-source';
import { Incident } from '../../incidents/incident.entity';
import { downtimeSources } from '../../sla/downtime-sources';
import { Dispute, DisputeState } from '../dispute.entity';
import { Invoice, InvoiceStatus } from '../invoice.entity';
import { InvoiceLine } from '../invoice-line.entity';
import { ReconciliationFinding } from '../reconciliation.entity';
import { ChargeType } from '../charge-type';
import { CreditLedgerEntry, CreditEntryState, SlaMonthSnapshot } from './credit-ledger.entity';
import { matchCredits } from './credit-matching';
import { MonthCloser, snapshotContent } from './month-close';
import { CreditLedgerMonthType, CreditLedgerType, SupplierCreditsOutstandingType } from './credit-ledger.types';
import { markStale } from './stale-reconciliations';
import { ErrorReason } from '../../common/error-reasons';

/** The ledger's order, and its entries' cursor key: month, contract, entry. */
const keyOf = (entry: CreditLedgerEntry) =>
  `${entry.period}|${String(entry.contractId).padStart(10, '0')}|${String(entry.id).padStart(10, '0')}`;

/** One month of a ledger, added up. */
export interface LedgerMonthTotals {
  period: string;
  supplierId: number;
  final: boolean;
  owed: Pence;
  claimed: Pence;
  received: Pence;
  waived: Pence;
  outstanding: Pence;
  entries: number;
}

export interface LedgerFilter {
  contractId?: number;
  supplierId?: number;
  from?: string;
  to?: string;
  state?: CreditEntryState[];
}

/** An entry's state, from what is recorded on it. */
export function entryState(entry: CreditLedgerEntry): CreditEntryState {
  if (!entry.final) return CreditEntryState.PROVISIONAL;
  if (entry.waived > 0n && entry.outstanding === 0n) return CreditEntryState.WAIVED;
  if (entry.owed > 0n && entry.outstanding === 0n) return CreditEntryState.RECEIVED;
  if (entry.claimedDisputeId !== null || entry.claimedInvoiceId !== null) return CreditEntryState.CLAIMED;
  return CreditEntryState.OWED;
}

/** What of an entry is claimed: its outstanding amount once it is on an invoice's findings or in a dispute, and what was received of it. */
export const claimedOf = (entry: CreditLedgerEntry): Pence =>
  entry.claimedDisputeId !== null || entry.claimedInvoiceId !== null ? entry.owed - entry.waived : 0n;

/**
 * The credit ledger: the one place the loop from breach to credit is kept. Months close into
 * it, reconciliation claims its entries on an invoice, disputes claim them from the
 * supplier, credit lines are matched to them, and a person may waive them. Each entry is
 * claimed once and cleared once.
 */
export class CreditLedgerService {
  readonly months: MonthCloser;

  constructor(months: MonthCloser) {
    this.months = months;
  }

  /** Brings the supplier's contracts in the viewer's organisations up to `now`, and matches credits received. */
  async refresh(ctx: RequestContext, filter: { supplierId?: number; contractId?: number }, now = new Date()): Promise<void> {
    await ctx.transaction(async (tx) => {
      const where: Record<string, unknown> = { ...tenancy.where(tx) };
      if (filter.supplierId !== undefined) where.supplierId = filter.supplierId;
      if (filter.contractId !== undefined) where.id = filter.contractId;
      const contracts = await tx.repository(Contract).find({ where, order: { id: 'ASC' } });
      await this.months.bringUpToDate(tx, contracts, now);
      for (const supplierId of new Set(contracts.map((c) => c.supplierId))) await this.match(tx, supplierId, tx.organisationIds);
    });
  }

  /** Matches the supplier's credit lines and marks stale the reconciliations whose claimed credits were received. */
  async match(ctx: RequestContext, supplierId: number, organisationIds: readonly number[]): Promise<void> {
    const outcome = await matchCredits(ctx, supplierId, organisationIds);
    for (const [invoiceId, why] of outcome.claimsReceived) await markStale(ctx, [invoiceId], `since it ran, ${why}`);
  }

  /**
   * A feed run stored invoices: the supplier's later-dated reconciliations no longer see every
   * earlier charge, so they are stale; its credits are matched to what is owed. Runs as the
   * system, in the organisations the invoices belong to.
   */
  async invoicesArrived(ctx: RequestContext, run: FeedRun): Promise<void> {
    const arrived = await ctx.repository(Invoice).findBy({ feedRunId: run.id, supplierId: run.supplierId });
    for (const organisationId of new Set(arrived.map((invoice) => invoice.organisationId))) {
      const system = new RequestContext(
        ctx.requestId,
        await systemViewer(ctx.manager, organisationId, SYSTEM_ACTOR),
        ctx.manager,
        ctx.config,
        ctx.log,
        true,
      );
      for (const invoice of arrived.filter((i) => i.organisationId === organisationId)) {
        const affected = await affectedBy(system, invoice);
        await markStale(system, affected, `${invoice.invoiceNumber}, dated ${invoice.invoiceDate}, arrived after it was reconciled`);
      }
      await this.refresh(system, { supplierId: run.supplierId });
    }
  }

  /**
   * The entries an invoice may claim as missing credits: final, for months before its billing
   * period, with something outstanding, and claimed by no other invoice. Claims the invoice held
   * are let go first, so a re-run claims afresh.
   */
  async claimable(ctx: RequestContext, invoice: Invoice, contractIds: readonly number[]): Promise<CreditLedgerEntry[]> {
    await ctx
      .repository(CreditLedgerEntry)
      .update(
        { claimedInvoiceId: invoice.id, claimedDisputeId: IsNull() },
        { claimedInvoiceId: null, claimedFindingId: null, updatedAt: new Date() },
      );
    if (contractIds.length === 0) return [];
    return ctx
      .repository(CreditLedgerEntry)
      .createQueryBuilder('entry')
      .where('entry.contractId IN (:...contractIds) AND entry.final = :final AND entry.period < :period', {
        contractIds: [...contractIds],
        final: true,
        period: invoice.periodStart.slice(0, 7),
      })
      .andWhere('entry.owed - entry.received - entry.waived > 0')
      .andWhere('(entry.claimedInvoiceId IS NULL OR entry.claimedInvoiceId = :invoiceId)', { invoiceId: invoice.id })
      .orderBy('entry.contractId', 'ASC')
      .addOrderBy('entry.period', 'ASC')
      .addOrderBy('entry.id', 'ASC')
      .getMany();
  }

  /** Records the invoice's missing-credit findings as the claim on their entries. */
  async claimOnInvoice(ctx: RequestContext, invoice: Invoice, claims: readonly { findingId: number; entryIds: number[] }[]): Promise<void> {
    for (const claim of claims) {
      await ctx
        .repository(CreditLedgerEntry)
        .update({ id: In(claim.entryIds) }, { claimedInvoiceId: invoice.id, claimedFindingId: claim.findingId, updatedAt: new Date() });
    }
  }

  /**
   * A dispute raised on missing-credit findings claims their entries from the supplier. An
   * entry already claimed by a live dispute is a CONFLICT naming it: a credit is asked for once.
   */
  async claimInDispute(ctx: RequestContext, dispute: Dispute, findingIds: readonly number[]): Promise<void> {
    const entries = await ctx.repository(CreditLedgerEntry).findBy({ claimedFindingId: In([...findingIds]) });
    const held = entries.filter((entry) => entry.claimedDisputeId !== null && entry.claimedDisputeId !== dispute.id);
    if (held.length) {
      const other = await ctx.repository(Dispute).findOneBy({ id: held[0]!.claimedDisputeId! });
      if (other && other.state !== DisputeState.WITHDRAWN) {
        throw conflict(`The ${held[0]!.period} credit is already claimed by dispute ${other.globalId} (${other.state})`, {
          reason: ErrorReason.ALREADY_CLAIMED,
        });
      }
    }
    if (entries.length)
      await ctx
        .repository(CreditLedgerEntry)
        .update({ id: In(entries.map((e) => e.id)) }, { claimedDisputeId: dispute.id, updatedAt: new Date() });
  }

  /** A withdrawn dispute lets go of its entries: they may be claimed again. */
  async releaseDispute(ctx: RequestContext, dispute: Dispute): Promise<void> {
    await ctx.repository(CreditLedgerEntry).update({ claimedDisputeId: dispute.id }, { claimedDisputeId: null, updatedAt: new Date() });
  }

  /** Gives up what is outstanding of final entries: only a person, with a reason, and audited. */
  async waive(ctx: RequestContext, entryIds: number[], reason: string): Promise<CreditLedgerEntry[]> {
    const why = requiredText(reason, 'input.reason');
    if (entryIds.length === 0) throw badInput('input.entryIds', 'input.entryIds: name at least one entry', ErrorReason.ENTRIES_REQUIRED);
    return ctx.transaction(async (tx) => {
      const entries: CreditLedgerEntry[] = [];
      for (const id of new Set(entryIds)) entries.push(await findVisible(tx, CreditLedgerEntry, id, CreditLedgerEntry.typename));
      const provisional = entries.find((entry) => !entry.final);
      if (provisional)
        throw conflict(`The ${provisional.period} credit is provisional: its month is not closed, so there is nothing final to waive yet`, {
          reason: ErrorReason.MONTH_OPEN,
        });
      const cleared = entries.find((entry) => entry.outstanding === 0n);
      if (cleared)
        throw conflict(`The ${cleared.period} credit ${cleared.entryKey} has nothing outstanding to waive`, {
          reason: ErrorReason.NOTHING_OUTSTANDING,
        });
      const now = new Date();
      for (const entry of entries) {
        entry.waived += entry.outstanding;
        entry.waivedBy = tx.requireViewer.subject;
        entry.waivedAt = now;
        entry.waivedReason = why.slice(0, 1000);
        await tx.repository(CreditLedgerEntry).save(entry);
      }
      const invoices = [...new Set(entries.map((e) => e.claimedInvoiceId).filter((id): id is number => id !== null))];
      await markStale(tx, invoices, `a claimed credit was waived by ${tx.requireViewer.subject}`);
      return entries;
    });
  }

  /** The viewer's ledger entries, filtered, oldest month first; the months' totals beside them. */
  async entries(ctx: RequestContext, filter: LedgerFilter): Promise<CreditLedgerEntry[]> {
    for (const [field, value] of [
      ['filter.from', filter.from],
      ['filter.to', filter.to],
    ] as const) {
      if (value !== undefined) requirePeriod(value, field);
    }
    if (filter.contractId !== undefined) await findVisible(ctx, Contract, filter.contractId, Contract.typename);
    await this.refresh(ctx, { supplierId: filter.supplierId, contractId: filter.contractId });
    const query = ctx
      .repository(CreditLedgerEntry)
      .createQueryBuilder('entry')
      .where('entry.organisationId IN (:...organisationIds)', { organisationIds: [...ctx.organisationIds] });
    if (filter.contractId !== undefined) query.andWhere('entry.contractId = :contractId', { contractId: filter.contractId });
    if (filter.supplierId !== undefined) query.andWhere('entry.supplierId = :supplierId', { supplierId: filter.supplierId });
    if (filter.from) query.andWhere('entry.period >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.period <= :to', { to: filter.to });
    const entries = await query
      .orderBy('entry.period', 'ASC')
      .addOrderBy('entry.contractId', 'ASC')
      .addOrderBy('entry.id', 'ASC')
      .getMany();
    return filter.state?.length ? entries.filter((entry) => filter.state!.includes(entryState(entry))) : entries;
  }

  /** Totals per supplier and month of the entries given. */
  totals(entries: readonly CreditLedgerEntry[]): LedgerMonthTotals[] {
    const months = new Map<string, LedgerMonthTotals>();
    for (const entry of entries) {
      const key = `${entry.supplierId}|${entry.period}`;
      const month = months.get(key) ?? {
        period: entry.period,
        supplierId: entry.supplierId,
        final: entry.final,
        owed: 0n,
        claimed: 0n,
        received: 0n,
        waived: 0n,
        outstanding: 0n,
        entries: 0,
      };
      month.owed += entry.owed;
      month.claimed += claimedOf(entry);
      month.received += entry.received;
      month.waived += entry.waived;
      month.outstanding += entry.outstanding;
      month.final &&= entry.final;
      month.entries += 1;
      months.set(key, month);
    }
    return [...months.values()].sort((a, b) => (a.period === b.period ? a.supplierId - b.supplierId : a.period < b.period ? -1 : 1));
  }

  /** A month's latest snapshot (or a given revision) of a contract the viewer sees. */
  async snapshot(ctx: RequestContext, contractId: number, period: string, revision?: number): Promise<SlaMonthSnapshot> {
    requirePeriod(period, 'period');
    const contract = await findVisible(ctx, Contract, contractId, Contract.typename);
    await this.refresh(ctx, { contractId });
    const snapshot = await ctx
      .repository(SlaMonthSnapshot)
      .findOne({ where: { contractId, period, ...(revision === undefined ? {} : { revision }) }, order: { revision: 'DESC' } });
    if (snapshot) return snapshot;
    if (revision !== undefined && (await ctx.repository(SlaMonthSnapshot).existsBy({ contractId, period })))
      throw badInput(
        'revision',
        `revision: ${period} of contract ${contract.reference} has no revision ${revision}`,
        ErrorReason.NO_SUCH_REVISION,
      );
    throw conflict(
      `${period} of contract ${contract.reference} is not closed: its figures are provisional until ${ctx.config.sla.monthGraceDays} days ` +
        `after it ends, or it is outside the ledger (CREDIT_LEDGER_MONTHS)`,
      { reason: ErrorReason.MONTH_OPEN },
    );
  }

  /** Recomputes a closed month from the feeds as they now stand: a new revision if anything changed. */
  async revise(ctx: RequestContext, contractId: number, period: string): Promise<SlaMonthSnapshot> {
    requirePeriod(period, 'period');
    return ctx.transaction(async (tx) => {
      const contract = await findVisible(tx, Contract, contractId, Contract.typename);
      await this.months.bringUpToDate(tx, [contract]);
      const closed = await tx.repository(SlaMonthSnapshot).existsBy({ contractId, period });
      if (!closed)
        throw conflict(
          `${period} of contract ${contract.reference} is not closed yet ` +
            `(${period < ukPeriodOf(new Date()) ? `it closes ${tx.config.sla.monthGraceDays} days after it ends` : 'it is not over'}); its ` +
            `figures are provisional`,
          { reason: ErrorReason.MONTH_OPEN },
        );
      const { snapshot, changedClaims } = await this.months.revise(tx, contract, period);
      await markStale(
        tx,
        changedClaims,
        `${period} of contract ${contract.reference} was revised (revision ${snapshot.revision}) and a claimed credit changed`,
      );
      await this.match(tx, contract.supplierId, tx.organisationIds);
      return snapshot;
    });
  }

  /** The viewer's ledger as the API shows it: the entries (filtered), the months' totals, and the totals of final months. */
  async ledger(ctx: RequestContext, filter: LedgerFilter): Promise<CreditLedgerType> {
    const all = await this.entries(ctx, filter);
    const months = this.totals(all);
    const final = months.filter((m) => m.final);
    const sum = (pick: (m: LedgerMonthTotals) => Pence, of = final) => of.reduce((total, m) => total + pick(m), 0n);
    return Object.assign(new CreditLedgerType(), {
      all,
      months: months.map((m) => Object.assign(new CreditLedgerMonthType(), m)),
      totals: {
        owed: sum((m) => m.owed),
        claimed: sum((m) => m.claimed),
        received: sum((m) => m.received),
        waived: sum((m) => m.waived),
        outstanding: sum((m) => m.outstanding),
        provisional: sum(
          (m) => m.owed,
          months.filter((m) => !m.final),
        ),
      },
    });
  }

  /** A page of a ledger's entries (`ledger`), oldest month first. */
  entriesPage(ctx: RequestContext, ledger: CreditLedgerType, page: PageArgs): Connection<CreditLedgerEntry> {
    return paginateList(ledger.all, keyOf, page, { maxPageSize: ctx.config.graphql.maxPageSize });
  }

  /** Credits outstanding across the viewer's suppliers, largest first, each month by month. */
  async outstandingBySupplier(ctx: RequestContext): Promise<SupplierCreditsOutstandingType[]> {
    const entries = (await this.entries(ctx, {})).filter((entry) => entry.final && entry.outstanding > 0n);
    const bySupplier = new Map<number, SupplierCreditsOutstandingType>();
    const supplierOf = (supplierId: number) => {
      const found =
        bySupplier.get(supplierId) ??
        Object.assign(new SupplierCreditsOutstandingType(), { supplierId, outstanding: 0n, claimed: 0n, months: [] });
      bySupplier.set(supplierId, found);
      return found;
    };
    for (const entry of entries) {
      const supplier = supplierOf(entry.supplierId);
      supplier.outstanding += entry.outstanding;
      // what of the outstanding is already asked for: the whole of a claimed entry's, none of an unclaimed one's
      if (claimedOf(entry) > 0n) supplier.claimed += entry.outstanding;
    }
    for (const month of this.totals(entries)) supplierOf(month.supplierId).months.push(Object.assign(new CreditLedgerMonthType(), month));
    return [...bySupplier.values()].sort((a, b) =>
      a.outstanding === b.outstanding ? a.supplierId - b.supplierId : a.outstanding > b.outstanding ? -1 : 1,
    );
  }

  /**
   * The feed rows behind an entry: for a resolution breach, the row that last changed the incident; for availability,
   * the performance runs that delivered the service's samples in the month.
   */
  async sourcesOf(ctx: RequestContext, entry: CreditLedgerEntry): Promise<RecordSource[]> {
    if (entry.incidentId !== null) {
      const incident = await ctx.loaders.byId(Incident).load(entry.incidentId);
      return incident?.lastFeedRunId ? [rowSource(incident.lastFeedRunId, incident.lastFeedLocation)] : [];
    }
    if (entry.serviceId === null) return [];
    const month = monthOf(entry.period);
    return downtimeSources(ctx).load({ serviceId: entry.serviceId, start: new Date(month.start), end: new Date(month.end) });
  }

  /** A snapshot's month as frozen: canonical JSON. */
  snapshotContent(ctx: RequestContext, snapshotId: number): Promise<string> {
    return snapshotContent(ctx, snapshotId);
  }

  /** An entry the viewer sees, or NOT_FOUND. */
  get(ctx: RequestContext, id: number): Promise<CreditLedgerEntry> {
    return findVisible(ctx, CreditLedgerEntry, id, CreditLedgerEntry.typename);
  }
}

/**
 * The reconciled invoices of the supplier a newly arrived, earlier-or-same-dated invoice
 * changes: those whose billing periods overlap it (a charge may now be a duplicate), those
 * with one-off charges when it has some (an order may now be billed already), and the one it
 * now comes just before, when that one has nothing disputable (its variance is measured from
 * the invoice before it).
 */
async function affectedBy(ctx: RequestContext, arrived: Invoice): Promise<number[]> {
  const later = (
    await ctx.repository(Invoice).findBy({
      supplierId: arrived.supplierId,
      organisationId: arrived.organisationId,
      id: Not(arrived.id),
      status: In([InvoiceStatus.RECONCILED, InvoiceStatus.APPROVED, InvoiceStatus.ON_HOLD]),
    })
  ).filter((other) => other.invoiceDate > arrived.invoiceDate || (other.invoiceDate === arrived.invoiceDate && other.id > arrived.id));
  if (later.length === 0) return [];
  const affected = new Set(
    later.filter((other) => other.periodStart <= arrived.periodEnd && other.periodEnd >= arrived.periodStart).map((other) => other.id),
  );
  const oneOffs = await ctx.repository(InvoiceLine).find({
    select: { invoiceId: true },
    where: { invoiceId: In([arrived.id, ...later.map((l) => l.id)]), chargeType: ChargeType.ONE_OFF },
  });
  const withOneOffs = new Set(oneOffs.map((line) => line.invoiceId));
  if (withOneOffs.has(arrived.id)) for (const other of later) if (withOneOffs.has(other.id)) affected.add(other.id);
  const next = [...later].sort((a, b) => (a.invoiceDate === b.invoiceDate ? a.id - b.id : a.invoiceDate < b.invoiceDate ? -1 : 1))[0]!;
  const disputable = await ctx.repository(ReconciliationFinding).existsBy({ invoiceId: next.id, disputable: true });
  if (!disputable) affected.add(next.id);
  return [...affected];
}
