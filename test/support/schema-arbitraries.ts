import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { toGlobalId } from '../../src/common/global-id';

/**
 * Hostile text: oversized, unicode (combining marks, bidi overrides and isolates, zero-width
 * characters, emoji, lone and reversed surrogates), control and null bytes, and SQL / script /
 * path injection shapes. None contains the markers the fuzz test looks for as leaked internals.
 */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  "'; DROP TABLE contract; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  '1; SELECT * FROM api_key',
  "Robert'); DELETE FROM service WHERE ('1'='1",
  '\\',
  '%',
  '_',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  'Zalgo Z̷̢̛̙a̸̧͚l̵̢̛g̶̡̛o̵̧͝',
  '\u202Egnirts desrever',
  'Leeds\u202E\u2066RX1\u2069',
  '\u200B',
  'RX\u200D1\uFEFF',
  '\u0301',
  'e\u0301\u0000\u0301',
  '🏥🚑💷',
  '\uD800',
  'a\uDC00b',
  '\uDC00\uD800',
  '\r\n\t',
  'x'.repeat(256),
  'y'.repeat(70_000),
  '9'.repeat(40),
  '-1',
  'NaN',
  'Infinity',
  '1e309',
  'null',
  'true',
];

const plainText = fc.oneof(
  fc.constantFrom('Leeds', 'Northshire', 'RX1', 'PDN00001', 'a@b.nhs.uk', 'http://127.0.0.1:9/feed.csv', 'LS1 4AP', 'note'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

export const hostileText = fc.oneof({ arbitrary: plainText, weight: 3 }, { arbitrary: fc.constantFrom(...hostileStrings), weight: 2 });

const hostileInt = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 400 }), weight: 4 },
  { arbitrary: fc.constantFrom(-1, 0, -2_147_483_648, 2_147_483_647), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
);

const hostileFloat = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0.5, 1e308, 99.9, 100));

const validMoney = fc.bigInt({ min: 0n, max: 10_000_000n }).map((pence) => `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`);
const money = fc.oneof(
  { arbitrary: validMoney, weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '-0.01',
      '-1000.00',
      '0',
      '0.001',
      '1e5',
      '9999999999999.99',
      '99999999999999999999.99',
      '1,000.00',
      '£5',
      ' 12.50 ',
    ),
    weight: 2,
  },
  { arbitrary: fc.constantFrom(0.1, 12, -3, 1e21), weight: 1 },
);

const validDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2032-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const localDate = fc.oneof(
  { arbitrary: validDate, weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '2026-02-29',
      '2024-02-29',
      '2026-13-01',
      '0000-00-00',
      '9999-12-31',
      '2026-1-1',
      '01/02/2026',
      '2026-10-10T10:00:00Z',
    ),
    weight: 2,
  },
);

const validInstant = fc
  .date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString());
const instant = fc.oneof(
  { arbitrary: validInstant, weight: 4 },
  {
    arbitrary: fc.constantFrom('2026-10-10T10:00:00', '2026-10-10', '1970-01-01T00:00:00Z', '275760-09-13T00:00:00.000Z', 'yesterday'),
    weight: 2,
  },
);

/**
 * Ids small enough to hit seeded rows of this tenant and of others: of the type the name
 * suggests (`contractId` → Contract) when there is one, else of any Node type; plus junk.
 */
function globalIds(options: ArbitraryOptions, hint: string | undefined, hostile: boolean) {
  const anyType = fc
    .tuple(fc.constantFrom(...options.nodeTypes), fc.integer({ min: 1, max: 60 }))
    .map(([type, id]) => toGlobalId(type, id));
  const numbers = fc.integer({ min: 1, max: 60 });
  const known = hint ? options.knownIds?.[hint] : undefined;
  // ids of rows that exist reach past "not found"; any small number still tries rows of other tenants
  const ofHint = known?.length ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, { arbitrary: numbers, weight: 1 }) : numbers;
  const typed = hint ? ofHint.map((id) => toGlobalId(hint, id)) : anyType;
  const real = fc.oneof({ arbitrary: typed, weight: 6 }, { arbitrary: anyType, weight: 1 });
  if (!hostile) return real;
  const junk = fc.oneof(
    fc.constantFrom(
      '',
      'abc',
      'QQ',
      toGlobalId('Nope', 1),
      Buffer.from('Contract:0').toString('base64url'),
      Buffer.from('Contract:99999999999').toString('base64url'),
      Buffer.from('Contract:-1').toString('base64url'),
    ),
    hostileText,
  );
  return fc.oneof({ arbitrary: real, weight: 4 }, { arbitrary: junk, weight: 1 });
}

