import { createReadStream } from 'node:fs';
import path from 'node:path';
import { performanceCsv } from '../adapters/performance-csv';
import { performanceTmf } from '../adapters/performance-tmf628';
import { type PerformanceRecord } from '../../feed-records/records';
import { FeedFormatError, type ParsedItem } from '../feed-adapter';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/feeds/performance');

/** Small chunks, so that rows and values straddle chunk boundaries as they do in a large upload. */
const fixture = (name: string) => createReadStream(path.join(FIXTURES, name), { highWaterMark: 64 });

async function readAll(items: AsyncIterable<ParsedItem<PerformanceRecord>>): Promise<ParsedItem<PerformanceRecord>[]> {
  const all: ParsedItem<PerformanceRecord>[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function records(items: ParsedItem<PerformanceRecord>[]): PerformanceRecord[] {
  const rejected = items.filter((item) => !item.ok);
  if (rejected.length) throw new Error(`unexpected rejections: ${JSON.stringify(rejected)}`);
  return items.map((item) => (item.ok ? item.record : undefined!));
}

const rejections = (items: ParsedItem<PerformanceRecord>[]) =>
  items
    .filter((item) => !item.ok)
    .map((item) => (item.ok ? undefined : { location: item.location, field: item.field, reason: item.reason }));

const HEADER = 'service_reference,interval_start,interval,qos_class,availability_seconds,availability_state,latency_ms';
/** A document arriving as an upload does, for inline examples. */
async function* upload(text: string) {
  yield Buffer.from(text);
}

const csv = (...rows: string[]) => upload([HEADER, ...rows].join('\n') + '\n');

const EMPTY_MEASURES = {
  qosClass: null,
  upSeconds: null,
  latencyMs: null,
  jitterMs: null,
  packetLossPercent: null,
  utilisationInPercent: null,
  utilisationOutPercent: null,
  bpsIn: null,
  bpsOut: null,
};

describe('performance CSV template', () => {
  it('reads every row of the valid fixture, streamed in small chunks', async () => {
    const items = await readAll(performanceCsv(fixture('valid.csv')));

    expect(items.map((item) => item.location)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
    const [first, , ef, af41, hourly, down, daily, breakout] = records(items);
    expect(items[0]!.raw).toBe('PDN-ETH-100037,2026-11-02T09:00:00Z,5,,300,,4.2,0.6,0,37.5,21.2,375000000,212000000');
    expect(first).toEqual({
      serviceReference: 'PDN-ETH-100037',
      intervalStart: new Date('2026-11-02T09:00:00Z'),
      intervalSeconds: 300,
      qosClass: null,
      upSeconds: 300,
      latencyMs: 4.2,
      jitterMs: 0.6,
      packetLossPercent: 0,
      utilisationInPercent: 37.5,
      utilisationOutPercent: 21.2,
      bpsIn: 375_000_000,
      bpsOut: 212_000_000,
    });
    expect([ef!.qosClass, ef!.intervalSeconds, ef!.upSeconds]).toEqual(['EF', 900, 900]);
    expect([af41!.qosClass, af41!.upSeconds]).toEqual(['AF41', 900]);
    expect([hourly!.intervalStart, hourly!.intervalSeconds, hourly!.upSeconds]).toEqual([new Date('2026-11-02T09:00:00Z'), 3600, 3600]);
    expect([down!.intervalStart, down!.upSeconds, down!.latencyMs]).toEqual([new Date('2026-11-02T10:00:00Z'), 0, null]);
    expect([daily!.intervalStart, daily!.intervalSeconds, daily!.upSeconds]).toEqual([new Date('2026-11-01T00:00:00Z'), 86_400, 86_100]);
    expect([breakout!.qosClass, breakout!.upSeconds, breakout!.utilisationInPercent]).toEqual(['DEFAULT', 3600, 112.5]);
  });

  it('rejects each bad row naming the column and the problem, and reads the good row among them', async () => {
    const items = await readAll(performanceCsv(fixture('bad-values.csv')));

    expect(items).toHaveLength(12);
    expect(rejections(items)).toEqual([
      { location: 'line 2', field: 'interval_start', reason: 'interval_start: "2026-11-02T09:02:00Z" is not on a 5-minute boundary' },
      {
        location: 'line 3',
        field: 'interval_start',
        reason: 'interval_start: "2026-11-31T09:00:00Z" is not a date-time (expected ISO 8601, e.g. 2026-11-25T14:30:00Z)',
      },
      { location: 'line 4', field: 'latency_ms', reason: 'latency_ms: -1.5 is below the minimum of 0' },
      {
        location: 'line 5',
        field: 'interval',
        reason: 'interval: "10" is not a supported interval: expected 5, 15, 60 or 1440 minutes (e.g. 15, 15min, 1h, 1d, g_15mn, PT15M)',
      },
      { location: 'line 6', field: 'availability_seconds', reason: 'availability_seconds: is required (or availability_state UP or DOWN)' },
      {
        location: 'line 7',
        field: 'availability_state',
        reason: 'availability_state: UP disagrees with availability_seconds 120: UP means up for the whole 300-second interval',
      },
      { location: 'line 8', field: 'packet_loss_pct', reason: 'packet_loss_pct: 150 is above the maximum of 100' },
      { location: 'line 9', field: undefined, reason: 'The row has 7 cells where the header has 13' },
      { location: 'line 11', field: 'utilisation_in_pct', reason: 'utilisation_in_pct: 1200 is above the maximum of 1000' },
      { location: 'line 12', field: 'service_reference', reason: 'service_reference: is required' },
      { location: 'line 13', field: 'bps_in', reason: 'bps_in: -5 is below the minimum of 0' },
    ]);
    expect(items[8]).toMatchObject({
      ok: true,
      location: 'line 10',
      record: { intervalStart: new Date('2026-11-02T09:40:00Z'), latencyMs: 4.1 },
    });
    expect(items[7]!.raw).toBe('PDN-ETH-100037,2026-11-02T09:35:00Z,5,,300,,4.2');
  });

  it('fails the whole file when its columns are not the template', async () => {
    const reading = readAll(performanceCsv(fixture('wrong-columns.csv')));

    await expect(reading).rejects.toThrow(FeedFormatError);
    await expect(reading).rejects.toThrow(/missing column\(s\) service_reference; unknown column\(s\) service, latency, colour/);
  });

  it('fails the whole file when it has neither availability column', async () => {
    const reading = readAll(
      performanceCsv(upload('service_reference,interval_start,interval,latency_ms\nPDN-ETH-100037,2026-11-02T09:00:00Z,5,4.2\n')),
    );

    await expect(reading).rejects.toThrow(
      new FeedFormatError('missing column: availability_seconds or availability_state (at least one of the two is required)'),
    );
  });

  it('takes a time without an offset as UK time, summer and winter', async () => {
    const items = await readAll(
      performanceCsv(csv('PDN-ETH-100037,2026-07-01 09:00,5,,300,,', 'PDN-ETH-100037,2026-12-01 09:00,5,,300,,')),
    );

    expect(records(items).map((record) => record.intervalStart)).toEqual([
      new Date('2026-07-01T08:00:00Z'),
      new Date('2026-12-01T09:00:00Z'),
    ]);
  });

  it('starts a 1-day interval at UK midnight, not UTC midnight', async () => {
    const items = await readAll(
      performanceCsv(
        csv(
          'PDN-ETH-100037,2026-07-01T00:00+01:00,1d,,86400,,',
          'PDN-ETH-100037,2026-07-02,1440,,86400,,',
          'PDN-ETH-100037,2026-07-03T00:00:00Z,1d,,86400,,',
        ),
      ),
    );

    expect(items.slice(0, 2).map((item) => item.ok && item.record.intervalStart)).toEqual([
      new Date('2026-06-30T23:00:00Z'),
      new Date('2026-07-01T23:00:00Z'),
    ]);
    expect(rejections(items)).toEqual([
      {
        location: 'line 4',
        field: 'interval_start',
        reason: 'interval_start: "2026-07-03T00:00:00Z" is not at midnight UK time, where a 1-day interval starts',
      },
    ]);
  });

  it.each([
    ['5', 300],
    ['15', 900],
    ['60', 3600],
    ['1440', 86_400],
    ['5m', 300],
    ['15min', 900],
    ['1h', 3600],
    ['1d', 86_400],
    ['g_5mn', 300],
    ['g_15mn', 900],
    ['g_1h', 3600],
    ['g_24h', 86_400],
    ['g_1d', 86_400],
    ['PT15M', 900],
    ['P1D', 86_400],
  ])('reads the interval %s as %d seconds', async (interval, seconds) => {
    const [item] = await readAll(performanceCsv(csv(`PDN-ETH-100037,2026-12-01T00:00:00Z,${interval},,,down,`)));

    expect(item).toMatchObject({ ok: true, record: { intervalSeconds: seconds, upSeconds: 0 } });
  });

  it('accepts an availability state that agrees with the seconds given', async () => {
    const [item] = await readAll(performanceCsv(csv('PDN-ETH-100037,2026-12-01T09:00:00Z,5,Best Effort,300,UP,')));

    expect(item).toMatchObject({ ok: true, record: { upSeconds: 300, qosClass: 'DEFAULT' } });
  });

  it('yields each row while the rest of the file is still arriving', async () => {
    let release!: () => void;
    const rest = new Promise<void>((resolve) => (release = resolve));
    async function* slowUpload() {
      yield `${HEADER}\nPDN-ETH-100037,2026-11-02T09:00:00Z,5,,300,,4.2\nPDN-ETH-100037,2026-11-02T09:05:00Z,5,,300,,4.4\n`;
      await rest;
      yield 'PDN-ETH-100037,2026-11-02T09:10:00Z,5,,300,,4.6\n';
    }
    const rows = performanceCsv(slowUpload())[Symbol.asyncIterator]();

    // the rest never arrives until the first row is out: an adapter that waited for it would hang, which this
    // guard reports (generously: the row normally comes in milliseconds, but the machine may be loaded)
    let timer!: NodeJS.Timeout;
    const stillWaiting = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), 30_000)));
    const first = await Promise.race([rows.next(), stillWaiting]);
    clearTimeout(timer);
    release();

    expect(first).toMatchObject({ done: false, value: { ok: true, location: 'line 2' } });
    expect((await readAll({ [Symbol.asyncIterator]: () => rows })).map((item) => item.location)).toEqual(['line 3', 'line 4']);
  });
});

