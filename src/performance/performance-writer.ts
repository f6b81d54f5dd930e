import type { EntityManager } from 'typeorm';
import { asUtcDate, sqlTimestamp } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { isLocalInfileRefused, loadRows } from '../db/bulk-load';
import { dialectOf, type Dialect } from '../db/dialect';
import {
  ACCEPTED,
  rejected,
  UNCHANGED,
  unknownService,
  type AcceptedItem,
  type FeedWriteContext,
  type FeedWriter,
  type NaturalKey,
  type WriteOutcome,
} from '../feed-records/feed-writer';
import type { ServiceDirectory } from '../feed-records/service-directory';
import type { PerformanceRecord } from '../feed-records/records';
import { recordSpans } from './feed-spans';
import { MeasureRangeError, sampleKey, sampleSignature, toSample } from './measures';
import { frozenPeriods } from './monthly-percentiles';
import { PerformanceSample } from './performance-sample.entity';
import { readSamplesBetween } from './performance-reads';
import { insertSamples, lockOrganisations, upsertSamples } from './performance-writes';
import { rebuildRollups, type DayKey } from './rollups-writes';

const UPSERT_CHUNK = 1_000;
const KEY_COLUMNS = ['serviceId', 'intervalStart', 'intervalSeconds', 'qosClass'] as const;
const MUTABLE_COLUMNS = [
  'organisationId',
  'hourStart',
  'day',
  'upSeconds',
  'latencyUs',
  'jitterUs',
  'packetLossPpm',
  'utilisationInBp',
  'utilisationOutBp',
  'bpsIn',
  'bpsOut',
  'feedRunId',
] as const;
const COLUMNS: readonly (keyof PerformanceSample)[] = [...KEY_COLUMNS, ...MUTABLE_COLUMNS];

/**
 * Stores performance samples: new ones inserted, corrected ones replaced, identical ones
 * left alone (and counted as unchanged), then the touched days' rollups rebuilt — all in
 * the batch's transaction, so samples and rollups never disagree.
 */
export class PerformanceWriter implements FeedWriter<PerformanceRecord> {
  readonly batchSize = 5_000;
  /** whether the server accepts LOAD DATA LOCAL INFILE: unknown until first tried */
  private bulkLoad: boolean | undefined;

  constructor(
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One sample per service, interval start, interval length and QoS class, as the table's key. */
  naturalKey(record: PerformanceRecord, { services }: { services: ServiceDirectory }): NaturalKey | null {
    const service = services.find(record.serviceReference);
    if (!service) return null;
    return {
      key: sampleKey({
        serviceId: service.id,
        intervalStart: record.intervalStart,
        intervalSeconds: record.intervalSeconds,
        qosClass: record.qosClass ?? '',
      }),
      field: 'intervalStart',
      describe: () =>
        `the sample of ${record.serviceReference} from ${record.intervalStart.toISOString()} over ${record.intervalSeconds} ` +
        `s${record.qosClass ? ` for QoS class ${record.qosClass}` : ''}`,
    };
  }

  async write({ ctx, run, services }: FeedWriteContext, items: AcceptedItem<PerformanceRecord>[]): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = new Array(items.length);
    const now = this.now().getTime();
    const oldest = now - this.retentionDays * 86_400_000;
    const incoming = new Map<string, { sample: PerformanceSample; indexes: number[] }>();

    items.forEach(({ record }, index) => {
      const service = services.find(record.serviceReference);
      if (!service) {
        outcomes[index] = unknownService(record.serviceReference);
        return;
      }
      const start = record.intervalStart.getTime();
      if (start < oldest) {
        outcomes[index] = rejected(
          `interval starts before the ${this.retentionDays}-day window in which samples are kept and corrected`,
          'intervalStart',
        );
        return;
      }
      if (start + record.intervalSeconds * 1000 > now + 3_600_000) {
        outcomes[index] = rejected('interval ends in the future', 'intervalStart');
        return;
      }
      try {
        const sample = toSample(record, service.id, service.organisationId, run.id);
        const key = sampleKey(sample);
        // the same sample twice in one batch: the later one stands
        incoming.set(key, { sample, indexes: [...(incoming.get(key)?.indexes ?? []), index] });
      } catch (error) {
        if (!(error instanceof MeasureRangeError)) throw error;
        outcomes[index] = rejected(error.message, error.field);
      }
    });
    await this.refuseFrozenMonths(ctx.manager, incoming, outcomes, now);
    if (incoming.size === 0) return outcomes;

    const existing = await this.existingSignatures(
      ctx.manager,
      [...incoming.values()].map((entry) => entry.sample),
    );
    const added: PerformanceSample[] = [];
    const corrected: PerformanceSample[] = [];
    // where each stored sample's row was, in document order: the run's spans (feed-spans.ts)
    const stored: { index: number; sample: PerformanceSample }[] = [];
    for (const [key, { sample, indexes }] of incoming) {
      const held = existing.get(key);
      const same = held === sampleSignature(sample);
      if (held === undefined) added.push(sample);
      else if (!same) corrected.push(sample);
      if (!same) stored.push({ index: indexes[indexes.length - 1], sample });
      for (const index of indexes) outcomes[index] = same ? UNCHANGED : ACCEPTED;
    }
    const changed = [...added, ...corrected];
    if (changed.length === 0) return outcomes;

    // new samples are plain inserts; only corrections need the upsert's extra work
    const dialect = dialectOf(ctx.manager);
    if (dialect === 'mysql') {
      // Documents arriving together for the same organisation take turns here, before any row
      // is locked: their rollup rebuilds lock overlapping index ranges and would deadlock.
      const organisations = [...new Set(changed.map((sample) => sample.organisationId))].sort((a, b) => a - b);
      await lockOrganisations(ctx.manager, organisations);
    }
    await this.insert(ctx.manager, dialect, added);
    for (let i = 0; i < corrected.length; i += UPSERT_CHUNK) {
      const chunk = corrected.slice(i, i + UPSERT_CHUNK);
      await upsertSamples(ctx.manager, dialect, COLUMNS, KEY_COLUMNS, MUTABLE_COLUMNS, chunk.map(rowValues));
    }
    const days = new Map<string, DayKey>(
      changed.map((s) => [`${s.serviceId}|${s.qosClass}|${s.day}`, { serviceId: s.serviceId, qosClass: s.qosClass, day: s.day }]),
    );
    await rebuildRollups(ctx.manager, [...days.values()]);
    stored.sort((a, b) => a.index - b.index);
    await recordSpans(
      ctx.manager,
      dialect,
      run.id,
      stored.map(({ index, sample }) => ({
        serviceId: sample.serviceId,
        organisationId: sample.organisationId,
        intervalStart: sample.intervalStart,
        intervalSeconds: sample.intervalSeconds,
        location: items[index].location,
      })),
    );
    return outcomes;
  }

