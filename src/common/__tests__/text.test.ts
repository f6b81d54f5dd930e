import { ErrorCode } from '../errors';
import fc from 'fast-check';
import { caught } from './caught';
import {
  cutToLength,
  identifierProblem,
  normalisePostcode,
  optionalIdentifier,
  optionalText,
  requiredIdentifier,
  requiredText,
} from '../text';

describe('normalisePostcode', () => {
  it.each([
    ['ls14ap', 'LS1 4AP'],
    ['LS1 4AP', 'LS1 4AP'],
    ['sw1a 1aa', 'SW1A 1AA'],
    ['SW1A1AA', 'SW1A 1AA'],
    [' M1  1AE ', 'M1 1AE'],
    ['m11ae', 'M1 1AE'],
    ['b338th', 'B33 8TH'],
    ['cr26xh', 'CR2 6XH'],
    ['dn551pt', 'DN55 1PT'],
    ['w1a 0ax', 'W1A 0AX'],
    ['EC1A\t1BB', 'EC1A 1BB'],
  ])('normalises "%s" to "%s"', (input, expected) => {
    expect(normalisePostcode(input, 'input.postcode')).toBe(expected);
  });

  it.each([
    ['12345', 'all digits'],
    ['LS1 4A', 'inward part too short'],
    ['LS1', 'outward part only'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['LS1 4APX', 'inward part too long'],
    ['ABC1 4AP', 'three letters before the district number'],
    ['LS1 AAP', 'inward part must start with a digit'],
    ['LS1-4AP', 'wrong separator'],
    ['LS1 4AP LS1 4AP', 'two postcodes'],
  ])('refuses "%s" (%s) as BAD_USER_INPUT naming the field', (input) => {
    const error = caught(() => normalisePostcode(input, 'input.postcode'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details.field).toBe('input.postcode');
    expect(error.details.reason).toBe('INVALID_POSTCODE');
  });

  it('quotes the rejected value in the message', () => {
    expect(() => normalisePostcode('12345', 'input.postcode')).toThrow('"12345"');
  });
});

describe('requiredText', () => {
  it('returns the text trimmed', () => {
    expect(requiredText('  Leeds Teaching Hospitals \n', 'input.name')).toBe('Leeds Teaching Hospitals');
  });

  it('keeps inner spacing', () => {
    expect(requiredText('a  b', 'input.name')).toBe('a  b');
  });

  it.each([
    ['empty', ''],
    ['spaces-only', '   '],
    ['tab-and-newline', '\t\n'],
  ])('refuses %s text as BAD_USER_INPUT naming the field', (_description, value) => {
    const error = caught(() => requiredText(value, 'input.name'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details.field).toBe('input.name');
    expect(error.details.reason).toBe('BLANK');
    expect(error.message).toContain('input.name');
  });
});

describe('optionalText', () => {
  it('returns the text trimmed', () => {
    expect(optionalText('  Building 3 ')).toBe('Building 3');
  });

  it.each([
    ['empty', ''],
    ['spaces-only', '   '],
    ['tab-and-newline', '\n\t'],
  ])('turns %s text into null (clear the value)', (_description, value) => {
    expect(optionalText(value)).toBeNull();
  });

  it('keeps null as null (clear the value)', () => {
    expect(optionalText(null)).toBeNull();
  });

  it('keeps undefined as undefined (leave the value unchanged)', () => {
    expect(optionalText(undefined)).toBeUndefined();
  });
});

describe('identifiers', () => {
  it.each([
    ['INV\u0000001', 'U+0000 at character 4'],
    ['INV\u0007', 'U+0007 at character 4'],
    ['INV\t001', 'U+0009 at character 4'],
    ['PDN\u200B001', 'U+200B at character 4'],
    ['CCT\u202E001', 'U+202E at character 4'],
    ['\u{1F4A9}X\u2028Y', 'U+2028 at character 3'],
    ['X\uD800', 'U+D800 at character 2'],
    ['X\u0085', 'U+0085 at character 2'],
  ])('refuse %j, naming %s', (value, named) => {
    const error = caught(() => requiredIdentifier(value, 'input.reference', 64));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details).toEqual({ field: 'input.reference', reason: 'CONTROL_CHARACTER' });
    expect(error.message).toContain(`input.reference: holds ${named}`);
  });

  it('accept what real identifiers hold, trimmed', () => {
    expect(requiredIdentifier('  PDN-INV/2026.11 #4 ', 'input.reference', 64)).toBe('PDN-INV/2026.11 #4');
    expect(requiredIdentifier('Siân-Ŵyn_01', 'input.reference', 64)).toBe('Siân-Ŵyn_01');
    expect(optionalIdentifier(undefined, 'input.qosProfile', 64)).toBeUndefined();
    expect(optionalIdentifier('  ', 'input.qosProfile', 64)).toBeNull();
  });

  it('find a character no identifier may hold wherever it is, and nothing in printable text', () => {
    const forbidden = fc.constantFrom(
      '\u0000',
      '\u0001',
      '\u0007',
      '\u001B',
      '\u007F',
      '\u0085',
      '\u009F',
      '\t',
      '\n',
      '\r',
      '\u00AD',
      '\u200B',
      '\u200E',
      '\u202A',
      '\u2066',
      '\u2028',
      '\u2029',
      '\uFEFF',
      '\uDC00',
    );
    const printable = fc.string({ unit: fc.constantFrom(...'ABCxyz019 -_./#£é€ŴĀ中'.split('')), maxLength: 20 });
    fc.assert(
      fc.property(printable, forbidden, printable, (before, bad, after) => {
        const problem = identifierProblem(`${before}${bad}${after}`);
        return (
          problem !== null &&
          problem.includes(`U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${[...before].length + 1}`)
        );
      }),
    );
    fc.assert(fc.property(printable, (text) => identifierProblem(text) === null));
  });

  it('refuse one that is too long', () => {
    expect(caught(() => requiredIdentifier('x'.repeat(65), 'input.reference', 64)).details.reason).toBe('TOO_LONG');
  });
});

describe('cutToLength', () => {
  it('keeps text within the length as it is', () => {
    expect(cutToLength('abc', 3)).toBe('abc');
    expect(cutToLength('😀😀', 2)).toBe('😀😀'); // four UTF-16 units, two characters
  });

  it('cuts by characters, never leaving half of a surrogate pair', () => {
    expect(cutToLength('ab😀cd', 3)).toBe('ab😀');
    const cut = cutToLength('x'.repeat(999) + '😀tail', 1_000);
    expect(cut).toBe('x'.repeat(999) + '😀');
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut); // a lone half would come back as U+FFFD
  });

  it('is never longer than asked, in characters, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 0, max: 20 }), (text, length) => {
        const cut = cutToLength(text, length);
        expect([...cut].length).toBe(Math.min([...text].length, length));
        expect(text.startsWith(cut)).toBe(true);
      }),
    );
  });
});
