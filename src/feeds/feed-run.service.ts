import { In, type EntityTarget } from 'typeorm';
import { asUtcDate } from '../common/dates';
import { badInput, notFound } from '../common/errors';
import { ErrorReason } from '../common/error-reasons';
import { Role } from '../auth/roles';
import { findVisible, withinScope } from '../auth/tenancy';
import { hasAnyRole } from '../request/viewer';
import { Contract, ContractStatus } from '../contracts/contract.entity';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { Supplier, SupplierKind } from '../suppliers/supplier.entity';
import { Invoice } from '../billing/invoice.entity';
import { Incident } from '../incidents/incident.entity';
import { FeedRejection } from './feed-rejection.entity';
import { FeedRecordKind, FeedRunRecord } from '../feed-records/feed-run-record.entity';
import { FeedRun, FeedRunStatus } from '../feed-records/feed-run.entity';
import { FeedKind } from '../feed-records/records';
import { FeedHealth } from './feeds.types';
import { failOrphanedRuns } from './run-owners';

export interface FeedRunFilter {
  supplierId?: number;
  kind?: FeedKind;
  status?: FeedRunStatus[];
}

export interface FeedHealthEntry {
  supplierId: number;
  kind: FeedKind;
  lastRunAt: Date | null;
  lastRunStatus: FeedRunStatus | null;
  /** the last run that brought rows in (stored or confirmed unchanged) */
  lastGoodRunAt: Date | null;
  late: boolean;
}

/** A feed's health at one organisation. */
export interface OrganisationFeedHealth extends FeedHealthEntry {
  organisationId: number;
}

const GOOD = [FeedRunStatus.SUCCEEDED, FeedRunStatus.PARTIAL];

/**
 * Feed runs, their rejected rows, and whether each supplier's feeds are arriving. Each read
 * first fails the viewer's RUNNING runs whose process has died (one indexed statement when
 * none is running), so no one is shown a dead run as RUNNING.
 */
