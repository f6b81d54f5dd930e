// The SQL that reads the raw samples and feed spans (docs/ARCHITECTURE.md, "Reaching the
// database"): plain rows for the writers and for monthly-percentiles.ts and feed-spans.ts.
import type { EntityManager } from 'typeorm';
import { tenancy } from '../auth/tenancy';
import { sqlTimestamp } from '../common/dates';
import type { Month } from '../common/calendar';

/** The samples held of the services whose intervals start in [from, to] (both included), `columns` of them. */
export function readSamplesBetween<Row>(
  manager: EntityManager,
  columns: readonly string[],
  serviceIds: readonly number[],
  from: Date,
  to: Date,
): Promise<Row[]> {
  return manager.query(
    `SELECT ${columns.join(', ')} FROM performance_sample WHERE serviceId IN (${serviceIds.map(() => '?').join(', ')}) AND intervalStart >= ` +
      `? AND intervalStart <= ?`,
    [...serviceIds, sqlTimestamp(from), sqlTimestamp(to)],
  );
}

/** The measures whose monthly 95th percentile is worked out: the name of the figure and its sample column. */
const PERCENTILE_MEASURES = { latencyP95Us: 'latencyUs', jitterP95Us: 'jitterUs', packetLossP95Ppm: 'packetLossPpm' } as const;

/**
 * Each service's nearest-rank 95th percentiles over the month from the raw samples, ranked in
 * SQL: per service, each of PERCENTILE_MEASURES' figures and `<column>Count`, the samples carrying it.
 */
export function readMonthPercentiles(
  manager: EntityManager,
  serviceIds: readonly number[],
  month: Month,
): Promise<Record<string, string | number | null>[]> {
  const rank = (source: string) =>
    `ROW_NUMBER() OVER (PARTITION BY serviceId ORDER BY ${source} IS NULL, ${source}) AS ${source}Rank, COUNT(${source}) OVER (PARTITION BY ` +
    `serviceId) AS ${source}Count`;
  const pick = (source: string, name: string) =>
    `MAX(CASE WHEN ${source}Rank * 100 >= 95 * ${source}Count AND (${source}Rank - 1) * 100 < 95 * ${source}Count THEN ${source} END) ` +
    `AS ${name}, MAX(${source}Count) AS ${source}Count`;
  return manager.query(
    `SELECT serviceId, MAX(organisationId) AS organisationId, ${Object.entries(PERCENTILE_MEASURES)
      .map(([name, source]) => pick(source, name))
      .join(', ')}
       FROM (SELECT serviceId, organisationId, ${Object.values(PERCENTILE_MEASURES).join(', ')}, ${Object.values(PERCENTILE_MEASURES).map(rank).join(', ')}
             FROM performance_sample WHERE qosClass = '' AND intervalStart >= ? AND intervalStart < ? AND serviceId IN ` +
      `(${serviceIds.map(() => '?').join(', ')})) ranked
       GROUP BY serviceId`,
    [sqlTimestamp(new Date(month.start)), sqlTimestamp(new Date(month.end)), ...serviceIds],
  );
}

/** The first day of the daily rollups, or null with none. */
export async function readFirstRollupDay(manager: EntityManager): Promise<string | Date | null> {
  const [row]: { first: string | Date | null }[] = await manager.query(
    `SELECT MIN(day) AS first FROM performance_daily WHERE qosClass = ''`,
  );
  return row?.first ?? null;
}

/**
 * The feed spans (`columns` of them) of the organisations given that overlap any of the
 * lookups (a service, from `start` to `end`), by run then service: one statement.
 */
export function readFeedSpansOverlapping<Row>(
  manager: EntityManager,
  columns: readonly string[],
  organisationIds: readonly number[],
  lookups: readonly { serviceId: number; start: Date; end: Date }[],
): Promise<Row[]> {
  const scoped = tenancy.sql(organisationIds);
  return manager.query(
    `SELECT ${columns.join(', ')} FROM performance_feed_span
       WHERE ${scoped.sql}
         AND (${lookups.map(() => '(serviceId = ? AND firstIntervalStart < ? AND lastIntervalEnd > ?)').join(' OR ')})
       ORDER BY feedRunId, serviceId`,
    [...scoped.params, ...lookups.flatMap(({ serviceId, start, end }) => [serviceId, sqlTimestamp(end), sqlTimestamp(start)])],
  );
}
