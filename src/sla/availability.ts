import type { EntityManager } from 'typeorm';
import { plainSelect } from '../db/plain-select';
import { groupBy } from '../common/collections';
import { formatUnits, percentUnitsDown } from '../common/percent';
import { addDays, asUtcDate, sqlTimestamp } from '../common/dates';
import { ukDateOf, ukDayStart, type Month } from '../common/calendar';
import type { NetworkService } from '../services/network-service.entity';
import { ExclusionWindow } from './exclusion-window.entity';
import { mergeSpans, subtract, total, type Span } from './service-hours';

const CHUNK = 1_000;
/** A contract, and the organisations whose records the reader may see. */
export interface ContractScope {
  readonly contractId: number;
  readonly organisationIds: readonly number[];
}

/**
 * The contract's services, named by the contract (a list of 10,000 ids costs more to bind than
 * the statement to run) and held to the reader's organisations, so that the reads may go out
 * before the contract's visibility is settled without ever touching another tenant's rows.
 */
export function inContract({ contractId, organisationIds }: ContractScope): { sql: string; params: unknown[] } {
  if (organisationIds.length === 0) return { sql: '1 = 0', params: [] };
  return {
    sql: `serviceId IN (SELECT id FROM service WHERE contractId = ? AND organisationId IN (${organisationIds.map(() => '?').join(', ')}))`,
    params: [contractId, ...organisationIds],
  };
}
/** hour ranges (service, from, to) per statement: three bound values each */
const RANGES_PER_STATEMENT = 500;

export interface DowntimeInterval {
  /** the service that was down: with the times, what names the feed runs behind it (downtime-sources.ts) */
  serviceId: number;
  start: Date;
  end: Date;
  /** seconds down within the interval (samples report seconds up, not when within the hour) */
  downSeconds: number;
}

export interface MonthlyAvailability {
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
  exclusions: ExclusionWindow[];
}

