/**
 * How availability is computed, and what happens when data is missing: the arithmetic only,
 * fed by the reads in availability-reads.ts (availability.ts puts the two together). Nothing
 * here touches the database.
 *
 * For each service and month (`serviceMonth`):
 * - **Live time.** A service counts from its install date to its cease date (UK midnights),
 *   clipped to the month (`activeSpan`). One with no install date, or not live in the month,
 *   has no figures at all (it is left out of the report, not shown as 0 % or 100 %).
 * - **Reported seconds.** `covered` is the seconds the feeds reported for the live days and
 *   `up` the seconds of those reported up, summed from the daily rollups: the month's sum for a
 *   service live all month, its live UK days' rows (first to last live day, whole days) for one
 *   installed or ceased in the month.
 * - **Missing data is unknown, not up and not down.** A second nobody reported is in neither
 *   `covered` nor `up`, so it never moves availability; it lowers coverage instead.
 * - **Maintenance and consumer-attributed windows.** The exclusion windows are clipped to the
 *   live span and merged (`excludedWithin`). The seconds reported inside them, and up inside
 *   them, are taken off `covered` and `up` alike (`measureFromSamples` / `addFromHours`):
 *   exact to the raw sample where samples are still held (a sample overlapping a window counts
 *   pro rata by its overlap), else pro rata from the hourly rollups overlapping the window for
 *   spans whose samples have been pruned; each total rounded to whole seconds once.
 * - **Availability** = up ÷ covered, as a percentage rounded DOWN to three places (up below
 *   zero counts as zero). With no covered seconds left (no data, or all of it inside windows)
 *   availability is null: unknown, never 100 %.
 * - **Coverage** = covered ÷ (live time − excluded time), as a percentage rounded DOWN to one
 *   place, at most 100 %; 0 when the windows cover all the live time.
 * - **Downtime evidence.** Hours with up short of covered, on the days whose rollups show any
 *   (`downDayRanges`), merged into intervals when consecutive (`downtimeIntervals`); an
 *   interval lying wholly inside the exclusion windows is left out.
 */
import { groupBy } from '../common/collections';
import { formatUnits, percentUnitsDown } from '../common/percent';
import { addDays } from '../common/dates';
import { ukDateOf, ukDayStart, type Month } from '../common/calendar';
import { mergeSpans, subtract, total, type Span } from './service-hours';

export interface DowntimeInterval {
  /** the service that was down: with the times, what names the feed runs behind it (downtime-sources.ts) */
  serviceId: number;
  start: Date;
  end: Date;
  /** seconds down within the interval (samples report seconds up, not when within the hour) */
  downSeconds: number;
}

/** A service's figures for a month (the exclusion windows aside: see MonthlyAvailability in availability.ts). */
export interface ServiceMonthFigures {
  serviceId: number;
  /** seconds of the month the service was installed and not ceased */
  activeSeconds: number;
  /** seconds of that inside planned maintenance or consumer-attributed windows */
  excludedSeconds: number;
  /** seconds with availability data, exclusions removed */
  coveredSeconds: number;
  upSeconds: number;
  /** up ÷ covered, percent to three places (rounded down); null without data */
  availabilityPercent: string | null;
  /** the same in thousandths of a percent */
  availabilityUnits: number | null;
  /** covered ÷ (active − excluded), percent to one place (rounded down, at most 100) */
  coveragePercent: string;
  /** the same in tenths of a percent */
  coverageUnits: number;
  /** the down hours merged into intervals; empty when not asked for */
  downtime: DowntimeInterval[];
}

/** A service's time range, epoch milliseconds, for a read. */
export interface ServiceRange {
  serviceId: number;
  from: number;
  to: number;
}

/** One UK day's daily rollup of a service. */
export interface ServiceDay {
  day: string;
  covered: number;
  up: number;
}

/** A raw sample: its start (epoch ms), length and seconds up. */
export interface MeasuredSample {
  serviceId: number;
  start: number;
  seconds: number;
  up: number;
}

