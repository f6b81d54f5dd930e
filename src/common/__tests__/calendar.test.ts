import fc from 'fast-check';
import {
  addPeriods,
  bankHolidaysIn,
  daysInMonth,
  firstDayOf,
  isBankHoliday,
  isPeriod,
  isWorkingDay,
  lastDayOf,
  monthOf,
  nextPeriod,
  periodOfDate,
  periodsBetween,
  periodsTouching,
  previousPeriod,
  ukDateOf,
  ukDayBounds,
  ukDayStart,
  ukPeriodOf,
  workingDaysBefore,
  workingDaysBetween,
} from '../calendar';
import { addDays, isLocalDate } from '../dates';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso).getTime();
const hoursIn = (day: string) => {
  const { start, end } = ukDayBounds(day);
  return (end.getTime() - start.getTime()) / HOUR;
};
/** The last Sunday of a month, worked out without the zone database. */
const lastSunday = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
};

describe('periods', () => {
  it('accept four ASCII digits, a dash and a month 01–12, nothing else', () => {
    for (const period of ['2026-01', '2026-12', '1999-09', '2100-02']) expect(isPeriod(period)).toBe(true);
    const refused = [
      '2026-13',
      '2026-00',
      '2026-1',
      '26-01',
      '02026-01',
      '2026-01-01',
      '2026/01',
      '2026-1 ',
      ' 2026-01',
      '2026-01\n',
      '',
      'YYYY-MM',
      '٢٠٢٦-٠١', // Arabic-Indic digits
      '۲۰۲۶-۰۱', // Extended Arabic-Indic (Persian) digits
      '２０２６-０１', // full-width digits
      '२०२६-०१', // Devanagari digits
      '2026‐01', // a hyphen that is not ASCII
    ];
    for (const period of refused) expect(isPeriod(period)).toBe(false);
  });

  it('refuse any string holding a digit that is not ASCII', () => {
    const foreignDigit = fc
      .integer({ min: 0, max: 9 })
      .chain((d) => fc.constantFrom(0x0660, 0x06f0, 0x0966, 0xff10, 0x09e6).map((zero) => String.fromCodePoint(zero + d)));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        foreignDigit,
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        (position, digit, year, month) => {
          const valid = `${year}-${String(month).padStart(2, '0')}`;
          const index = position >= 4 ? position + 1 : position; // skip the dash
          expect(isPeriod(valid)).toBe(true);
          expect(isPeriod(valid.slice(0, index) + digit + valid.slice(index + 1))).toBe(false);
        },
      ),
    );
  });

  it('know their first and last days, leap Februaries included', () => {
    expect(firstDayOf('2026-02')).toBe('2026-02-01');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2000-02')).toBe('2000-02-29'); // divisible by 400
    expect(lastDayOf('2100-02')).toBe('2100-02-28'); // divisible by 100 only
    expect(lastDayOf('2026-12-05')).toBe('2026-12-31'); // of a date, too
    expect([daysInMonth('2026-01'), daysInMonth('2026-04'), daysInMonth('2024-02-10'), daysInMonth('2026-02')]).toEqual([31, 30, 29, 28]);
    expect(periodOfDate('2026-11-30')).toBe('2026-11');
  });

  it('step across year ends', () => {
    expect(nextPeriod('2026-12')).toBe('2027-01');
    expect(previousPeriod('2027-01')).toBe('2026-12');
    expect(addPeriods('2026-03', -11)).toBe('2025-04');
    expect(addPeriods('2026-03', 25)).toBe('2028-04');
  });

  it('list the months between two, both included', () => {
    expect(periodsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2026-10', '2026-10')).toEqual(['2026-10']);
    expect(periodsBetween('2026-10', '2026-09')).toEqual([]);
  });

  it('list the months a span of days touches, at most the limit', () => {
    expect(periodsTouching('2026-01-31', '2026-02-01')).toEqual(['2026-01', '2026-02']);
    expect(periodsTouching('2026-01-15', '2026-01-20')).toEqual(['2026-01']);
    expect(periodsTouching('2026-01-15', '2025-12-20')).toEqual([]);
    expect(periodsTouching('2000-01-01', '2099-12-31')).toHaveLength(120);
  });

  it('agree with one another for any month (property)', () => {
    const period = fc
      .tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(period, fc.integer({ min: -300, max: 300 }), (p, n) => {
        expect(isPeriod(p)).toBe(true);
        expect(addDays(lastDayOf(p), 1)).toBe(firstDayOf(nextPeriod(p)));
        expect(Number(lastDayOf(p).slice(8))).toBe(daysInMonth(p));
        expect(previousPeriod(nextPeriod(p))).toBe(p);
        expect(addPeriods(addPeriods(p, n), -n)).toBe(p);
        const span = n >= 0 ? periodsBetween(p, addPeriods(p, n)) : [];
        if (n >= 0) expect(span).toHaveLength(n + 1);
      }),
    );
  });
});

