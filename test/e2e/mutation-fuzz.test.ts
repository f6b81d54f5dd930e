import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { ALL_ROLES, NATIONAL_ROLES, Role } from '../../src/auth/roles';
import { ErrorCode } from '../../src/common/errors';
import { penceTransformer } from '../../src/common/money';
import { buildGraphqlSchema } from '../../src/graphql/schema';
import { createServices } from '../../src/services';
import { toGlobalId } from '../../src/common/global-id';
import { Organisation } from '../../src/organisations/organisation.entity';
import { Supplier } from '../../src/suppliers/supplier.entity';
import { mutationCall } from '../support/schema-arbitraries';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Property-based fuzzing of every mutation in the schema, found by reading the schema (so a
 * mutation added tomorrow is fuzzed without touching this file). Inputs are built from the
 * argument types: plausible, hostile (oversized, negative, unicode, null bytes, injection
 * shapes), or one optional field at a time given null or hostile text, with ids of every node
 * type, this tenant's and others'. Each answer must be a success or an error with a stable
 * code — never an internal error, a stack or SQL — and afterwards other tenants' rows are
 * untouched and every money column still holds whole pence.
 *
 * FUZZ_RUNS (default 25 per mutation) and FUZZ_SEED (default fixed; "random" for a new
 * one each run) widen the search; a failure prints the seed and path that reproduce it.
 */
const SDL = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
const committed: GraphQLSchema = buildSchema(SDL);
/**
 * Mutations that end a record's life (delete, close, cease, terminate) run last, so that the
 * others still find live records of the fuzzing tenant to change.
 */
const ENDS_RECORDS = /^(delete|remove|revoke|unassign|unlink|close|release|renew|set(Contract|Service)Status|move)/;
const MUTATIONS = Object.keys(committed.getMutationType()?.getFields() ?? {}).sort(
  (a, b) => Number(ENDS_RECORDS.test(a)) - Number(ENDS_RECORDS.test(b)) || a.localeCompare(b),
);
const NODE_TYPES = Object.values(committed.getTypeMap())
  .filter((type) => isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Node'))
  .map((type) => type.name);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** The national catalogue's mutations: fuzzed as NHS England's operator, since no tenant passes their guard. */
const CATALOGUE_MUTATIONS = new Set(['createSupplier', 'updateSupplier']);
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261125);

/** Codes a client can act on. SERVICE_UNAVAILABLE is not here: the database must survive any input. */
const STABLE_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.SERVICE_UNAVAILABLE),
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_DEEP',
]);

