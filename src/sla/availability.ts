import type { EntityManager } from 'typeorm';
import { groupBy } from '../common/collections';
import type { Month } from '../common/calendar';
import type { NetworkService } from '../services/network-service.entity';
import type { ExclusionWindow } from './exclusion-window.entity';
import type { Span } from './service-hours';
import {
  readDownDays,
  readDownHours,
  readHoursIn,
  readMonthDays,
  readMonthExclusionWindows,
  readMonthSums,
  readSamplesIn,
  type ContractScope,
} from './availability-reads';
import {
  activeSpan,
  addFromHours,
  downDayRanges,
  downtimeIntervals,
  excludedWithin,
  hourRanges,
  measureFromSamples,
  roundSums,
  sampleRanges,
  serviceMonth,
  type DowntimeInterval,
  type KeyedSpan,
  type ServiceMonthFigures,
} from './availability-rules';

// The reads (availability-reads.ts) put to the arithmetic (availability-rules.ts, whose header
// says how availability is computed, missing data and maintenance windows included).

export interface MonthlyAvailability extends ServiceMonthFigures {
  exclusions: ExclusionWindow[];
}

/**
 * Each service's availability over the month from the rollups: the days it was live, less
 * the exclusion windows on record. Data missing is unknown, not up: coverage says how much
 * of the month was reported. `services` are the contract's services (all of them), or the
 * promise of them: the reads are named by the contract, so they go out at once, beside
 * whatever reads the services, and a contract of 10,000 services costs what one of ten does.
 */
export async function monthlyAvailability(
  manager: EntityManager,
  services: NetworkService[] | Promise<NetworkService[]>,
  month: Month,
  contract: ContractScope,
  { downtime: withDowntime = true }: { downtime?: boolean } = {},
): Promise<Map<number, MonthlyAvailability>> {
  const [listed, sums, windows, downtime] = await Promise.all([
    services,
    readMonthSums(manager, month, contract),
    readMonthExclusionWindows(manager, month, contract),
    withDowntime ? downtimeHours(manager, month, contract) : new Map<number, DowntimeInterval[]>(),
  ]);
  const results = new Map<number, MonthlyAvailability>();
  const live = listed
    .map((service) => ({ service, span: activeSpan(service, month) }))
    .filter((entry): entry is { service: NetworkService; span: Span } => entry.span !== null);
  if (live.length === 0) return results;

  // services live all month take the month's sums; only those installed or ceased in it need their days
  const partial = live.filter(({ span }) => span.start > month.start || span.end < month.end).map(({ service }) => service.id);
  const totals = new Map(sums.map((row) => [row.serviceId, { covered: row.covered, up: row.up }]));
  for (const id of partial) totals.delete(id);
  const days = await readMonthDays(manager, month, partial);
  const windowsOf = groupBy(windows, (window) => window.serviceId);
  const excludedOf = new Map<number, Span[]>();
  for (const { service, span } of live) {
    const spans = excludedWithin(windowsOf.get(service.id) ?? [], span);
    if (spans.length) excludedOf.set(service.id, spans);
  }
  const inWindows = await measuredWithinSpans(
    manager,
    [...excludedOf].flatMap(([serviceId, spans]) => spans.map((span) => ({ key: serviceId, serviceId, span }))),
  );

  for (const { service, span } of live) {
    const figures = serviceMonth({
      serviceId: service.id,
      span,
      month,
      monthTotal: totals.get(service.id),
      days: days.get(service.id) ?? [],
      excludedSpans: excludedOf.get(service.id) ?? [],
      inWindows: inWindows.get(service.id),
      downtime: downtime.get(service.id) ?? [],
    });
    results.set(service.id, { ...figures, exclusions: windowsOf.get(service.id) ?? [] });
  }
  return results;
}

/**
 * Hours with downtime, merged into intervals: the evidence behind a breach. The daily
 * rollups say which days had any (a day's up seconds fall short of its covered seconds
 * exactly when one of its hours' do), so only those days' hours are read: a contract of
 * 1,000 services reads its 30,000 daily rows and the few hundred hours that matter, not
 * 720,000 hourly rows.
 */
async function downtimeHours(manager: EntityManager, month: Month, contract: ContractScope): Promise<Map<number, DowntimeInterval[]>> {
  const downDays = await readDownDays(manager, month, contract);
  return downtimeIntervals(await readDownHours(manager, downDayRanges(downDays, month)));
}

/**
 * The seconds reported and up inside each span, summed by key and rounded once per key, as
 * a report counts them: a service's month (the SLA report) or a bucket of a series
 * (serviceAvailability) takes its exclusions off by the same arithmetic, so the two give the
 * same figure for the same month. From the raw samples where they are still held (exact to
 * the sample), else from the hourly rollups pro rata; all the spans of all the services are
 * read together, a few hundred to a statement, so a supplier's maintenance window over a
 * thousand circuits costs a report two statements, not two thousand.
 */
export async function measuredWithinSpans<K>(
  manager: EntityManager,
  wanted: readonly KeyedSpan<K>[],
): Promise<Map<K, { covered: number; up: number }>> {
  if (wanted.length === 0) return new Map();
  const { sums, withoutSamples } = measureFromSamples(wanted, await readSamplesIn(manager, sampleRanges(wanted)));
  // spans whose raw samples have been pruned: the hours that overlap them
  addFromHours(sums, withoutSamples, await readHoursIn(manager, hourRanges(withoutSamples)));
  return roundSums(sums);
}
