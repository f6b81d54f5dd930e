import { type PerformanceRecord, type SampleInterval } from '../../feed-records/records';
import { FeedFormatError, type FeedAdapter, type ParsedItem } from '../feed-adapter';
import {
  MAX_UTILISATION_PERCENT,
  parseAvailabilityState,
  parseIntervalStart,
  parseQosClass,
  parseSampleInterval,
  upSecondsOfState,
} from './performance-csv';
import type { FeedLimits } from '../limits';
import { jsonItems } from './json-stream';
import { rawJson, readItem } from './readers';
import { FieldError, isBlank, parseNumber, requiredIdentifier, requiredString, squash } from './values';

/**
 * TMF628-style performance measurements (docs/feeds/performance.md). Each measurement names
 * a service, an interval start, a granularity and its indicators; providers send either one
 * item per measurement with an array of indicators, or one item per indicator, which is
 * grouped here with the consecutive items of the same measurement.
 */
export const performanceTmf: FeedAdapter<PerformanceRecord> = async function* performanceTmf(input, limits) {
  let group: IndicatorGroup | null = null;
  for await (const { item, path } of measurementsOf(input, limits)) {
    const indicatorItem = isObject(item) && 'indicatorName' in item ? readIndicatorItem(path, item) : null;
    const header = indicatorItem && 'header' in indicatorItem ? indicatorItem.header : null;
    if (group && !(header && sameMeasurement(group.header, header))) {
      yield recordOfGroup(group);
      group = null;
    }
    if (header) (group ??= { header, items: [] }).items.push({ item: item as Record<string, unknown>, path });
    else yield indicatorItem?.rejection ?? (isObject(item) ? readMeasurement(path, item) : notAnObject(path, item));
  }
  if (group) yield recordOfGroup(group);
};

/** The measurement a one-indicator item belongs to, or why it cannot be told. */
function readIndicatorItem(
  path: string,
  item: Record<string, unknown>,
): { header: MeasurementHeader; rejection?: never } | { rejection: ParsedItem<PerformanceRecord> } {
  try {
    return { header: readHeader(item) };
  } catch (error) {
    if (error instanceof FieldError)
      return { rejection: { ok: false, location: path, raw: rawJson(item), reason: error.message, field: error.field } };
    throw error;
  }
}

const WRAPPERS = ['performanceMeasurement', 'measurements', 'items', 'data'] as const;
const INDICATOR_LISTS = ['indicators', 'performanceIndicator', 'indicatorValue'] as const;

async function* measurementsOf(
  input: AsyncIterable<Buffer | string>,
  limits?: FeedLimits,
): AsyncGenerator<{ item: unknown; path: string }> {
  for await (const entry of jsonItems(input, WRAPPERS, limits)) {
    // an unwrapped object is taken as the only item; that is right only if it is a measurement
    if (entry.path === '$' && !looksLikeMeasurement(entry.item)) {
      throw new FeedFormatError(`Expected an array of measurements, or an object holding one under ${WRAPPERS.join(', ')}`, '$');
    }
    yield entry;
  }
}

const looksLikeMeasurement = (item: unknown) => isObject(item) && ['indicatorName', ...INDICATOR_LISTS].some((key) => key in item);

interface MeasurementHeader {
  serviceReference: string;
  intervalStart: Date;
  intervalSeconds: SampleInterval;
  qosClass: string | null;
}

interface IndicatorGroup {
  header: MeasurementHeader;
  items: { item: Record<string, unknown>; path: string }[];
}

const sameMeasurement = (a: MeasurementHeader, b: MeasurementHeader) =>
  a.serviceReference === b.serviceReference &&
  a.intervalStart.getTime() === b.intervalStart.getTime() &&
  a.intervalSeconds === b.intervalSeconds &&
  a.qosClass === b.qosClass;

