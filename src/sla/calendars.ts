import { badInput } from '../common/errors';
import { Contract, ServiceHours } from '../contracts/contract.entity';
import { DEFAULT_BUSINESS_CALENDAR } from '../contracts/contract-lifecycle';
import type { RequestContext } from '../request/context';
import { ServiceCalendarRecord, type WeeklyWindowType } from './service-calendar.entity';
import { ENGLAND_AND_WALES_BUSINESS_HOURS, TWENTY_FOUR_SEVEN, type ServiceHoursCalendar, type WeeklyWindow } from './service-hours';
import { ErrorReason } from '../common/error-reasons';

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** A stored calendar as the service-hours engine reads it. */
function toCalendar(record: ServiceCalendarRecord): ServiceHoursCalendar {
  return {
    name: record.name,
    windows: record.windows.map((window): WeeklyWindow => ({
      weekday: window.weekday,
      from: minutesOf(window.from),
      to: minutesOf(window.to),
    })),
    excludeBankHolidays: record.excludeBankHolidays,
  };
}

/**
 * The service hours a contract's service levels count in: 24x7, the England and Wales
 * business hours, or one of its organisation's own calendars (loaded with the request's
 * loaders, so a page of incidents costs one query for all their calendars).
 */
export async function calendarOfContract(ctx: RequestContext, contract: Contract): Promise<ServiceHoursCalendar> {
  if (contract.serviceHours === ServiceHours.TWENTY_FOUR_SEVEN) return TWENTY_FOUR_SEVEN;
  const name = contract.serviceHoursCalendar ?? DEFAULT_BUSINESS_CALENDAR;
  if (name === DEFAULT_BUSINESS_CALENDAR) return ENGLAND_AND_WALES_BUSINESS_HOURS;
  const own = (await ctx.loaders.manyBy(ServiceCalendarRecord, 'organisationId').load(contract.organisationId)).find(
    (record) => record.name === name,
  );
  return own ? toCalendar(own) : ENGLAND_AND_WALES_BUSINESS_HOURS;
}

/** Whether the organisation has defined a calendar of that name: ContractService's check (src/services.ts hands it over). */
export async function hasServiceCalendar(ctx: RequestContext, organisationId: number, name: string): Promise<boolean> {
  return (await ctx.repository(ServiceCalendarRecord).countBy({ organisationId, name })) > 0;
}

/** Checks a calendar's windows: real UK times, on real weekdays, each ending after it starts. */
export function validWindows(windows: readonly WeeklyWindowType[]): WeeklyWindowType[] {
  if (windows.length === 0)
    throw badInput(
      'input.windows',
      'input.windows: a calendar needs at least one window (use TWENTY_FOUR_SEVEN for always)',
      ErrorReason.NO_WINDOWS,
    );
  return windows.map((window, index) => {
    const field = `input.windows.${index}`;
    if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7)
      throw badInput(`${field}.weekday`, `${field}.weekday: 1 (Monday) to 7 (Sunday)`, ErrorReason.INVALID_WEEKDAY);
    if (!CLOCK.test(window.from) || window.from === '24:00')
      throw badInput(`${field}.from`, `${field}.from: a UK time "HH:MM"`, ErrorReason.INVALID_TIME);
    if (!CLOCK.test(window.to)) throw badInput(`${field}.to`, `${field}.to: a UK time "HH:MM" or "24:00"`, ErrorReason.INVALID_TIME);
    if (minutesOf(window.to) <= minutesOf(window.from))
      throw badInput(
        `${field}.to`,
        `${field}.to: must be after from (a window past midnight is two windows)`,
        ErrorReason.END_BEFORE_START,
      );
    return { weekday: window.weekday, from: window.from, to: window.to };
  });
}
