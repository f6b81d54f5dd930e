import { ukDateOf } from '../common/calendar';
import type { PerformanceRecord } from '../feed-records/records';
import type { PerformanceSample } from './performance-sample.entity';

/** Scaled-integer units, chosen so that every sum in a rollup is exact. */
const US_PER_MS = 1_000;
const PPM_PER_PERCENT = 10_000;
const BP_PER_PERCENT = 100;

const INT32_MAX = 2_147_483_647;

export class MeasureRangeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function scaled(value: number | null, factor: number, field: string): number | null {
  if (value === null) return null;
  const result = Math.round(value * factor);
  if (result > INT32_MAX) throw new MeasureRangeError(field, `${field}: ${value} is too large to be a real measurement`);
  return result;
}

/** The UTC hour an instant falls in. */
const hourOf = (instant: Date) => new Date(Math.floor(instant.getTime() / 3_600_000) * 3_600_000);

/** A feed record as a sample row (without its run id). */
export function toSample(record: PerformanceRecord, serviceId: number, organisationId: number, feedRunId: number): PerformanceSample {
  return {
    serviceId,
    intervalStart: record.intervalStart,
    intervalSeconds: record.intervalSeconds,
    qosClass: record.qosClass ?? '',
    organisationId,
    hourStart: hourOf(record.intervalStart),
    day: ukDateOf(record.intervalStart),
    upSeconds: record.upSeconds === null ? null : Math.round(record.upSeconds),
    latencyUs: scaled(record.latencyMs, US_PER_MS, 'latencyMs'),
    jitterUs: scaled(record.jitterMs, US_PER_MS, 'jitterMs'),
    packetLossPpm: scaled(record.packetLossPercent, PPM_PER_PERCENT, 'packetLossPercent'),
    utilisationInBp: scaled(record.utilisationInPercent, BP_PER_PERCENT, 'utilisationInPercent'),
    utilisationOutBp: scaled(record.utilisationOutPercent, BP_PER_PERCENT, 'utilisationOutPercent'),
    bpsIn: record.bpsIn === null ? null : BigInt(Math.round(record.bpsIn)).toString(),
    bpsOut: record.bpsOut === null ? null : BigInt(Math.round(record.bpsOut)).toString(),
    feedRunId,
  };
}

/** The natural key of a sample. */
export const sampleKey = (sample: Pick<PerformanceSample, 'serviceId' | 'intervalStart' | 'intervalSeconds' | 'qosClass'>) =>
  `${sample.serviceId}|${new Date(sample.intervalStart).getTime()}|${sample.intervalSeconds}|${sample.qosClass}`;

/** Everything a supplier can correct about a sample: equal signatures mean nothing to change. */
export const sampleSignature = (sample: PerformanceSample) =>
  [
    sample.upSeconds,
    sample.latencyUs,
    sample.jitterUs,
    sample.packetLossPpm,
    sample.utilisationInBp,
    sample.utilisationOutBp,
    sample.bpsIn,
    sample.bpsOut,
  ]
    .map((value) => (value === null || value === undefined ? '' : String(value)))
    .join('|');
