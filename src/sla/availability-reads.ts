// The SQL behind availability (docs/ARCHITECTURE.md, "Reaching the database"): each read
// returns plain typed rows, numbers as numbers and days as "YYYY-MM-DD", for the arithmetic
// in availability-rules.ts, which never touches the database.
import type { EntityManager } from 'typeorm';
import { tenancy } from '../auth/tenancy';
import { plainSelect } from '../db/plain-select';
import { asUtcDate, sqlTimestamp } from '../common/dates';
import type { Month } from '../common/calendar';
import { ExclusionWindow } from './exclusion-window.entity';
import type { MeasuredHour, MeasuredSample, ServiceDay, ServiceRange } from './availability-rules';

const CHUNK = 1_000;
/** hour ranges (service, from, to) per statement: three bound values each */
const RANGES_PER_STATEMENT = 500;

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
  const scoped = tenancy.sql(organisationIds);
  return {
    sql: `serviceId IN (SELECT id FROM service WHERE contractId = ? AND ${scoped.sql})`,
    params: [contractId, ...scoped.params],
  };
}

/** Each of the contract's services' seconds covered and up over the whole month, from the daily rollups. */
export async function readMonthSums(
  manager: EntityManager,
  month: Month,
  contract: ContractScope,
): Promise<{ serviceId: number; covered: number; up: number }[]> {
  const ofContract = inContract(contract);
  const rows: { serviceId: number; covered: string | number; up: string | number }[] = await manager.query(
    `SELECT serviceId, SUM(coveredSeconds) AS covered, SUM(upSeconds) AS up FROM performance_daily
       WHERE qosClass = '' AND day >= ? AND day <= ? AND ${ofContract.sql} GROUP BY serviceId`,
    [month.firstDay, month.lastDay, ...ofContract.params],
  );
  return rows.map((row) => ({ serviceId: Number(row.serviceId), covered: Number(row.covered), up: Number(row.up) }));
}

/** The contract's exclusion windows overlapping the month, by start then id. */
export function readMonthExclusionWindows(manager: EntityManager, month: Month, contract: ContractScope): Promise<ExclusionWindow[]> {
  const ofContract = inContract(contract);
  return plainSelect(
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
  );
}

/** The month's daily rollups of the services named, by service, `CHUNK` services to a statement. */
export async function readMonthDays(
  manager: EntityManager,
  month: Month,
  serviceIds: readonly number[],
): Promise<Map<number, ServiceDay[]>> {
  const days = new Map<number, ServiceDay[]>();
  for (let i = 0; i < serviceIds.length; i += CHUNK) {
    const some = serviceIds.slice(i, i + CHUNK);
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
  return days;
}

/** The days of the month on which a contract's service had any downtime (up short of covered), by service then day. */
export async function readDownDays(
  manager: EntityManager,
  month: Month,
  contract: ContractScope,
): Promise<{ serviceId: number; day: string }[]> {
  const services = inContract(contract);
  const rows: { serviceId: number; day: string | Date }[] = await manager.query(
    `SELECT serviceId, day FROM performance_daily
     WHERE qosClass = '' AND day >= ? AND day <= ? AND upSeconds < coveredSeconds AND ${services.sql}
     ORDER BY serviceId, day`,
    [month.firstDay, month.lastDay, ...services.params],
  );
  return rows.map((row) => ({ serviceId: Number(row.serviceId), day: isoDay(row.day) }));
}

/** The hours with downtime in the ranges (hours starting in [from, to)), by service then hour. */
export async function readDownHours(
  manager: EntityManager,
  ranges: readonly ServiceRange[],
): Promise<{ serviceId: number; hourStart: Date; down: number }[]> {
  const rows = await rangesRead<{ serviceId: number; hourStart: string | Date; down: string | number }>(
    manager,
    ranges,
    `SELECT serviceId, hourStart, coveredSeconds - upSeconds AS down FROM performance_hourly
     WHERE qosClass = '' AND upSeconds < coveredSeconds AND ($ranges)
     ORDER BY serviceId, hourStart`,
    '(serviceId = ? AND hourStart >= ? AND hourStart < ?)',
  );
  return rows.map((row) => ({ serviceId: Number(row.serviceId), hourStart: asUtcDate(row.hourStart), down: Number(row.down) }));
}

/** The raw samples with an up figure that start in the ranges ([from, to)). */
export async function readSamplesIn(manager: EntityManager, ranges: readonly ServiceRange[]): Promise<MeasuredSample[]> {
  const rows = await rangesRead<{ serviceId: number; intervalStart: string | Date; intervalSeconds: number; upSeconds: number | null }>(
    manager,
    ranges,
    `SELECT serviceId, intervalStart, intervalSeconds, upSeconds FROM performance_sample
     WHERE qosClass = '' AND upSeconds IS NOT NULL AND ($ranges)`,
    '(serviceId = ? AND intervalStart >= ? AND intervalStart < ?)',
  );
  return rows.map((sample) => ({
    serviceId: Number(sample.serviceId),
    start: asUtcDate(sample.intervalStart).getTime(),
    seconds: Number(sample.intervalSeconds),
    up: Number(sample.upSeconds),
  }));
}

/** The hourly rollups that start in the ranges (both bounds included). */
export async function readHoursIn(manager: EntityManager, ranges: readonly ServiceRange[]): Promise<MeasuredHour[]> {
  const rows = await rangesRead<{ serviceId: number; hourStart: string | Date; coveredSeconds: number; upSeconds: number }>(
    manager,
    ranges,
    `SELECT serviceId, hourStart, coveredSeconds, upSeconds FROM performance_hourly WHERE qosClass = '' AND ($ranges)`,
    '(serviceId = ? AND hourStart >= ? AND hourStart <= ?)',
  );
  return rows.map((hour) => ({
    serviceId: Number(hour.serviceId),
    start: asUtcDate(hour.hourStart).getTime(),
    covered: Number(hour.coveredSeconds),
    up: Number(hour.upSeconds),
  }));
}

/** A DATE column as "YYYY-MM-DD", whichever way the driver hands it over. */
const isoDay = (value: string | Date) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

/**
 * The rows of `sql` in any of the services' time ranges, `RANGES_PER_STATEMENT` ranges to a
 * statement: `$ranges` in `sql` becomes the ranges' conditions, each `range` with its
 * service id and the range's bounds as placeholders.
 */
async function rangesRead<Row>(manager: EntityManager, ranges: readonly ServiceRange[], sql: string, range: string): Promise<Row[]> {
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
