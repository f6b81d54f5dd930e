import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isLeafType, isObjectType } from 'graphql';
import { Role } from '../../src/auth/roles';
import { FeedEndpoint } from '../../src/feeds/feed-endpoint.entity';
import { parseGlobalId } from '../../src/common/global-id';
import { createTestDatabase, TEST_JWT_SECRET } from '../support/database';
import { MARKER, startFakeSupplierHost, type FakeSupplierHost } from '../support/fake-supplier-host';
import { supplierId } from '../support/feeds';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const WEBHOOK_KEY = `webhook-key-${'k'.repeat(40)}`;
/** Every field of FeedEndpoint a client can select, read from the committed schema: a field added tomorrow is searched too. */
const ENDPOINT_FIELDS = (() => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
  const type = schema.getType('FeedEndpoint');
  if (!isObjectType(type)) throw new Error('FeedEndpoint is not in the schema');
  return Object.values(type.getFields())
    .map((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return field.name;
      return isObjectType(named)
        ? `${field.name} { ${Object.values(named.getFields())
            .filter((inner) => isLeafType(getNamedType(inner.type)) && inner.args.length === 0)
            .map((inner) => inner.name)
            .join(' ')} }`
        : null;
    })
    .filter(Boolean)
    .join(' ');
})();
const CONFIGURE = `mutation($input: ConfigureFeedEndpointInput!) { configureFeedEndpoint(input: $input) { ${ENDPOINT_FIELDS} } }`;
const PULL = `mutation($id: ID!) { pullFeedNow(id: $id) { ${ENDPOINT_FIELDS} lastRun { status failureReason } } }`;
/** What a stored message must never hold: C0 and C1 controls, bidi controls, zero-width characters, the BOM. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

const reasonOf = (response: GraphqlResponse) => [
  errorCode(response),
  response.errors?.[0]?.extensions?.field,
  response.errors?.[0]?.extensions?.reason,
];

/**
 * Scheduled pulls, played by an organisation's ADMIN who wants the server's secrets and by a
 * supplier host that answers with hostile text, against the real server and real hosts on
 * loopback.
 */
