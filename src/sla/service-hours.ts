import { DateTime } from 'luxon';
import { isBankHoliday, UK_ZONE } from '../common/calendar';

const MINUTE = 60_000;

/** A half-open span of time [start, end) in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** One weekly opening: ISO weekday (1 = Monday … 7 = Sunday), from/to in minutes after UK midnight (to may be 1440). */
export interface WeeklyWindow {
  weekday: number;
  from: number;
  to: number;
}

/**
 * When a contract's service levels apply. Times are UK local times, so "08:00" is 08:00
 * in winter and in summer, and the days the clocks change are 23 or 25 hours long.
 */
export interface ServiceHoursCalendar {
  readonly name: string;
  /** null: open all the time */
  readonly windows: readonly WeeklyWindow[] | null;
  readonly excludeBankHolidays: boolean;
}

export const TWENTY_FOUR_SEVEN: ServiceHoursCalendar = { name: 'twenty-four-seven', windows: null, excludeBankHolidays: false };

/** The HSCN default business hours: Monday to Friday, 08:00 to 18:00, not on bank holidays. */
export const ENGLAND_AND_WALES_BUSINESS_HOURS: ServiceHoursCalendar = {
  name: 'england-and-wales-business-hours',
  windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: 8 * 60, to: 18 * 60 })),
  excludeBankHolidays: true,
};

/** The calendar's open spans that overlap [from, to), clipped to it, in order. */
function openSpans(calendar: ServiceHoursCalendar, from: number, to: number): Span[] {
  if (to <= from) return [];
  if (calendar.windows === null) return [{ start: from, end: to }];
  const spans: Span[] = [];
  let day = DateTime.fromMillis(from, { zone: UK_ZONE }).startOf('day');
  while (day.toMillis() < to) {
    const date = day.toISODate()!;
    if (!(calendar.excludeBankHolidays && isBankHoliday(date))) {
      for (const window of calendar.windows) {
        if (window.weekday !== day.weekday) continue;
        const start = Math.max(from, localMinute(day, window.from));
        const end = Math.min(to, localMinute(day, window.to));
        if (end > start) spans.push({ start, end });
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return mergeSpans(spans);
}

/** The instant `minutes` after UK midnight of `day`; minute 1440 is the next midnight. */
function localMinute(day: DateTime, minutes: number): number {
  if (minutes >= 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** Milliseconds of [from, to) within service hours and outside every pause. */
export function serviceMillis(calendar: ServiceHoursCalendar, from: number, to: number, pauses: readonly Span[] = []): number {
  return total(subtract(openSpans(calendar, from, to), pauses));
}

/**
 * The instant at which `millis` of service time will have passed after `from`, pauses not
 * counted; the clock of an incident opened out of hours starts at the next service hour.
 */
export function addServiceTime(calendar: ServiceHoursCalendar, from: number, millis: number, pauses: readonly Span[] = []): number {
  if (millis <= 0) {
    const [first] = subtract(openSpans(calendar, from, from + 400 * 86_400_000), pauses);
    return first ? first.start : from;
  }
  let remaining = millis;
  // look ahead a fortnight at a time: a long target over business hours spans weeks
  for (let windowStart = from; ; windowStart += 14 * 86_400_000) {
    const spans = subtract(openSpans(calendar, windowStart, windowStart + 14 * 86_400_000), pauses);
    for (const span of spans) {
      const length = span.end - span.start;
      if (length >= remaining) return span.start + remaining;
      remaining -= length;
    }
    if (windowStart - from > 3 * 365 * 86_400_000) throw new Error(`calendar ${calendar.name} never opens`);
  }
}

/** Spans minus spans, in order. */
export function subtract(spans: readonly Span[], holes: readonly Span[]): Span[] {
  if (holes.length === 0) return [...spans];
  const sortedHoles = mergeSpans([...holes]);
  const result: Span[] = [];
  for (const span of spans) {
    let cursor = span.start;
    for (const hole of sortedHoles) {
      if (hole.end <= cursor || hole.start >= span.end) continue;
      if (hole.start > cursor) result.push({ start: cursor, end: hole.start });
      cursor = Math.max(cursor, hole.end);
      if (cursor >= span.end) break;
    }
    if (cursor < span.end) result.push({ start: cursor, end: span.end });
  }
  return result;
}

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export const total = (spans: readonly Span[]) => spans.reduce((sum, span) => sum + (span.end - span.start), 0);

export const toMinutes = (millis: number) => Math.floor(millis / MINUTE);
