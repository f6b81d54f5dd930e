import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import { ukDateOf, UK_ZONE } from '../../common/calendar';
import { isLocalDate, type LocalDate } from '../../common/dates';
import { MoneyFormatError, parseMoney, type Pence } from '../../common/money';
import { identifierProblem } from '../../common/text';

/**
 * Tolerant readers for the values suppliers send. Where the meaning is clear they accept
 * what real feeds contain (upper-case enums, "£1,234.50", dates with or without an offset);
 * where it is not they throw a FieldError naming the field and what was wrong.
 */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'FieldError';
  }
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Blank, null and undefined all mean "not given". */
export function isBlank(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function requiredString(value: unknown, field: string, maxLength = 200): string {
  if (isBlank(value)) throw new FieldError(field, 'is required');
  return optionalString(value, field, maxLength)!;
}

export function optionalString(value: unknown, field: string, maxLength = 2000): string | null {
  if (isBlank(value)) return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw new FieldError(field, `expected text, got ${typeof value}`);
  const text = String(value).trim();
  if (text.length > maxLength) throw new FieldError(field, `is longer than ${maxLength} characters`);
  return text;
}

/** A supplier's identifier for something (a ticket, a service, an invoice): text without control, invisible or line-break characters. */
export function requiredIdentifier(value: unknown, field: string, maxLength = 200): string {
  return identifier(requiredString(value, field, maxLength), field);
}

export function optionalIdentifier(value: unknown, field: string, maxLength = 200): string | null {
  const text = optionalString(value, field, maxLength);
  return text === null ? null : identifier(text, field);
}

function identifier(text: string, field: string): string {
  const problem = identifierProblem(text);
  if (problem) throw new FieldError(field, problem);
  return text;
}

/**
 * An instant. With an offset or Z it is taken as written; without one it is UK local time
 * (what a UK supplier's system means), correct across the clock changes. Also accepts
 * "25/11/2026 14:30". A local time that does not exist (the hour skipped in March) is refused.
 */
export function parseInstant(value: unknown, field: string): Date {
  if (isBlank(value)) throw new FieldError(field, 'is required');
  if (typeof value !== 'string') throw new FieldError(field, `expected a date-time string, got ${typeof value}`);
  const text = value.trim();
  // the common case, an ISO instant with its offset, without the cost of a time-zone library
  if (ISO_WITH_OFFSET.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime()) && isLocalDate(text.slice(0, 10))) return instant;
    throw new FieldError(field, `"${clip(text)}" is not a date-time (expected ISO 8601, e.g. 2026-11-25T14:30:00Z)`);
  }
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const parsed = uk
    ? DateTime.fromObject(
        { day: +uk[1], month: +uk[2], year: +uk[3], hour: +uk[4], minute: +uk[5], second: uk[6] ? +uk[6] : 0 },
        { zone: UK_ZONE },
      )
    : DateTime.fromISO(text.replace(' ', 'T'), { zone: UK_ZONE, setZone: true });
  if (!parsed.isValid) throw new FieldError(field, `"${clip(text)}" is not a date-time (expected ISO 8601, e.g. 2026-11-25T14:30:00Z)`);
  const offsetGiven = !uk && /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  if (!offsetGiven && hasDateTime(text) && parsed.setZone(UK_ZONE).toFormat('HH:mm') !== localClock(text, uk)) {
    throw new FieldError(field, `"${clip(text)}" does not exist in UK time (the clocks went forward); send it with an offset`);
  }
  return parsed.toJSDate();
}

export function optionalInstant(value: unknown, field: string): Date | null {
  return isBlank(value) ? null : parseInstant(value, field);
}

const hasDateTime = (text: string) => /\d{1,2}:\d{2}/.test(text);

function localClock(text: string, uk: RegExpExecArray | null): string {
  if (uk) return `${uk[4].padStart(2, '0')}:${uk[5]}`;
  const match = /[T ](\d{2}):(\d{2})/.exec(text);
  return match ? `${match[1]}:${match[2]}` : '00:00';
}

/** A calendar date: "2026-11-25", "25/11/2026", or the UK date of a date-time. */
export function parseLocalDate(value: unknown, field: string): LocalDate {
  if (isBlank(value)) throw new FieldError(field, 'is required');
  if (typeof value !== 'string') throw new FieldError(field, `expected a date string, got ${typeof value}`);
  const text = value.trim();
  if (isLocalDate(text)) return text;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (uk) {
    const iso = `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}`;
    if (isLocalDate(iso)) return iso;
  }
  if (hasDateTime(text)) {
    const instant = parseInstant(text, field);
    return ukDateOf(instant);
  }
  throw new FieldError(field, `"${clip(text)}" is not a date (expected YYYY-MM-DD or DD/MM/YYYY)`);
}

export function optionalLocalDate(value: unknown, field: string): LocalDate | null {
  return isBlank(value) ? null : parseLocalDate(value, field);
}

