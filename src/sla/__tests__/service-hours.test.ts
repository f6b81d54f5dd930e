import fc from 'fast-check';
import { bankHolidaysIn, isBankHoliday } from '../../common/calendar';
import {
  addServiceTime,
  ENGLAND_AND_WALES_BUSINESS_HOURS as BUSINESS,
  serviceMillis,
  TWENTY_FOUR_SEVEN as ALWAYS,
  type ServiceHoursCalendar,
} from '../service-hours';

const at = (iso: string) => new Date(iso).getTime();
const minutes = (millis: number) => millis / 60_000;

describe('bank holidays', () => {
  it('come from the maintained data, substitute days included', () => {
    // GOV.UK's 2026 list for England and Wales
    const govUk = ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'];
    for (const day of govUk) expect(bankHolidaysIn(2026).has(day)).toBe(true);
    expect(isBankHoliday('2026-12-28')).toBe(true); // Boxing Day falls on a Saturday: Monday is the holiday
    expect(isBankHoliday('2026-12-29')).toBe(false);
    expect(isBankHoliday('2027-03-26')).toBe(true); // Good Friday 2027
  });
});

describe('service time, hand-worked', () => {
  it('is wall time on a 24x7 calendar, even across the October clock change (a 25-hour day)', () => {
    // 00:00 BST on Sunday 25 October 2026 to 03:00 GMT: four hours pass
    expect(minutes(serviceMillis(ALWAYS, at('2026-10-25T00:00:00+01:00'), at('2026-10-25T03:00:00+00:00')))).toBe(240);
    // 00:30 GMT on Sunday 29 March 2026 to 03:30 BST: two hours pass
    expect(minutes(serviceMillis(ALWAYS, at('2026-03-29T00:30:00+00:00'), at('2026-03-29T03:30:00+01:00')))).toBe(120);
  });

  it('counts only Monday to Friday 08:00–18:00 across a weekend', () => {
    // Friday 27 November 17:00 → Tuesday 1 December 10:00 (GMT): 60 + 600 + 120 minutes
    expect(minutes(serviceMillis(BUSINESS, at('2026-11-27T17:00:00Z'), at('2026-12-01T10:00:00Z')))).toBe(780);
  });

  it('skips bank holidays, including a substitute Monday', () => {
    // Thursday 24 December 16:00 → Tuesday 29 December 09:00: Christmas Day (Fri), the weekend and
    // the Boxing Day substitute (Mon 28th) do not count: 120 + 60 minutes
    expect(minutes(serviceMillis(BUSINESS, at('2026-12-24T16:00:00Z'), at('2026-12-29T09:00:00Z')))).toBe(180);
  });

  it('keeps business hours at 08:00 UK time across the March clock change', () => {
    // Friday 27 March 17:00 GMT → Monday 30 March 09:00 BST (08:00Z): 60 + 60 minutes
    expect(minutes(serviceMillis(BUSINESS, at('2026-03-27T17:00:00Z'), at('2026-03-30T08:00:00Z')))).toBe(120);
    // and the Monday's hours begin at 07:00 UTC
    expect(new Date(addServiceTime(BUSINESS, at('2026-03-28T12:00:00Z'), 0)).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps business hours at 08:00 UK time across the October clock change', () => {
    // Friday 23 October 17:00 BST (16:00Z) → Monday 26 October 09:00 GMT: 60 + 60 minutes
    expect(minutes(serviceMillis(BUSINESS, at('2026-10-23T16:00:00Z'), at('2026-10-26T09:00:00Z')))).toBe(120);
  });

  it('starts the clock of an incident opened out of hours at the next service hour', () => {
    expect(new Date(addServiceTime(BUSINESS, at('2026-11-28T10:00:00Z'), 0)).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(minutes(serviceMillis(BUSINESS, at('2026-11-28T10:00:00Z'), at('2026-11-30T09:00:00Z')))).toBe(60);
  });

  it("finds a target's due time in service hours", () => {
    // eight service hours from Friday 16:00: two on Friday, six on Monday → Monday 14:00
    expect(new Date(addServiceTime(BUSINESS, at('2026-11-27T16:00:00Z'), 8 * 3_600_000)).toISOString()).toBe('2026-11-30T14:00:00.000Z');
    // five hours on 24x7 is five hours
    expect(new Date(addServiceTime(ALWAYS, at('2026-11-27T22:00:00Z'), 5 * 3_600_000)).toISOString()).toBe('2026-11-28T03:00:00.000Z');
  });

  it('does not count a pause, nor double-subtract the part of it that fell out of hours', () => {
    // Friday 17:00 → Monday 10:00 with a pause from Friday 17:30 to Monday 08:30:
    // open 60 + 120 minutes, of which 30 (Fri) + 30 (Mon) were paused
    const pause = { start: at('2026-11-27T17:30:00Z'), end: at('2026-11-30T08:30:00Z') };
    expect(minutes(serviceMillis(BUSINESS, at('2026-11-27T17:00:00Z'), at('2026-11-30T10:00:00Z'), [pause]))).toBe(120);
    expect(new Date(addServiceTime(BUSINESS, at('2026-11-27T17:00:00Z'), 60 * 60_000, [pause])).toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
  });
});

describe('service time, properties', () => {
  const calendars: ServiceHoursCalendar[] = [
    ALWAYS,
    BUSINESS,
    {
      name: 'weekend-nights',
      windows: [
        { weekday: 6, from: 0, to: 1440 },
        { weekday: 7, from: 0, to: 1440 },
        { weekday: 3, from: 22 * 60, to: 1440 },
      ],
      excludeBankHolidays: true,
    },
  ];
  const instant = fc.integer({ min: at('2025-01-01T00:00:00Z'), max: at('2028-12-31T00:00:00Z') });
  const span = fc.tuple(instant, fc.integer({ min: 0, max: 40 * 86_400_000 })).map(([start, length]) => ({ start, end: start + length }));
  const calendar = fc.constantFrom(...calendars);

  it('never exceeds wall time', () => {
    fc.assert(fc.property(calendar, span, (cal, { start, end }) => serviceMillis(cal, start, end) <= end - start));
  });

  it('does not change when the interval is split anywhere', () => {
    fc.assert(
      fc.property(calendar, span, fc.double({ min: 0, max: 1, noNaN: true }), (cal, { start, end }, share) => {
        const cut = Math.floor(start + (end - start) * share);
        return serviceMillis(cal, start, cut) + serviceMillis(cal, cut, end) === serviceMillis(cal, start, end);
      }),
    );
  });

  it('finds the due time that the elapsed service time reaches exactly', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 60 * 3_600_000 }), (cal, from, millis) => {
        const due = addServiceTime(cal, from, millis);
        return due > from && serviceMillis(cal, from, due) === millis;
      }),
      { numRuns: 200 },
    );
  });
});
