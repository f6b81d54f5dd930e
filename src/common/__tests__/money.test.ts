import Decimal from 'decimal.js';
import fc from 'fast-check';
import { formatMoney, MoneyFormatError, parseMoney, penceTransformer } from '../money';

/** Largest amount parseMoney accepts: 13 integer digits and 2 decimal places, in pence. */
const MAX_PARSEABLE_PENCE = 10n ** 15n - 1n;

describe('parseMoney', () => {
  describe('accepts amounts in pounds with at most two decimal places', () => {
    it.each([
      ['1234.5', 123450n],
      ['1234.50', 123450n],
      ['1234', 123400n],
      ['0.01', 1n],
      ['0.1', 10n],
      ['-12.34', -1234n],
      ['-0.05', -5n],
      ['0', 0n],
      ['9999999999999.99', MAX_PARSEABLE_PENCE],
      ['-9999999999999.99', -MAX_PARSEABLE_PENCE],
    ])('parses "%s" as %p pence', (input, pence) => {
      expect(parseMoney(input)).toBe(pence);
    });

    it('ignores surrounding whitespace in a string', () => {
      expect(parseMoney('  42.10 ')).toBe(4210n);
    });

    it.each([
      [0, 0n],
      [7, 700n],
      [-250, -25000n],
      [1_000_000, 100_000_000n],
    ])('accepts the integer JS number %p as %p pence', (input, pence) => {
      expect(parseMoney(input)).toBe(pence);
    });
  });

  describe('refuses anything that is not exact money', () => {
    it.each(['1.234', '0.001', '-12.345', '1.2300'])('refuses three or more decimal places: "%s"', (input) => {
      expect(() => parseMoney(input)).toThrow(MoneyFormatError);
    });

    it('refuses a fractional JS number such as 0.1 + 0.2, suggesting a decimal string', () => {
      expect(() => parseMoney(0.1 + 0.2)).toThrow(MoneyFormatError);
      expect(() => parseMoney(0.1 + 0.2)).toThrow(/decimal string/);
    });

    it('refuses even a "tidy" fractional JS number such as 12.5', () => {
      expect(() => parseMoney(12.5)).toThrow(MoneyFormatError);
    });

    it.each([NaN, Infinity, -Infinity])('refuses %p', (input) => {
      expect(() => parseMoney(input)).toThrow(MoneyFormatError);
    });

    it.each(['', '   ', 'abc', '£12.50', '12,50', '1,234.50', '1e3', '12.', '.5', '+5', '--5', '0x10', '12.5.0', 'NaN', 'Infinity'])(
      'refuses the string "%s"',
      (input) => {
        expect(() => parseMoney(input)).toThrow(MoneyFormatError);
      },
    );

    it('refuses more than 13 integer digits, as a string or as a number', () => {
      expect(() => parseMoney('10000000000000')).toThrow(MoneyFormatError);
      expect(() => parseMoney('-10000000000000.00')).toThrow(MoneyFormatError);
      expect(() => parseMoney(10_000_000_000_000)).toThrow(MoneyFormatError);
      expect(() => parseMoney(1e21)).toThrow(MoneyFormatError);
    });

    it('quotes the rejected input in the error message', () => {
      expect(() => parseMoney('12.345')).toThrow('"12.345"');
    });
  });
});

describe('formatMoney', () => {
  it.each([
    [123450n, '1234.50'],
    [1n, '0.01'],
    [5n, '0.05'],
    [99n, '0.99'],
    [100n, '1.00'],
    [0n, '0.00'],
    [-5n, '-0.05'],
    [-99n, '-0.99'],
    [-1234n, '-12.34'],
    [-100n, '-1.00'],
    [MAX_PARSEABLE_PENCE, '9999999999999.99'],
  ])('formats %p pence as "%s"', (pence, text) => {
    expect(formatMoney(pence)).toBe(text);
  });

  it('formats amounts beyond the safe-integer range exactly', () => {
    expect(formatMoney(9_007_199_254_740_993n)).toBe('90071992547409.93');
  });
});

describe('penceTransformer', () => {
  it('reads a BIGINT returned as a string (mysql2) as bigint, without precision loss', () => {
    expect(penceTransformer.from('123450')).toBe(123450n);
    expect(penceTransformer.from('-5')).toBe(-5n);
    expect(penceTransformer.from('9007199254740993')).toBe(9_007_199_254_740_993n);
  });

  it('reads a BIGINT returned as a number (SQLite) as bigint', () => {
    expect(penceTransformer.from(123450)).toBe(123450n);
    expect(penceTransformer.from(0)).toBe(0n);
  });

  it('reads NULL as null', () => {
    expect(penceTransformer.from(null)).toBeNull();
  });

  it('writes a bigint as its decimal string, and passes null and undefined through', () => {
    expect(penceTransformer.to(9_007_199_254_740_993n)).toBe('9007199254740993');
    expect(penceTransformer.to(-5n)).toBe('-5');
    expect(penceTransformer.to(null)).toBeNull();
    expect(penceTransformer.to(undefined)).toBeUndefined();
  });

  it('round-trips a value through the column', () => {
    expect(penceTransformer.from(penceTransformer.to(-123456789012345n))).toBe(-123456789012345n);
  });
});

describe('money properties', () => {
  it('parseMoney(formatMoney(p)) === p for any pence within ±10^15 (exclusive)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_PARSEABLE_PENCE, max: MAX_PARSEABLE_PENCE }), (pence) => {
        expect(parseMoney(formatMoney(pence))).toBe(pence);
      }),
    );
  });

  /** Amount strings as a client might send them: optional sign, 0–2 decimal places. */
  const amountText = fc
    .record({
      negative: fc.boolean(),
      pounds: fc.bigInt({ min: 0n, max: 99_999_999_999n }),
      fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d$/), fc.stringMatching(/^\.\d\d$/)),
    })
    .map(({ negative, pounds, fraction }) => `${negative ? '-' : ''}${pounds}${fraction}`);

  it('summing parsed amounts as bigint equals parsing the exact decimal sum', () => {
    fc.assert(
      fc.property(fc.array(amountText, { maxLength: 100 }), (amounts) => {
        const bigintSum = amounts.reduce((sum, amount) => sum + parseMoney(amount), 0n);
        const decimalSum = amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
        expect(bigintSum).toBe(parseMoney(decimalSum.toFixed()));
      }),
    );
  });
});