describe('TMF628 performance JSON', () => {
  it('reads measurements with their indicators, converting units', async () => {
    const items = await readAll(performanceTmf(fixture('valid.json')));

    expect(items.map((item) => item.location)).toEqual([
      '$.performanceMeasurement[0]',
      '$.performanceMeasurement[1]',
      '$.performanceMeasurement[2]',
      '$.performanceMeasurement[3]',
    ]);
    expect(records(items)).toEqual([
      {
        serviceReference: 'PDN-ETH-100037',
        intervalStart: new Date('2026-11-02T09:00:00Z'),
        intervalSeconds: 900,
        qosClass: null,
        upSeconds: 900,
        latencyMs: 4.2,
        jitterMs: 0.6,
        packetLossPercent: 0.02,
        utilisationInPercent: 37.5,
        utilisationOutPercent: 21.2,
        bpsIn: 375_000_000,
        bpsOut: 212_000_000,
      },
      {
        ...EMPTY_MEASURES,
        serviceReference: 'PDN-ETH-100074',
        intervalStart: new Date('2026-11-02T09:00:00Z'),
        intervalSeconds: 3600,
        qosClass: 'EF',
        upSeconds: 3540,
        latencyMs: 3.1,
      },
      {
        ...EMPTY_MEASURES,
        serviceReference: 'PDN-ETH-100111',
        intervalStart: new Date('2026-11-01T00:00:00Z'),
        intervalSeconds: 86_400,
        upSeconds: 86_400,
        packetLossPercent: 0.05,
      },
      {
        ...EMPTY_MEASURES,
        serviceReference: 'PDN-INT-100629',
        intervalStart: new Date('2026-11-02T09:15:00Z'),
        intervalSeconds: 900,
        upSeconds: 895.5,
        jitterMs: 2.2,
        bpsOut: 90_000_000,
      },
    ]);
  });

  it('groups consecutive one-indicator items of the same measurement into one record', async () => {
    const items = await readAll(performanceTmf(fixture('valid-flat.json')));

    expect(items.map((item) => item.location)).toEqual(['$.items[0:3]', '$.items[3:5]', '$.items[5:7]']);
    expect(records(items)).toEqual([
      {
        ...EMPTY_MEASURES,
        serviceReference: 'PDN-ETH-100185',
        intervalStart: new Date('2026-11-02T09:00:00Z'),
        intervalSeconds: 300,
        upSeconds: 300,
        latencyMs: 6.4,
        packetLossPercent: 0.01,
      },
      {
        ...EMPTY_MEASURES,
        serviceReference: 'PDN-ETH-100185',
        intervalStart: new Date('2026-11-02T09:05:00Z'),
        intervalSeconds: 300,
        upSeconds: 294,
        latencyMs: 7.9,
      },
      {
        ...EMPTY_MEASURES,
        serviceReference: 'PDN-ETH-100185',
        intervalStart: new Date('2026-11-02T09:05:00Z'),
        intervalSeconds: 300,
        qosClass: 'EF',
        latencyMs: 5.2,
        jitterMs: 0.4,
      },
    ]);
    expect(JSON.parse(items[1]!.raw)).toHaveLength(2);
  });

  it('rejects each bad measurement naming the property and the problem', async () => {
    const items = await readAll(performanceTmf(fixture('bad-values.json')));

    expect(items).toHaveLength(8);
    expect(rejections(items)).toEqual([
      {
        location: '$[0]',
        field: 'indicators[1].name',
        reason:
          'indicators[1].name: "signalToNoise" is not an indicator we read (expected availability, latency, jitter, packetLoss, ' +
          'utilisationIn, utilisationOut, throughputIn or throughputOut)',
      },
      {
        location: '$[1]',
        field: 'indicators[0].unit',
        reason: 'indicators[0].unit: "furlongs" is not a unit for latency (expected ms, s or us)',
      },
      {
        location: '$[2]',
        field: 'serviceId',
        reason: 'serviceId: is required (or service.id, resource.id, measuredObject.id, or a relatedEntity with an id)',
      },
      { location: '$[3]', field: 'observationTime', reason: 'observationTime: "2026-11-02T09:17:00Z" is not on a 15-minute boundary' },
      {
        location: '$[4]',
        field: 'granularity',
        reason:
          'granularity: "g_10mn" is not a supported interval: expected 5, 15, 60 or 1440 minutes (e.g. 15, 15min, 1h, 1d, g_15mn, PT15M)',
      },
      { location: '$[5]', field: 'indicators[0].value', reason: 'indicators[0].value: -0.2 is below the minimum of 0' },
      { location: '$[6]', field: undefined, reason: 'The item is not a measurement object (got string)' },
    ]);
    expect(items[7]).toMatchObject({ ok: true, location: '$[7]', record: { upSeconds: 300 } });
  });

  it('fails the whole document when it is truncated', async () => {
    const error = await readAll(performanceTmf(fixture('truncated.json'))).catch((caught) => caught);
    expect(error).toBeInstanceOf(FeedFormatError);
    expect(error).toMatchObject({
      message: 'The JSON document is truncated: it ends inside a value (in $.performanceMeasurement[0])',
      location: 'byte 700',
    });
  });

  it('fails the whole document when it holds no measurements', async () => {
    await expect(readAll(performanceTmf(upload(JSON.stringify({ results: [] }))))).rejects.toThrow(
      new FeedFormatError(
        'Expected an array of measurements, or an object holding one under performanceMeasurement, measurements, items, data',
      ),
    );
  });

  const measurement = {
    measuredObject: { id: 'PDN-ETH-100037' },
    observationTime: '2026-07-01 09:00',
    granularity: 'G_5MN',
    indicatorValue: [{ indicatorName: 'Latency', indicatorValue: '4.5', indicatorUnit: 'MS' }],
  };

  it.each([
    ['a bare array', [measurement], '$[0]'],
    ['measurements', { measurements: [measurement] }, '$.measurements[0]'],
    ['data', { data: [measurement] }, '$.data[0]'],
    ['a single measurement', measurement, '$'],
  ])('accepts %s, capitalised names and units, and takes an offset-less time as UK time', async (_shape, document, location) => {
    const [item] = await readAll(performanceTmf(upload(JSON.stringify(document))));

    expect(item).toMatchObject({
      ok: true,
      location,
      record: { serviceReference: 'PDN-ETH-100037', intervalStart: new Date('2026-07-01T08:00:00Z'), intervalSeconds: 300, latencyMs: 4.5 },
    });
  });

  it('rejects a whole group when one of its items is bad, naming the item', async () => {
    const header = { serviceId: 'PDN-ETH-100037', observationTime: '2026-12-01T09:00:00Z', granularity: 'g_5mn' };
    const document = [
      { ...header, indicatorName: 'latency', indicatorValue: 4, indicatorUnit: 'ms' },
      { ...header, indicatorName: 'jitter', indicatorValue: 'n/a', indicatorUnit: 'ms' },
    ];

    const items = await readAll(performanceTmf(upload(JSON.stringify(document))));

    expect(rejections(items)).toEqual([
      { location: '$[0:2]', field: '$[1].indicatorValue', reason: '$[1].indicatorValue: "n/a" is not a number' },
    ]);
  });

  it('rejects a one-indicator item whose measurement cannot be told, ending the group before it', async () => {
    const header = { serviceId: 'PDN-ETH-100037', observationTime: '2026-12-01T09:00:00Z', granularity: 'g_5mn' };
    const document = [
      { ...header, indicatorName: 'latency', indicatorValue: 4 },
      { ...header, granularity: 'hourly', indicatorName: 'jitter', indicatorValue: 0.5 },
      { ...header, indicatorName: 'jitter', indicatorValue: 0.5 },
    ];

    const items = await readAll(performanceTmf(upload(JSON.stringify(document))));

    expect(items.map((item) => [item.location, item.ok])).toEqual([
      ['$[0]', true],
      ['$[1]', false],
      ['$[2]', true],
    ]);
    expect(items[1]).toMatchObject({
      field: 'granularity',
      reason: expect.stringContaining('granularity: "hourly" is not a supported interval'),
    });
  });

  it.each([
    [
      { name: 'bpsIn', value: 10, unit: 'MBps' },
      'indicators[0].unit: "MBps" is not a unit for throughputIn (expected bits per second: bps, kbps, Mbps or Gbps)',
    ],
    [{ name: 'availability', value: 101, unit: '%' }, 'indicators[0].value: 101 is above the maximum of 100'],
    [{ name: 'state', value: 'degraded' }, 'indicators[0].value: "degraded" is not one of UP, DOWN'],
    [{ name: 'packetLoss', value: 0.5, unit: 'dB' }, 'indicators[0].unit: "dB" is not a unit for packetLoss (expected % or ratio)'],
  ])('rejects the indicator %j', async (indicator, reason) => {
    const document = [
      { serviceId: 'PDN-ETH-100037', observationTime: '2026-12-01T09:00:00Z', granularity: 'g_5mn', indicators: [indicator] },
    ];

    const [item] = await readAll(performanceTmf(upload(JSON.stringify(document))));

    expect(item).toMatchObject({ ok: false, reason });
  });

  it('rejects an indicator given twice in one measurement', async () => {
    const indicators = [
      { name: 'latency', value: 4 },
      { name: 'roundTripDelay', value: 5 },
    ];
    const document = [{ serviceId: 'PDN-ETH-100037', observationTime: '2026-12-01T09:00:00Z', granularity: 'g_5mn', indicators }];

    const [item] = await readAll(performanceTmf(upload(JSON.stringify(document))));

    expect(item).toMatchObject({
      ok: false,
      field: 'indicators[1].name',
      reason: 'indicators[1].name: latency is given more than once for this measurement',
    });
  });
});
