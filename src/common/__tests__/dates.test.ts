import fc from 'fast-check';
import { addDays, addMonths, daysBetween, isLocalDate, sqlTimestamp } from '../dates';
import { todayInLondon } from '../calendar';

/** Calendar dates between 1900 and 2199 as YYYY-MM-DD. */
const localDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((instant) => instant.toISOString().slice(0, 10));

describe('isLocalDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '2024-01-01', '2026-06-30'])('accepts the real date %s', (value) => {
    expect(isLocalDate(value)).toBe(true);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century that is not a leap year'],
    ['2024-04-31', 'April has 30 days'],
    ['2024-13-01', 'no thirteenth month'],
    ['2024-00-10', 'no month zero'],
    ['2024-01-00', 'no day zero'],
    ['2024-2-1', 'single-digit month and day'],
    ['2024-02-1', 'single-digit day'],
    ['24-02-01', 'two-digit year'],
    ['2024/02/01', 'wrong separator'],
    ['2024-02-01T00:00:00Z', 'a timestamp, not a date'],
    [' 2024-02-01', 'leading space'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(isLocalDate(value)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2024-06-15', 0, '2024-06-15'],
  ])('%s + %p days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses something that is not a calendar date', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it.each([
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-05-31', 1, '2024-06-30'],
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-12-31', 1, '2025-01-31'],
    ['2025-01-31', -1, '2024-12-31'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-01-31', 0, '2024-01-31'],
  ])('%s + %p months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses something that is not a calendar date', () => {
    expect(() => addMonths('2024-13-01', 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2024-01-01', '2024-01-01', 0],
    ['2024-01-01', '2024-01-02', 1],
    ['2024-01-02', '2024-01-01', -1],
    ['2024-02-01', '2024-03-01', 29],
    ['2023-02-01', '2023-03-01', 28],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
  ])('from %s to %s is %p days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('refuses something that is not a calendar date', () => {
    expect(() => daysBetween('2024-01-01', '2024-02-30')).toThrow(RangeError);
  });
});

describe('todayInLondon', () => {
  it('is already tomorrow in London just before midnight UTC during British Summer Time', () => {
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
  });

  it('is still the UTC date just before midnight UTC in winter (GMT)', () => {
    expect(todayInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('is the same day just after midnight UTC in winter', () => {
    expect(todayInLondon(new Date('2027-01-01T00:30:00Z'))).toBe('2027-01-01');
  });

  it('changes day at 23:00 UTC in summer (midnight BST)', () => {
    expect(todayInLondon(new Date('2026-07-14T22:59:59Z'))).toBe('2026-07-14');
    expect(todayInLondon(new Date('2026-07-14T23:00:00Z'))).toBe('2026-07-15');
  });

  it('returns a calendar date in YYYY-MM-DD form', () => {
    expect(isLocalDate(todayInLondon())).toBe(true);
  });
});

describe('sqlTimestamp', () => {
  it('renders a UTC instant as "YYYY-MM-DD HH:MM:SS.mmm"', () => {
    expect(sqlTimestamp(new Date('2026-03-04T05:06:07.089Z'))).toBe('2026-03-04 05:06:07.089');
  });

  it('keeps milliseconds even when they are zero', () => {
    expect(sqlTimestamp(new Date('2026-12-31T23:59:59.000Z'))).toBe('2026-12-31 23:59:59.000');
  });

  it('uses UTC, not London time, during summer time', () => {
    expect(sqlTimestamp(new Date('2026-06-30T23:30:00Z'))).toBe('2026-06-30 23:30:00.000');
  });

  it('sorts as text in the same order as the instants', () => {
    const earlier = sqlTimestamp(new Date('2026-01-09T23:59:59.999Z'));
    const later = sqlTimestamp(new Date('2026-01-10T00:00:00.000Z'));
    expect(earlier < later).toBe(true);
  });
});

describe('date properties', () => {
  const dayCount = fc.integer({ min: -36_500, max: 36_500 });

  it('adding n days and then -n days returns the original date', () => {
    fc.assert(
      fc.property(localDate, dayCount, (date, n) => {
        expect(addDays(addDays(date, n), -n)).toBe(date);
      }),
    );
  });

  it('daysBetween(d, addDays(d, n)) === n', () => {
    fc.assert(
      fc.property(localDate, dayCount, (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });

  it('addDays always produces a valid calendar date', () => {
    fc.assert(
      fc.property(localDate, dayCount, (date, n) => {
        expect(isLocalDate(addDays(date, n))).toBe(true);
      }),
    );
  });
});
