import { stringify } from 'csv-stringify/sync';

/**
 * Characters a spreadsheet does not show and may drop before it decides whether a cell is a
 * formula: zero-width space, non-joiner and joiner, word joiner, and the byte-order mark.
 */
const INVISIBLE = /^[\u200B-\u200D\u2060\uFEFF]*/;
/** the same, and any whitespace (tab, line breaks and no-break spaces included) */
const BLANK_OR_INVISIBLE = /^[\s\u200B-\u200D\u2060\uFEFF]*/;
/** = + - @ and ; (a formula separator some locales accept first) */
const LEADS = '=+-@;';

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Text that a spreadsheet would run as a formula (names and numbers that suppliers send can
 * start with anything) is prefixed with an apostrophe, which makes the cell text, as OWASP
 * advises for CSV exports. Other text is left as it is. (csv-stringify's escape_formulas
 * misses ; and leads behind spaces or zero-width characters.)
 */
export function neutraliseFormula(text: string): string {
  return startsFormula(text) ? `'${text}` : text;
}

/**
 * A tab, carriage return or line feed first (after invisible characters), or a lead after
 * blanks and invisibles: = + - @ ; or any compatibility form of one, such as the fullwidth
 * ＝ ＋ － ＠ ； and the small ﹦ ﹢ ﹣ ﹫, which spreadsheets in East Asian locales take as the lead.
 */
function startsFormula(text: string): boolean {
  if (/^[\t\r\n]/.test(text.slice(INVISIBLE.exec(text)![0].length))) return true;
  const first = String.fromCodePoint(text.slice(BLANK_OR_INVISIBLE.exec(text)![0].length).codePointAt(0) ?? 32);
  return LEADS.includes(first.normalize('NFKC').charAt(0));
}

/** A column of an export: text, neutralised; or a number (an amount), written as the number it is. */
export type CsvColumn<T> = { readonly header: string } & ({ readonly text: (row: T) => string } | { readonly number: (row: T) => string });

/**
 * Every CSV this server hands out: a header row, then a row per item, CRLF line ends. Text
 * cells go through neutraliseFormula; number cells stay numbers, so a spreadsheet still adds
 * up a credit of -12.34, and must be plain decimals (a number column is never a way in for text).
 */
export function spreadsheetCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const cell = (column: CsvColumn<T>, row: T): string => {
    if ('text' in column) return neutraliseFormula(column.text(row));
    const value = column.number(row);
    if (!NUMBER.test(value)) throw new Error(`CSV column ${column.header}: "${value}" is not a number`);
    return value;
  };
  return stringify(
    [columns.map((column) => neutraliseFormula(column.header)), ...rows.map((row) => columns.map((column) => cell(column, row)))],
    {
      record_delimiter: '\r\n',
    },
  );
}
