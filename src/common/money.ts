import Decimal from 'decimal.js';
import type { ValueTransformer } from 'typeorm';

/**
 * Money is held as integer pence in a `bigint`, stored in BIGINT columns, and shown to
 * clients as a decimal string with two places ("1234.50"). Nothing passes through a float.
 */
export type Pence = bigint;

const MONEY_PATTERN = /^-?\d{1,13}(\.\d{1,2})?$/;

export class MoneyFormatError extends Error {}

/** Parses "1234.5", "1234.50" or an integer; refuses more than two decimal places. */
export function parseMoney(input: string | number): Pence {
  const text = typeof input === 'number' ? numberToPlainString(input) : input.trim();
  if (!MONEY_PATTERN.test(text)) {
    throw new MoneyFormatError(`"${String(input)}" is not an amount of money in pounds with at most two decimal places`);
  }
  return BigInt(new Decimal(text).times(100).toFixed(0));
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyFormatError(`${value} is not an amount of money`);
  // Only integers are accepted as JSON numbers: a float such as 0.1 + 0.2 is not money.
  if (!Number.isInteger(value)) {
    throw new MoneyFormatError(`${value} must be sent as a decimal string such as "${value.toFixed(2)}"`);
  }
  return String(value);
}

export function formatMoney(pence: Pence): string {
  const negative = pence < 0n;
  const abs = negative ? -pence : pence;
  const pounds = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${pounds}.${rest}`;
}

/** Column transformer: BIGINT (string from mysql2, number from SQLite) ⇄ bigint. */
export const penceTransformer: ValueTransformer = {
  to: (value: Pence | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | number | bigint | null) => (value === null || value === undefined ? null : BigInt(value)),
};