  /**
   * Corrections to a month whose 95th percentiles were fixed when its samples began to be
   * pruned are refused: they could no longer change the figures on record. Only a batch with
   * samples from before this month asks.
   */
  private async refuseFrozenMonths(
    manager: EntityManager,
    incoming: Map<string, { sample: PerformanceSample; indexes: number[] }>,
    outcomes: WriteOutcome[],
    now: number,
  ): Promise<void> {
    const thisMonth = todayInLondon(new Date(now)).slice(0, 7);
    const earliest = [...incoming.values()].reduce((min, { sample }) => (sample.day < min ? sample.day : min), thisMonth).slice(0, 7);
    if (earliest >= thisMonth) return;
    const frozen = await frozenPeriods(manager, earliest);
    if (frozen.size === 0) return;
    for (const [key, { sample, indexes }] of incoming) {
      const period = sample.day.slice(0, 7);
      if (!frozen.has(period)) continue;
      for (const index of indexes)
        outcomes[index] = rejected(
          `${period}'s 95th percentiles were fixed when its samples began to be pruned; corrections to it are no longer taken`,
          'intervalStart',
        );
      incoming.delete(key);
    }
  }

  /** New samples: LOAD DATA on a MySQL server that allows it (much the fastest), multi-row INSERT otherwise. */
  private async insert(manager: EntityManager, dialect: Dialect, samples: PerformanceSample[]): Promise<void> {
    if (samples.length === 0) return;
    if (dialect === 'mysql' && this.bulkLoad !== false) {
      try {
        await loadRows(manager, 'performance_sample', COLUMNS, samples.map(rowValues));
        this.bulkLoad = true;
        return;
      } catch (error) {
        if (!isLocalInfileRefused(error)) throw error;
        this.bulkLoad = false;
      }
    }
    for (let i = 0; i < samples.length; i += UPSERT_CHUNK) {
      const chunk = samples.slice(i, i + UPSERT_CHUNK);
      await insertSamples(manager, dialect, COLUMNS, chunk.map(rowValues));
    }
  }

  /** Signatures of the samples already held under the batch's keys: one query per batch. */
  private async existingSignatures(manager: EntityManager, samples: PerformanceSample[]): Promise<Map<string, string>> {
    let from = Infinity;
    let to = -Infinity;
    for (const sample of samples) {
      from = Math.min(from, sample.intervalStart.getTime());
      to = Math.max(to, sample.intervalStart.getTime());
    }
    const serviceIds = [...new Set(samples.map((s) => s.serviceId))];
    const rows = await readSamplesBetween<PerformanceSample>(manager, COLUMNS, serviceIds, new Date(from), new Date(to));
    return new Map(rows.map((row) => [sampleKey({ ...row, intervalStart: asUtcDate(row.intervalStart) }), sampleSignature(row)]));
  }
}

/** A sample's values in COLUMNS order, as both drivers bind them. */
function rowValues(sample: PerformanceSample): unknown[] {
  return COLUMNS.map((name) => {
    const value = sample[name];
    return value instanceof Date ? sqlTimestamp(value) : value;
  });
}
