import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { addDays, addMonths, type LocalDate } from './dates';
import { ErrorReason } from './error-reasons';
import { badInput } from './errors';

/**
 * The UK calendar: the zone, months ("YYYY-MM" periods), the UK day an instant falls on and
 * the instants a UK day begins and ends, bank holidays and working days in England and Wales.
 * Nothing else in src/ names the zone or parses a period.
 */

/** Where contracts are managed: service hours, months, "today" and bank holidays are all reckoned here. */
export const UK_ZONE = 'Europe/London';

// ── months ──────────────────────────────────────────────────────────────────────────────

/** A calendar month, "YYYY-MM". */
export type Period = string;

/** Four ASCII digits, a dash, a month 01–12; no other digits (Arabic-Indic, full-width…) pass. */
export const PERIOD_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** Whether a value is a month, "YYYY-MM". */
export const isPeriod = (value: string): boolean => PERIOD_PATTERN.test(value);

/**
 * The one refusal of a month that is not "YYYY-MM": bad input on `field` (the argument's path,
 * e.g. `input.periodFrom`), "<field>: a month, "YYYY-MM"", reason INVALID_PERIOD.
 */
export function requirePeriod(value: string, field: string): Period {
  if (!isPeriod(value)) throw badInput(field, `${field}: a month, "YYYY-MM"`, ErrorReason.INVALID_PERIOD);
  return value;
}

/** The month a calendar date falls in. */
export const periodOfDate = (date: LocalDate): Period => date.slice(0, 7);

/** The month's first day. */
export const firstDayOf = (period: Period): LocalDate => `${period}-01`;

/** Days in the month of a period or a date (leap Februaries included). */
export const daysInMonth = (periodOrDate: string): number =>
  new Date(Date.UTC(Number(periodOrDate.slice(0, 4)), Number(periodOrDate.slice(5, 7)), 0)).getUTCDate();

/** The last day of the month of a period or a date. */
export const lastDayOf = (periodOrDate: string): LocalDate =>
  `${periodOrDate.slice(0, 7)}-${String(daysInMonth(periodOrDate)).padStart(2, '0')}`;

/** The month `count` months after (before, when negative) `period`. */
export const addPeriods = (period: Period, count: number): Period => addMonths(firstDayOf(period), count).slice(0, 7);

export const nextPeriod = (period: Period): Period => addPeriods(period, 1);

export const previousPeriod = (period: Period): Period => addPeriods(period, -1);

/** The months from `from` to `to`, both included, oldest first (none when `to` is before `from`). */
export function periodsBetween(from: Period, to: Period): Period[] {
  const periods: Period[] = [];
  for (let period = from; period <= to; period = nextPeriod(period)) periods.push(period);
  return periods;
}

/** The months a span of days [from, to] touches, oldest first, at most `limit` of them. */
export function periodsTouching(from: LocalDate, to: LocalDate, limit = 120): Period[] {
  const periods: Period[] = [];
  for (let period = periodOfDate(from); firstDayOf(period) <= to && periods.length < limit; period = nextPeriod(period))
    periods.push(period);
  return periods;
}

/** A UK calendar month, "YYYY-MM", and its bounds as instants (epoch milliseconds, end exclusive). */
export interface Month {
  period: Period;
  start: number;
  end: number;
  firstDay: LocalDate;
  lastDay: LocalDate;
}

/** Months worked out once: the zone arithmetic behind each cost more than a small report did. */
const months = new Map<Period, Month>();

/** A valid period's month in the UK. */
export function monthOf(period: Period): Month {
  let month = months.get(period);
  if (!month) {
    const firstDay = firstDayOf(period);
    month = Object.freeze({
      period,
      start: ukDayStart(firstDay),
      end: ukDayStart(firstDayOf(nextPeriod(period))),
      firstDay,
      lastDay: lastDayOf(period),
    });
    if (months.size >= 1_000) months.clear();
    months.set(period, month);
  }
  return month;
}

/** The UK month an instant falls in. */
export const ukPeriodOf = (instant: Date | number): Period => periodOfDate(ukDateOf(instant));

// ── the UK day ──────────────────────────────────────────────────────────────────────────

/** One formatter for every call: making one costs far more than formatting with it. */
const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: UK_ZONE });
const datesByHour = new Map<number, LocalDate>();
/** UK offsets have been whole hours since Greenwich Mean Time replaced local mean time (1 December 1847). */
const WHOLE_HOURS_FROM = Date.UTC(1848, 0, 1);

/** The calendar date an instant falls on in the UK (cached per UTC hour: UK offsets are whole hours). */
export function ukDateOf(instant: Date | number): LocalDate {
  if (Number(instant) < WHOLE_HOURS_FROM) return UK_DATE.format(instant);
  const hour = Math.floor(Number(instant) / 3_600_000);
  let date = datesByHour.get(hour);
  if (date === undefined) {
    date = UK_DATE.format(hour * 3_600_000);
    if (datesByHour.size >= 100_000) datesByHour.clear();
    datesByHour.set(hour, date);
  }
  return date;
}

/** Today's date in England, which is what contract managers mean by "today". */
export const todayInLondon = (now: Date = new Date()): LocalDate => ukDateOf(now);

/**
 * The instant a UK calendar day begins. Memoised: an estate's services share a handful of
 * install dates, and the time-zone lookup behind each conversion dominated reports of
 * thousands of services. Dates are few, so the memo stays small (and is reset if it is not).
 */
const midnights = new Map<LocalDate, number>();
export function ukDayStart(date: LocalDate): number {
  let instant = midnights.get(date);
  if (instant === undefined) {
    if (midnights.size >= 50_000) midnights.clear();
    instant = DateTime.fromISO(date, { zone: UK_ZONE }).toMillis();
    midnights.set(date, instant);
  }
  return instant;
}

/** The UTC instants bounding a UK calendar day (23, 24 or 25 hours long). */
export function ukDayBounds(date: LocalDate): { start: Date; end: Date } {
  return { start: new Date(ukDayStart(date)), end: new Date(ukDayStart(addDays(date, 1))) };
}

// ── bank holidays and working days ───────────────────────────────────────────────────────

/**
 * England and Wales bank holidays, substitute days included, from the maintained
 * date-holidays data set (updating the package updates the list). Cached per year.
 */
const englandAndWales = new Holidays('GB', 'ENG');
const holidaysByYear = new Map<number, ReadonlySet<LocalDate>>();

export function bankHolidaysIn(year: number): ReadonlySet<LocalDate> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      englandAndWales
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

/** Whether a UK calendar date ("YYYY-MM-DD") is a bank holiday in England and Wales. */
export const isBankHoliday = (day: LocalDate) => bankHolidaysIn(Number(day.slice(0, 4))).has(day);

/** Monday to Friday and not a bank holiday in England and Wales. */
export function isWorkingDay(day: LocalDate): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(day);
}

/**
 * The working day `days` working days before `date`: a request raised on it, with a lead
 * time of `days` working days, is answered by `date`. Weekends and bank holidays do not count.
 */
export function workingDaysBefore(date: LocalDate, days: number): LocalDate {
  let day = date;
  let remaining = days;
  while (remaining > 0) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) remaining -= 1;
  }
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}
