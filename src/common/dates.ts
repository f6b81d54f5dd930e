/**
 * Calendar dates (contract terms, install and cease dates) are ISO `YYYY-MM-DD` strings;
 * the arithmetic here is done in UTC so that no local clock change can shift a day.
 */
export type LocalDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // day 0 of the next month is this month's last day (leap years included); years below 100 were never dates here
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(date: LocalDate): Date {
  if (!isLocalDate(date)) throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  return new Date(`${date}T00:00:00Z`);
}

const fromUtc = (date: Date): LocalDate => date.toISOString().slice(0, 10);

export function addDays(date: LocalDate, days: number): LocalDate {
  const value = toUtc(date);
  value.setUTCDate(value.getUTCDate() + days);
  return fromUtc(value);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const value = toUtc(date);
  const day = value.getUTCDate();
  value.setUTCDate(1);
  value.setUTCMonth(value.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth() + 1, 0)).getUTCDate();
  value.setUTCDate(Math.min(day, lastDay));
  return fromUtc(value);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** A UTC instant as both dialects store and compare DATETIME(3) text: "YYYY-MM-DD HH:MM:SS.mmm". */
export const sqlTimestamp = (instant: Date) => instant.toISOString().replace('T', ' ').replace('Z', '');

/** A DATETIME as a driver returns it: a Date from mysql2, "YYYY-MM-DD HH:MM:SS.mmm" (UTC) text from SQLite. */
export function asUtcDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
