import type { EntityManager } from 'typeorm';
import { sqlTimestamp } from '../common/dates';
import { column, dialectOf, type Dialect } from '../db/dialect';
import { ukDayBounds } from '../common/calendar';

export interface DayKey {
  serviceId: number;
  qosClass: string;
  day: string;
}

/** [rollup column, aggregate over performance_sample] for the measures both rollups share. */
const MEASURES: [string, string][] = [
  ['organisationId', 'MAX(organisationId)'],
  ['sampleCount', 'COUNT(*)'],
  ['coveredSeconds', 'COALESCE(SUM(CASE WHEN upSeconds IS NULL THEN 0 ELSE intervalSeconds END), 0)'],
  ['upSeconds', 'COALESCE(SUM(upSeconds), 0)'],
  ...(['latency:Us', 'jitter:Us', 'packetLoss:Ppm', 'utilisationIn:Bp', 'utilisationOut:Bp'] as const).flatMap(
    (spec): [string, string][] => {
      const [name, unit] = spec.split(':');
      const source = `${name}${unit}`;
      return [
        [`${name}Count`, `COUNT(${source})`],
        [`${name}Sum${unit}`, `COALESCE(SUM(${source}), 0)`],
        [`${name}Max${unit}`, `MAX(${source})`],
      ];
    },
  ),
];

/**
 * Rebuilds the hourly and daily rollups of the given service-days from their raw samples,
 * in SQL, in the caller's transaction. Rebuilding (rather than adding deltas) keeps rollups
 * right whatever arrives late or is corrected, and no sample leaves the database to do it.
 * The daily 95th percentile of utilisation is the nearest-rank one, found with window
 * functions (MySQL 8, MariaDB 10.2, SQLite 3.25).
 */
export async function rebuildRollups(manager: EntityManager, keys: DayKey[]): Promise<void> {
  const groups = groupDays(keys);
  if (groups.length === 0) return;
  const dialect = dialectOf(manager);
  const q = (name: string) => column(dialect, name);

  const days = whereDays(groups);
  const hours = whereHours(groups);
  await manager.query(`DELETE FROM ${q('performance_hourly')} WHERE ${hours.sql}`, hours.params);
  await manager.query(`DELETE FROM ${q('performance_daily')} WHERE ${days.sql}`, days.params);

  await insertRollups(manager, dialect, days.sql, days.params);
}

/**
 * Rebuilds every rollup from the raw samples (after a bulk load, or to repair), a few
 * hundred services at a time: each pass reads its services' samples in primary-key order,
 * where one pass over every sample would sort them all in a temporary table on disk (tens of
 * minutes for a month of five-minute samples from 10,000 services).
 */
export async function rebuildAllRollups(manager: EntityManager, servicesPerPass = 200): Promise<void> {
  const dialect = dialectOf(manager);
  await manager.query(`DELETE FROM ${column(dialect, 'performance_hourly')}`);
  await manager.query(`DELETE FROM ${column(dialect, 'performance_daily')}`);
  const services: { id: number }[] = await manager.query(`SELECT id FROM ${column(dialect, 'service')} ORDER BY id`);
  for (let i = 0; i < services.length; i += servicesPerPass) {
    const ids = services.slice(i, i + servicesPerPass).map((row) => Number(row.id));
    await insertRollups(manager, dialect, `serviceId IN (${ids.map(() => '?').join(', ')})`, ids);
  }
}

