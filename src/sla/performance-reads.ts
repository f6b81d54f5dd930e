// The SQL behind the performance API's series and alerts (docs/ARCHITECTURE.md, "Reaching the
// database"): plain rows for performance-queries.service.ts, which holds the arithmetic.
import type { EntityManager } from 'typeorm';
import { tenancy } from '../auth/tenancy';
import { sqlTimestamp } from '../common/dates';
import { ukDateOf, type Month } from '../common/calendar';
import { plainSelect } from '../db/plain-select';
import { ExclusionWindow } from './exclusion-window.entity';

/** A service's hourly rollups starting in [from, to). */
export function readHourlyAvailability(
  manager: EntityManager,
  serviceId: number,
  from: Date,
  to: Date,
): Promise<{ at: string | Date; covered: string | number; up: string | number }[]> {
  return manager.query(
    `SELECT hourStart AS at, coveredSeconds AS covered, upSeconds AS up FROM performance_hourly WHERE serviceId = ? AND qosClass = '' AND ` +
      `hourStart >= ? AND hourStart < ?`,
    [serviceId, sqlTimestamp(from), sqlTimestamp(to)],
  );
}

/** A service's daily rollups of the UK days from `from` to the one holding the last instant before `to`. */
export function readDailyAvailability(
  manager: EntityManager,
  serviceId: number,
  from: Date,
  to: Date,
): Promise<{ at: string | Date; covered: string | number; up: string | number }[]> {
  return manager.query(
    `SELECT day AS at, coveredSeconds AS covered, upSeconds AS up FROM performance_daily WHERE serviceId = ? AND qosClass = '' AND day >= ? AND day <= ?`,
    [serviceId, ukDateOf(from), ukDateOf(to.getTime() - 1)],
  );
}

/**
 * Services of the organisations given with a daily 95th-percentile utilisation (in or out)
 * above `threshold` (basis points) on at least `minDays` days of the month, most days first.
 */
export function readCapacityRows(
  manager: EntityManager,
  organisationIds: readonly number[],
  month: Month,
  threshold: number,
  minDays: number,
): Promise<{ serviceId: number; daysOver: string | number; peak: string | number }[]> {
  const scoped = tenancy.sql(organisationIds);
  return manager.query(
    `SELECT serviceId, COUNT(*) AS daysOver, MAX(CASE WHEN utilisationInP95Bp > COALESCE(utilisationOutP95Bp, 0) THEN utilisationInP95Bp ` +
      `ELSE utilisationOutP95Bp END) AS peak
       FROM performance_daily
       WHERE qosClass = '' AND day >= ? AND day <= ? AND ${scoped.sql}
         AND (utilisationInP95Bp > ? OR utilisationOutP95Bp > ?)
       GROUP BY serviceId HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, serviceId`,
    [month.firstDay, month.lastDay, ...scoped.params, threshold, threshold, minDays],
  );
}

/** A service's exclusion windows (of the organisations given) overlapping [from, to), by start then id. */
export function readExclusionWindowsOverlapping(
  manager: EntityManager,
  serviceId: number,
  organisationIds: readonly number[],
  from: number,
  to: number,
): Promise<ExclusionWindow[]> {
  return plainSelect(
    manager,
    ExclusionWindow,
    { serviceId, ...tenancy.plain(organisationIds) },
    [
      ['startsAt', 'ASC'],
      ['id', 'ASC'],
    ],
    {
      sql: 'startsAt < ? AND endsAt > ?',
      params: [sqlTimestamp(new Date(to)), sqlTimestamp(new Date(from))],
    },
  );
}
