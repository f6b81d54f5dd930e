import { ukDateOf, ukDayStart } from '../../common/calendar';
import { SAMPLE_INTERVALS, type PerformanceRecord, type SampleInterval } from '../../feed-records/records';
import { FeedFormatError, type FeedAdapter } from '../feed-adapter';
import { readCsv, readItem } from './readers';
import {
  FieldError,
  isBlank,
  optionalNumber,
  optionalString,
  parseEnum,
  parseInstant,
  requiredIdentifier,
  requiredString,
  squash,
} from './values';

/**
 * The performance CSV template (docs/feeds/performance.md): one row per service, interval
 * and, optionally, QoS class. Columns may come in any order and their names match ignoring
 * case, spaces, hyphens and underscores.
 */
const PERFORMANCE_CSV_COLUMNS = {
  required: ['service_reference', 'interval_start', 'interval'],
  optional: [
    'qos_class',
    'availability_seconds',
    'availability_state',
    'latency_ms',
    'jitter_ms',
    'packet_loss_pct',
    'utilisation_in_pct',
    'utilisation_out_pct',
    'bps_in',
    'bps_out',
  ],
} as const;

/** Utilisation may exceed 100 % while bursting above the commit rate, but not by ten times. */
export const MAX_UTILISATION_PERCENT = 1000;

/**
 * Reads the performance CSV template row by row as the file streams in: a 1 GB file never
 * sits in memory. Every row becomes a record or a rejection naming the column at fault.
 */
export const performanceCsv: FeedAdapter<PerformanceRecord> = async function* performanceCsv(input, limits) {
  let headerChecked = false;
  for await (const row of readCsv(input, PERFORMANCE_CSV_COLUMNS, limits)) {
    if (!headerChecked) {
      requireAnAvailabilityColumn(row.values);
      headerChecked = true;
    }
    const location = `line ${row.line}`;
    if (row.cellsMismatch) {
      yield { ok: false, location, raw: row.raw, reason: `The row ${row.cellsMismatch}` };
      continue;
    }
    yield readItem(location, row.raw, () => performanceFromRow(row.values));
  }
};

// readCsv only knows required and optional columns; "one of these two" is this template's rule,
// and without either column no row of the file could be read.
function requireAnAvailabilityColumn(values: Record<string, string>): void {
  if (!('availability_seconds' in values) && !('availability_state' in values)) {
    throw new FeedFormatError('missing column: availability_seconds or availability_state (at least one of the two is required)', 'line 1');
  }
}

function performanceFromRow(values: Record<string, string>): PerformanceRecord {
  const serviceReference = requiredIdentifier(values.service_reference, 'service_reference');
  const intervalSeconds = parseSampleInterval(values.interval, 'interval');
  const intervalStart = parseIntervalStart(values.interval_start, 'interval_start', intervalSeconds);
  return {
    serviceReference,
    intervalStart,
    intervalSeconds,
    qosClass: parseQosClass(values.qos_class, 'qos_class'),
    upSeconds: upSecondsOfRow(values, intervalSeconds),
    latencyMs: optionalNumber(values.latency_ms, 'latency_ms', { min: 0 }),
    jitterMs: optionalNumber(values.jitter_ms, 'jitter_ms', { min: 0 }),
    packetLossPercent: optionalNumber(values.packet_loss_pct, 'packet_loss_pct', { min: 0, max: 100 }),
    utilisationInPercent: optionalNumber(values.utilisation_in_pct, 'utilisation_in_pct', { min: 0, max: MAX_UTILISATION_PERCENT }),
    utilisationOutPercent: optionalNumber(values.utilisation_out_pct, 'utilisation_out_pct', { min: 0, max: MAX_UTILISATION_PERCENT }),
    bpsIn: optionalNumber(values.bps_in, 'bps_in', { min: 0 }),
    bpsOut: optionalNumber(values.bps_out, 'bps_out', { min: 0 }),
  };
}

function upSecondsOfRow(values: Record<string, string>, intervalSeconds: SampleInterval): number {
  const seconds = optionalNumber(values.availability_seconds, 'availability_seconds', { min: 0, max: intervalSeconds });
  const state = isBlank(values.availability_state) ? null : parseAvailabilityState(values.availability_state, 'availability_state');
  if (state === null) {
    if (seconds === null) throw new FieldError('availability_seconds', 'is required (or availability_state UP or DOWN)');
    return seconds;
  }
  const stateSeconds = upSecondsOfState(state, intervalSeconds);
  if (seconds !== null && seconds !== stateSeconds) {
    throw new FieldError(
      'availability_state',
      `${state} disagrees with availability_seconds ${seconds}: ${state} means ${state === 'UP' ? 'up' : 'down'} for the ` +
        `whole ${intervalSeconds}-second interval`,
    );
  }
  return stateSeconds;
}

