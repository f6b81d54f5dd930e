import { In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { addPeriods, firstDayOf, nextPeriod, periodOfDate, periodsBetween, ukDayStart, ukPeriodOf } from '../../common/calendar';
import { groupBy } from '../../common/collections';
import { addDays } from '../../common/dates';
import { isUniqueViolation } from '../../db/errors';
import type { Contract } from '../../contracts/contract.entity';
import type { RequestContext } from '../../request/context';
import { toGlobalId } from '../../common/global-id';
import { NetworkService } from '../../services/network-service.entity';
import type { SlaReportService } from '../../sla/sla-report.service';
import type { SlaReport } from '../../sla/sla-report.types';
import { Supplier } from '../../suppliers/supplier.entity';
import { CreditLedgerEntry, SlaMonthSnapshot, SlaMonthSnapshotPart } from './credit-ledger.entity';
import { creditDifferences, monthCredits, monthDocument, type MonthCredit } from './month-document';

/** characters per stored piece of a snapshot: four bytes each at most, inside a MySQL TEXT's 65,535 */
const PART_CHARACTERS = 16_000;
const INSERT_CHUNK = 500;
/** entries an UPDATE sets, each to its own figures (a CASE branch and a few parameters each) */
const UPDATE_CHUNK = 200;

/** Whether a month's figures are final at `now`: it has ended and its grace days for late feeds have passed. */
function monthIsFinal(period: string, now: Date, graceDays: number): boolean {
  return now.getTime() >= ukDayStart(addDays(firstDayOf(nextPeriod(period)), graceDays));
}

/**
 * The months a contract's ledger covers at `now`: from its start (at most `ledgerMonths`
 * back) to the current month or the month it ended, oldest first.
 */
function ledgerPeriods(contract: Pick<Contract, 'startDate' | 'endDate'>, now: Date, ledgerMonths: number): string[] {
  const current = ukPeriodOf(now);
  const earliest = addPeriods(current, 1 - ledgerMonths);
  const started = periodOfDate(contract.startDate);
  const ended = periodOfDate(contract.endDate);
  return periodsBetween(started > earliest ? started : earliest, ended < current ? ended : current);
}

/**
 * Keeps each contract's months in the ledger: an open month's credits provisional and
 * recomputed, a month past its grace period closed once — its SLA report frozen as a hashed
 * snapshot and its credits final — and a closed month revised only on request, as a new
 * revision that never changes a figure already claimed or received.
 */
export class MonthCloser {
  /**
   * When each open month was last recomputed, by contract: an open month's figures are
   * provisional, so a ledger read within LEDGER_PROVISIONAL_SECONDS of the last recomputation uses
   * them as they are rather than running the month's SLA report again. Process-local and
   * bounded; closing a month never waits on it.
   */
  private readonly provisionalAt = new Map<string, number>();

  constructor(private readonly slaReports: SlaReportService) {}

  /** Closes the contracts' due months and refreshes their open ones. Run in a transaction. */
  async bringUpToDate(ctx: RequestContext, contracts: readonly Contract[], now = new Date()): Promise<void> {
    if (contracts.length === 0) return;
    const closed = await ctx
      .repository(SlaMonthSnapshot)
      .find({ select: { contractId: true, period: true }, where: { contractId: In(contracts.map((c) => c.id)), revision: 1 } });
    const isClosed = new Set(closed.map((s) => `${s.contractId}|${s.period}`));
    const { monthGraceDays, ledgerMonths } = ctx.config.sla;
    for (const contract of contracts) {
      for (const period of ledgerPeriods(contract, now, ledgerMonths)) {
        if (isClosed.has(`${contract.id}|${period}`)) continue;
        if (monthIsFinal(period, now, monthGraceDays)) {
          await this.close(ctx, contract, period, now);
          continue;
        }
        const key = `${contract.id}|${period}`;
        const last = this.provisionalAt.get(key);
        if (last !== undefined && now.getTime() - last < ctx.config.sla.provisionalSeconds * 1_000 && now.getTime() >= last) continue;
        await this.refreshProvisional(ctx, contract, period, now);
        if (this.provisionalAt.size >= 10_000) this.provisionalAt.clear();
        this.provisionalAt.set(key, now.getTime());
      }
    }
  }

  /** Freezes the month: snapshot revision 1 and final entries in place of the provisional ones. */
  async close(ctx: RequestContext, contract: Contract, period: string, now = new Date()): Promise<SlaMonthSnapshot | null> {
    const { report, credits, content, sha256 } = await this.compute(ctx, contract, period, now);
    const snapshot = await this.saveSnapshot(ctx, contract, period, 1, now, {
      content,
      sha256,
      creditsOwed: report.totals.creditsOwed,
      differences: null,
    });
    if (!snapshot) return null; // another process closed it first
    await this.syncProvisional(ctx, contract, period, credits, snapshot.id);
    return snapshot;
  }

  /**
   * Recomputes a closed month. Unchanged, it is left alone; changed, a new revision records the
   * differences. Entries nobody has claimed, received or waived take the new figure; the others
   * keep theirs and show the new one as `revisedOwed`. Returns the latest revision and the
   * invoices whose claimed credits the revision changed.
   */
  async revise(
    ctx: RequestContext,
    contract: Contract,
    period: string,
    now = new Date(),
  ): Promise<{ snapshot: SlaMonthSnapshot; changedClaims: number[] }> {
    const latest = await ctx
      .repository(SlaMonthSnapshot)
      .findOne({ where: { contractId: contract.id, period }, order: { revision: 'DESC' } });
    if (!latest) {
      const snapshot =
        (await this.close(ctx, contract, period, now)) ??
        (await ctx.repository(SlaMonthSnapshot).findOneByOrFail({ contractId: contract.id, period, revision: 1 }));
      return { snapshot, changedClaims: [] };
    }
    const { report, credits, content, sha256 } = await this.compute(ctx, contract, period, now);
    if (sha256 === latest.sha256) return { snapshot: latest, changedClaims: [] };
    const entries = ctx.repository(CreditLedgerEntry);
    const held = await entries.findBy({ contractId: contract.id, period });
    const current = held
      .map((entry) => ({ entryKey: entry.entryKey, owed: entry.revisedOwed ?? entry.owed }))
      .filter((entry) => entry.owed !== 0n);
    const differences = creditDifferences(current, credits);
    const snapshot = await this.saveSnapshot(ctx, contract, period, latest.revision + 1, now, {
      content,
      sha256,
      creditsOwed: report.totals.creditsOwed,
      differences: JSON.stringify({ from: latest.sha256, credits: differences }),
    });
    if (!snapshot) return { snapshot: latest, changedClaims: [] };

    const byKey = new Map(held.map((entry) => [entry.entryKey, entry]));
    const changedClaims = new Set<number>();
    const fresh: MonthCredit[] = [];
    const next = new Map(credits.map((credit) => [credit.entryKey, credit]));
    const changes: EntryChange[] = [];
    for (const entry of held) {
      const credit = next.get(entry.entryKey);
      const owed = credit?.owed ?? 0n;
      const touched = entry.claimedInvoiceId !== null || entry.claimedDisputeId !== null || entry.received > 0n || entry.waived > 0n;
      if (touched) {
        if (owed !== entry.owed) {
          changes.push({ id: entry.id, set: { revisedOwed: owed, snapshotId: snapshot.id } });
          if (entry.claimedInvoiceId !== null) changedClaims.add(entry.claimedInvoiceId);
        }
      } else {
        changes.push({
          id: entry.id,
          set: {
            owed,
            owedBeforeCap: credit?.owedBeforeCap ?? 0n,
            reason: credit?.reason ?? `${entry.reason.slice(0, 900)} (not owed from revision ${snapshot.revision})`,
            revisedOwed: null,
            snapshotId: snapshot.id,
          },
        });
      }
    }
    await updateEntries(ctx, changes);
    for (const credit of credits) if (!byKey.has(credit.entryKey)) fresh.push(credit);
    await this.insertEntries(ctx, contract, period, fresh, snapshot.id);
    return { snapshot, changedClaims: [...changedClaims] };
  }

  /** The open month's credits as they stand, replacing the last provisional figures. */
  private async refreshProvisional(ctx: RequestContext, contract: Contract, period: string, now: Date): Promise<void> {
    const report = await this.slaReports.report(ctx, contract.id, period, now, { evidence: false });
    await this.syncProvisional(ctx, contract, period, monthCredits(report), null);
  }

  /**
   * Brings the month's provisional entries to `credits`, keeping each entry's id while its key
   * stands (a client holding one still finds it): changed figures updated, new credits added,
   * credits no longer owed removed. With a snapshot, they become final in it.
   */
  private async syncProvisional(
    ctx: RequestContext,
    contract: Contract,
    period: string,
    credits: readonly MonthCredit[],
    snapshotId: number | null,
  ): Promise<void> {
    const entries = ctx.repository(CreditLedgerEntry);
    const held = new Map((await entries.findBy({ contractId: contract.id, period, final: false })).map((entry) => [entry.entryKey, entry]));
    const wanted = new Set(credits.map((credit) => credit.entryKey));
    const gone = [...held.values()].filter((entry) => !wanted.has(entry.entryKey)).map((entry) => entry.id);
    for (let at = 0; at < gone.length; at += INSERT_CHUNK) await entries.delete({ id: In(gone.slice(at, at + INSERT_CHUNK)) });
    const changes: EntryChange[] = [];
    for (const credit of credits) {
      const entry = held.get(credit.entryKey);
      if (entry && (entry.owed !== credit.owed || entry.owedBeforeCap !== credit.owedBeforeCap || entry.reason !== credit.reason)) {
        changes.push({ id: entry.id, set: { owed: credit.owed, owedBeforeCap: credit.owedBeforeCap, reason: credit.reason } });
      }
    }
    await updateEntries(ctx, changes);
    if (snapshotId !== null && held.size)
      await entries.update({ contractId: contract.id, period, final: false }, { final: true, snapshotId, updatedAt: new Date() });
    await this.insertEntries(
      ctx,
      contract,
      period,
      credits.filter((credit) => !held.has(credit.entryKey)),
      snapshotId,
    );
  }

  private async compute(
    ctx: RequestContext,
    contract: Contract,
    period: string,
    now: Date,
  ): Promise<{ report: SlaReport; credits: MonthCredit[]; content: string; sha256: string }> {
    const report = await this.slaReports.report(ctx, contract.id, period, now, { evidence: true });
    const credits = monthCredits(report);
    const serviceIds = [
      ...new Set([...report.terms.map((t) => t.serviceId), ...credits.map((c) => c.serviceId)].filter((id): id is number => id !== null)),
    ];
    const [services, supplier] = await Promise.all([
      serviceIds.length ? ctx.loaders.manyBy(NetworkService, 'contractId').load(contract.id) : Promise.resolve([] as NetworkService[]),
      ctx.repository(Supplier).findOneBy({ id: contract.supplierId }),
    ]);
    const incidentReferences = new Map<number, string | null>();
    for (const term of report.terms)
      for (const incident of term.incidents) incidentReferences.set(incident.incidentId, incident.supplierRef);
    const { content, sha256 } = monthDocument(report, credits, {
      contractGlobalId: toGlobalId('Contract', contract.id),
      contractReference: contract.reference,
      supplierName: supplier?.name ?? `#${contract.supplierId}`,
      serviceReferences: new Map(services.map((s) => [s.id, s.reference])),
      incidentReferences,
    });
    return { report, credits, content, sha256 };
  }

  private async saveSnapshot(
    ctx: RequestContext,
    contract: Contract,
    period: string,
    revision: number,
    now: Date,
    fields: { content: string; sha256: string; creditsOwed: bigint; differences: string | null },
  ): Promise<SlaMonthSnapshot | null> {
    const snapshots = ctx.repository(SlaMonthSnapshot);
    let snapshot: SlaMonthSnapshot;
    try {
      snapshot = await snapshots.save(
        snapshots.create({
          organisationId: contract.organisationId,
          supplierId: contract.supplierId,
          contractId: contract.id,
          period,
          revision,
          closedAt: now,
          sha256: fields.sha256,
          creditsOwed: fields.creditsOwed,
          differences: fields.differences,
          contentBytes: Buffer.byteLength(fields.content, 'utf8'),
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    const parts: SlaMonthSnapshotPart[] = [];
    for (let at = 0, position = 0; at < fields.content.length; at += PART_CHARACTERS, position += 1) {
      parts.push(
        Object.assign(new SlaMonthSnapshotPart(), {
          snapshotId: snapshot.id,
          position,
          content: fields.content.slice(at, at + PART_CHARACTERS),
        }),
      );
    }
    for (let at = 0; at < parts.length; at += 50) await ctx.repository(SlaMonthSnapshotPart).insert(parts.slice(at, at + 50));
    return snapshot;
  }

  private async insertEntries(
    ctx: RequestContext,
    contract: Contract,
    period: string,
    credits: readonly MonthCredit[],
    snapshotId: number | null,
  ): Promise<void> {
    const now = new Date();
    const rows = credits.map((credit) => ({
      createdAt: now,
      updatedAt: now,
      organisationId: contract.organisationId,
      supplierId: contract.supplierId,
      contractId: contract.id,
      period,
      entryKey: credit.entryKey,
      serviceId: credit.serviceId,
      termKind: credit.termKind,
      severity: credit.severity,
      incidentId: credit.incidentId,
      reason: credit.reason,
      owed: credit.owed,
      owedBeforeCap: credit.owedBeforeCap,
      final: snapshotId !== null,
      snapshotId,
      revisedOwed: null,
      claimedInvoiceId: null,
      claimedFindingId: null,
      claimedDisputeId: null,
      received: 0n,
      waived: 0n,
      waivedBy: null,
      waivedAt: null,
      waivedReason: null,
    }));
    for (let at = 0; at < rows.length; at += INSERT_CHUNK)
      await ctx.repository(CreditLedgerEntry).insert(rows.slice(at, at + INSERT_CHUNK));
  }
}

/** Figures of one entry to change, each its own. */
interface EntryChange {
  id: number;
  set: Partial<Pick<CreditLedgerEntry, 'owed' | 'owedBeforeCap' | 'reason' | 'revisedOwed' | 'snapshotId'>>;
}

/**
 * Writes each entry's own new figures in a few statements — `SET column = CASE id WHEN … END`
 * for UPDATE_CHUNK entries at a time, entries changing the same columns together — rather than
 * one UPDATE per entry: a month of a national contract changes thousands at once.
 */
async function updateEntries(ctx: RequestContext, changes: readonly EntryChange[]): Promise<void> {
  const now = new Date();
  const asParameter = (value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
  for (const group of groupBy(changes, (change) => Object.keys(change.set).sort().join(',')).values()) {
    const columns = Object.keys(group[0]!.set) as (keyof EntryChange['set'])[];
    for (let at = 0; at < group.length; at += UPDATE_CHUNK) {
      const chunk = group.slice(at, at + UPDATE_CHUNK);
      const parameters: Record<string, unknown> = { ids: chunk.map((change) => change.id) };
      chunk.forEach((change, i) => {
        parameters[`id${i}`] = change.id;
        for (const column of columns) parameters[`${column}${i}`] = asParameter(change.set[column]);
      });
      const set: Record<string, unknown> = { updatedAt: now };
      for (const column of columns) {
        const cases = chunk.map((_, i) => `WHEN :id${i} THEN :${column}${i}`).join(' ');
        set[column] = () => `CASE id ${cases} END`;
      }
      await ctx
        .repository(CreditLedgerEntry)
        .createQueryBuilder()
        .update()
        .set(set as QueryDeepPartialEntity<CreditLedgerEntry>)
        .where('id IN (:...ids)')
        .setParameters(parameters)
        .execute();
    }
  }
}

/** A snapshot's content, whole, from its stored pieces. */
export async function snapshotContent(ctx: RequestContext, snapshotId: number): Promise<string> {
  const parts = await ctx.repository(SlaMonthSnapshotPart).find({ where: { snapshotId }, order: { position: 'ASC' } });
  return parts.map((part) => part.content).join('');
}