async function insertRollups(manager: EntityManager, dialect: Dialect, where: string, params: unknown[]): Promise<void> {
  const q = (name: string) => column(dialect, name);
  const measureColumns = MEASURES.map(([name]) => q(name)).join(', ');
  const aggregates = MEASURES.map(([, expression]) => expression).join(', ');
  await manager.query(
    `INSERT INTO ${q('performance_hourly')} (serviceId, hourStart, qosClass, ${measureColumns})
     SELECT serviceId, hourStart, qosClass, ${aggregates} FROM ${q('performance_sample')} WHERE ${where} GROUP BY serviceId, hourStart, qosClass`,
    params,
  );
  await manager.query(
    `INSERT INTO ${q('performance_daily')} (serviceId, day, qosClass, ${measureColumns}, utilisationInP95Bp, utilisationOutP95Bp)
     SELECT a.*, p.inP95, p.outP95 FROM
       (SELECT serviceId, day, qosClass, ${aggregates} FROM ${q('performance_sample')} WHERE ${where} GROUP BY serviceId, day, qosClass) a
     JOIN (${percentiles(dialect, where)}) p ON p.serviceId = a.serviceId AND p.day = a.day AND p.qosClass = a.qosClass`,
    [...params, ...params],
  );
}

/** Nearest rank: the value whose rank r is the smallest with r ≥ 0.95 × n (nulls ranked last, not counted). */
function percentiles(dialect: Dialect, where: string): string {
  const q = (name: string) => column(dialect, name);
  const partition = 'PARTITION BY serviceId, day, qosClass';
  const rank = (measure: string) =>
    `ROW_NUMBER() OVER (${partition} ORDER BY ${measure} IS NULL, ${measure}) AS ${measure}Rank, COUNT(${measure}) OVER (${partition}) AS ${measure}Count`;
  const pick = (measure: string) =>
    `MAX(CASE WHEN ${measure}Rank * 100 >= 95 * ${measure}Count AND (${measure}Rank - 1) * 100 < 95 * ${measure}Count THEN ${measure} END)`;
  return `SELECT serviceId, day, qosClass, ${pick('utilisationInBp')} AS inP95, ${pick('utilisationOutBp')} AS outP95
    FROM (SELECT serviceId, day, qosClass, utilisationInBp, utilisationOutBp, ${rank('utilisationInBp')}, ${rank('utilisationOutBp')}
          FROM ${q('performance_sample')} WHERE ${where}) ranked
    GROUP BY serviceId, day, qosClass`;
}

interface Group {
  serviceId: number;
  qosClass: string;
  days: string[];
}

function groupDays(keys: DayKey[]): Group[] {
  const groups = new Map<string, { serviceId: number; qosClass: string; days: Set<string> }>();
  for (const key of keys) {
    const id = `${key.serviceId}|${key.qosClass}`;
    const group = groups.get(id) ?? { serviceId: key.serviceId, qosClass: key.qosClass, days: new Set<string>() };
    group.days.add(key.day);
    groups.set(id, group);
  }
  return [...groups.values()].map((group) => ({ ...group, days: [...group.days].sort() }));
}

function whereDays(groups: Group[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = groups
    .map((group) => {
      params.push(group.serviceId, group.qosClass, ...group.days);
      return `(serviceId = ? AND qosClass = ? AND day IN (${group.days.map(() => '?').join(', ')}))`;
    })
    .join(' OR ');
  return { sql: `(${sql})`, params };
}

/** Hourly buckets are UTC hours; a UK day is the 23, 24 or 25 of them between its midnights. */
function whereHours(groups: Group[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const group of groups) {
    for (const range of contiguousRanges(group.days)) {
      params.push(group.serviceId, group.qosClass, sqlTimestamp(ukDayBounds(range.first).start), sqlTimestamp(ukDayBounds(range.last).end));
      parts.push('(serviceId = ? AND qosClass = ? AND hourStart >= ? AND hourStart < ?)');
    }
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** Runs of consecutive days, so a week of one service is one range rather than seven. */
function contiguousRanges(days: string[]): { first: string; last: string }[] {
  const ranges: { first: string; last: string }[] = [];
  for (const day of days) {
    const current = ranges[ranges.length - 1];
    if (current && ukDayBounds(current.last).end.getTime() === ukDayBounds(day).start.getTime()) current.last = day;
    else ranges.push({ first: day, last: day });
  }
  return ranges;
}