function readMeasurement(path: string, item: Record<string, unknown>): ParsedItem<PerformanceRecord> {
  return readItem(path, rawJson(item), () => {
    const header = readHeader(item);
    const list = INDICATOR_LISTS.find((key) => item[key] !== undefined && item[key] !== null);
    if (!list)
      throw new FieldError(
        'indicators',
        `is required: a measurement needs at least one indicator (or ${INDICATOR_LISTS.slice(1).join(', ')})`,
      );
    const indicators = item[list];
    if (!Array.isArray(indicators) || indicators.length === 0)
      throw new FieldError(list, 'expected a non-empty array of {name, value, unit}');
    const entries = indicators.map((indicator, index) => {
      const prefix = `${list}[${index}].`;
      if (!isObject(indicator)) throw new FieldError(`${list}[${index}]`, 'expected an object {name, value, unit}');
      return {
        name: { value: indicator.name ?? indicator.indicatorName, field: `${prefix}name` },
        value: { value: indicator.value ?? indicator.indicatorValue, field: `${prefix}value` },
        unit: { value: indicator.unit ?? indicator.indicatorUnit, field: `${prefix}unit` },
      };
    });
    return recordOf(header, entries);
  });
}

function recordOfGroup({ header, items }: IndicatorGroup): ParsedItem<PerformanceRecord> {
  const single = items.length === 1;
  const first = items[0]!.path;
  const location = single ? first : `${first.replace(/\[\d+\]$/, '')}[${indexOf(first)}:${indexOf(items.at(-1)!.path) + 1}]`;
  const raw = rawJson(single ? items[0]!.item : items.map(({ item }) => item));
  // within a group of items the field names the item too, since the location spans them all
  const fieldOf = (path: string, name: string) => (single ? name : `${path}.${name}`);
  const entries = items.map(({ item, path }) => ({
    name: { value: item.indicatorName, field: fieldOf(path, 'indicatorName') },
    value: { value: item.indicatorValue, field: fieldOf(path, 'indicatorValue') },
    unit: { value: item.indicatorUnit, field: fieldOf(path, 'indicatorUnit') },
  }));
  return readItem(location, raw, () => recordOf(header, entries));
}

const indexOf = (path: string) => Number(/\[(\d+)\]$/.exec(path)![1]);

function notAnObject(path: string, item: unknown): ParsedItem<PerformanceRecord> {
  return {
    ok: false,
    location: path,
    raw: rawJson(item),
    reason: `The item is not a measurement object (got ${item === null ? 'null' : typeof item})`,
  };
}

function readHeader(item: Record<string, unknown>): MeasurementHeader {
  const serviceReference = serviceReferenceOf(item);
  const intervalSeconds = parseSampleInterval(item.granularity, 'granularity');
  return {
    serviceReference,
    intervalStart: intervalStartOf(item, intervalSeconds),
    intervalSeconds,
    qosClass: parseQosClass(item.qosClass, 'qosClass'),
  };
}

const SERVICE_HOLDERS = ['service', 'resource', 'measuredObject'] as const;

function serviceReferenceOf(item: Record<string, unknown>): string {
  if (!isBlank(item.serviceId)) return requiredIdentifier(item.serviceId, 'serviceId');
  for (const holder of SERVICE_HOLDERS) {
    const reference = item[holder];
    if (isObject(reference) && !isBlank(reference.id)) return requiredIdentifier(reference.id, `${holder}.id`);
  }
  if (Array.isArray(item.relatedEntity)) {
    const index = item.relatedEntity.findIndex((entity) => isObject(entity) && !isBlank(entity.id));
    if (index >= 0) return requiredIdentifier((item.relatedEntity[index] as Record<string, unknown>).id, `relatedEntity[${index}].id`);
  }
  throw new FieldError('serviceId', 'is required (or service.id, resource.id, measuredObject.id, or a relatedEntity with an id)');
}

const TIME_FIELDS = ['observationTime', 'timestamp', 'startTime'] as const;

function intervalStartOf(item: Record<string, unknown>, intervalSeconds: SampleInterval): Date {
  for (const field of TIME_FIELDS) {
    if (!isBlank(item[field])) return parseIntervalStart(item[field], field, intervalSeconds);
  }
  const validFor = item.validFor;
  if (isObject(validFor) && !isBlank(validFor.startDateTime))
    return parseIntervalStart(validFor.startDateTime, 'validFor.startDateTime', intervalSeconds);
  throw new FieldError('observationTime', 'is required (or timestamp, startTime or validFor.startDateTime)');
}

