import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import { badInput } from '../common/errors';
import { asUtcDate } from '../common/dates';
import { requirePeriod, monthOf, ukDayStart, UK_ZONE } from '../common/calendar';
import { formatUnits, percentUnitsDown } from '../common/percent';
import type { RequestContext } from '../request/context';
import { NetworkService } from '../services/network-service.entity';
import { ServiceInventory } from '../services/service-inventory';
import { measuredWithinSpans } from './availability';
import { activeSpan, type KeyedSpan } from './availability-rules';
import { readCapacityRows, readDailyAvailability, readExclusionWindowsOverlapping, readHourlyAvailability } from './performance-reads';
import { mergeSpans, total, type Span } from './service-hours';
import { ErrorReason } from '../common/error-reasons';

export enum Granularity {
  HOUR = 'HOUR',
  DAY = 'DAY',
  MONTH = 'MONTH',
}

/**
 * One bucket of a service's availability, in both figures: as measured (every reported
 * second), and as the SLA counts it (the seconds inside exclusion windows taken out), so
 * that a reader comparing a MONTH point with the SLA report sees which is which.
 */
export interface AvailabilityPoint {
  start: Date;
  end: Date;
  coveredSeconds: number;
  upSeconds: number;
  availabilityPercent: string | null;
  coveragePercent: string;
  /** live seconds of the bucket inside planned-maintenance or consumer-attributed windows */
  excludedSeconds: number;
  slaCoveredSeconds: number;
  slaUpSeconds: number;
  slaAvailabilityPercent: string | null;
  slaCoveragePercent: string;
}

export interface CapacityAlert {
  service: NetworkService;
  daysOver: number;
  peakP95Percent: string;
  suggestedBandwidthMbps: number | null;
}

/** Bandwidth tiers HSCN access circuits are commonly sold in, Mbps. */
export const BANDWIDTH_TIERS = [10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10000];

const MAX_POINTS = 2_000;

/** Reads of the performance rollups for the API: availability series and capacity alerts. */
export class PerformanceQueries {
  constructor(private readonly inventory: ServiceInventory) {}

  /** A service's availability per hour, UK day or UK month, each point with its data coverage. */
  async availabilitySeries(
    ctx: RequestContext,
    serviceId: number,
    from: Date,
    to: Date,
    granularity: Granularity,
  ): Promise<AvailabilityPoint[]> {
    const service = await this.inventory.get(ctx, serviceId);
    if (to.getTime() <= from.getTime()) throw badInput('to', 'to: must be after from', ErrorReason.END_BEFORE_START);
    const buckets = bucketsOf(from, to, granularity);
    if (buckets.length > MAX_POINTS)
      throw badInput(
        'to',
        `to: at most ${MAX_POINTS} points per request; choose a coarser granularity or a shorter range`,
        ErrorReason.TOO_MANY_POINTS,
      );
    const rows: { at: string | Date; covered: string | number; up: string | number }[] =
      granularity === Granularity.HOUR
        ? await readHourlyAvailability(ctx.manager, service.id, from, to)
        : await readDailyAvailability(ctx.manager, service.id, from, to);
    const points = buckets.map((bucket) => ({ ...bucket, covered: 0, up: 0 }));
    // buckets are in order: a row belongs to the last bucket starting at or before it
    const starts = points.map((p) => p.start);
    for (const row of rows) {
      const at = granularity === Granularity.HOUR ? asUtcDate(row.at).getTime() : ukDayStart(String(row.at).slice(0, 10));
      const point = points[lastAtOrBefore(starts, at)];
      if (!point || at >= point.end) continue;
      point.covered += Number(row.covered);
      point.up += Number(row.up);
    }
    const lives = points.map((point) => activeSpan(service, { period: '', start: point.start, end: point.end, firstDay: '', lastDay: '' }));
    const excluded = await excludedSpans(ctx, service.id, points, lives);
    const within = await measuredWithinSpans(
      ctx.manager,
      [...excluded].flatMap(([index, spans]) => spans.map((span): KeyedSpan<number> => ({ key: index, serviceId: service.id, span }))),
    );
    return points.map((point, index) => {
      const live = lives[index];
      const liveMs = live ? live.end - live.start : 0;
      const excludedMs = total(excluded.get(index) ?? []);
      // as slaReport counts a month (availability.ts monthlyAvailability): the windows' seconds out of covered and up alike
      const slaCovered = point.covered - (within.get(index)?.covered ?? 0);
      const slaUp = point.up - (within.get(index)?.up ?? 0);
      const measurableMs = liveMs - excludedMs;
      return {
        start: new Date(point.start),
        end: new Date(point.end),
        coveredSeconds: point.covered,
        upSeconds: point.up,
        availabilityPercent: point.covered > 0 ? formatUnits(percentUnitsDown(point.up, point.covered, 3), 3) : null,
        coveragePercent: formatUnits(liveMs > 0 ? Math.min(1_000, percentUnitsDown(point.covered * 1000, liveMs, 1)) : 0, 1),
        excludedSeconds: excludedMs / 1000,
        slaCoveredSeconds: slaCovered,
        slaUpSeconds: slaUp,
        slaAvailabilityPercent: slaCovered > 0 ? formatUnits(percentUnitsDown(Math.max(0, slaUp), slaCovered, 3), 3) : null,
        slaCoveragePercent: formatUnits(
          measurableMs > 0 ? Math.min(1_000, percentUnitsDown(Math.max(0, slaCovered) * 1000, measurableMs, 1)) : 0,
          1,
        ),
      };
    });
  }