/** A finite number within bounds; "1,024" and " 12.5 " are read, "12ms" and "-3" (below min) are not. */
export function parseNumber(value: unknown, field: string, bounds: { min?: number; max?: number; integer?: boolean } = {}): number {
  if (isBlank(value)) throw new FieldError(field, 'is required');
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(/,(?=\d{3}\b)/g, '')) : NaN;
  if (!Number.isFinite(number)) throw new FieldError(field, `"${clip(String(value))}" is not a number`);
  if (bounds.integer && !Number.isInteger(number)) throw new FieldError(field, `${number} is not a whole number`);
  if (bounds.min !== undefined && number < bounds.min) throw new FieldError(field, `${number} is below the minimum of ${bounds.min}`);
  if (bounds.max !== undefined && number > bounds.max) throw new FieldError(field, `${number} is above the maximum of ${bounds.max}`);
  return number;
}

export function optionalNumber(
  value: unknown,
  field: string,
  bounds: { min?: number; max?: number; integer?: boolean } = {},
): number | null {
  return isBlank(value) ? null : parseNumber(value, field, bounds);
}

/** An exact decimal as a normalised string ("20.0" → "20"), never through a float. */
export function parseDecimal(value: unknown, field: string, options: { maxPlaces?: number; min?: string } = {}): string {
  if (isBlank(value)) throw new FieldError(field, 'is required');
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/,(?=\d{3}\b)/g, '') : '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new FieldError(field, `"${clip(String(value))}" is not a decimal number`);
  const decimal = new Decimal(text);
  if (options.maxPlaces !== undefined && decimal.decimalPlaces() > options.maxPlaces) {
    throw new FieldError(field, `${text} has more than ${options.maxPlaces} decimal places`);
  }
  if (options.min !== undefined && decimal.lessThan(options.min))
    throw new FieldError(field, `${text} is below the minimum of ${options.min}`);
  return decimal.toFixed();
}

/**
 * Money in pounds: "1234.50", "£1,234.50", "-12.00", or a TMF Money object {unit, value}.
 * Only GBP is accepted; more than two decimal places is refused rather than rounded.
 */
export function parseMoneyValue(value: unknown, field: string): Pence {
  if (isBlank(value)) throw new FieldError(field, 'is required');
  let amount: unknown = value;
  if (typeof value === 'object' && value !== null) {
    const money = value as { unit?: unknown; value?: unknown; currency?: unknown };
    const unit = money.unit ?? money.currency;
    if (!isBlank(unit) && String(unit).toUpperCase() !== 'GBP') throw new FieldError(field, `currency ${String(unit)} is not GBP`);
    amount = money.value;
    if (isBlank(amount)) throw new FieldError(`${field}.value`, 'is required');
  }
  const text =
    typeof amount === 'number'
      ? String(amount)
      : typeof amount === 'string'
        ? amount
            .trim()
            .replace(/^(-?)£/, '$1')
            .replace(/,(?=\d{3}\b)/g, '')
        : '';
  try {
    return parseMoney(text);
  } catch (error) {
    if (error instanceof MoneyFormatError)
      throw new FieldError(field, `"${clip(String(amount))}" is not an amount in pounds with at most two decimal places`);
    throw error;
  }
}

export function optionalMoneyValue(value: unknown, field: string): Pence | null {
  return isBlank(value) ? null : parseMoneyValue(value, field);
}

/**
 * An enumerated value, matched ignoring case, spaces, hyphens and underscores, so that
 * "inProgress", "In Progress" and "IN_PROGRESS" are one value. `aliases` maps further
 * spellings (already squashed) to a value.
 */
export function parseEnum<T extends string>(value: unknown, field: string, values: readonly T[], aliases: Record<string, T> = {}): T {
  if (isBlank(value)) throw new FieldError(field, 'is required');
  const key = squash(String(value));
  const found = values.find((candidate) => squash(candidate) === key) ?? aliases[key];
  if (!found) throw new FieldError(field, `"${clip(String(value))}" is not one of ${values.join(', ')}`);
  return found;
}

export function optionalEnum<T extends string>(
  value: unknown,
  field: string,
  values: readonly T[],
  aliases: Record<string, T> = {},
): T | null {
  return isBlank(value) ? null : parseEnum(value, field, values, aliases);
}

export const squash = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

/** true/false, yes/no, y/n, 1/0. */
export function optionalBoolean(value: unknown, field: string): boolean | null {
  if (isBlank(value)) return null;
  if (typeof value === 'boolean') return value;
  const key = squash(String(value));
  if (['true', 'yes', 'y', '1'].includes(key)) return true;
  if (['false', 'no', 'n', '0'].includes(key)) return false;
  throw new FieldError(field, `"${clip(String(value))}" is not yes or no`);
}

/** A value as quoted in a reason: its first 60 characters. */
export const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