// ---------------------------------------------------------------------------------------
// Indicators: names and units as providers spell them, converted to the record's units.
// ---------------------------------------------------------------------------------------

type Measure = 'availability' | 'latency' | 'jitter' | 'packetLoss' | 'utilisationIn' | 'utilisationOut' | 'throughputIn' | 'throughputOut';

/** Indicator names (squashed) and the unit assumed when an indicator comes without one. */
const INDICATORS: Record<string, { measure: Measure; defaultUnit: string }> = {
  availability: { measure: 'availability', defaultUnit: '%' },
  availabilitypercentage: { measure: 'availability', defaultUnit: '%' },
  uptime: { measure: 'availability', defaultUnit: 's' },
  state: { measure: 'availability', defaultUnit: 'state' },
  latency: { measure: 'latency', defaultUnit: 'ms' },
  roundtripdelay: { measure: 'latency', defaultUnit: 'ms' },
  jitter: { measure: 'jitter', defaultUnit: 'ms' },
  delayvariation: { measure: 'jitter', defaultUnit: 'ms' },
  packetloss: { measure: 'packetLoss', defaultUnit: '%' },
  packetlossratio: { measure: 'packetLoss', defaultUnit: 'ratio' },
  utilisationin: { measure: 'utilisationIn', defaultUnit: '%' },
  utilizationin: { measure: 'utilisationIn', defaultUnit: '%' },
  inboundutilisation: { measure: 'utilisationIn', defaultUnit: '%' },
  inboundutilization: { measure: 'utilisationIn', defaultUnit: '%' },
  utilisationout: { measure: 'utilisationOut', defaultUnit: '%' },
  utilizationout: { measure: 'utilisationOut', defaultUnit: '%' },
  outboundutilisation: { measure: 'utilisationOut', defaultUnit: '%' },
  outboundutilization: { measure: 'utilisationOut', defaultUnit: '%' },
  throughputin: { measure: 'throughputIn', defaultUnit: 'bps' },
  bpsin: { measure: 'throughputIn', defaultUnit: 'bps' },
  throughputout: { measure: 'throughputOut', defaultUnit: 'bps' },
  bpsout: { measure: 'throughputOut', defaultUnit: 'bps' },
};

const INDICATOR_NAMES = 'availability, latency, jitter, packetLoss, utilisationIn, utilisationOut, throughputIn or throughputOut';

const PERCENT = ['%', 'percent', 'percentage', 'pct'];
const RATIO = ['ratio', 'fraction'];
const SECONDS = ['s', 'sec', 'secs', 'second', 'seconds'];

/** Milliseconds per unit of a delay. */
const DELAY_UNITS: Record<string, number> = {
  ms: 1,
  msec: 1,
  millisecond: 1,
  milliseconds: 1,
  ...Object.fromEntries(SECONDS.map((unit) => [unit, 1000])),
  us: 0.001,
  µs: 0.001,
  μs: 0.001,
  microsecond: 0.001,
  microseconds: 0.001,
};

/** Bits per second per unit of throughput. */
const THROUGHPUT_UNITS: Record<string, number> = {
  bps: 1,
  'bit/s': 1,
  kbps: 1e3,
  'kbit/s': 1e3,
  mbps: 1e6,
  'mbit/s': 1e6,
  gbps: 1e9,
  'gbit/s': 1e9,
};

const RECORD_FIELDS = {
  availability: 'upSeconds',
  latency: 'latencyMs',
  jitter: 'jitterMs',
  packetLoss: 'packetLossPercent',
  utilisationIn: 'utilisationInPercent',
  utilisationOut: 'utilisationOutPercent',
  throughputIn: 'bpsIn',
  throughputOut: 'bpsOut',
} as const satisfies Record<Measure, keyof PerformanceRecord>;