export interface ArbitraryOptions {
  readonly nodeTypes: readonly string[];
  /** ids of rows that exist (the fuzzing tenant's and others'), by Node type */
  readonly knownIds?: Readonly<Record<string, readonly number[]>>;
  /** well-formed values only (still with injection-shaped text), or anything at all */
  readonly hostile: boolean;
}

/** The Node type an argument or field name points at: `supplierId` → Supplier, `findingIds` → ReconciliationFinding. */
export function nodeTypeHint(name: string, nodeTypes: readonly string[]): string | undefined {
  const match = /^(\w+?)Ids?$/.exec(name);
  if (!match) return undefined;
  const stem = match[1]!.toLowerCase();
  const exact = nodeTypes.find((type) => type.toLowerCase() === stem);
  if (exact) return exact;
  const service = stem === 'service' ? nodeTypes.find((type) => type === 'Service') : undefined;
  return service ?? nodeTypes.filter((type) => type.toLowerCase().endsWith(stem)).sort((a, b) => a.length - b.length)[0];
}

/** For a bare `id` argument, the Node type the mutation's name mentions (`reconcileInvoice` → Invoice). */
export function nodeTypeOfMutation(mutation: string, nodeTypes: readonly string[]): string | undefined {
  const name = mutation.toLowerCase();
  return nodeTypes.filter((type) => name.includes(type.toLowerCase())).sort((a, b) => b.length - a.length)[0];
}

/**
 * Values for a GraphQL input type, built from the type itself: mostly well-formed so that
 * the code behind validation is reached, often hostile, sometimes the wrong shape.
 */