  /**
   * Services whose daily 95th-percentile utilisation (in or out) was above the threshold on
   * at least `minDays` days of the month, with the next bandwidth tier as the upgrade to
   * consider: the capacity advice the handbook expects of the CN-SP, checked.
   */
  async capacityAlerts(ctx: RequestContext, period: string, thresholdPercent: number, minDays: number): Promise<CapacityAlert[]> {
    requirePeriod(period, 'period');
    if (!(thresholdPercent > 0 && thresholdPercent <= 1000))
      throw badInput('thresholdPercent', 'thresholdPercent: from 0 to 1000', ErrorReason.OUT_OF_RANGE);
    if (!Number.isInteger(minDays) || minDays < 1 || minDays > 31)
      throw badInput('minDays', 'minDays: from 1 to 31', ErrorReason.OUT_OF_RANGE);
    const month = monthOf(period);
    const threshold = Math.round(thresholdPercent * 100);
    const rows: { serviceId: number; daysOver: string | number; peak: string | number }[] = await readCapacityRows(
      ctx.manager,
      ctx.organisationIds,
      month,
      threshold,
      minDays,
    );
    const services = await ctx.loaders.byId(NetworkService).loadMany(rows.map((row) => Number(row.serviceId)));
    return rows.flatMap((row, index) => {
      const service = services[index];
      if (!(service instanceof NetworkService)) return [];
      return [
        {
          service,
          daysOver: Number(row.daysOver),
          peakP95Percent: new Decimal(String(row.peak)).dividedBy(100).toFixed(2),
          suggestedBandwidthMbps: BANDWIDTH_TIERS.find((tier) => tier > service.bandwidthMbps) ?? null,
        },
      ];
    });
  }
}

/**
 * Each bucket's live time inside the service's exclusion windows, merged, by bucket index
 * (buckets with none left out): one read of the windows over the whole range.
 */
async function excludedSpans(
  ctx: RequestContext,
  serviceId: number,
  points: readonly { start: number; end: number }[],
  lives: readonly (Span | null)[],
): Promise<Map<number, Span[]>> {
  const spans = new Map<number, Span[]>();
  if (points.length === 0) return spans;
  const windows = await readExclusionWindowsOverlapping(
    ctx.manager,
    serviceId,
    ctx.organisationIds,
    points[0].start,
    points[points.length - 1].end,
  );
  if (windows.length === 0) return spans;
  lives.forEach((live, index) => {
    if (!live) return;
    const clipped = mergeSpans(
      windows.map((window) => ({
        start: Math.max(window.startsAt.getTime(), live.start),
        end: Math.min(window.endsAt.getTime(), live.end),
      })),
    );
    if (clipped.length) spans.set(index, clipped);
  });
  return spans;
}

/** Index of the last sorted value ≤ `target`, or -1. */
function lastAtOrBefore(sorted: number[], target: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= target) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The buckets between two instants: UTC hours, or UK days or months (so DST days have 23 or 25 hours). */
function bucketsOf(from: Date, to: Date, granularity: Granularity): { start: number; end: number }[] {
  const buckets: { start: number; end: number }[] = [];
  if (granularity === Granularity.HOUR) {
    for (
      let start = Math.floor(from.getTime() / 3_600_000) * 3_600_000;
      start < to.getTime() && buckets.length <= MAX_POINTS;
      start += 3_600_000
    )
      buckets.push({ start, end: start + 3_600_000 });
    return buckets;
  }
  const unit = granularity === Granularity.DAY ? 'day' : 'month';
  for (
    let cursor = DateTime.fromJSDate(from, { zone: UK_ZONE }).startOf(unit);
    cursor.toMillis() < to.getTime() && buckets.length <= MAX_POINTS;
    cursor = cursor.plus({ [`${unit}s`]: 1 })
  ) {
    buckets.push({ start: cursor.toMillis(), end: cursor.plus({ [`${unit}s`]: 1 }).toMillis() });
  }
  return buckets;
}