describe("scheduled pulls keep the server's secrets and the hosts' words out", () => {
  let server: TestServer;
  /** listed in FEED_PULL_ALLOWED_HOSTS */
  let listed: FakeSupplierHost;
  let alsoListed: FakeSupplierHost;
  /** the same address on a port the list does not name */
  let unlisted: FakeSupplierHost;
  let admin: string;
  let pdn: string;
  const environment = {
    JWT_SECRET: process.env.JWT_SECRET,
    WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY,
    DATABASE_URL: process.env.DATABASE_URL,
  };
  let secrets: string[];

  const configure = (input: Record<string, unknown>) =>
    server.gql(CONFIGURE, { input: { supplierId: pdn, format: 'CSV', intervalMinutes: 15, ...input } }, admin);
  const pull = async (id: string) => (await server.gql(PULL, { id }, admin)).data.pullFeedNow;

  beforeAll(async () => {
    [listed, alsoListed, unlisted] = await Promise.all([startFakeSupplierHost(), startFakeSupplierHost(), startFakeSupplierHost()]);
    server = await startTestServer({
      env: { FEED_PULL_ALLOWED_HOSTS: `${listed.hostAndPort}, ${alsoListed.hostAndPort}`, WEBHOOK_SECRET_KEY: WEBHOOK_KEY },
    });
    // the server's secrets, where a pull that read its environment would find them
    Object.assign(process.env, {
      JWT_SECRET: TEST_JWT_SECRET,
      WEBHOOK_SECRET_KEY: WEBHOOK_KEY,
      DATABASE_URL: server.db.config.database.location,
    });
    secrets = [TEST_JWT_SECRET, WEBHOOK_KEY, server.db.config.database.location];
    admin = await server.token('RX1', Role.ADMIN);
    pdn = await supplierId(server, admin, 'PDN00001');
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(environment)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await server.stop();
    await Promise.all([listed.stop(), alsoListed.stop(), unlisted.stop()]);
  });

  it("sends none of the server's environment when an ADMIN names a variable as the credential", async () => {
    const attempts = [];
    for (const [kind, variable] of [
      ['PERFORMANCE', 'JWT_SECRET'],
      ['INCIDENT', 'WEBHOOK_SECRET_KEY'],
      ['INVOICE', 'DATABASE_URL'],
    ]) {
      attempts.push(await configure({ kind, url: `${listed.url}/echo.csv`, credentialEnv: variable }));
    }
    // the attacker's move played whole: pull every endpoint the organisation holds, and read what comes back
    const held = await server.gql('{ feedEndpoints(first: 100) { edges { node { id } } } }', {}, admin);
    const answers = await Promise.all(
      held.data.feedEndpoints.edges.map(({ node }: { node: { id: string } }) => server.gql(PULL, { id: node.id }, admin)),
    );
    for (const secret of secrets) {
      expect(JSON.stringify(listed.requests)).not.toContain(secret);
      expect(JSON.stringify(answers)).not.toContain(secret);
    }
    for (const attempt of attempts) {
      expect(errorCode(attempt)).toBe('BAD_USER_INPUT');
      expect(attempt.errors?.[0].message).toMatch(/credentialEnv/);
    }

    // a variable's name given as the credential is sent as written, never looked up
    const named = await configure({ kind: 'PERFORMANCE', url: `${listed.url}/echo.csv`, credential: 'JWT_SECRET' });
    expect(named.errors).toBeUndefined();
    const pulled = await pull(named.data.configureFeedEndpoint.id);
    expect(listed.requests.at(-1)).toMatchObject({ path: '/echo.csv', headers: { authorization: 'JWT_SECRET' } });
    // the host echoed the headers it was sent: none of that comes back
    expect(pulled).toMatchObject({ lastOutcome: 'ERROR', lastError: 'the supplier answered HTTP 500 Internal Server Error' });
  });

  it('sends a credential given through the API exactly, and never shows or audits it', async () => {
    const token = `pull-${randomUUID()}`;
    const credential = `Bearer ${token}`;
    const configured = await configure({ kind: 'PERFORMANCE', url: `${listed.url}/performance.csv`, credential });
    expect(configured.errors).toBeUndefined();
    const endpoint = configured.data.configureFeedEndpoint;
    expect(endpoint).toMatchObject({ hasCredential: true, credentialSetAt: expect.any(String) });

    expect(await pull(endpoint.id)).toMatchObject({ lastOutcome: 'INGESTED', lastRun: { status: 'SUCCEEDED' } });
    expect(listed.requests.at(-1)).toMatchObject({ path: '/performance.csv', headers: { authorization: credential } });

    const list = await server.gql(`{ feedEndpoints(first: 100) { edges { node { ${ENDPOINT_FIELDS} } } } }`, {}, admin);
    const node = await server.gql(
      `query($id: ID!) { node(id: $id) { ... on FeedEndpoint { ${ENDPOINT_FIELDS} } } }`,
      { id: endpoint.id },
      admin,
    );
    for (const answer of [configured, list, node]) {
      expect(answer.errors).toBeUndefined();
      expect(JSON.stringify(answer.data)).not.toContain(token);
    }

    const [row] = await server.db.dataSource.query(`SELECT * FROM feed_endpoint WHERE id = ${parseGlobalId(endpoint.id)!.id}`);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.credentialCiphertext).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{60,}$/));
    const trail = JSON.stringify(await server.db.dataSource.query('SELECT * FROM audit_entry'));
    expect(trail).toContain('credentialSetAt');
    expect(trail).not.toContain(token);
    expect(trail).not.toContain(row.credentialCiphertext);

    // omitted: kept, and sent again
    const moved = await configure({ kind: 'PERFORMANCE', url: `${listed.url}/performance.csv?v=2` });
    expect(moved.data.configureFeedEndpoint.hasCredential).toBe(true);
    await pull(endpoint.id);
    expect(listed.requests.at(-1)?.headers.authorization).toBe(credential);

    // a write-only credential does not follow the URL to another host unless given again
    expect(reasonOf(await configure({ kind: 'PERFORMANCE', url: `${alsoListed.url}/performance.csv` }))).toEqual([
      'BAD_USER_INPUT',
      'input.credential',
      'CREDENTIAL_REQUIRED',
    ]);
    expect(alsoListed.requests).toHaveLength(0);

    // null: removed
    const cleared = await configure({ kind: 'PERFORMANCE', url: `${alsoListed.url}/performance.csv`, credential: null });
    expect(cleared.data.configureFeedEndpoint).toMatchObject({ hasCredential: false, credentialSetAt: null });
    await pull(endpoint.id);
    expect(alsoListed.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it.each([
    ['empty', '', 'BLANK'],
    ['a header injected after a line break', 'Bearer x\r\nX-Injected: 1', 'INVALID_CREDENTIAL'],
    ['a NUL', 'Bearer x\u0000y', 'INVALID_CREDENTIAL'],
    ['outside ASCII', 'Bearer ü', 'INVALID_CREDENTIAL'],
    ['leading spaces', '  Bearer x', 'INVALID_CREDENTIAL'],
    ['too long', `Bearer ${'x'.repeat(4096)}`, 'TOO_LONG'],
  ])('refuses a credential that is %s, naming the field', async (_case, credential, reason) => {
    const response = await configure({ kind: 'INCIDENT', url: `${listed.url}/performance.csv`, credential });
    expect(reasonOf(response)[0]).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.field).toBe('input.credential');
    if (reason !== 'TOO_LONG') expect(response.errors?.[0].extensions?.reason).toBe(reason);
  });

  it('keeps a hostile status line and body out of lastError, and bounds what a document says in failureReason', async () => {
    const hostile = await configure({ kind: 'INCIDENT', url: `${listed.url}/hostile-status` });
    expect(await pull(hostile.data.configureFeedEndpoint.id)).toMatchObject({
      lastOutcome: 'ERROR',
      lastError: 'the supplier answered HTTP 500 Internal Server Error',
    });

    const redirect = await configure({ kind: 'INCIDENT', url: `${listed.url}/redirect` });
    expect(await pull(redirect.data.configureFeedEndpoint.id)).toMatchObject({
      lastOutcome: 'ERROR',
      lastError: 'the supplier answered HTTP 302 Found (redirects are not followed)',
    });

    for (const [format, path] of [
      ['CSV', '/hostile.csv'],
      ['TMF', '/hostile.json'],
    ]) {
      const configured = await configure({ kind: 'INCIDENT', format, url: `${listed.url}${path}` });
      const pulled = await pull(configured.data.configureFeedEndpoint.id);
      expect(pulled).toMatchObject({ lastOutcome: 'INGESTED', lastError: null, lastRun: { status: 'FAILED' } });
      const reason: string = pulled.lastRun.failureReason;
      expect(reason.length).toBeGreaterThan(0);
      expect(reason.length).toBeLessThanOrEqual(1000);
      expect(reason).not.toMatch(INVISIBLE);
    }

    const runs = await server.gql('{ feedRuns(first: 100) { edges { node { failureReason } } } }', {}, admin);
    for (const { node } of runs.data.feedRuns.edges) {
      if (node.failureReason === null) continue;
      expect(node.failureReason.length).toBeLessThanOrEqual(1000);
      expect(node.failureReason).not.toMatch(INVISIBLE);
    }
    const endpoints = await server.gql('{ feedEndpoints(first: 100) { edges { node { lastError } } } }', {}, admin);
    for (const { node } of endpoints.data.feedEndpoints.edges) {
      expect(node.lastError ?? '').not.toContain(MARKER);
      expect((node.lastError ?? '').length).toBeLessThanOrEqual(500);
    }
  });

  it('reaches only the hosts and ports listed, when configured and again when pulled', async () => {
    for (const url of [
      `${unlisted.url}/performance.csv`,
      `http://localhost:${listed.url.split(':').at(-1)}/performance.csv`,
      'http://127.0.0.1/performance.csv',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      expect(reasonOf(await configure({ kind: 'INVOICE', url }))).toEqual(['BAD_USER_INPUT', 'input.url', 'HOST_NOT_ALLOWED']);
    }

    // the list may change after an endpoint was configured: a pull checks again
    const configured = await configure({ kind: 'INVOICE', url: `${listed.url}/performance.csv` });
    const id = configured.data.configureFeedEndpoint.id as string;
    await server.db.dataSource.getRepository(FeedEndpoint).update(parseGlobalId(id)!.id, { url: `${unlisted.url}/performance.csv` });
    expect(await pull(id)).toMatchObject({
      lastOutcome: 'ERROR',
      lastError: expect.stringContaining(`${unlisted.hostAndPort} is not in FEED_PULL_ALLOWED_HOSTS`),
    });
    expect(unlisted.requests).toHaveLength(0);
  });

  it('never sent a server secret to any host', () => {
    const seen = JSON.stringify([listed.requests, alsoListed.requests, unlisted.requests]);
    expect(listed.requests.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(seen).not.toContain(secret);
  });
});

describe('the migration from credentialEnv', () => {
  it('disables an endpoint that named an environment variable, and tells its ADMIN what to do', async () => {
    const db = await createTestDatabase();
    try {
      const source = db.dataSource;
      const applied = async () => (await source.query('SELECT name FROM migrations')).map((row: { name: string }) => row.name);
      while ((await applied()).includes('FeedEndpointCredentials1796900000000')) await source.undoLastMigration({ transaction: 'each' });
      const columns = '(createdAt, updatedAt, organisationId, supplierId, kind, format, url, credentialEnv, intervalMinutes, enabled)';
      const now = `'2026-01-01 00:00:00.000'`;
      await source.query(
        `INSERT INTO feed_endpoint ${columns} VALUES (${now}, ${now}, 1, 1, 'INCIDENT', 'CSV', 'https://feeds.example/a.csv', 'JWT_SECRET', 15, 1)`,
      );
      await source.query(
        `INSERT INTO feed_endpoint ${columns} VALUES (${now}, ${now}, 1, 1, 'INVOICE', 'CSV', 'https://feeds.example/b.csv', NULL, 15, 1)`,
      );
      await source.runMigrations({ transaction: 'each' });

      const rows = await source.getRepository(FeedEndpoint).find({ order: { kind: 'ASC' } });
      expect(
        rows.map(({ kind, enabled, lastOutcome, credentialCiphertext }) => ({ kind, enabled, lastOutcome, credentialCiphertext })),
      ).toEqual([
        { kind: 'INCIDENT', enabled: false, lastOutcome: 'ERROR', credentialCiphertext: null },
        { kind: 'INVOICE', enabled: true, lastOutcome: null, credentialCiphertext: null },
      ]);
      expect(rows[0].lastError).toMatch(/input\.credential with configureFeedEndpoint/);
      expect(rows[0].lastError).not.toContain(TEST_JWT_SECRET);
    } finally {
      await db.drop();
    }
  });
});