export class FeedRunService {
  async list(ctx: RequestContext, filter: FeedRunFilter, page: PageArgs): Promise<Connection<FeedRun>> {
    await failOrphanedRuns(ctx.manager, { organisationIds: ctx.organisationIds });
    const query = withinScope(ctx, ctx.repository(FeedRun).createQueryBuilder('run'));
    const supplierId = this.supplierScope(ctx) ?? filter.supplierId;
    if (supplierId !== undefined) query.andWhere('run.supplierId = :supplierId', { supplierId });
    if (filter.kind) query.andWhere('run.kind = :kind', { kind: filter.kind });
    if (filter.status?.length) query.andWhere('run.status IN (:...statuses)', { statuses: filter.status });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  async get(ctx: RequestContext, id: number): Promise<FeedRun> {
    await failOrphanedRuns(ctx.manager, { organisationIds: ctx.organisationIds });
    const run = await findVisible(ctx, FeedRun, id, FeedRun.typename);
    const supplierId = this.supplierScope(ctx);
    if (supplierId !== undefined && run.supplierId !== supplierId) throw notFound(FeedRun.typename);
    return run;
  }

  rejections(ctx: RequestContext, run: FeedRun, page: PageArgs): Promise<Connection<FeedRejection>> {
    const query = withinScope(ctx, ctx.repository(FeedRejection).createQueryBuilder('rejection')).andWhere('rejection.feedRunId = :runId', {
      runId: run.id,
    });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize });
  }

  /**
   * The invoices or incidents a run stored, in document order, a page at a time: under a list
   * of runs every run's page is read in one statement, each record with it (the record loader
   * is primed, so `node` costs nothing more). Held to the viewer's organisations: a CSU's run
   * lists, to a trust, only the trust's own.
   */
  async stored<T extends Invoice | Incident>(
    ctx: RequestContext,
    run: FeedRun,
    kind: FeedRecordKind,
    page: PageArgs,
  ): Promise<Connection<T>> {
    const invoices = kind === FeedRecordKind.INVOICE;
    ctx.loaders.include(FeedRunRecord, invoices ? 'invoice' : 'incident');
    const records = await ctx.loaders
      .pageBy(FeedRunRecord, 'feedRunId', { kind }, page, {
        maxPageSize: ctx.config.graphql.maxPageSize,
        sort: { property: 'position', valueOf: (record) => record.position },
      })
      .load(run.id);
    const target = (invoices ? Invoice : Incident) as EntityTarget<T>;
    const edges = await Promise.all(
      records.edges.map(async ({ cursor, node }) => ({
        cursor,
        node: await ctx.loaders.byIdNow(target, (invoices ? node.invoiceId : node.incidentId)!),
      })),
    );
    // never null in practice: a record's rows go with it, and carry its organisation
    return { ...records, edges: edges.filter((edge): edge is { cursor: string; node: T } => edge.node !== null) };
  }

  /**
   * For every supplier and feed kind the viewer's organisations receive — and performance
   * from every CN-SP they hold an active contract with, whether it has ever arrived or not —
   * when the last run and the last good run were, and whether the feed is late.
   */
  async health(ctx: RequestContext, lateAfterHours: number, now = new Date()): Promise<FeedHealthEntry[]> {
    return this.entries(ctx, lateAfterHours, now, false);
  }

  /** Feed health as the API shows it: late after the hours given (default FEED_LATE_AFTER_HOURS), only the late feeds when asked. */
  async healthReport(ctx: RequestContext, lateAfterHours?: number, onlyLate?: boolean): Promise<FeedHealth[]> {
    const hours = lateAfterHours ?? ctx.config.feeds.lateAfterHours;
    const entries = await this.health(ctx, validHours(hours));
    return entries.filter((entry) => !onlyLate || entry.late).map((entry) => Object.assign(new FeedHealth(), entry));
  }

  /** The same, for each of the viewer's organisations separately (a CSU's trusts each have their own feeds), in as many statements. */
  async healthByOrganisation(ctx: RequestContext, lateAfterHours: number, now = new Date()): Promise<OrganisationFeedHealth[]> {
    return this.entries(ctx, lateAfterHours, now, true) as Promise<OrganisationFeedHealth[]>;
  }

  private async entries(ctx: RequestContext, lateAfterHours: number, now: Date, perOrganisation: boolean): Promise<FeedHealthEntry[]> {
    const scope = [...ctx.organisationIds];
    await failOrphanedRuns(ctx.manager, { organisationIds: scope });
    const runs = ctx
      .repository(FeedRun)
      .createQueryBuilder('run')
      .select('run.supplierId', 'supplierId')
      .addSelect('run.kind', 'kind')
      .addSelect('MAX(run.id)', 'lastRunId')
      .addSelect(
        `MAX(CASE WHEN run.status IN (:...good) AND run.rowsAccepted + run.rowsUnchanged > 0 THEN run.finishedAt END)`,
        'lastGoodAt',
      )
      .where('run.organisationId IN (:...scope)', { scope, good: GOOD })
      .groupBy('run.supplierId')
      .addGroupBy('run.kind');
    if (perOrganisation) runs.addSelect('run.organisationId', 'organisationId').addGroupBy('run.organisationId');
    const rows: { supplierId: number; kind: FeedKind; lastRunId: number; lastGoodAt: string | Date | null; organisationId?: number }[] =
      await runs.getRawMany();
    const lastRuns = rows.length ? await ctx.repository(FeedRun).find({ where: { id: In(rows.map((row) => Number(row.lastRunId))) } }) : [];
    const lastRunById = new Map(lastRuns.map((run) => [run.id, run]));
    const keyOf = (organisationId: number | undefined, supplierId: number, kind: FeedKind) =>
      `${perOrganisation ? organisationId : ''}|${supplierId}|${kind}`;
    const organisationOf = (organisationId: number | undefined) => (perOrganisation ? { organisationId: Number(organisationId) } : {});

    const entries = new Map<string, FeedHealthEntry>();
    for (const row of rows) {
      const lastRun = lastRunById.get(Number(row.lastRunId));
      const lastGoodRunAt = row.lastGoodAt === null ? null : asUtcDate(row.lastGoodAt);
      entries.set(keyOf(row.organisationId, Number(row.supplierId), row.kind), {
        ...organisationOf(row.organisationId),
        supplierId: Number(row.supplierId),
        kind: row.kind,
        lastRunAt: lastRun?.startedAt ?? null,
        lastRunStatus: lastRun?.status ?? null,
        lastGoodRunAt,
        late: isLate(lastGoodRunAt, lateAfterHours, now),
      });
    }
    const expectedQuery = ctx
      .repository(Contract)
      .createQueryBuilder('contract')
      .innerJoin(Supplier, 'supplier', 'supplier.id = contract.supplierId')
      .select('contract.supplierId', 'supplierId')
      .distinct(true)
      .where('contract.organisationId IN (:...scope)', { scope })
      .andWhere('contract.status IN (:...live)', { live: [ContractStatus.ACTIVE, ContractStatus.IN_NOTICE] })
      .andWhere('supplier.kind = :cnsp', { cnsp: SupplierKind.CN_SP });
    if (perOrganisation) expectedQuery.addSelect('contract.organisationId', 'organisationId');
    const expected = await expectedQuery.getRawMany<{ supplierId: number; organisationId?: number }>();
    for (const { supplierId, organisationId } of expected) {
      const key = keyOf(organisationId, Number(supplierId), FeedKind.PERFORMANCE);
      if (!entries.has(key)) {
        entries.set(key, {
          ...organisationOf(organisationId),
          supplierId: Number(supplierId),
          kind: FeedKind.PERFORMANCE,
          lastRunAt: null,
          lastRunStatus: null,
          lastGoodRunAt: null,
          late: true,
        });
      }
    }
    const supplierId = this.supplierScope(ctx);
    return [...entries.values()]
      .filter((entry) => supplierId === undefined || entry.supplierId === supplierId)
      .sort(
        (a, b) =>
          a.supplierId - b.supplierId ||
          a.kind.localeCompare(b.kind) ||
          ((a as OrganisationFeedHealth).organisationId ?? 0) - ((b as OrganisationFeedHealth).organisationId ?? 0),
      );
  }

  /** A supplier's own integration sees only that supplier's runs. */
  private supplierScope(ctx: RequestContext): number | undefined {
    const viewer = ctx.requireViewer;
    const supplierOnly =
      hasAnyRole(viewer, [Role.SUPPLIER_FEED]) &&
      !hasAnyRole(viewer, [Role.VIEWER, Role.CONTRACT_MANAGER, Role.ADMIN, Role.REPORTING, Role.FINANCE_APPROVER]);
    return supplierOnly ? (viewer.supplierId ?? -1) : undefined;
  }
}

const isLate = (lastGood: Date | null, hours: number, now: Date) =>
  lastGood === null || now.getTime() - lastGood.getTime() > hours * 3_600_000;

function validHours(hours: number): number {
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 365) {
    throw badInput('lateAfterHours', 'lateAfterHours: must be a whole number of hours from 1 to 8760', ErrorReason.OUT_OF_RANGE);
  }
  return hours;
}
