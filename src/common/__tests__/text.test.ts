import { DomainError, ErrorCode } from '../errors';
import { normalisePostcode, optionalText, requiredText } from '../text';

function caught(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

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
