import Decimal from 'decimal.js';

/**
 * Exact percentages of whole numbers, kept as integers of a fixed number of decimal places
 * ("units": 99.190 % at three places is 99190). Availability and coverage are worked out
 * for every service of every report, and decimal.js for each was a measurable share of a
 * dashboard; integer arithmetic gives the same digits.
 */

/** numerator ÷ denominator × 100, rounded down to `places` decimal places, in units (non-negative whole numbers, denominator > 0). */
export function percentUnitsDown(numerator: number, denominator: number, places: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`percentUnitsDown: ${numerator} ÷ ${denominator} is not a ratio of whole numbers`);
  }
  const scaled = numerator * 100 * 10 ** places;
  if (!Number.isSafeInteger(scaled + denominator)) {
    const units = (BigInt(numerator) * 100n * 10n ** BigInt(places)) / BigInt(denominator);
    if (units > BigInt(Number.MAX_SAFE_INTEGER))
      throw new RangeError(`percentUnitsDown: ${numerator} ÷ ${denominator} is too large a percentage`);
    return Number(units);
  }
  // floating division is within one of the answer; correct it exactly
  let units = Math.floor(scaled / denominator);
  if (units * denominator > scaled) units -= 1;
  else if ((units + 1) * denominator <= scaled) units += 1;
  return units;
}

/** Units as the decimal text they stand for: 99190 at three places is "99.190". */
export function formatUnits(units: number, places: number): string {
  if (places === 0) return String(units);
  const scale = 10 ** places;
  return `${Math.floor(units / scale)}.${String(units % scale).padStart(places, '0')}`;
}

/** The least number of units at `places` that is at least `value` (a decimal): a figure in units meets `value` when it reaches this. */
export function unitsAtLeast(value: Decimal.Value, places: number): number {
  return new Decimal(value).times(new Decimal(10).pow(places)).ceil().toNumber();
}
