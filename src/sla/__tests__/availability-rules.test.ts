import { monthOf } from '../../common/calendar';
import {
  activeSpan,
  addFromHours,
  downDayRanges,
  downtimeIntervals,
  excludedWithin,
  measureFromSamples,
  roundSums,
  serviceMonth,
  type KeyedSpan,
} from '../availability-rules';

const at = (iso: string) => new Date(iso).getTime();
const january = monthOf('2026-01'); // GMT all month: UK midnights are UTC midnights
const whole = { start: january.start, end: january.end };
const SECONDS = 31 * 86_400;

const month = (input: Partial<Parameters<typeof serviceMonth>[0]>) =>
  serviceMonth({
    serviceId: 7,
    span: whole,
    month: january,
    monthTotal: undefined,
    days: [],
    excludedSpans: [],
    inWindows: undefined,
    downtime: [],
    ...input,
  });

describe('availability over a month', () => {
  it('is up ÷ covered, rounded down to three places, with coverage against the live time', () => {
    const figures = month({ monthTotal: { covered: SECONDS, up: SECONDS - 3_600 } });
    expect(figures).toMatchObject({
      activeSeconds: SECONDS,
      excludedSeconds: 0,
      coveredSeconds: SECONDS,
      upSeconds: SECONDS - 3_600,
      availabilityPercent: '99.865', // 99.8655…
      availabilityUnits: 99_865,
      coveragePercent: '100.0',
      coverageUnits: 1_000,
    });
  });

  it('counts missing data as neither up nor down: it lowers coverage only', () => {
    const figures = month({ monthTotal: { covered: SECONDS / 2, up: SECONDS / 2 } });
    expect(figures.availabilityPercent).toBe('100.000');
    expect(figures.coveragePercent).toBe('50.0');
  });

  it('is unknown (null), never 100 %, without any data', () => {
    const figures = month({});
    expect(figures.availabilityPercent).toBeNull();
    expect(figures.availabilityUnits).toBeNull();
    expect(figures.coveragePercent).toBe('0.0');
  });

  it('takes the seconds inside maintenance windows off covered and up alike, and drops downtime wholly inside them', () => {
    const window = { start: at('2026-01-10T00:00:00Z'), end: at('2026-01-11T00:00:00Z') };
    const inside = { serviceId: 7, start: new Date('2026-01-10T03:00:00Z'), end: new Date('2026-01-10T04:00:00Z'), downSeconds: 3_600 };
    const outside = { serviceId: 7, start: new Date('2026-01-20T03:00:00Z'), end: new Date('2026-01-20T04:00:00Z'), downSeconds: 600 };
    const figures = month({
      monthTotal: { covered: SECONDS, up: SECONDS - 3_600 - 600 },
      excludedSpans: [window],
      inWindows: { covered: 86_400, up: 86_400 - 3_600 },
      downtime: [inside, outside],
    });
    expect(figures.excludedSeconds).toBe(86_400);
    expect(figures.coveredSeconds).toBe(SECONDS - 86_400);
    expect(figures.upSeconds).toBe(SECONDS - 86_400 - 600);
    expect(figures.availabilityPercent).toBe('99.976'); // 1 − 600 ÷ 2,592,000 = 99.9768…
    expect(figures.coveragePercent).toBe('100.0');
    expect(figures.downtime).toEqual([outside]);
  });

  it('reads zero, not below, when the windows held more up time than the month reported', () => {
    const figures = month({ monthTotal: { covered: 10_000, up: 100 }, inWindows: { covered: 5_000, up: 200 } });
    expect(figures.upSeconds).toBe(-100);
    expect(figures.availabilityPercent).toBe('0.000');
  });

  it('counts only the live days of a service installed in the month', () => {
    const span = activeSpan({ installDate: '2026-01-16', ceaseDate: null }, january)!;
    expect(span).toEqual({ start: at('2026-01-16T00:00:00Z'), end: january.end });
    const figures = month({
      span,
      days: [
        { day: '2026-01-15', covered: 86_400, up: 86_400 },
        { day: '2026-01-20', covered: 86_400, up: 43_200 },
      ],
    });
    expect(figures.activeSeconds).toBe(16 * 86_400);
    expect(figures.coveredSeconds).toBe(86_400);
    expect(figures.availabilityPercent).toBe('50.000');
    expect(figures.coveragePercent).toBe('6.2'); // 6.25 rounded down
  });

  it('leaves out a service not live in the month', () => {
    expect(activeSpan({ installDate: null, ceaseDate: null }, january)).toBeNull();
    expect(activeSpan({ installDate: '2025-01-01', ceaseDate: '2025-12-01' }, january)).toBeNull();
    expect(activeSpan({ installDate: '2025-01-01', ceaseDate: '2026-01-02' }, january)).toEqual({
      start: january.start,
      end: at('2026-01-02T00:00:00Z'),
    });
  });

  it('clips exclusion windows to the live span and merges them', () => {
    const windows = [
      { startsAt: new Date('2025-12-31T22:00:00Z'), endsAt: new Date('2026-01-01T02:00:00Z') },
      { startsAt: new Date('2026-01-01T01:00:00Z'), endsAt: new Date('2026-01-01T03:00:00Z') },
    ];
    expect(excludedWithin(windows, whole)).toEqual([{ start: january.start, end: at('2026-01-01T03:00:00Z') }]);
  });
});

