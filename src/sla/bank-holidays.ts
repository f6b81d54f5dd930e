import Holidays from 'date-holidays';

/**
 * England and Wales bank holidays, substitute days included, from the maintained
 * date-holidays data set (updating the package updates the list). Cached per year.
 */
const calendar = new Holidays('GB', 'ENG');
const byYear = new Map<number, ReadonlySet<string>>();

export function bankHolidaysIn(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byYear.set(year, days);
  }
  return days;
}

/** Whether a UK calendar date ("YYYY-MM-DD") is a bank holiday in England and Wales. */
export const isBankHoliday = (day: string) => bankHolidaysIn(Number(day.slice(0, 4))).has(day);