/** An hourly rollup: its start (epoch ms), seconds covered and up. */
export interface MeasuredHour {
  serviceId: number;
  start: number;
  covered: number;
  up: number;
}

/** A span of one service's time, and the total it counts towards. */
export interface KeyedSpan<K> {
  key: K;
  serviceId: number;
  span: Span;
}

/** Seconds reported and up. */
export interface Measured {
  covered: number;
  up: number;
}

/** When in the month the service was live: from its install date to its cease date, UK midnights. */
export function activeSpan(service: { readonly installDate: string | null; readonly ceaseDate: string | null }, month: Month): Span | null {
  if (!service.installDate) return null;
  const start = Math.max(month.start, ukDayStart(service.installDate));
  const end = service.ceaseDate ? Math.min(month.end, ukDayStart(service.ceaseDate)) : month.end;
  return end > start ? { start, end } : null;
}

/** The windows' time within the live span, merged. */
export function excludedWithin(windows: readonly { startsAt: Date; endsAt: Date }[], span: Span): Span[] {
  return mergeSpans(
    windows.map((window) => ({ start: Math.max(window.startsAt.getTime(), span.start), end: Math.min(window.endsAt.getTime(), span.end) })),
  );
}

/**
 * A service's figures for the month (see the top of this file): `monthTotal` is its month's
 * sum (for a service live all month), `days` its daily rollups (for one live part of it),
 * `inWindows` the seconds measured inside its `excludedSpans`.
 */
export function serviceMonth(input: {
  serviceId: number;
  span: Span;
  month: Month;
  monthTotal: Measured | undefined;
  days: readonly ServiceDay[];
  excludedSpans: readonly Span[];
  inWindows: Measured | undefined;
  downtime: readonly DowntimeInterval[];
}): ServiceMonthFigures {
  const { serviceId, span, month, monthTotal, days, excludedSpans, inWindows, downtime } = input;
  const firstLiveDay = span.start === month.start ? month.firstDay : ukDateOf(span.start);
  const lastLiveDay = span.end === month.end ? month.lastDay : ukDateOf(span.end - 1);
  let covered = monthTotal?.covered ?? 0;
  let up = monthTotal?.up ?? 0;
  for (const day of days) {
    if (day.day < firstLiveDay || day.day > lastLiveDay) continue;
    covered += day.covered;
    up += day.up;
  }
  covered -= inWindows?.covered ?? 0;
  up -= inWindows?.up ?? 0;
  const excludedMs = total([...excludedSpans]);
  const measurableMs = span.end - span.start - excludedMs;
  const availabilityUnits = covered > 0 ? percentUnitsDown(Math.max(0, up), covered, 3) : null;
  const coverageUnits = measurableMs > 0 ? Math.min(1_000, percentUnitsDown(Math.max(0, covered) * 1000, measurableMs, 1)) : 0;
  return {
    serviceId,
    activeSeconds: (span.end - span.start) / 1000,
    excludedSeconds: excludedMs / 1000,
    coveredSeconds: covered,
    upSeconds: up,
    availabilityPercent: availabilityUnits === null ? null : formatUnits(availabilityUnits, 3),
    availabilityUnits,
    coveragePercent: formatUnits(coverageUnits, 1),
    coverageUnits,
    downtime: downtime.filter(
      (interval) => subtract([{ start: interval.start.getTime(), end: interval.end.getTime() }], [...excludedSpans]).length > 0,
    ),
  };
}

/** Consecutive down days of a service as one range of hours (days in order by service, then day), clipped to the month. */
export function downDayRanges(downDays: readonly { serviceId: number; day: string }[], month: Month): ServiceRange[] {
  const ranges: ServiceRange[] = [];
  for (const { serviceId, day } of downDays) {
    const start = Math.max(month.start, ukDayStart(day));
    const end = Math.min(month.end, ukDayStart(addDays(day, 1)));
    const last = ranges[ranges.length - 1];
    if (last && last.serviceId === serviceId && last.to === start) last.to = end;
    else ranges.push({ serviceId, from: start, to: end });
  }
  return ranges;
}