/** What leaked internals look like; no generated input contains these. */
const LEAK = new RegExp(
  /SQLITE_|\bER_[A-Z_]{3,}|QueryFailedError|EntityNotFound|driverError|sqlMessage|sqlState|node_modules/.source +
    '|' +
    /\.ts:\d+|\bat [\w$.<>]+ \(|TypeError|ReferenceError|Cannot read prop/.source,
);

describe('mutation fuzzing', () => {
  let server: TestServer;
  let token: string;
  let catalogueToken: string;
  let untouched: number[];
  let before: string;
  let own: number;

  /** Every row of every table that belongs to an organisation the fuzzing user cannot see. */
  async function otherTenantsRows(): Promise<string> {
    const dataSource = server.db.dataSource;
    const tables: Record<string, unknown[]> = {};
    for (const metadata of dataSource.entityMetadatas) {
      const column = metadata.columns.find((candidate) => candidate.propertyName === 'organisationId');
      if (!column) continue;
      const order = metadata.primaryColumns.map((primary) => primary.databaseName).join(', ');
      tables[metadata.tableName] = await dataSource
        .createQueryBuilder()
        .select('*')
        .from(metadata.tableName, 't')
        .where(`t.${column.databaseName} IN (:...ids)`, { ids: untouched })
        // a catalogue change is written to the trail of every organisation dealing with the supplier, by design
        .andWhere(metadata.tableName === 'audit_entry' ? "t.entityType <> 'Supplier'" : '1 = 1')
        .orderBy(order)
        .getRawMany();
    }
    return JSON.stringify(tables, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { FEED_PULL_ALLOWED_HOSTS: '127.0.0.1:9', FEED_PULL_TIMEOUT_MS: '1000' } });
    // everything a human at RX1 may hold, so that the mutations run past their guards
    const roles = ALL_ROLES.filter((role) => role !== Role.SUPPLIER_FEED && !NATIONAL_ROLES.includes(role));
    token = await server.token('RX1', ...roles);
    catalogueToken = await server.token('X26', Role.CATALOGUE_ADMIN);
    const organisations = await server.db.dataSource.getRepository(Organisation).find();
    untouched = organisations
      .filter((organisation) => ['RX2', 'Y0A01'].includes(organisation.odsCode))
      .map((organisation) => organisation.id);
    expect(untouched).toHaveLength(2);
    before = await otherTenantsRows();
    own = organisations.find((organisation) => organisation.odsCode === 'RX1')!.id;
  });

  /** The ids of the fuzzing tenant's rows as they are now (and the shared catalogue's), so that inputs reach past "not found". */
  async function knownIds(): Promise<Record<string, number[]>> {
    const known: Record<string, number[]> = {};
    for (const metadata of server.db.dataSource.entityMetadatas) {
      const typename = (metadata.target as { typename?: unknown }).typename;
      if (typeof typename !== 'string' || !NODE_TYPES.includes(typename)) continue;
      const query = server.db.dataSource
        .getRepository(metadata.target)
        .createQueryBuilder('t')
        .select('t.id', 'id')
        .orderBy('t.id')
        .limit(200);
      if (metadata.columns.some((column) => column.propertyName === 'organisationId')) query.where('t.organisationId = :own', { own });
      known[typename] = (await query.getRawMany<{ id: number }>()).map((row) => Number(row.id));
    }
    return known;
  }

  /** how each mutation answered, printed with FUZZ_VERBOSE=1 to see how deep the inputs reach */
  const outcomes: Record<string, Record<string, number>> = {};

  afterAll(async () => {
    if (process.env.FUZZ_VERBOSE) process.stderr.write(`${JSON.stringify(outcomes, null, 1)}\n`);
    await server.stop();
  });

  it('finds the mutations in the schema the server runs', async () => {
    const live = await buildGraphqlSchema(createServices(server.db.config));
    expect(Object.keys(live.getMutationType()!.getFields()).sort()).toEqual([...MUTATIONS].sort());
    expect(MUTATIONS.length).toBeGreaterThan(10);
  });

  it.each(MUTATIONS)('%s answers hostile input with a stable code, never an internal error', async (name) => {
    const { query, variables } = mutationCall(committed, name, NODE_TYPES, await knownIds());
    await fc.assert(
      fc.asyncProperty(variables, async (vars) => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${CATALOGUE_MUTATIONS.has(name) ? catalogueToken : token}`,
          },
          body: JSON.stringify({ query, variables: vars }),
        });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        const body = JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
        for (const error of body.errors ?? []) {
          expect(STABLE_CODES).toContain(error.extensions?.code);
          expect(error.extensions).not.toHaveProperty('stacktrace');
          expect(error.extensions).not.toHaveProperty('exception');
        }
        expect(text).not.toMatch(LEAK);
        if (!body.errors) expect(body.data).toBeTruthy();
        const outcome = body.errors ? `${String(body.errors[0]!.extensions?.code)}${response.status === 400 ? ' (request)' : ''}` : 'ok';
        (outcomes[name] ??= {})[outcome] = (outcomes[name]![outcome] ?? 0) + 1;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  describe('bugs it found', () => {
    it('a null for a non-null variable is BAD_USER_INPUT (400), not an internal error', async () => {
      const response = await server.gql(
        'mutation ($input: AssignContactInput!) { assignContact(input: $input) { id } }',
        { input: null },
        token,
      );
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/\$input/);
    });

    it('text that is not well-formed Unicode in a validated field is BAD_USER_INPUT, not an internal error', async () => {
      const organisation = (await server.gql('{ me { organisation { id } } }', {}, token)).data.me.organisation.id;
      const response = await server.gql(
        'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }',
        { input: { organisationId: organisation, name: 'Lone Surrogate', email: 'a\ud800@example.nhs.uk' } },
        token,
      );
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input', reason: 'MALFORMED_VALUE' });
      expect(response.errors?.[0]?.message).toBe('Invalid input: text must be well-formed Unicode');
    });

    it('a document whose header line is longer than a TEXT column fails its run with a shortened reason, not an internal error (MySQL)', async () => {
      const supplier = await server.db.dataSource.getRepository(Supplier).findOneByOrFail({ cnspId: 'PDN00001' });
      const response = await server.gql(
        'mutation ($input: IngestFeedInput!) { ingestFeed(input: $input) { status failureReason } }',
        { input: { supplierId: toGlobalId('Supplier', supplier.id), kind: 'INCIDENT', format: 'CSV', document: 'y'.repeat(70_000) } },
        token,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.ingestFeed.status).toBe('FAILED');
      expect(response.data.ingestFeed.failureReason).toMatch(/^missing column\(s\) ticket_reference/);
      expect(response.data.ingestFeed.failureReason.length).toBeLessThanOrEqual(2_000);
    });
  });

  it("leaves other tenants' rows exactly as they were", async () => {
    expect(await otherTenantsRows()).toBe(before);
  });

  it('leaves every money column holding whole pence within range', async () => {
    const dataSource = server.db.dataSource;
    for (const metadata of dataSource.entityMetadatas) {
      const moneyColumns = metadata.columns.filter((column) => column.transformer === penceTransformer);
      for (const column of moneyColumns) {
        const rows: { value: unknown }[] = await dataSource
          .createQueryBuilder()
          .select(`t.${column.databaseName}`, 'value')
          .from(metadata.tableName, 't')
          .getRawMany();
        for (const { value } of rows) {
          if (value === null) continue;
          const text = String(value);
          expect({ column: `${metadata.tableName}.${column.databaseName}`, text }).toEqual({
            column: `${metadata.tableName}.${column.databaseName}`,
            text: expect.stringMatching(/^-?\d{1,15}$/),
          });
        }
      }
    }
  });

  it('leaves the database internally consistent', async () => {
    if (server.db.config.database.dialect !== 'sqlite') return;
    expect(await server.db.dataSource.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await server.db.dataSource.query('PRAGMA foreign_key_check')).toEqual([]);
  });
});
