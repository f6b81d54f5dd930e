import { In } from 'typeorm';
import { sqlTimestamp } from '../common/dates';
import { ACCEPTED, rejected, UNCHANGED, unknownService, type AcceptedItem, type FeedWriteContext, type FeedWriter, type WriteOutcome } from '../feeds/feed-writer';
import type { PerformanceRecord } from '../feeds/records';
import { MeasureRangeError, sampleKey, sampleSignature, toSample } from './measures';
import { PerformanceSample } from './performance-sample.entity';
import { rebuildRollups, type DayKey } from './rollups';

const UPSERT_CHUNK = 500;
const MUTABLE_COLUMNS = [
  'organisationId', 'hourStart', 'day', 'upSeconds', 'latencyUs', 'jitterUs', 'packetLossPpm',
  'utilisationInBp', 'utilisationOutBp', 'bpsIn', 'bpsOut', 'feedRunId',
];
const KEY_COLUMNS = ['serviceId', 'intervalStart', 'intervalSeconds', 'qosClass'];

/**
 * Stores performance samples: new ones inserted, corrected ones replaced, identical ones
 * left alone (and counted as unchanged), then the touched days' rollups rebuilt — all in
 * the batch's transaction, so samples and rollups never disagree.
 */
export class PerformanceWriter implements FeedWriter<PerformanceRecord> {
  readonly batchSize = 2_000;

  constructor(
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
        outcomes[index] = rejected(`interval starts before the ${this.retentionDays}-day window in which samples are kept and corrected`, 'intervalStart');
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
    if (incoming.size === 0) return outcomes;

    const existing = await this.existingSignatures(ctx.manager, [...incoming.values()].map((entry) => entry.sample));
    const changed: PerformanceSample[] = [];
    for (const [key, { sample, indexes }] of incoming) {
      const same = existing.get(key) === sampleSignature(sample);
      if (!same) changed.push(sample);
      for (const index of indexes) outcomes[index] = same ? UNCHANGED : ACCEPTED;
    }
    if (changed.length === 0) return outcomes;

    for (let i = 0; i < changed.length; i += UPSERT_CHUNK) {
      await ctx.manager
        .createQueryBuilder()
        .insert()
        .into(PerformanceSample)
        .values(changed.slice(i, i + UPSERT_CHUNK))
        .orUpdate(MUTABLE_COLUMNS, KEY_COLUMNS)
        .updateEntity(false)
        .execute();
    }
    const days = new Map<string, DayKey>(changed.map((s) => [`${s.serviceId}|${s.qosClass}|${s.day}`, { serviceId: s.serviceId, qosClass: s.qosClass, day: s.day }]));
    await rebuildRollups(ctx.manager, [...days.values()]);
    return outcomes;
  }

  /** Signatures of the samples already held under the batch's keys: one query per batch. */
  private async existingSignatures(manager: FeedWriteContext['ctx']['manager'], samples: PerformanceSample[]): Promise<Map<string, string>> {
    let from = Infinity;
    let to = -Infinity;
    for (const sample of samples) {
      from = Math.min(from, sample.intervalStart.getTime());
      to = Math.max(to, sample.intervalStart.getTime());
    }
    const rows = await manager
      .createQueryBuilder(PerformanceSample, 'sample')
      .where({ serviceId: In([...new Set(samples.map((s) => s.serviceId))]) })
      .andWhere('sample.intervalStart >= :from AND sample.intervalStart <= :to', { from: sqlTimestamp(new Date(from)), to: sqlTimestamp(new Date(to)) })
      .getMany();
    return new Map(rows.map((row) => [sampleKey(row), sampleSignature(row)]));
  }
}