/** When in the month the service was live: from its install date to its cease date, UK midnights. */
export function activeSpan(service: Pick<NetworkService, 'installDate' | 'ceaseDate'>, month: Month): Span | null {
  if (!service.installDate) return null;
  const start = Math.max(month.start, ukDayStart(service.installDate));
  const end = service.ceaseDate ? Math.min(month.end, ukDayStart(service.ceaseDate)) : month.end;
  return end > start ? { start, end } : null;
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
  const ofContract = inContract(contract);
  const [listed, sums, windows, downtime] = await Promise.all([
    services,
    manager.query(
      `SELECT serviceId, SUM(coveredSeconds) AS covered, SUM(upSeconds) AS up FROM performance_daily
       WHERE qosClass = '' AND day >= ? AND day <= ? AND ${ofContract.sql} GROUP BY serviceId`,
      [month.firstDay, month.lastDay, ...ofContract.params],
    ) as Promise<{ serviceId: number; covered: string | number; up: string | number }[]>,
    plainSelect(
      manager,
      ExclusionWindow,
      {},
      [
        ['startsAt', 'ASC'],
        ['id', 'ASC'],
      ],
      {
        sql: `${ofContract.sql} AND startsAt < ? AND endsAt > ?`,
        params: [...ofContract.params, sqlTimestamp(new Date(month.end)), sqlTimestamp(new Date(month.start))],
      },
    ),
    withDowntime ? downtimeHours(manager, month, contract) : new Map<number, DowntimeInterval[]>(),
  ]);
  const results = new Map<number, MonthlyAvailability>();
  const live = listed
    .map((service) => ({ service, span: activeSpan(service, month) }))
    .filter((entry): entry is { service: NetworkService; span: Span } => entry.span !== null);
  if (live.length === 0) return results;

  // services live all month take the month's sums; only those installed or ceased in it need their days
  const partial = live.filter(({ span }) => span.start > month.start || span.end < month.end).map(({ service }) => service.id);
  const totals = new Map(sums.map((row) => [Number(row.serviceId), { covered: Number(row.covered), up: Number(row.up) }]));
  for (const id of partial) totals.delete(id);
  const days = new Map<number, { day: string; covered: number; up: number }[]>();
  for (let i = 0; i < partial.length; i += CHUNK) {
    const some = partial.slice(i, i + CHUNK);
    const rows: { serviceId: number; day: string | Date; covered: string | number; up: string | number }[] = await manager.query(
      `SELECT serviceId, day, coveredSeconds AS covered, upSeconds AS up FROM performance_daily
       WHERE qosClass = '' AND day >= ? AND day <= ? AND serviceId IN (${some.map(() => '?').join(', ')})`,
      [month.firstDay, month.lastDay, ...some],
    );
    for (const row of rows) {
      const list = days.get(Number(row.serviceId)) ?? [];
      list.push({ day: isoDay(row.day), covered: Number(row.covered), up: Number(row.up) });
      days.set(Number(row.serviceId), list);
    }
  }
  const windowsOf = groupBy(windows, (window) => window.serviceId);
  const excludedOf = new Map<number, Span[]>();
  for (const { service, span } of live) {
    const own = windowsOf.get(service.id) ?? [];
    const spans = mergeSpans(
      own.map((window) => ({ start: Math.max(window.startsAt.getTime(), span.start), end: Math.min(window.endsAt.getTime(), span.end) })),
    );
    if (spans.length) excludedOf.set(service.id, spans);
  }
  const inWindows = await measuredWithin(manager, excludedOf);

  for (const { service, span } of live) {
    const firstLiveDay = span.start === month.start ? month.firstDay : ukDateOf(span.start);
    const lastLiveDay = span.end === month.end ? month.lastDay : ukDateOf(span.end - 1);
    let covered = totals.get(service.id)?.covered ?? 0;
    let up = totals.get(service.id)?.up ?? 0;
    for (const day of days.get(service.id) ?? []) {
      if (day.day < firstLiveDay || day.day > lastLiveDay) continue;
      covered += day.covered;
      up += day.up;
    }
    const own = windowsOf.get(service.id) ?? [];
    const excludedSpans = excludedOf.get(service.id) ?? [];
    covered -= inWindows.get(service.id)?.covered ?? 0;
    up -= inWindows.get(service.id)?.up ?? 0;
    const excludedMs = total(excludedSpans);
    const measurableMs = span.end - span.start - excludedMs;
    const availabilityUnits = covered > 0 ? percentUnitsDown(Math.max(0, up), covered, 3) : null;
    const coverageUnits = measurableMs > 0 ? Math.min(1_000, percentUnitsDown(Math.max(0, covered) * 1000, measurableMs, 1)) : 0;
    results.set(service.id, {
      serviceId: service.id,
      activeSeconds: (span.end - span.start) / 1000,
      excludedSeconds: excludedMs / 1000,
      coveredSeconds: covered,
      upSeconds: up,
      availabilityPercent: availabilityUnits === null ? null : formatUnits(availabilityUnits, 3),
      availabilityUnits,
      coveragePercent: formatUnits(coverageUnits, 1),
      coverageUnits,
      downtime: (downtime.get(service.id) ?? []).filter(
        (interval) => subtract([{ start: interval.start.getTime(), end: interval.end.getTime() }], excludedSpans).length > 0,
      ),
      exclusions: own,
    });
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
  const byService = new Map<number, DowntimeInterval[]>();
  const services = inContract(contract);
  const downDays: { serviceId: number; day: string | Date }[] = await manager.query(
    `SELECT serviceId, day FROM performance_daily
     WHERE qosClass = '' AND day >= ? AND day <= ? AND upSeconds < coveredSeconds AND ${services.sql}
     ORDER BY serviceId, day`,
    [month.firstDay, month.lastDay, ...services.params],
  );

  // consecutive down days of a service make one range of hours
  const ranges: { serviceId: number; start: number; end: number }[] = [];
  for (const row of downDays) {
    const serviceId = Number(row.serviceId);
    const day = isoDay(row.day);
    const start = Math.max(month.start, ukDayStart(day));
    const end = Math.min(month.end, ukDayStart(addDays(day, 1)));
    const last = ranges[ranges.length - 1];
    if (last && last.serviceId === serviceId && last.end === start) last.end = end;
    else ranges.push({ serviceId, start, end });
  }

  const rows = await rangesRead<{ serviceId: number; hourStart: string | Date; down: string | number }>(
    manager,
    ranges.map(({ serviceId, start, end }) => ({ serviceId, from: start, to: end })),
    `SELECT serviceId, hourStart, coveredSeconds - upSeconds AS down FROM performance_hourly
     WHERE qosClass = '' AND upSeconds < coveredSeconds AND ($ranges)
     ORDER BY serviceId, hourStart`,
    '(serviceId = ? AND hourStart >= ? AND hourStart < ?)',
  );
  for (const row of rows) {
    const list = byService.get(Number(row.serviceId)) ?? [];
    const start = asUtcDate(row.hourStart);
    const last = list[list.length - 1];
    if (last && last.end.getTime() === start.getTime()) {
      last.end = new Date(start.getTime() + 3_600_000);
      last.downSeconds += Number(row.down);
    } else
      list.push({ serviceId: Number(row.serviceId), start, end: new Date(start.getTime() + 3_600_000), downSeconds: Number(row.down) });
    byService.set(Number(row.serviceId), list);
  }
  return byService;
}

/** A DATE column as "YYYY-MM-DD", whichever way the driver hands it over. */
const isoDay = (value: string | Date) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

/**
 * Seconds reported, and up, inside each service's excluded spans: from the raw samples where
 * they are still held (exact to the sample), else from the hourly rollups pro rata. All the
 * spans of all the services are read together, a few hundred to a statement, so a supplier's
 * maintenance window over a thousand circuits costs a report two statements, not two thousand.
 */
function measuredWithin(
  manager: EntityManager,
  spansOf: ReadonlyMap<number, readonly Span[]>,
): Promise<Map<number, { covered: number; up: number }>> {
  return measuredWithinSpans(
    manager,
    [...spansOf].flatMap(([serviceId, spans]) => spans.map((span) => ({ key: serviceId, serviceId, span }))),
  );
}

/** A span of one service's time, and the total it counts towards. */
export interface KeyedSpan<K> {
  key: K;
  serviceId: number;
  span: Span;
}

/**
 * The seconds reported and up inside each span, summed by key and rounded once per key, as
 * `measuredWithin` counts them for a report: a service's month (the SLA report) or a bucket
 * of a series (serviceAvailability) takes its exclusions off by the same arithmetic, so the
 * two give the same figure for the same month.
 */
export async function measuredWithinSpans<K>(
  manager: EntityManager,
  wanted: readonly KeyedSpan<K>[],
): Promise<Map<K, { covered: number; up: number }>> {
  const sums = new Map<K, { covered: number; up: number }>();
  const add = (key: K, covered: number, up: number) => {
    const sum = sums.get(key) ?? { covered: 0, up: 0 };
    sum.covered += covered;
    sum.up += up;
    sums.set(key, sum);
  };
  if (wanted.length === 0) return sums;

  // a sample may start up to a day before the span and still reach into it
  const samples = await rangesRead<{ serviceId: number; intervalStart: string | Date; intervalSeconds: number; upSeconds: number | null }>(
    manager,
    wanted.map(({ serviceId, span }) => ({ serviceId, from: span.start - 86_400_000, to: span.end })),
    `SELECT serviceId, intervalStart, intervalSeconds, upSeconds FROM performance_sample
     WHERE qosClass = '' AND upSeconds IS NOT NULL AND ($ranges)`,
    '(serviceId = ? AND intervalStart >= ? AND intervalStart < ?)',
  );
  const samplesOf = groupBy(
    samples.map((sample) => ({
      serviceId: Number(sample.serviceId),
      start: asUtcDate(sample.intervalStart).getTime(),
      seconds: Number(sample.intervalSeconds),
      up: Number(sample.upSeconds),
    })),
    (sample) => sample.serviceId,
  );
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
      add(key, sample.seconds * share, sample.up * share);
    }
  }

  // spans whose raw samples have been pruned: the hours that overlap them
  const hours = await rangesRead<{ serviceId: number; hourStart: string | Date; coveredSeconds: number; upSeconds: number }>(
    manager,
    withoutSamples.map(({ serviceId, span }) => ({ serviceId, from: span.start - 3_599_999, to: span.end - 1 })),
    `SELECT serviceId, hourStart, coveredSeconds, upSeconds FROM performance_hourly WHERE qosClass = '' AND ($ranges)`,
    '(serviceId = ? AND hourStart >= ? AND hourStart <= ?)',
  );
  const hoursOf = groupBy(
    hours.map((hour) => ({
      serviceId: Number(hour.serviceId),
      start: asUtcDate(hour.hourStart).getTime(),
      covered: Number(hour.coveredSeconds),
      up: Number(hour.upSeconds),
    })),
    (hour) => hour.serviceId,
  );
  for (const { key, serviceId, span } of withoutSamples) {
    for (const hour of hoursOf.get(serviceId) ?? []) {
      if (hour.start < span.start - 3_599_999 || hour.start > span.end - 1) continue;
      const overlap = Math.max(0, Math.min(span.end, hour.start + 3_600_000) - Math.max(span.start, hour.start));
      add(key, (hour.covered * overlap) / 3_600_000, (hour.up * overlap) / 3_600_000);
    }
  }
  for (const sum of sums.values()) {
    sum.covered = Math.round(sum.covered);
    sum.up = Math.round(sum.up);
  }
  return sums;
}

/**
 * The rows of `sql` in any of the services' time ranges, `RANGES_PER_STATEMENT` ranges to a
 * statement: `$ranges` in `sql` becomes the ranges' conditions, each `range` with its
 * service id and the range's bounds as placeholders.
 */
async function rangesRead<Row>(
  manager: EntityManager,
  ranges: readonly { serviceId: number; from: number; to: number }[],
  sql: string,
  range: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < ranges.length; i += RANGES_PER_STATEMENT) {
    const chunk = ranges.slice(i, i + RANGES_PER_STATEMENT);
    rows.push(
      ...((await manager.query(
        sql.replace('$ranges', chunk.map(() => range).join(' OR ')),
        chunk.flatMap(({ serviceId, from, to }) => [serviceId, sqlTimestamp(new Date(from)), sqlTimestamp(new Date(to))]),
      )) as Row[]),
    );
  }
  return rows;
}