export function arbitraryFor(type: GraphQLInputType, options: ArbitraryOptions, hint?: string, depth = 0): fc.Arbitrary<unknown> {
  const { hostile } = options;
  if (isNonNullType(type)) {
    const value = valueFor(type.ofType, options, hint, depth);
    return hostile ? fc.oneof({ arbitrary: value, weight: 20 }, { arbitrary: fc.constant(null), weight: 1 }) : value;
  }
  // an optional field is sometimes omitted (fc.record) and sometimes an explicit null, which a
  // client may send and the server must answer as "clear" or BAD_USER_INPUT, never crash on
  return fc.oneof(
    { arbitrary: valueFor(type, options, hint, depth), weight: hostile ? 3 : 8 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

function valueFor(type: GraphQLInputType, options: ArbitraryOptions, hint: string | undefined, depth: number): fc.Arbitrary<unknown> {
  const { hostile } = options;
  if (isListType(type)) {
    const item = arbitraryFor(type.ofType, options, hint, depth + 1);
    if (!hostile) return fc.array(item, { maxLength: 3 });
    return fc.oneof(
      { arbitrary: fc.array(item, { maxLength: 4 }), weight: 8 },
      { arbitrary: fc.array(item, { minLength: 150, maxLength: 200 }), weight: 1 },
    );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    if (!hostile) return fc.constantFrom(...values);
    return fc.oneof(
      { arbitrary: fc.constantFrom(...values), weight: 10 },
      { arbitrary: fc.constantFrom('NOT_A_VALUE', values[0]!.toLowerCase(), ''), weight: 1 },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant(null);
    const fields = Object.values(type.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields)
      record[field.name] = arbitraryFor(field.type, options, fieldHint(field.name, hint, options.nodeTypes), depth + 1);
    const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined).map((field) => field.name);
    if (!hostile) return fc.record(record, { requiredKeys: required });
    return fc.record(record, { requiredKeys: required }).chain((value) =>
      // now and then drop a required field, or add one the type does not have
      fc.constantFrom<'as-is' | 'drop' | 'extra'>('as-is', 'as-is', 'as-is', 'as-is', 'as-is', 'as-is', 'drop', 'extra').map((mutation) => {
        if (mutation === 'drop' && required.length) {
          const { [required[0]!]: _dropped, ...rest } = value;
          return rest;
        }
        if (mutation === 'extra') return { ...value, unexpectedField: 'x' };
        return value;
      }),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return globalIds(options, hint, hostile);
      case 'String':
        return hostile
          ? hostileText
          : fc.oneof(
              { arbitrary: plainText, weight: 4 },
              { arbitrary: fc.constantFrom(...hostileStrings.filter((text) => text.length < 1000)), weight: 1 },
            );
      case 'Int':
        return hostile ? hostileInt : fc.integer({ min: 1, max: 120 });
      case 'Float':
        return hostile ? hostileFloat : fc.double({ min: 0, max: 100, noNaN: true });
      case 'Boolean':
        return hostile
          ? fc.oneof({ arbitrary: fc.boolean(), weight: 10 }, { arbitrary: fc.constantFrom('yes', 0), weight: 1 })
          : fc.boolean();
      case 'Money':
        return hostile ? money : validMoney;
      case 'LocalDate':
        return hostile ? localDate : validDate;
      case 'DateTimeISO':
      case 'DateTime':
        return hostile ? instant : validInstant;
      default:
        return hostile ? fc.oneof(hostileText, hostileInt, fc.boolean()) : plainText;
    }
  }
  return fc.constant(null);
}

/** The Node type a field's id points at; an input's own `id` is of the type the input is about (`updateSite(input: { id })` → Site). */
const fieldHint = (name: string, objectHint: string | undefined, nodeTypes: readonly string[]) =>
  name === 'id' ? objectHint : nodeTypeHint(name, nodeTypes);

/**
 * Well-formed required fields and exactly one optional field, given null or something
 * hostile: with few other fields to fail validation first, each optional field's value
 * reaches the code behind it.
 */
function oneOptionalField(type: GraphQLInputType, options: ArbitraryOptions, hint: string | undefined): fc.Arbitrary<unknown> {
  const inner = isNonNullType(type) ? type.ofType : type;
  const wellFormed = { ...options, hostile: false };
  if (!isInputObjectType(inner)) return arbitraryFor(type, wellFormed, hint);
  const fields = Object.values(inner.getFields());
  const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
  const optional = fields.filter((field) => !isNonNullType(field.type));
  const base = fc.record(
    Object.fromEntries(
      required.map((field) => [field.name, arbitraryFor(field.type, wellFormed, fieldHint(field.name, hint, options.nodeTypes), 1)]),
    ),
  );
  if (optional.length === 0) return base;
  return fc.tuple(base, fc.constantFrom(...optional)).chain(([value, field]) => {
    const given = fc.oneof(
      { arbitrary: fc.constant(null), weight: 2 },
      { arbitrary: valueFor(field.type, { ...options, hostile: true }, fieldHint(field.name, hint, options.nodeTypes), 1), weight: 1 },
    );
    return given.map((fieldValue) => ({ ...(value as Record<string, unknown>), [field.name]: fieldValue }));
  });
}

/** An operation calling one mutation with every argument as a variable, and its variables' arbitrary. */
export function mutationCall(
  schema: GraphQLSchema,
  fieldName: string,
  nodeTypes: readonly string[],
  knownIds?: ArbitraryOptions['knownIds'],
) {
  const field = schema.getMutationType()!.getFields()[fieldName]!;
  const args: readonly GraphQLArgument[] = field.args;
  const variables = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  const query = `mutation Fuzz${variables ? `(${variables})` : ''} { ${fieldName}${call ? `(${call})` : ''}${selection} }`;
  // an argument's ids, and those of an input object it holds, are of the type the mutation is about
  const hintOf = (arg: GraphQLArgument) =>
    arg.name === 'id' || isInputObjectType(getNamedType(arg.type))
      ? nodeTypeOfMutation(fieldName, nodeTypes)
      : nodeTypeHint(arg.name, nodeTypes);
  const variablesIn = (make: (arg: GraphQLArgument) => fc.Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(args.map((arg) => [arg.name, make(arg)])));
  // well-formed (reaching the services), anything at all (testing the edges), and one optional field at a time (null or hostile)
  return {
    query,
    variables: fc.oneof(
      variablesIn((arg) => arbitraryFor(arg.type, { nodeTypes, knownIds, hostile: false }, hintOf(arg))),
      variablesIn((arg) => arbitraryFor(arg.type, { nodeTypes, knownIds, hostile: true }, hintOf(arg))),
      variablesIn((arg) => oneOptionalField(arg.type, { nodeTypes, knownIds, hostile: false }, hintOf(arg))),
    ),
  };
}
