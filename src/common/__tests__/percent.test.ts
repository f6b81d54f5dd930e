import Decimal from 'decimal.js';
import fc from 'fast-check';
import { formatUnits, percentUnitsDown, unitsAtLeast } from '../percent';

const byDecimal = (numerator: number, denominator: number, places: number) =>
  new Decimal(numerator).times(100).dividedBy(denominator).toDecimalPlaces(places, Decimal.ROUND_DOWN).toFixed(places);

describe('exact percentages in units', () => {
  it('gives the digits decimal.js gives, rounding down, for any whole numbers', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 4 }),
        (share, denominator, places) => {
          const numerator = share % (10 * denominator + 1); // up to ten times the whole, as overlapping data can report
          expect(formatUnits(percentUnitsDown(numerator, denominator, places), places)).toBe(byDecimal(numerator, denominator, places));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('is exact where floating division is not: whole results and results just below one', () => {
    // 2,678,399 of 2,678,400 seconds: 99.99996… %, not 100
    expect(formatUnits(percentUnitsDown(2_678_399, 2_678_400, 3), 3)).toBe('99.999');
    expect(formatUnits(percentUnitsDown(2_678_400, 2_678_400, 3), 3)).toBe('100.000');
    expect(formatUnits(percentUnitsDown(1, 3, 1), 1)).toBe('33.3');
    expect(formatUnits(percentUnitsDown(0, 7, 3), 3)).toBe('0.000');
    // past 2^53 when scaled: BigInt takes over
    expect(formatUnits(percentUnitsDown(2 ** 50, 2 ** 50 + 1, 3), 3)).toBe(byDecimal(2 ** 50, 2 ** 50 + 1, 3));
  });

  it('refuses what is not a ratio of whole numbers', () => {
    expect(() => percentUnitsDown(1.5, 3, 1)).toThrow(RangeError);
    expect(() => percentUnitsDown(1, 0, 1)).toThrow(RangeError);
    expect(() => percentUnitsDown(-1, 3, 1)).toThrow(RangeError);
    expect(() => percentUnitsDown(2 ** 52, 1, 4)).toThrow('too large');
  });

  it('finds the least units meeting a target', () => {
    expect(unitsAtLeast('99.5', 3)).toBe(99_500);
    expect(unitsAtLeast('99.9995', 3)).toBe(100_000);
    expect(unitsAtLeast('95', 1)).toBe(950);
    expect(unitsAtLeast('95.01', 1)).toBe(951);
  });
});
