import Decimal from 'decimal.js';
import { daysInMonth, firstDayOf, lastDayOf, periodOfDate } from '../common/calendar';
import { addDays, daysBetween, type LocalDate } from '../common/dates';
import type { Pence } from '../common/money';

/**
 * The charging module (src/charging/): the one place a service's rental is priced.
 * Reconciliation (billing/reconciliation-rules), legacy ceases and dual running (orders/),
 * SLA credits (sla/sla-report.service) and the demo seeds all price through here, so that a
 * month costs the same wherever it is asked about. It depends on common/ only; its callers
 * read the charge history from their own tables and hand it over (charge-history.ts).
 *
 * How a pro-rata charge is computed (`priceSpan`, for any span [from, to] of inclusive dates):
 * 1. The span is cut into calendar months: each month's part runs from the span's first day in
 *    it to its last day in it (the month's last day, or `to`).
 * 2. In each month, the live days are the days of that part on which the service was live: from
 *    the install date (if later) to the day before the cease date (the cease date is the first
 *    day without service). No install date: live from the start; no cease date: live to the end.
 * 3. The live days are split into charge segments by the service's charge history (its
 *    `ServiceTermsPeriod`s, oldest first): each charge applies from its own first day (null:
 *    since the service began) until the day before the next one starts; days before the first
 *    dated charge pay the first charge. No history: today's monthly charge for every day.
 * 4. The month's price is Σ (monthly charge × its days) ÷ the days in that calendar month
 *    (28 to 31, leap Februaries 29), computed exactly in decimals and rounded once per month to
 *    the penny, half up, as suppliers bill. A whole month at one charge is that charge exactly.
 * 5. The span's price is the sum of its months' rounded prices (a quarter at one charge is three
 *    monthly charges); an empty span (to before from) costs nothing.
 * `monthlyChargeIn` is steps 3 and 4 over a whole month with install and cease left out: the
 * charge an SLA credit or a credit cap is a percentage of, for that month rather than today.
 */

/** A monthly charge from a date (null: since the service began) until the next period starts. */
export interface ChargePeriod {
  from: LocalDate | null;
  monthlyCharge: Pence;
}

/**
 * Charge periods oldest first: the one in force "since the service began" (no date) before
 * any dated one, whatever the database's ordering of nulls. Sorts `periods` in place.
 */
export function oldestFirst<T>(periods: T[], from: (period: T) => LocalDate | null): T[] {
  return periods.sort((x, y) => {
    const a = from(x);
    const b = from(y);
    return a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
  });
}

/** What pricing needs to know of a service. */
export interface ServiceFacts {
  id: number;
  reference: string;
  /** today's charge: what applies where there is no history */
  monthlyCharge: Pence;
  installDate: LocalDate | null;
  /** the first day without service */
  ceaseDate: LocalDate | null;
  /** the charge history, oldest first; absent or empty: the monthly charge has always applied */
  chargePeriods?: readonly ChargePeriod[];
}

/** One charge in force over some days: a piece of a month's price. */
export interface ChargeSegment {
  from: LocalDate;
  to: LocalDate;
  days: number;
  monthlyCharge: Pence;
}

/** One calendar month of a span: its days in the span, the service's live days among them, and its price. */
export interface MonthPrice {
  /** "YYYY-MM" */
  period: string;
  /** the span's first and last day in this month (inclusive) */
  from: LocalDate;
  to: LocalDate;
  amount: Pence;
  liveDays: number;
  /** the span's days in this month */
  periodDays: number;
  /** the month's length: what the monthly charge is divided by */
  monthDays: number;
  /** the charges over the live days, in order (empty: not live in the month's part of the span) */
  charges: ChargeSegment[];
}

/** A span's price: the sum of its months', each rounded on its own as the supplier bills. */
export interface SpanPrice {
  amount: Pence;
  /** days of the span the service was live */
  liveDays: number;
  /** days in the span */
  periodDays: number;
  months: MonthPrice[];
}