// ---------------------------------------------------------------------------------------
// Values both performance formats read (the TMF628 adapter uses these too).
// ---------------------------------------------------------------------------------------

const AVAILABILITY_STATES = ['UP', 'DOWN'] as const;
type AvailabilityState = (typeof AVAILABILITY_STATES)[number];
const AVAILABILITY_STATE_ALIASES: Record<string, AvailabilityState> = { '1': 'UP', '0': 'DOWN' };

/** UP or DOWN, in any case, or 1 and 0. */
export function parseAvailabilityState(value: unknown, field: string): AvailabilityState {
  return parseEnum(value, field, AVAILABILITY_STATES, AVAILABILITY_STATE_ALIASES);
}

/** A state is all or nothing: up for the whole interval, or down for all of it. */
export const upSecondsOfState = (state: AvailabilityState, intervalSeconds: SampleInterval) => (state === 'UP' ? intervalSeconds : 0);

const SECONDS_PER_UNIT: Record<string, number> = {
  m: 60,
  mn: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3_600,
  hr: 3_600,
  hour: 3_600,
  hours: 3_600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
};

const INTERVAL_NAMES: Record<SampleInterval, string> = { 300: '5-minute', 900: '15-minute', 3_600: '1-hour', 86_400: '1-day' };

/**
 * An interval length: minutes as a bare number (5, 15, 60, 1440), a number with a unit
 * (5m, 15min, 1h, 24h, 1d), a TMF628 granularity (g_5mn, g_15mn, g_1h, g_24h, g_1d) or an
 * ISO 8601 duration (PT5M, PT15M, PT1H, P1D). It must be one of the sample intervals.
 */
export function parseSampleInterval(value: unknown, field: string): SampleInterval {
  const text = requiredString(value, field, 20);
  const key = squash(text);
  const minutes = /^\d+$/.exec(key);
  const withUnit = /^(?:g|pt)?(\d+)([a-z]+)$/.exec(key);
  const isoDays = /^p(\d+)d$/.exec(key);
  let seconds: number | undefined;
  if (minutes) seconds = Number(key) * 60;
  else if (isoDays) seconds = Number(isoDays[1]) * 86_400;
  else if (withUnit && SECONDS_PER_UNIT[withUnit[2]!]) seconds = Number(withUnit[1]) * SECONDS_PER_UNIT[withUnit[2]!]!;
  const interval = SAMPLE_INTERVALS.find((candidate) => candidate === seconds);
  if (interval === undefined) {
    throw new FieldError(
      field,
      `"${text}" is not a supported interval: expected 5, 15, 60 or 1440 minutes (e.g. 15, 15min, 1h, 1d, g_15mn, PT15M)`,
    );
  }
  return interval;
}

/**
 * The start of a sample's interval, which must fall on the interval's boundary: sub-day
 * intervals are aligned in UTC (the same as in UK time, whose offsets are whole hours), and
 * a 1-day interval starts at midnight UK time, so that it covers one UK calendar day.
 */
export function parseIntervalStart(value: unknown, field: string, intervalSeconds: SampleInterval): Date {
  const start = parseInstant(value, field);
  if (intervalSeconds === 86_400) {
    if (start.getTime() !== ukDayStart(ukDateOf(start))) {
      throw new FieldError(field, `"${String(value)}" is not at midnight UK time, where a 1-day interval starts`);
    }
  } else if (start.getTime() % (intervalSeconds * 1000) !== 0) {
    throw new FieldError(field, `"${String(value)}" is not on a ${INTERVAL_NAMES[intervalSeconds]} boundary`);
  }
  return start;
}

const DEFAULT_QOS_ALIASES = new Set(['be', 'besteffort']);

/** An HSCN QoS class name, upper-cased (ef → EF); best effort (BE) is the DEFAULT class. */
export function parseQosClass(value: unknown, field: string): string | null {
  const text = optionalString(value, field, 20);
  if (text === null) return null;
  if (DEFAULT_QOS_ALIASES.has(squash(text))) return 'DEFAULT';
  const name = text.toUpperCase();
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new FieldError(field, `"${text}" is not a QoS class name (e.g. EF, AF41, DEFAULT)`);
  return name;
}
