import type { EntityManager } from 'typeorm';
import { In, MoreThanOrEqual } from 'typeorm';
import { isUniqueViolation } from '../db/errors';
import { NetworkService } from '../services/network-service.entity';
import { monthOf, nextPeriod, type Month } from '../common/calendar';
import { PerformanceMonthFrozen, PerformanceMonthlyPercentile } from './monthly-percentile.entity';
import { readFirstRollupDay, readMonthPercentiles } from './performance-reads';

const SERVICES_PER_STATEMENT = 200;

/** A service's 95th percentiles over a month (null: no sample carried the measure), with the sample counts behind them. */
export interface MonthlyPercentiles {
  serviceId: number;
  organisationId: number;
  latencyP95Us: number | null;
  latencyCount: number;
  jitterP95Us: number | null;
  jitterCount: number;
  packetLossP95Ppm: number | null;
  packetLossCount: number;
  /** when the month's percentiles were fixed (its raw samples may since have been pruned); null when read from the samples */
  frozenAt: Date | null;
}

/**
 * Each service's nearest-rank 95th percentiles over the month: those fixed when the month's
 * samples began to be pruned, else computed from the raw samples.
 */
export async function monthlyPercentiles(
  manager: EntityManager,
  serviceIds: number[],
  month: Month,
): Promise<Map<number, MonthlyPercentiles>> {
  if (serviceIds.length === 0) return new Map();
  const frozen = await manager.getRepository(PerformanceMonthFrozen).findOneBy({ period: month.period });
  if (!frozen) return percentilesFromSamples(manager, serviceIds, month);
  const rows = await manager
    .getRepository(PerformanceMonthlyPercentile)
    .find({ where: { period: month.period, serviceId: In(serviceIds) } });
  return new Map(rows.map((row) => [row.serviceId, { ...row, frozenAt: frozen.frozenAt }]));
}

/** The percentiles from the raw samples: ranked in SQL, one statement per 200 services. */
async function percentilesFromSamples(
  manager: EntityManager,
  serviceIds: number[],
  month: Month,
): Promise<Map<number, MonthlyPercentiles>> {
  const results = new Map<number, MonthlyPercentiles>();
  for (let i = 0; i < serviceIds.length; i += SERVICES_PER_STATEMENT) {
    const chunk = serviceIds.slice(i, i + SERVICES_PER_STATEMENT);
    const rows = await readMonthPercentiles(manager, chunk, month);
    const value = (raw: string | number | null) => (raw === null ? null : Number(raw));
    for (const row of rows) {
      results.set(Number(row.serviceId), {
        serviceId: Number(row.serviceId),
        organisationId: Number(row.organisationId),
        latencyP95Us: value(row.latencyP95Us),
        latencyCount: Number(row.latencyUsCount ?? 0),
        jitterP95Us: value(row.jitterP95Us),
        jitterCount: Number(row.jitterUsCount ?? 0),
        packetLossP95Ppm: value(row.packetLossP95Ppm),
        packetLossCount: Number(row.packetLossPpmCount ?? 0),
        frozenAt: null,
      });
    }
  }
  return results;
}

/**
 * Fixes the percentiles of every ended month whose samples the prune at `cutoff` would begin
 * to delete, oldest first, each month once (a second server pruning at the same moment finds
 * the month already claimed and leaves it). Answers the months fixed.
 *
 * A month still running when its first samples pass the cutoff (a retention shorter than a
 * month) cannot be fixed exactly; it is left, and its P95 terms will report the data as gone.
 */
export async function freezeMonthsBeforePruning(manager: EntityManager, cutoff: Date, now: Date): Promise<string[]> {
  const frozen = manager.getRepository(PerformanceMonthFrozen);
  const latest = await frozen.find({ order: { period: 'DESC' }, take: 1 });
  let period = latest.length ? nextPeriod(latest[0].period) : await firstPeriodWithData(manager);
  const fixed: string[] = [];
  while (period) {
    const month = monthOf(period);
    if (month.start >= cutoff.getTime() || month.end > now.getTime()) break;
    if (await freezeMonth(manager, month, now)) fixed.push(period);
    period = nextPeriod(period);
  }
  return fixed;
}

/** Fixes one month's percentiles, in one transaction with its claim. Answers false when another server had claimed it. */
async function freezeMonth(manager: EntityManager, month: Month, now = new Date()): Promise<boolean> {
  try {
    return await manager.transaction(async (tx) => {
      await tx.getRepository(PerformanceMonthFrozen).insert({ period: month.period, frozenAt: now, services: 0 });
      const services = await tx.getRepository(NetworkService).find({ select: { id: true }, order: { id: 'ASC' } });
      const percentiles = [
        ...(
          await percentilesFromSamples(
            tx,
            services.map((service) => service.id),
            month,
          )
        ).values(),
      ];
      for (let i = 0; i < percentiles.length; i += 500) {
        await tx
          .getRepository(PerformanceMonthlyPercentile)
          .insert(percentiles.slice(i, i + 500).map(({ frozenAt: _, ...row }) => ({ ...row, period: month.period })));
      }
      await tx.getRepository(PerformanceMonthFrozen).update({ period: month.period }, { services: percentiles.length });
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** The months among `periods` whose percentiles are fixed: samples for them are no longer taken. */
export async function frozenPeriods(manager: EntityManager, earliest: string): Promise<Set<string>> {
  const rows = await manager
    .getRepository(PerformanceMonthFrozen)
    .find({ select: { period: true }, where: { period: MoreThanOrEqual(earliest) } });
  return new Set(rows.map((row) => row.period));
}

async function firstPeriodWithData(manager: EntityManager): Promise<string | null> {
  const first = await readFirstRollupDay(manager);
  if (!first) return null;
  return (first instanceof Date ? first.toISOString() : String(first)).slice(0, 7);
}