/**
 * What a service costs over [from, to] (inclusive dates, any length): split into calendar
 * months, each month's charges pro rata by the days of it in the span that the service was
 * live, divided by the month's own length and rounded to the penny, then summed. A whole
 * month at one charge is exactly that charge; a quarter is three of them. An empty span
 * (to before from) costs nothing.
 */
export function priceSpan(service: ServiceFacts, from: LocalDate, to: LocalDate): SpanPrice {
  const months: MonthPrice[] = [];
  for (let start = from; start <= to;) {
    const end = lastDayOf(start) < to ? lastDayOf(start) : to;
    months.push(priceMonth(service, start, end));
    start = addDays(end, 1);
  }
  return {
    amount: months.reduce((sum, month) => sum + month.amount, 0n),
    liveDays: months.reduce((sum, month) => sum + month.liveDays, 0),
    periodDays: months.reduce((sum, month) => sum + month.periodDays, 0),
    months,
  };
}

/** A span's price without its months: the totals a rental line or a "not billed" estimate is held to. */
export function expectedRental(
  service: ServiceFacts,
  from: LocalDate,
  to: LocalDate,
): { amount: Pence; liveDays: number; periodDays: number } {
  const { amount, liveDays, periodDays } = priceSpan(service, from, to);
  return { amount, liveDays, periodDays };
}

/**
 * The charge in force for a month ("YYYY-MM") from the service's history: where it changed
 * within the month, each charge for its own days, to the penny (half up). Install and
 * cease dates do not come into it: this is what a percentage of "the monthly charge" (an
 * SLA credit, a credit cap) is a percentage of, for that month rather than today.
 */
export function monthlyChargeIn(service: ServiceFacts, period: string): Pence {
  return proRata(chargeSegments(service, firstDayOf(period), lastDayOf(period)), daysInMonth(period));
}

/** The charges in force over [from, to] (inclusive), with their days, in order. */
export function chargeSegments(service: ServiceFacts, from: LocalDate, to: LocalDate): ChargeSegment[] {
  if (to < from) return [];
  const periods = service.chargePeriods ?? [];
  if (periods.length === 0) return [{ from, to, days: daysBetween(from, to) + 1, monthlyCharge: service.monthlyCharge }];
  const segments: ChargeSegment[] = [];
  periods.forEach((period, index) => {
    const next = periods[index + 1];
    const start = period.from === null || period.from < from ? from : period.from;
    const end = next?.from && addDays(next.from, -1) < to ? addDays(next.from, -1) : to;
    if (end < start) return;
    segments.push({ from: start, to: end, days: daysBetween(start, end) + 1, monthlyCharge: period.monthlyCharge });
  });
  // days before the first recorded period: the first period's charge
  if (segments.length && segments[0]!.from > from) {
    const first = segments[0]!;
    segments[0] = { ...first, from, days: daysBetween(from, first.to) + 1 };
  }
  return segments;
}

/** One month's part of a span, [from, to] inside one calendar month. */
function priceMonth(service: ServiceFacts, from: LocalDate, to: LocalDate): MonthPrice {
  const periodDays = daysBetween(from, to) + 1;
  const liveFrom = service.installDate && service.installDate > from ? service.installDate : from;
  // the cease date is the first day without service
  const liveTo = service.ceaseDate && addDays(service.ceaseDate, -1) < to ? addDays(service.ceaseDate, -1) : to;
  const liveDays = liveTo < liveFrom ? 0 : daysBetween(liveFrom, liveTo) + 1;
  const monthDays = daysInMonth(from);
  const charges = chargeSegments(service, liveFrom, liveTo);
  return { period: periodOfDate(from), from, to, amount: proRata(charges, monthDays), liveDays, periodDays, monthDays, charges };
}

/** Σ charge × days ÷ the month's days, to the penny, half up (a whole month at one charge is that charge exactly). */
function proRata(segments: readonly ChargeSegment[], monthDays: number): Pence {
  const total = segments.reduce(
    (sum, segment) => sum.plus(new Decimal(segment.monthlyCharge.toString()).times(segment.days)),
    new Decimal(0),
  );
  return BigInt(total.dividedBy(monthDays).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}
