import { addDays, daysBetween, type LocalDate } from '../common/dates';
import type { Pence } from '../common/money';
import { daysInMonth, expectedRental, type ServiceFacts } from '../billing/reconciliation-rules';

/**
 * What a legacy service costs over [from, to] (inclusive): month by month, each month's
 * charge pro rata by the days of it in the range (and the service's own live days), as the
 * supplier bills it and as billing reconciliation expects it, to the penny per month.
 */
export function costOver(service: ServiceFacts, from: LocalDate, to: LocalDate): { amount: Pence; days: number } {
  if (to < from) return { amount: 0n, days: 0 };
  let amount = 0n;
  let days = 0;
  for (let start = from; start <= to; ) {
    const monthEnd = `${start.slice(0, 8)}${String(daysInMonth(start)).padStart(2, '0')}`;
    const end = monthEnd < to ? monthEnd : to;
    const rental = expectedRental(service, start, end);
    amount += rental.amount;
    days += rental.liveDays;
    start = addDays(end, 1);
  }
  return { amount, days };
}

/**
 * Dual running: paying for the legacy service after its replacement went live. From the
 * replacement's live date to `asOf`, or to the day before the legacy service's cease.
 */
export function dualRunning(legacy: ServiceFacts, replacementLiveFrom: LocalDate | null, asOf: LocalDate): { amount: Pence; days: number } {
  if (!replacementLiveFrom || replacementLiveFrom > asOf) return { amount: 0n, days: 0 };
  const lastBilled = legacy.ceaseDate && addDays(legacy.ceaseDate, -1) < asOf ? addDays(legacy.ceaseDate, -1) : asOf;
  return costOver(legacy, replacementLiveFrom, lastBilled);
}

export const calendarDays = (from: LocalDate, to: LocalDate) => (to < from ? 0 : daysBetween(from, to) + 1);