describe('seconds measured inside a window', () => {
  const span = (key: string, from: string, to: string): KeyedSpan<string> => ({
    key,
    serviceId: 1,
    span: { start: at(from), end: at(to) },
  });

  it('come from the raw samples pro rata, else from the hourly rollups pro rata, rounded once per key', () => {
    const wanted = [span('a', '2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z')];
    const samples = [{ serviceId: 1, start: at('2026-01-05T09:30:00Z'), seconds: 3_600, up: 1_801 }];
    const { sums, withoutSamples } = measureFromSamples(wanted, samples);
    expect(withoutSamples).toEqual([]);
    expect(sums.get('a')).toEqual({ covered: 1_800, up: 900.5 });
    expect(roundSums(sums).get('a')).toEqual({ covered: 1_800, up: 901 });

    const pruned = [span('b', '2026-01-06T10:15:00Z', '2026-01-06T10:45:00Z')];
    const fromSamples = measureFromSamples(pruned, samples);
    expect(fromSamples.withoutSamples).toEqual(pruned);
    addFromHours(fromSamples.sums, fromSamples.withoutSamples, [
      { serviceId: 1, start: at('2026-01-06T10:00:00Z'), covered: 3_600, up: 3_001 },
      { serviceId: 1, start: at('2026-01-06T11:00:00Z'), covered: 3_600, up: 0 },
    ]);
    expect(fromSamples.sums.get('b')).toEqual({ covered: 1_800, up: 1_500.5 });
  });
});

describe('downtime evidence', () => {
  it('reads consecutive down days as one range and merges consecutive down hours', () => {
    const days = [
      { serviceId: 1, day: '2026-01-03' },
      { serviceId: 1, day: '2026-01-04' },
      { serviceId: 1, day: '2026-01-09' },
      { serviceId: 2, day: '2026-01-09' },
    ];
    expect(downDayRanges(days, january)).toEqual([
      { serviceId: 1, from: at('2026-01-03T00:00:00Z'), to: at('2026-01-05T00:00:00Z') },
      { serviceId: 1, from: at('2026-01-09T00:00:00Z'), to: at('2026-01-10T00:00:00Z') },
      { serviceId: 2, from: at('2026-01-09T00:00:00Z'), to: at('2026-01-10T00:00:00Z') },
    ]);
    const intervals = downtimeIntervals([
      { serviceId: 1, hourStart: new Date('2026-01-03T05:00:00Z'), down: 60 },
      { serviceId: 1, hourStart: new Date('2026-01-03T06:00:00Z'), down: 120 },
      { serviceId: 1, hourStart: new Date('2026-01-03T08:00:00Z'), down: 30 },
    ]);
    expect(intervals.get(1)).toEqual([
      { serviceId: 1, start: new Date('2026-01-03T05:00:00Z'), end: new Date('2026-01-03T07:00:00Z'), downSeconds: 180 },
      { serviceId: 1, start: new Date('2026-01-03T08:00:00Z'), end: new Date('2026-01-03T09:00:00Z'), downSeconds: 30 },
    ]);
  });
});
