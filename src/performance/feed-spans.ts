import type { EntityManager } from 'typeorm';
import { asUtcDate, sqlTimestamp } from '../common/dates';
import type { Dialect } from '../db/dialect';
import { storedLocation } from '../feeds/record-source';
import type { PerformanceFeedSpan } from './performance-feed-span.entity';
import { readFeedSpansOverlapping } from './performance-reads';
import { mergeFeedSpans } from './performance-writes';

const COLUMNS = [
  'feedRunId',
  'serviceId',
  'organisationId',
  'firstIntervalStart',
  'lastIntervalEnd',
  'firstLocation',
  'lastLocation',
  'samples',
] as const;
/** rows per statement: eight bound values each */
const CHUNK = 1_000;
/** interval lookups per statement: three bound values each */
const LOOKUPS_PER_STATEMENT = 500;

/** One stored sample, where its row was in the document. */
export interface StoredSample {
  serviceId: number;
  organisationId: number;
  intervalStart: Date;
  intervalSeconds: number;
  /** the row's location in the document */
  location: string;
}

/**
 * Folds a batch's stored samples into the run's span per service: one row per service in
 * the batch, written in the batch's transaction (so a run that dies leaves spans for exactly
 * the batches it stored). Batches arrive in document order: the first batch's first row of
 * a service stays its first location, each later batch moves its last.
 */
export async function recordSpans(
  manager: EntityManager,
  dialect: Dialect,
  feedRunId: number,
  samples: readonly StoredSample[],
): Promise<void> {
  if (samples.length === 0) return;
  const spans = new Map<number, { organisationId: number; from: number; to: number; first: string; last: string; samples: number }>();
  for (const sample of samples) {
    const from = sample.intervalStart.getTime();
    const to = from + sample.intervalSeconds * 1000;
    const span = spans.get(sample.serviceId);
    if (!span)
      spans.set(sample.serviceId, {
        organisationId: sample.organisationId,
        from,
        to,
        first: sample.location,
        last: sample.location,
        samples: 1,
      });
    else {
      span.from = Math.min(span.from, from);
      span.to = Math.max(span.to, to);
      span.last = sample.location;
      span.samples += 1;
    }
  }
  const rows = [...spans].map(([serviceId, span]) => [
    feedRunId,
    serviceId,
    span.organisationId,
    sqlTimestamp(new Date(span.from)),
    sqlTimestamp(new Date(span.to)),
    storedLocation(span.first),
    storedLocation(span.last),
    span.samples,
  ]);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await mergeFeedSpans(
      manager,
      dialect,
      COLUMNS,
      ['feedRunId', 'serviceId'],
      { firstIntervalStart: 'least', lastIntervalEnd: 'greatest', lastLocation: 'replace', samples: 'add' },
      chunk,
    );
  }
}

/** A stretch of one service's time whose sources are wanted. */
export interface SpanLookup {
  serviceId: number;
  start: Date;
  end: Date;
}

/**
 * For each lookup, the runs (with their rows) that stored samples of its service over time
 * that overlaps it, oldest run first: every lookup of a report together, a few hundred to a
 * statement, held to the reader's organisations.
 */
export async function spansOverlapping(
  manager: EntityManager,
  organisationIds: readonly number[],
  lookups: readonly SpanLookup[],
): Promise<PerformanceFeedSpan[][]> {
  const found = lookups.map((): PerformanceFeedSpan[] => []);
  if (organisationIds.length === 0 || lookups.length === 0) return found;
  for (let i = 0; i < lookups.length; i += LOOKUPS_PER_STATEMENT) {
    const chunk = lookups.slice(i, i + LOOKUPS_PER_STATEMENT);
    const rows = await readFeedSpansOverlapping<
      Omit<PerformanceFeedSpan, 'firstIntervalStart' | 'lastIntervalEnd'> & {
        firstIntervalStart: string | Date;
        lastIntervalEnd: string | Date;
      }
    >(manager, COLUMNS, organisationIds, chunk);
    const spans = rows.map((row) => ({
      ...row,
      feedRunId: Number(row.feedRunId),
      serviceId: Number(row.serviceId),
      organisationId: Number(row.organisationId),
      samples: Number(row.samples),
      firstIntervalStart: asUtcDate(row.firstIntervalStart),
      lastIntervalEnd: asUtcDate(row.lastIntervalEnd),
    }));
    chunk.forEach(({ serviceId, start, end }, k) => {
      found[i + k] = spans.filter((span) => span.serviceId === serviceId && span.firstIntervalStart < end && span.lastIntervalEnd > start);
    });
  }
  return found;
}
