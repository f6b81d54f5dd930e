import { badInput } from './errors';
import { ErrorReason } from './error-reasons';

/** Trims a required text input and refuses it when nothing is left. */
export function requiredText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badInput(field, `${field}: must not be blank`, ErrorReason.BLANK);
  return trimmed;
}

/** Trims optional text; blank becomes null (cleared), undefined stays undefined (unchanged). */
export function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
}

/**
 * What no identifier (an invoice number, a reference, a ticket id, a code) may hold: control
 * characters (NUL, BEL, tab, line breaks, DEL, C1), invisible format characters (zero-width,
 * bidi overrides, the BOM, soft hyphen), line and paragraph separators, and lone surrogates.
 * Such a character makes two identifiers that read the same differ, ends a C string early,
 * and breaks the lines of a log, a CSV or an e-mail the identifier is written into.
 */
const NOT_IN_IDENTIFIER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** Why `text` cannot be an identifier (the first character it must not hold, and where), or null. */
export function identifierProblem(text: string): string | null {
  const match = NOT_IN_IDENTIFIER.exec(text);
  if (!match) return null;
  const codePoint = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return (
    `holds ${codePoint} at character ${[...text.slice(0, match.index)].length + 1}; an identifier may not hold control, invisible or ` +
    `line-break characters`
  );
}

/** Trims a required identifier, and refuses it blank, too long, or holding what identifierProblem names. */
export function requiredIdentifier(value: string, field: string, maxLength: number): string {
  const text = requiredText(value, field);
  const problem = identifierProblem(text);
  if (problem) throw badInput(field, `${field}: ${problem}`, ErrorReason.CONTROL_CHARACTER);
  if (text.length > maxLength) throw badInput(field, `${field}: at most ${maxLength} characters`, ErrorReason.TOO_LONG);
  return text;
}

/** As requiredIdentifier; blank becomes null (cleared), undefined stays undefined (unchanged). */
export function optionalIdentifier(value: string | null | undefined, field: string, maxLength: number): string | null | undefined {
  const text = optionalText(value);
  return text === undefined || text === null ? text : requiredIdentifier(text, field, maxLength);
}

export const ODS_CODE = /^[A-Z0-9]{3,10}$/;
export const CNSP_ID = /^[A-Z0-9]{8}$/;
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** Normalises a UK postcode to upper case with one space ("ls14ap" → "LS1 4AP"), or refuses it. */
export function normalisePostcode(value: string, field: string): string {
  const match = POSTCODE.exec(value.trim().toUpperCase().replace(/\s+/g, ' '));
  if (!match) throw badInput(field, `${field}: "${value}" is not a UK postcode`, ErrorReason.INVALID_POSTCODE);
  return `${match[1]} ${match[2]}`;
}

/**
 * The first `length` characters of `text`, counted as MySQL counts a VARCHAR's (code points),
 * so a cut never splits a surrogate pair into a lone half.
 */
export function cutToLength(text: string, length: number): string {
  if (text.length <= length) return text;
  const points = [...text];
  return points.length <= length ? text : points.slice(0, length).join('');
}