/** Down hours (in order by service, then hour) merged into intervals when consecutive, by service. */
export function downtimeIntervals(hours: readonly { serviceId: number; hourStart: Date; down: number }[]): Map<number, DowntimeInterval[]> {
  const byService = new Map<number, DowntimeInterval[]>();
  for (const { serviceId, hourStart: start, down } of hours) {
    const list = byService.get(serviceId) ?? [];
    const last = list[list.length - 1];
    if (last && last.end.getTime() === start.getTime()) {
      last.end = new Date(start.getTime() + 3_600_000);
      last.downSeconds += down;
    } else list.push({ serviceId, start, end: new Date(start.getTime() + 3_600_000), downSeconds: down });
    byService.set(serviceId, list);
  }
  return byService;
}

/** Where to look for samples reaching into each span: a sample may start up to a day before the span. */
export function sampleRanges<K>(wanted: readonly KeyedSpan<K>[]): ServiceRange[] {
  return wanted.map(({ serviceId, span }) => ({ serviceId, from: span.start - 86_400_000, to: span.end }));
}

/** Where to look for the hours overlapping each span (hour starts from an hour before it, both bounds included). */
export function hourRanges<K>(wanted: readonly KeyedSpan<K>[]): ServiceRange[] {
  return wanted.map(({ serviceId, span }) => ({ serviceId, from: span.start - 3_599_999, to: span.end - 1 }));
}

/**
 * The seconds reported and up inside each span from the raw samples, summed by key (each
 * sample pro rata by its overlap with the span), and the spans with no sample in reach
 * (their samples pruned), for `addFromHours`.
 */
export function measureFromSamples<K>(
  wanted: readonly KeyedSpan<K>[],
  samples: readonly MeasuredSample[],
): { sums: Map<K, Measured>; withoutSamples: KeyedSpan<K>[] } {
  const sums = new Map<K, Measured>();
  const samplesOf = groupBy(samples, (sample) => sample.serviceId);
  const withoutSamples: KeyedSpan<K>[] = [];
  for (const entry of wanted) {
    const { key, serviceId, span } = entry;
    const inSpan = (samplesOf.get(serviceId) ?? []).filter((sample) => sample.start >= span.start - 86_400_000 && sample.start < span.end);
    if (!inSpan.length) {
      withoutSamples.push(entry);
      continue;
    }
    for (const sample of inSpan) {
      const overlap = Math.max(0, Math.min(span.end, sample.start + sample.seconds * 1000) - Math.max(span.start, sample.start));
      const share = overlap / (sample.seconds * 1000);
      add(sums, key, sample.seconds * share, sample.up * share);
    }
  }
  return { sums, withoutSamples };
}

/** Adds to `sums` the seconds of the hourly rollups inside each span, pro rata by overlap. */
export function addFromHours<K>(sums: Map<K, Measured>, spans: readonly KeyedSpan<K>[], hours: readonly MeasuredHour[]): void {
  const hoursOf = groupBy(hours, (hour) => hour.serviceId);
  for (const { key, serviceId, span } of spans) {
    for (const hour of hoursOf.get(serviceId) ?? []) {
      if (hour.start < span.start - 3_599_999 || hour.start > span.end - 1) continue;
      const overlap = Math.max(0, Math.min(span.end, hour.start + 3_600_000) - Math.max(span.start, hour.start));
      add(sums, key, (hour.covered * overlap) / 3_600_000, (hour.up * overlap) / 3_600_000);
    }
  }
}

/** Each sum rounded to whole seconds, once per key. */
export function roundSums<K>(sums: Map<K, Measured>): Map<K, Measured> {
  for (const sum of sums.values()) {
    sum.covered = Math.round(sum.covered);
    sum.up = Math.round(sum.up);
  }
  return sums;
}

function add<K>(sums: Map<K, Measured>, key: K, covered: number, up: number): void {
  const sum = sums.get(key) ?? { covered: 0, up: 0 };
  sum.covered += covered;
  sum.up += up;
  sums.set(key, sum);
}
