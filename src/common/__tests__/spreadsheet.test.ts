import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { formatMoney } from '../money';
import { neutraliseFormula, spreadsheetCsv, type CsvColumn } from '../spreadsheet';

/** Every lead a spreadsheet may take as the start of a formula. */
const LEADS = [
  '=',
  '+',
  '-',
  '@',
  ';',
  '\t',
  '\r',
  '\n',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  '\uFF1B',
  '\uFE66',
  '\uFE62',
  '\uFE63',
  '\uFE6B',
];
/** What may stand before a lead without a spreadsheet showing it: zero-width characters and the BOM, and blanks. */
const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const BLANKS = [' ', '\u00A0', '\u3000'];

const lead = fc.constantFrom(...LEADS);
const invisibles = fc.array(fc.constantFrom(...INVISIBLES), { maxLength: 4 }).map((chars) => chars.join(''));
const hidden = fc.array(fc.constantFrom(...INVISIBLES, ...BLANKS), { maxLength: 4 }).map((chars) => chars.join(''));
const anyText = fc.string({ unit: 'grapheme', maxLength: 40 });

describe('neutraliseFormula', () => {
  it('makes text of every cell that starts with a lead, even behind invisible characters', () => {
    fc.assert(
      fc.property(invisibles, lead, anyText, (before, first, rest) => {
        const text = `${before}${first}${rest}`;
        return neutraliseFormula(text) === `'${text}`;
      }),
    );
  });

  it('sees = + - @ ; and their fullwidth and small forms behind blanks too', () => {
    fc.assert(
      fc.property(
        hidden,
        fc.constantFrom('=', '+', '-', '@', ';', '＝', '＋', '－', '＠', '；', '﹦', '﹢', '﹣', '﹫'),
        anyText,
        (before, first, rest) => {
          const text = `${before}${first}${rest}`;
          return neutraliseFormula(text) === `'${text}`;
        },
      ),
    );
  });

  it('only ever adds one apostrophe in front, and leaves the text itself alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const out = neutraliseFormula(text);
        return out === text || out === `'${text}`;
      }),
    );
  });

  it('leaves text that starts with a letter, digit or bracket as it is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...'abcXYZ019(£"\''.split('')),
        anyText,
        (first, rest) => neutraliseFormula(`${first}${rest}`) === `${first}${rest}`,
      ),
    );
    expect(neutraliseFormula('PDN-INV-1')).toBe('PDN-INV-1');
    expect(neutraliseFormula('')).toBe('');
    expect(neutraliseFormula('Pennine Digital Networks Ltd')).toBe('Pennine Digital Networks Ltd');
  });
});

describe('spreadsheetCsv', () => {
  interface Row {
    name: string;
    amount: bigint;
  }
  const columns: CsvColumn<Row>[] = [
    { header: 'name', text: (r) => r.name },
    { header: 'amount', number: (r) => formatMoney(r.amount) },
  ];

  it('reads back, cell for cell, as the neutralised text and the exact amount, credits as negative numbers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ name: fc.string({ unit: 'grapheme', maxLength: 30 }), amount: fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }) }),
          { maxLength: 10 },
        ),
        (rows) => {
          const records: Record<string, string>[] = parse(spreadsheetCsv(columns, rows), {
            columns: true,
            record_delimiter: '\r\n',
            relax_column_count: false,
          });
          expect(records).toHaveLength(rows.length);
          records.forEach((record, i) => {
            expect(record.name).toBe(neutraliseFormula(rows[i]!.name));
            expect(record.amount).toMatch(/^-?\d+\.\d{2}$/);
            expect(new Decimal(record.amount).times(100).toFixed(0)).toBe(rows[i]!.amount.toString());
          });
        },
      ),
    );
  });

  it('refuses to write text into a number column', () => {
    const bad: CsvColumn<Row>[] = [{ header: 'amount', number: (r) => r.name }];
    expect(() => spreadsheetCsv(bad, [{ name: '=1+1', amount: 0n }])).toThrow(/amount: "=1\+1" is not a number/);
  });
});
