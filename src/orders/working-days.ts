import { addDays, type LocalDate } from '../common/dates';
import { isBankHoliday } from '../sla/bank-holidays';

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
