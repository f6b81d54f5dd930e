import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { ALL_ROLES, NATIONAL_ROLES, Role } from '../../src/auth/roles';
import { NULL_NOT_ALLOWED } from '../../src/graphql/explicit-null';
import { minimalArguments, minimalValue, optionalFields, valueAt, withValueAt, type OptionalField } from '../support/input-paths';
import { setUp, UPDATE_MUTATIONS, type Fixture, type Fixtures } from '../support/explicit-null-fixtures';
import { startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

/**
 * One rule for every optional input field of every mutation (docs/ARCHITECTURE.md, "Optional
 * input fields"), held to the committed schema, which tells clients which fields null clears
 * ("Null means none."). Every mutation and field is found by reading the schema, so a mutation
 * added tomorrow is covered without touching this file:
 * - null on an optional field that is not clearable is BAD_USER_INPUT naming that field, with
 *   reason NULL_NOT_ALLOWED, and nothing is written;
 * - null on a clearable field is never refused as null, and never an internal error;
 * - null on a field with a default takes the default, as if it were left out.
 * A query answers a null argument or filter field as if it were left out (no filter, the first page).
 * With a real record (test/support/explicit-null-fixtures.ts, which every mutation with a
 * clearable field needs), a clearable field given null is stored as none, or refused by a rule
 * of the domain naming that field; and for a record that exists, a field left out keeps its value.
 */
const SDL = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
const schema: GraphQLSchema = buildSchema(SDL);
const MUTATIONS = schema.getMutationType()!.getFields();
const NODE_TYPES = Object.values(schema.getTypeMap())
  .filter((type) => isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Node'))
  .map((type) => type.name);

const optionalFieldsOf = (name: string, values: Record<string, unknown>) => optionalFields(MUTATIONS[name]!, values);
const WITH_OPTIONAL_FIELDS = Object.keys(MUTATIONS)
  .filter((name) => optionalFieldsOf(name, minimalArguments(schema, name, NODE_TYPES)).length > 0)
  .sort();
const QUERIES = schema.getQueryType()!.getFields();

/** For every nullable argument of a query, and every optional field of an input it takes: the arguments with it null, and with it left out. */
function queryNulls(name: string): { path: string; given: Record<string, unknown>; leftOut: Record<string, unknown> }[] {
  const field = QUERIES[name]!;
  const base = Object.fromEntries(
    field.args
      .filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)
      .map((arg) => [arg.name, minimalValue(arg.type, NODE_TYPES)]),
  );
  return field.args.flatMap((arg) => {
    const type = getNamedType(arg.type);
    const own = isNonNullType(arg.type) ? [] : [{ path: arg.name, given: { ...base, [arg.name]: null }, leftOut: base }];
    if (!isInputObjectType(type)) return own;
    const input = minimalValue(type, NODE_TYPES) as Record<string, unknown>;
    const fields = Object.values(type.getFields()).filter((child) => !isNonNullType(child.type));
    return [
      ...own,
      ...fields.map((child) => ({
        path: `${arg.name}.${child.name}`,
        given: { ...base, [arg.name]: { ...input, [child.name]: null } },
        leftOut: { ...base, [arg.name]: input },
      })),
    ];
  });
}
const QUERIES_WITH_NULLABLE = Object.keys(QUERIES)
  .filter((name) => queryNulls(name).length > 0)
  .sort();

const WITH_CLEARABLE_FIELDS = WITH_OPTIONAL_FIELDS.filter((name) =>
  optionalFieldsOf(name, minimalArguments(schema, name, NODE_TYPES)).some((field) => field.clearable),
);

/** The operation calling a mutation (or query) with its arguments as variables, selecting what the fixture reads. */
function operation(name: string, selection: string, kind: 'mutation' | 'query' = 'mutation'): string {
  const field = (kind === 'mutation' ? MUTATIONS : QUERIES)[name]!;
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const named = getNamedType(field.type);
  const selected = isScalarType(named) || isEnumType(named) ? '' : ` { ${selection} }`;
  return `${kind} Null${variables ? `(${variables})` : ''} { ${name}${call ? `(${call})` : ''}${selected} }`;
}

/** Every scalar field of the record the mutation answers (under `within`), and `x { id }` for each clearable `xId`. */
function recordSelection(name: string, fixture: Fixture | undefined, clearable: readonly OptionalField[]): string {
  let type = getNamedType(MUTATIONS[name]!.type) as GraphQLObjectType;
  if (!isObjectType(type)) return '';
  if (fixture?.within) type = getNamedType(type.getFields()[fixture.within]!.type) as GraphQLObjectType;
  const fields = Object.values(type.getFields());
  const scalars = fields
    .filter(
      (field) =>
        field.args.length === 0 && !isObjectType(getNamedType(field.type)) && !getNamedType(field.type).name.endsWith('Connection'),
    )
    .map((field) => field.name);
  const related = clearable
    .map((field) => /^\w+\.(\w+)Id$/.exec(field.path)?.[1])
    .filter((relation): relation is string => relation !== undefined && fields.some((field) => field.name === relation))
    .map((relation) => `${relation} { id }`);
  const inner = [...scalars, ...related, fixture?.select ?? ''].join(' ');
  return fixture?.within ? `${fixture.within} { ${inner} }` : inner;
}

describe('explicit null on every optional input field', () => {
  let server: TestServer;
  let token: string;
  let fixtures: Fixtures;

  beforeAll(async () => {
    // configureFeedEndpoint needs a host it may pull from; nothing listens there
    server = await startTestServer({ env: { FEED_PULL_ALLOWED_HOSTS: '127.0.0.1:9' } });
    // everything a human at RX1 may hold, so that the mutations run past their guards
    token = await server.token('RX1', ...ALL_ROLES.filter((role) => role !== Role.SUPPLIER_FEED && !NATIONAL_ROLES.includes(role)));
    // the supplier catalogue is NHS England's to edit
    fixtures = await setUp(server, token, await server.token('X26', Role.CATALOGUE_ADMIN));
  });

  afterAll(() => server.stop());

  const call = (name: string, selection: string, variables: Record<string, unknown>) =>
    server.gql(operation(name, selection), variables, fixtures[name]?.token ?? token);

  it('finds the mutations and their optional fields in the schema', () => {
    expect(WITH_OPTIONAL_FIELDS.length).toBeGreaterThan(40);
    expect(WITH_CLEARABLE_FIELDS.length).toBeGreaterThan(20);
  });

  it('has a real record to try each clearable field on', () => {
    expect(WITH_CLEARABLE_FIELDS.filter((name) => !fixtures[name])).toEqual([]);
  });

  it.each(WITH_OPTIONAL_FIELDS)(
    '%s: null on a field that is not clearable is BAD_USER_INPUT naming it; on one that is, or has a default, never refused as null',
    async (name) => {
      const fixture = fixtures[name];
      const base = fixture ? await fixture.variables() : minimalArguments(schema, name, NODE_TYPES);
      const problems: string[] = [];
      for (const field of optionalFieldsOf(name, base)) {
        const variables = withValueAt(fixture ? await fixture.variables() : base, field.path, null);
        const response = await call(name, '__typename', variables);
        const error = response.errors?.[0];
        if (error?.extensions?.code === 'INTERNAL_SERVER_ERROR') problems.push(`${field.path}: INTERNAL_SERVER_ERROR`);
        else if ((field.clearable || field.defaulted) && error?.extensions?.reason === NULL_NOT_ALLOWED)
          problems.push(`${field.path}: clearable or defaulted, but null was refused`);
        else if (field.defaulted) continue;
        else if (
          !field.clearable &&
          !(
            error?.extensions?.code === 'BAD_USER_INPUT' &&
            error.extensions.field === field.path &&
            error.extensions.reason === NULL_NOT_ALLOWED
          )
        ) {
          problems.push(`${field.path}: not clearable, answered ${error ? JSON.stringify(error.extensions) : 'with success'}`);
        }
        if (!field.clearable && error?.extensions?.reason === NULL_NOT_ALLOWED) expect(error.message).toContain(field.path);
      }
      expect(problems).toEqual([]);
    },
  );

  it('takes the default for a null where the input has one: createContract with status null makes a DRAFT', async () => {
    const response = await call('createContract', 'status', withValueAt(await fixtures.createContract!.variables(), 'input.status', null));
    expect(response.errors).toBeUndefined();
    expect(response.data.createContract.status).toBe('DRAFT');
  });

  it.each(QUERIES_WITH_NULLABLE)('query %s answers a null argument or filter field as if it were left out', async (name) => {
    const field = QUERIES[name]!;
    const named = getNamedType(field.type);
    const selection = isObjectType(named) && named.getFields().totalCount ? 'totalCount' : '__typename';
    const query = operation(name, selection, 'query');
    const answer = (response: GraphqlResponse) =>
      JSON.stringify({ data: response.data, codes: response.errors?.map((error) => error.extensions?.code) });
    const problems: string[] = [];
    for (const { path, given, leftOut } of queryNulls(name)) {
      const [withNull, without] = [await server.gql(query, given, token), await server.gql(query, leftOut, token)];
      if (answer(withNull) !== answer(without))
        problems.push(`${path}: ${answer(withNull).slice(0, 200)}, left out: ${answer(without).slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  });

  describe.each(WITH_CLEARABLE_FIELDS)('%s, on a real record', (name) => {
    it('stores none for a clearable field given null, or refuses it by a rule naming the field', async () => {
      const fixture = fixtures[name]!;
      const clearable = optionalFieldsOf(name, await fixture.variables()).filter((field) => field.clearable);
      expect(clearable.length).toBeGreaterThan(0);
      const selection = recordSelection(name, fixture, clearable);
      const problems: string[] = [];
      for (const field of clearable) {
        const response = await call(name, selection, withValueAt(await fixture.variables(), field.path, null));
        const refusal = fixture.refused?.[field.path];
        const error = response.errors?.[0];
        if (refusal) {
          const expected = { code: 'BAD_USER_INPUT', field: refusal.field ?? field.path, reason: refusal.reason };
          if (
            !error ||
            JSON.stringify({ code: error.extensions?.code, field: error.extensions?.field, reason: error.extensions?.reason }) !==
              JSON.stringify(expected)
          ) {
            problems.push(
              `${field.path}: expected ${JSON.stringify(expected)}, answered ${error ? JSON.stringify(error.extensions) : 'with success'}`,
            );
          }
          continue;
        }
        if (error) {
          problems.push(`${field.path}: ${error.message} ${JSON.stringify(error.extensions)}`);
          continue;
        }
        const record = fixture.within ? valueAt(response.data[name], fixture.within) : response.data[name];
        const stored = storedValue(fixture, field, record);
        if (stored === 'unreadable')
          problems.push(`${field.path}: the answer has no such field; say in the fixture's reads how to see what was stored`);
        else if (stored !== 'not shown' && stored.value !== (fixture.clearedTo?.[field.path] ?? null))
          problems.push(`${field.path}: null stored ${JSON.stringify(stored.value)}`);
      }
      expect(problems).toEqual([]);
    });
  });

  it('names every fixture that changes a record among the update mutations', () => {
    expect(
      Object.keys(fixtures)
        .filter((name) => fixtures[name]!.update)
        .sort(),
    ).toEqual([...UPDATE_MUTATIONS].sort());
  });

  describe.each(WITH_CLEARABLE_FIELDS.filter((name) => UPDATE_MUTATIONS.includes(name)))('%s, on a record that exists', (name) => {
    it('keeps every value left out, and changes only the field given null', async () => {
      const fixture = fixtures[name]!;
      const base = await fixture.variables();
      const given = (field: OptionalField) => field.path.split('.').length === 2 && valueAt(base, field.path) !== undefined;
      const clearable = optionalFieldsOf(name, base).filter((field) => field.clearable && given(field) && !fixture.refused?.[field.path]);
      expect(clearable.length).toBeGreaterThan(0);
      const selection = recordSelection(name, fixture, clearable);
      const record = async (variables: Record<string, unknown>) => {
        const response: GraphqlResponse = await call(name, selection, variables);
        expect(response.errors).toBeUndefined();
        const value = response.data[name];
        return (fixture.within ? value[fixture.within] : value) as Record<string, unknown>;
      };
      const set = await record(base);
      const again = await record(base);
      // a save that changes nothing leaves updatedAt alone, one that changes a field moves it
      const volatile = ['updatedAt', ...Object.keys(set).filter((key) => JSON.stringify(set[key]) !== JSON.stringify(again[key]))];
      const steady = (value: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(value).filter(([key]) => !volatile.includes(key)));

      const leftOut = clearable.reduce((variables, field) => withValueAt(variables, field.path, undefined), base);
      expect(steady(await record(leftOut))).toEqual(steady(set));

      for (const field of clearable) {
        await record(base);
        const cleared = await record(withValueAt(base, field.path, null));
        const key = Object.keys(set).find((candidate) => candidate === lastKey(field.path) || `${candidate}Id` === lastKey(field.path));
        expect(key).toBeDefined();
        expect(steady({ ...cleared, [key!]: 'cleared' })).toEqual(steady({ ...set, [key!]: 'cleared' }));
        expect(cleared[key!]).toBe(fixture.clearedTo?.[field.path] ?? null);
      }
    });
  });
});

const lastKey = (path: string) => path.split('.').at(-1)!;

/** What the record holds for a field given null: its namesake, `x` for `xId`, or what the fixture reads. */
function storedValue(fixture: Fixture, field: OptionalField, record: unknown): { value: unknown } | 'not shown' | 'unreadable' {
  const read = fixture.reads?.[field.path];
  if (read === null) return 'not shown';
  if (read) return { value: read(record) };
  if (field.path.split('.').length !== 2) return 'unreadable';
  const values = record as Record<string, unknown>;
  const key = lastKey(field.path);
  if (key in values) return { value: values[key] };
  const relation = key.replace(/Id$/, '');
  return relation in values ? { value: values[relation] } : 'unreadable';
}
