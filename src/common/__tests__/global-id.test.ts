import fc from 'fast-check';
import { caught } from './caught';
import { DomainError, ErrorCode } from '../errors';
import { idOf, optionalIdOf, parseGlobalId, toGlobalId } from '../global-id';

const MAX_INT = 2_147_483_647;

/** A global id built the same way toGlobalId does, but from arbitrary text. */
const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('toGlobalId / parseGlobalId', () => {
  it('round-trips a type name and database id', () => {
    expect(parseGlobalId(toGlobalId('Contract', 42))).toEqual({ typename: 'Contract', id: 42 });
    expect(parseGlobalId(toGlobalId('ContractStatusChange', MAX_INT))).toEqual({ typename: 'ContractStatusChange', id: MAX_INT });
  });

  it('round-trips any positive 32-bit id', () => {
    fc.assert(
      fc.property(fc.constantFrom('Contract', 'Supplier', 'Site', 'Organisation'), fc.integer({ min: 1, max: MAX_INT }), (typename, id) => {
        expect(parseGlobalId(toGlobalId(typename, id))).toEqual({ typename, id });
      }),
    );
  });

  it('is opaque: the id does not show the type name or the raw "Type:id" text', () => {
    const id = toGlobalId('Contract', 7);
    expect(id).not.toContain('Contract');
    expect(id).not.toContain(':');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('gives different ids to different types with the same database id', () => {
    expect(toGlobalId('Contract', 1)).not.toBe(toGlobalId('Supplier', 1));
  });

  it('gives different ids to different database ids of the same type', () => {
    expect(toGlobalId('Contract', 1)).not.toBe(toGlobalId('Contract', 2));
  });
});

describe('idOf', () => {
  it('returns the database id behind a global id of the expected type', () => {
    expect(idOf(toGlobalId('Contract', 42), 'Contract')).toBe(42);
    expect(idOf(toGlobalId('Supplier', MAX_INT), 'Supplier', 'input.supplierId')).toBe(MAX_INT);
  });

  it("refuses another type's id as BAD_USER_INPUT naming the field", () => {
    const error = caught(() => idOf(toGlobalId('Supplier', 42), 'Contract', 'input.contractId'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details.field).toBe('input.contractId');
    expect(error.details.reason).toBe('INVALID_ID');
    expect(error.message).toContain('input.contractId');
    expect(error.message).toContain('Contract');
  });

  it('names the field "id" when no field is given', () => {
    const error = caught(() => idOf('garbage!', 'Contract'));
    expect(error.details.field).toBe('id');
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64url', 'Q29udHJhY3Q6MQ=='],
    ['punctuation', 'not an id!'],
    ['base64url that decodes to nonsense', encode('hello world')],
    ['a raw "Type:id" string', 'Contract:1'],
    ['a bare number', '42'],
    ['a type with no id', encode('Contract:')],
    ['an id with no type', encode(':42')],
    ['a non-numeric id', encode('Contract:abc')],
    ['a decimal id', encode('Contract:1.5')],
    ['an id with a leading zero', encode('Contract:042')],
    ['an id with trailing text', encode('Contract:42x')],
    ['an id with surrounding whitespace', encode('Contract: 42')],
  ])('refuses %s', (_description, globalId) => {
    const error = caught(() => idOf(globalId, 'Contract', 'input.contractId'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details.field).toBe('input.contractId');
  });

  it.each([
    ['2^31 (one over the largest INT)', MAX_INT + 1],
    ['a ten-digit id far beyond INT', 9_999_999_999],
    ['an id beyond the safe-integer range', Number.MAX_SAFE_INTEGER + 2],
  ])('refuses %s', (_description, id) => {
    const error = caught(() => idOf(toGlobalId('Contract', id), 'Contract', 'id'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it.each([0, -1, -MAX_INT])('refuses the non-positive id %p', (id) => {
    const error = caught(() => idOf(toGlobalId('Contract', id), 'Contract', 'id'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('refuses a very long string and does not echo it in full', () => {
    const huge = 'A'.repeat(100_000);
    const error = caught(() => idOf(huge, 'Contract', 'input.contractId'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message.length).toBeLessThan(200);
  });

  it('refuses a valid id padded out beyond 100 characters', () => {
    const padded = toGlobalId('Contract', 1) + 'A'.repeat(100);
    expect(() => idOf(padded, 'Contract')).toThrow(DomainError);
  });

  it('never throws anything but a DomainError for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          const id = idOf(text, 'Contract');
          expect(Number.isInteger(id) && id >= 1 && id <= MAX_INT).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
    );
  });
});

describe('optionalIdOf', () => {
  it('returns undefined for null and for undefined', () => {
    expect(optionalIdOf(null, 'Contract', 'filter.contractId')).toBeUndefined();
    expect(optionalIdOf(undefined, 'Contract', 'filter.contractId')).toBeUndefined();
  });

  it('returns the database id for a global id of the expected type', () => {
    expect(optionalIdOf(toGlobalId('Contract', 9), 'Contract', 'filter.contractId')).toBe(9);
  });

  it("still refuses another type's id, naming the field", () => {
    const error = caught(() => optionalIdOf(toGlobalId('Site', 9), 'Contract', 'filter.contractId'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details.field).toBe('filter.contractId');
  });

  it('refuses an empty string rather than treating it as absent', () => {
    expect(() => optionalIdOf('', 'Contract', 'filter.contractId')).toThrow(DomainError);
  });
});

describe('regressions', () => {
  it('refuses other spellings that base64 would decode to the same id', () => {
    const id = toGlobalId('Contract', 123);
    expect(parseGlobalId(`${id}A`)).toBeNull();
    expect(parseGlobalId('Q29udHJhY3Q6MR')).toBeNull();
    expect(parseGlobalId(toGlobalId('Contract', 1))).toEqual({ typename: 'Contract', id: 1 });
  });
});
