import { In, MoreThan, Not } from 'typeorm';
import { tenancy } from '../auth/tenancy';
import { formatMoney } from '../common/money';
import {
  ACCEPTED,
  UNCHANGED,
  type AcceptedItem,
  type FeedWriteContext,
  type FeedWriter,
  type NaturalKey,
  type WriteOutcome,
} from '../feeds/feed-writer';
import type { FeedRun } from '../feeds/feed-run.entity';
import type { InventoryRecord } from '../feeds/records';
import { Site } from '../sites/site.entity';
import { InventoryComparison, InventoryDifference, InventoryDifferenceKind } from './inventory-comparison.entity';
import { NetworkService, ServiceStatus } from './network-service.entity';

interface RunState {
  comparison: InventoryComparison | null;
  /** the same document as an earlier comparison, with none of our services changed since */
  reuse: boolean;
  ours: Map<string, NetworkService & { siteOdsCode: string }>;
  seen: Set<string>;
  matching: number;
  supplierServices: number;
}

const key = (reference: string) => reference.trim().toUpperCase();

/**
 * Sets a supplier's inventory against ours. Nothing of ours changes: the result is an
 * InventoryComparison listing services only the supplier lists, live services only we hold,
 * and fields that differ. Sending the same document again, with our records unchanged,
 * makes no new comparison and says so (every row unchanged).
 */
export class InventoryComparer implements FeedWriter<InventoryRecord> {
  readonly batchSize = 500;
  private readonly runs = new Map<number, RunState>();

  /** One row per service reference, matched as we match it to ours (case and surrounding space ignored). */
  naturalKey(record: InventoryRecord): NaturalKey {
    return { key: key(record.serviceReference), field: 'serviceReference', describe: () => `service ${record.serviceReference}` };
  }

  async write(context: FeedWriteContext, items: AcceptedItem<InventoryRecord>[]): Promise<WriteOutcome[]> {
    const state = await this.stateFor(context);
    if (state.reuse) return items.map(() => UNCHANGED);
    const differences: Partial<InventoryDifference>[] = [];
    for (const { record } of items) {
      state.supplierServices += 1;
      const ours = state.ours.get(key(record.serviceReference));
      if (!ours) {
        differences.push({
          kind: InventoryDifferenceKind.SUPPLIER_ONLY,
          serviceReference: record.serviceReference,
          supplierValue: describe(record),
        });
        continue;
      }
      state.seen.add(key(record.serviceReference));
      const fields = differingFields(record, ours);
      if (fields.length === 0) state.matching += 1;
      for (const [field, supplierValue, ourValue] of fields) {
        differences.push({
          kind: InventoryDifferenceKind.FIELD_DIFFERS,
          serviceReference: ours.reference,
          serviceId: ours.id,
          field,
          supplierValue,
          ourValue,
        });
      }
    }
    await this.saveDifferences(context, state, differences);
    return items.map(() => ACCEPTED);
  }

  async finish(context: FeedWriteContext): Promise<void> {
    const state = await this.stateFor(context);
    this.runs.delete(context.run.id);
    if (state.reuse || !state.comparison) return;
    const missing = [...state.ours.entries()].filter(([reference]) => !state.seen.has(reference)).map(([, service]) => service);
    await this.saveDifferences(
      context,
      state,
      missing.map((service) => ({
        kind: InventoryDifferenceKind.OURS_ONLY,
        serviceReference: service.reference,
        serviceId: service.id,
        ourValue: `${service.status}`,
      })),
    );
    await context.ctx.repository(InventoryComparison).update(state.comparison.id, {
      supplierServices: state.supplierServices,
      ourServices: state.ours.size,
      matching: state.matching,
    });
  }

  abandon(run: FeedRun): void {
    this.runs.delete(run.id);
  }

