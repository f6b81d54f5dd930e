import { badInput } from './errors';

/** Trims a required text input and refuses it when nothing is left. */
export function requiredText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badInput(field, `${field}: must not be blank`, 'BLANK');
  return trimmed;
}

/** Trims optional text; blank becomes null (cleared), undefined stays undefined (unchanged). */
export function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
}

export const ODS_CODE = /^[A-Z0-9]{3,10}$/;
export const CNSP_ID = /^[A-Z0-9]{8}$/;
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** Normalises a UK postcode to upper case with one space ("ls14ap" → "LS1 4AP"), or refuses it. */
export function normalisePostcode(value: string, field: string): string {
  const match = POSTCODE.exec(value.trim().toUpperCase().replace(/\s+/g, ' '));
  if (!match) throw badInput(field, `${field}: "${value}" is not a UK postcode`, 'INVALID_POSTCODE');
  return `${match[1]} ${match[2]}`;
}