interface IndicatorEntry {
  name: { value: unknown; field: string };
  value: { value: unknown; field: string };
  unit: { value: unknown; field: string };
}

function recordOf(header: MeasurementHeader, entries: IndicatorEntry[]): PerformanceRecord {
  const record: PerformanceRecord = {
    ...header,
    upSeconds: null,
    latencyMs: null,
    jitterMs: null,
    packetLossPercent: null,
    utilisationInPercent: null,
    utilisationOutPercent: null,
    bpsIn: null,
    bpsOut: null,
  };
  for (const entry of entries) {
    const indicatorName = requiredString(entry.name.value, entry.name.field);
    const indicator = INDICATORS[squash(indicatorName)];
    if (!indicator) throw new FieldError(entry.name.field, `"${indicatorName}" is not an indicator we read (expected ${INDICATOR_NAMES})`);
    const field = RECORD_FIELDS[indicator.measure];
    if (record[field] !== null) throw new FieldError(entry.name.field, `${indicator.measure} is given more than once for this measurement`);
    record[field] = valueOf(indicator.measure, indicator.defaultUnit, entry, header.intervalSeconds);
  }
  return record;
}

function valueOf(measure: Measure, defaultUnit: string, entry: IndicatorEntry, intervalSeconds: SampleInterval): number {
  const givenUnit = isBlank(entry.unit.value) ? null : String(entry.unit.value).trim();
  const unit = givenUnit === null ? defaultUnit : squash(givenUnit);
  const { value, field } = entry.value;
  const unknownUnit = (expected: string) =>
    new FieldError(entry.unit.field, `"${givenUnit}" is not a unit for ${measure} (expected ${expected})`);

  switch (measure) {
    case 'availability': {
      if (unit === 'state' || (typeof value === 'string' && /^(up|down)$/i.test(value.trim()))) {
        return upSecondsOfState(parseAvailabilityState(value, field), intervalSeconds);
      }
      if (PERCENT.includes(unit)) return tidy((parseNumber(value, field, { min: 0, max: 100 }) * intervalSeconds) / 100);
      if (RATIO.includes(unit)) return tidy(parseNumber(value, field, { min: 0, max: 1 }) * intervalSeconds);
      if (SECONDS.includes(unit)) return parseNumber(value, field, { min: 0, max: intervalSeconds });
      throw unknownUnit('%, ratio, s or state');
    }
    case 'latency':
    case 'jitter': {
      const perUnit = DELAY_UNITS[unit];
      if (perUnit === undefined) throw unknownUnit('ms, s or us');
      return tidy(parseNumber(value, field, { min: 0 }) * perUnit);
    }
    case 'packetLoss':
      if (PERCENT.includes(unit)) return parseNumber(value, field, { min: 0, max: 100 });
      if (RATIO.includes(unit)) return tidy(parseNumber(value, field, { min: 0, max: 1 }) * 100);
      throw unknownUnit('% or ratio');
    case 'utilisationIn':
    case 'utilisationOut':
      if (PERCENT.includes(unit)) return parseNumber(value, field, { min: 0, max: MAX_UTILISATION_PERCENT });
      if (RATIO.includes(unit)) return tidy(parseNumber(value, field, { min: 0, max: MAX_UTILISATION_PERCENT / 100 }) * 100);
      throw unknownUnit('% or ratio');
    case 'throughputIn':
    case 'throughputOut': {
      // "MBps" squashes to "mbps"; a capital B means bytes, which we will not guess into bits
      const perUnit = givenUnit !== null && /Bps$/.test(givenUnit) ? undefined : THROUGHPUT_UNITS[unit];
      if (perUnit === undefined) throw unknownUnit('bits per second: bps, kbps, Mbps or Gbps');
      return tidy(parseNumber(value, field, { min: 0 }) * perUnit);
    }
  }
}

/** Drops the floating-point noise a unit conversion leaves (0.0123 s is 12.3 ms, not 12.299999999999999). */
const tidy = (value: number) => Number(value.toPrecision(12));

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
