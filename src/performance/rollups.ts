import { Brackets, type EntityManager } from 'typeorm';
import { sqlTimestamp } from '../common/dates';
import { PerformanceDaily, PerformanceHourly } from './performance-rollup.entity';
import { PerformanceSample } from './performance-sample.entity';
import { ukDayBounds } from './measures';

export interface DayKey {
  serviceId: number;
  qosClass: string;
  day: string;
}

const INSERT_CHUNK = 400;

/**
 * Rebuilds the hourly and daily rollups of the given service-days from their raw samples.
 * Rebuilding (rather than adding deltas) keeps rollups right whatever arrives late or is
 * corrected; a day is at most a few hundred samples, so it stays cheap. Runs in the
 * caller's transaction, with the samples it summarises.
 */
export async function rebuildRollups(manager: EntityManager, keys: DayKey[]): Promise<void> {
  const groups = groupDays(keys);
  if (groups.length === 0) return;

  const samples = await manager
    .createQueryBuilder(PerformanceSample, 'sample')
    .select([
      'sample.serviceId', 'sample.qosClass', 'sample.day', 'sample.hourStart', 'sample.intervalSeconds', 'sample.organisationId',
      'sample.upSeconds', 'sample.latencyUs', 'sample.jitterUs', 'sample.packetLossPpm', 'sample.utilisationInBp', 'sample.utilisationOutBp',
    ])
    .where(new Brackets((where) => {
      groups.forEach((group, index) => {
        where.orWhere(`(sample.serviceId = :s${index} AND sample.qosClass = :q${index} AND sample.day IN (:...d${index}))`, {
          [`s${index}`]: group.serviceId,
          [`q${index}`]: group.qosClass,
          [`d${index}`]: group.days,
        });
      });
    }))
    .getMany();

  const hourly = new Map<string, PerformanceHourly>();
  const daily = new Map<string, { row: PerformanceDaily; utilisationIn: number[]; utilisationOut: number[] }>();
  for (const sample of samples) {
    const hourStart = new Date(sample.hourStart);
    const hourKey = `${sample.serviceId}|${sample.qosClass}|${hourStart.getTime()}`;
    let hour = hourly.get(hourKey);
    if (!hour) {
      hour = Object.assign(new PerformanceHourly(), { serviceId: sample.serviceId, qosClass: sample.qosClass, hourStart }, emptyMeasures(sample.organisationId));
      hourly.set(hourKey, hour);
    }
    accumulate(hour, sample);

    const dayKey = `${sample.serviceId}|${sample.qosClass}|${sample.day}`;
    let day = daily.get(dayKey);
    if (!day) {
      day = {
        row: Object.assign(new PerformanceDaily(), { serviceId: sample.serviceId, qosClass: sample.qosClass, day: sample.day }, emptyMeasures(sample.organisationId)),
        utilisationIn: [],
        utilisationOut: [],
      };
      daily.set(dayKey, day);
    }
    accumulate(day.row, sample);
    if (sample.utilisationInBp !== null) day.utilisationIn.push(sample.utilisationInBp);
    if (sample.utilisationOutBp !== null) day.utilisationOut.push(sample.utilisationOutBp);
  }

  await deleteRollups(manager, groups);
  await insertChunked(manager, PerformanceHourly, [...hourly.values()]);
  await insertChunked(
    manager,
    PerformanceDaily,
    [...daily.values()].map(({ row, utilisationIn, utilisationOut }) =>
      Object.assign(row, { utilisationInP95Bp: percentile95(utilisationIn), utilisationOutP95Bp: percentile95(utilisationOut) }),
    ),
  );
}

/** Nearest-rank 95th percentile: the smallest value at or above 95 % of the samples. */
export function percentile95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}

function groupDays(keys: DayKey[]): { serviceId: number; qosClass: string; days: string[] }[] {
  const groups = new Map<string, { serviceId: number; qosClass: string; days: Set<string> }>();
  for (const key of keys) {
    const id = `${key.serviceId}|${key.qosClass}`;
    const group = groups.get(id) ?? { serviceId: key.serviceId, qosClass: key.qosClass, days: new Set<string>() };
    group.days.add(key.day);
    groups.set(id, group);
  }
  return [...groups.values()].map((group) => ({ ...group, days: [...group.days].sort() }));
}

async function deleteRollups(manager: EntityManager, groups: { serviceId: number; qosClass: string; days: string[] }[]): Promise<void> {
  const daily = manager.createQueryBuilder().delete().from(PerformanceDaily);
  const hourly = manager.createQueryBuilder().delete().from(PerformanceHourly);
  let n = 0;
  for (const group of groups) {
    daily.orWhere(`(serviceId = :s${n} AND qosClass = :q${n} AND day IN (:...d${n}))`, { [`s${n}`]: group.serviceId, [`q${n}`]: group.qosClass, [`d${n}`]: group.days });
    for (const day of group.days) {
      const { start, end } = ukDayBounds(day);
      hourly.orWhere(`(serviceId = :s${n} AND qosClass = :q${n} AND hourStart >= :from${n} AND hourStart < :to${n})`, {
        [`s${n}`]: group.serviceId,
        [`q${n}`]: group.qosClass,
        [`from${n}`]: sqlTimestamp(start),
        [`to${n}`]: sqlTimestamp(end),
      });
      n += 1;
    }
  }
  await daily.execute();
  await hourly.execute();
}

async function insertChunked<T extends object>(manager: EntityManager, target: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await manager.createQueryBuilder().insert().into(target).values(rows.slice(i, i + INSERT_CHUNK) as never).updateEntity(false).execute();
  }
}

type Measures = Omit<PerformanceDaily, 'serviceId' | 'day' | 'qosClass' | 'utilisationInP95Bp' | 'utilisationOutP95Bp'>;

function emptyMeasures(organisationId: number): Measures {
  return {
    organisationId,
    sampleCount: 0,
    coveredSeconds: 0,
    upSeconds: 0,
    latencyCount: 0,
    latencySumUs: '0',
    latencyMaxUs: null,
    jitterCount: 0,
    jitterSumUs: '0',
    jitterMaxUs: null,
    packetLossCount: 0,
    packetLossSumPpm: '0',
    packetLossMaxPpm: null,
    utilisationInCount: 0,
    utilisationInSumBp: '0',
    utilisationInMaxBp: null,
    utilisationOutCount: 0,
    utilisationOutSumBp: '0',
    utilisationOutMaxBp: null,
  };
}

const METRICS = [
  ['latencyUs', 'latencyCount', 'latencySumUs', 'latencyMaxUs'],
  ['jitterUs', 'jitterCount', 'jitterSumUs', 'jitterMaxUs'],
  ['packetLossPpm', 'packetLossCount', 'packetLossSumPpm', 'packetLossMaxPpm'],
  ['utilisationInBp', 'utilisationInCount', 'utilisationInSumBp', 'utilisationInMaxBp'],
  ['utilisationOutBp', 'utilisationOutCount', 'utilisationOutSumBp', 'utilisationOutMaxBp'],
] as const;

function accumulate(target: Measures, sample: PerformanceSample): void {
  target.sampleCount += 1;
  if (sample.upSeconds !== null) {
    target.coveredSeconds += sample.intervalSeconds;
    target.upSeconds += sample.upSeconds;
  }
  for (const [value, count, sum, max] of METRICS) {
    const measured = sample[value];
    if (measured === null) continue;
    target[count] += 1;
    target[sum] = (BigInt(target[sum]) + BigInt(measured)).toString();
    target[max] = target[max] === null ? measured : Math.max(target[max]!, measured);
  }
}
