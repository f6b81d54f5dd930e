import { addDays, type LocalDate } from '../common/dates';
import type { Pence } from '../common/money';
import { priceSpan, type ServiceFacts } from '../charging/pricing';

/**
 * Dual running: paying for the legacy service after its replacement went live. From the
 * replacement's live date to `asOf`, or to the day before the legacy service's cease,
 * priced as the supplier bills it and as reconciliation expects it (`priceSpan`: month by
 * month from the charge history). `days` are the legacy service's live days in that range.
 */
export function dualRunning(legacy: ServiceFacts, replacementLiveFrom: LocalDate | null, asOf: LocalDate): { amount: Pence; days: number } {
  if (!replacementLiveFrom || replacementLiveFrom > asOf) return { amount: 0n, days: 0 };
  const lastBilled = legacy.ceaseDate && addDays(legacy.ceaseDate, -1) < asOf ? addDays(legacy.ceaseDate, -1) : asOf;
  const { amount, liveDays } = priceSpan(legacy, replacementLiveFrom, lastBilled);
  return { amount, days: liveDays };
}