describe('the UK day and month across the clock changes', () => {
  it('has a 23-hour day on the last Sunday of March and a 25-hour one on the last Sunday of October', () => {
    expect(hoursIn('2026-03-29')).toBe(23);
    expect(hoursIn('2026-10-25')).toBe(25);
    expect(hoursIn('2026-03-28')).toBe(24);
    expect(hoursIn('2026-10-26')).toBe(24);
    expect(ukDayBounds('2026-03-29')).toEqual({ start: new Date('2026-03-29T00:00:00Z'), end: new Date('2026-03-29T23:00:00Z') });
    expect(ukDayBounds('2026-10-25')).toEqual({ start: new Date('2026-10-24T23:00:00Z'), end: new Date('2026-10-26T00:00:00Z') });
  });

  it('changes the clocks on those Sundays and no other day (1996–2099)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 }), (dayNumber) => {
        const day = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        const year = Number(day.slice(0, 4));
        const expected = day === lastSunday(year, 3) ? 23 : day === lastSunday(year, 10) ? 25 : 24;
        expect(hoursIn(day)).toBe(expected);
      }),
    );
    for (const year of [2026, 2027, 2028]) {
      expect(hoursIn(lastSunday(year, 3))).toBe(23);
      expect(hoursIn(lastSunday(year, 10))).toBe(25);
    }
  });

  it('puts an instant on the UK date, an hour ahead of UTC in summer', () => {
    expect(ukDateOf(new Date('2026-06-30T22:59:59.999Z'))).toBe('2026-06-30');
    expect(ukDateOf(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
    expect(ukDateOf(at('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31');
    expect(ukDateOf(at('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
    // the hour the clocks go back is lived twice: both passes are on the 25th
    expect(ukDateOf(at('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
    expect(ukDateOf(at('2026-10-25T01:30:00Z'))).toBe('2026-10-25');
    expect(ukDateOf(at('2026-10-24T22:59:59Z'))).toBe('2026-10-24');
    expect(ukPeriodOf(new Date('2026-07-31T23:30:00Z'))).toBe('2026-08');
    expect(ukPeriodOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12');
  });

  it('bounds every instant by its UK day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('1900-01-01T00:00:00Z'), max: at('2200-01-01T00:00:00Z') }), (instant) => {
        const day = ukDateOf(instant);
        expect(isLocalDate(day)).toBe(true);
        const { start, end } = ukDayBounds(day);
        expect(start.getTime()).toBeLessThanOrEqual(instant);
        expect(end.getTime()).toBeGreaterThan(instant);
        expect(ukDateOf(ukDayStart(day))).toBe(day);
        expect(ukDayStart(addDays(day, 1))).toBe(end.getTime());
      }),
    );
  });

  it('bounds a month by UK midnights, an hour short in March and long in October', () => {
    expect(monthOf('2026-03')).toEqual({
      period: '2026-03',
      start: at('2026-03-01T00:00:00Z'),
      end: at('2026-03-31T23:00:00Z'),
      firstDay: '2026-03-01',
      lastDay: '2026-03-31',
    });
    expect(monthOf('2026-10')).toEqual({
      period: '2026-10',
      start: at('2026-09-30T23:00:00Z'),
      end: at('2026-11-01T00:00:00Z'),
      firstDay: '2026-10-01',
      lastDay: '2026-10-31',
    });
    expect((monthOf('2026-03').end - monthOf('2026-03').start) / HOUR).toBe(31 * 24 - 1);
    expect((monthOf('2026-10').end - monthOf('2026-10').start) / HOUR).toBe(31 * 24 + 1);
    expect((monthOf('2028-02').end - monthOf('2028-02').start) / HOUR).toBe(29 * 24);
    expect(monthOf('2026-06')).toBe(monthOf('2026-06')); // worked out once
  });
});

describe('bank holidays and working days (England and Wales)', () => {
  it('include substitute days when a holiday falls at a weekend', () => {
    // GOV.UK's list for 2026
    expect([...bankHolidaysIn(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
    expect(isBankHoliday('2026-12-28')).toBe(true); // Boxing Day on a Saturday: Monday instead
    expect(isBankHoliday('2026-12-29')).toBe(false);
    expect(isBankHoliday('2022-01-03')).toBe(true); // New Year's Day on a Saturday
    expect(isBankHoliday('2022-12-27')).toBe(true); // Christmas Day on a Sunday: Tuesday after Boxing Day
    expect(isBankHoliday('2027-12-27')).toBe(true); // Christmas on a Saturday, Boxing Day on a Sunday:
    expect(isBankHoliday('2027-12-28')).toBe(true); // Monday and Tuesday
    expect(isBankHoliday('2027-03-26')).toBe(true); // Good Friday
    expect(isBankHoliday('2027-03-29')).toBe(true); // Easter Monday
  });

  it('count Monday to Friday that are not bank holidays', () => {
    expect(isWorkingDay('2026-12-24')).toBe(true);
    expect(isWorkingDay('2026-12-25')).toBe(false); // Friday, Christmas Day
    expect(isWorkingDay('2026-12-26')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-28')).toBe(false); // the substitute Monday
    expect(isWorkingDay('2026-12-29')).toBe(true);
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    expect(workingDaysBetween('2026-12-29', '2026-12-24')).toBe(0);
    expect(workingDaysBefore('2026-12-29', 1)).toBe('2026-12-24');
    expect(workingDaysBefore('2026-11-29', 0)).toBe('2026-11-27'); // a Sunday moves back to Friday
  });

  it('undo each other (property)', () => {
    const day = fc
      .integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
      .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), (date, days) => {
        const before = workingDaysBefore(date, days);
        expect(isWorkingDay(before)).toBe(true);
        expect(before <= date).toBe(true);
        if (isWorkingDay(date)) expect(workingDaysBetween(before, date)).toBe(days);
      }),
    );
  });
});