  private async stateFor({ ctx, run }: FeedWriteContext): Promise<RunState> {
    const known = this.runs.get(run.id);
    if (known) return known;
    const services = await ctx.repository(NetworkService).find({
      where: { supplierId: run.supplierId, ...tenancy.where(ctx), status: Not(ServiceStatus.CEASED) },
    });
    const sites = services.length
      ? await ctx
          .repository(Site)
          .find({ select: { id: true, odsCode: true }, where: { id: In([...new Set(services.map((s) => s.siteId))]) } })
      : [];
    const siteCodes = new Map(sites.map((site) => [site.id, site.odsCode]));
    const state: RunState = {
      comparison: null,
      reuse: await this.unchangedSinceDuplicate(ctx, run, services),
      ours: new Map(
        services.map((service) => [key(service.reference), Object.assign(service, { siteOdsCode: siteCodes.get(service.siteId) ?? '' })]),
      ),
      seen: new Set(),
      matching: 0,
      supplierServices: 0,
    };
    this.runs.set(run.id, state);
    return state;
  }

  private async unchangedSinceDuplicate(
    ctx: FeedWriteContext['ctx'],
    run: FeedWriteContext['run'],
    services: NetworkService[],
  ): Promise<boolean> {
    if (run.duplicateOfRunId === null) return false;
    const previous = await ctx.repository(InventoryComparison).findOneBy({ feedRunId: run.duplicateOfRunId });
    if (!previous) return false;
    const changedSince = await ctx.repository(NetworkService).count({
      where: { supplierId: run.supplierId, ...tenancy.where(ctx), updatedAt: MoreThan(previous.createdAt) },
    });
    return changedSince === 0 && services.every((service) => service.createdAt <= previous.createdAt);
  }

  private async saveDifferences(
    { ctx, run }: FeedWriteContext,
    state: RunState,
    differences: Partial<InventoryDifference>[],
  ): Promise<void> {
    state.comparison ??= await ctx.repository(InventoryComparison).save(
      ctx.repository(InventoryComparison).create({
        organisationId: run.organisationId,
        supplierId: run.supplierId,
        feedRunId: run.id,
        supplierServices: 0,
        ourServices: 0,
        matching: 0,
      }),
    );
    if (differences.length === 0) return;
    const comparisonId = state.comparison.id;
    await ctx.repository(InventoryDifference).save(
      differences.map((difference) =>
        ctx.repository(InventoryDifference).create({
          serviceId: null,
          field: null,
          supplierValue: null,
          ourValue: null,
          ...difference,
          comparisonId,
          organisationId: run.organisationId,
        }),
      ),
      { chunk: 200 },
    );
  }
}

/** [field, the supplier's value, ours] for each compared field the supplier gave that differs. */
function differingFields(record: InventoryRecord, ours: NetworkService & { siteOdsCode: string }): [string, string, string][] {
  const differences: [string, string, string][] = [];
  const compare = (field: string, theirs: string | null, mine: string | null) => {
    if (theirs !== null && theirs !== (mine ?? '')) differences.push([field, theirs, mine ?? '']);
  };
  compare('bandwidthMbps', record.bandwidthMbps === null ? null : String(record.bandwidthMbps), String(ours.bandwidthMbps));
  compare('status', record.status, ours.status);
  compare('installDate', record.installDate, ours.installDate);
  compare('ceaseDate', record.ceaseDate, ours.ceaseDate);
  compare('monthlyCharge', record.monthlyCharge === null ? null : formatMoney(record.monthlyCharge), formatMoney(ours.monthlyCharge));
  compare('siteOdsCode', record.siteOdsCode?.toUpperCase() ?? null, ours.siteOdsCode);
  return differences;
}

function describe(record: InventoryRecord): string {
  return [
    record.status,
    record.bandwidthMbps === null ? null : `${record.bandwidthMbps} Mbps`,
    record.siteOdsCode ?? record.siteName,
    record.monthlyCharge === null ? null : `£${formatMoney(record.monthlyCharge)}/month`,
  ]
    .filter(Boolean)
    .join(', ')
    .slice(0, 200);
}
