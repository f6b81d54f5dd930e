import { Role } from '../../src/auth/roles';
import { fixture, ingest, supplierId } from '../support/feeds';
import { errorCode, startTestServer, type ErrorBody, type TestServer } from '../support/test-server';

describe('HTTP surface', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.token('0CX', Role.VIEWER);
  });

  afterAll(() => server.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body,
    });

  it('answers liveness and readiness probes', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('exposes Prometheus metrics: operations by name and outcome, latency, pool and feed runs', async () => {
    await server.gql('query DashboardContracts { contracts(first: 1) { totalCount } }', {}, token);
    await server.gql('query Broken { contracts(first: 1000) { totalCount } }', {}, token);
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    await ingest(server, manager, {
      supplierId: await supplierId(server, manager, 'PDN00001'),
      kind: 'INCIDENT',
      format: 'CSV',
      document: fixture('incidents/valid.csv'),
    });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/hscn_graphql_operations_total\{operation="DashboardContracts",outcome="ok"\} 1/);
    expect(text).toMatch(/hscn_graphql_operations_total\{operation="Broken",outcome="error"\} 1/);
    expect(text).toMatch(/hscn_graphql_operation_seconds_bucket\{le="[0-9.]+",operation="DashboardContracts"\}/);
    expect(text).toMatch(/hscn_db_pool_connections\{state="open"\} \d+/);
    expect(text).toMatch(/hscn_feed_runs_total\{kind="INCIDENT",status="PARTIAL"\} 1/);
  });

  it('tags every response with a request id, keeping a sane one the client sent', async () => {
    const own = await post(JSON.stringify({ query: '{ me { subject } }' }), { 'x-request-id': 'portal-abc.123' });
    expect(own.headers.get('x-request-id')).toBe('portal-abc.123');
    const hostile = await post(JSON.stringify({ query: '{ me { subject } }' }), { 'x-request-id': 'bad id\twith spaces' });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks every GraphQL answer as not to be cached, errors included, with no validator to revalidate it by', async () => {
    const answer = await post(JSON.stringify({ query: '{ me { subject } }' }));
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('etag')).toBeNull();
    expect((await post(JSON.stringify({ query: '{ nope }' }))).headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a query nested beyond the depth limit before running it', async () => {
    const deep =
      '{ contracts { edges { node { organisation { contracts { organisation { contracts { organisation { contracts { organisation { ' +
      'contracts { organisation { contracts { id } } } } } } } } } } } } } }';
    const before = server.db.statements.statements;
    const response = await server.gql(deep, {}, token);
    expect(errorCode(response)).toBe('QUERY_TOO_DEEP');
    // only authentication touched the database
    expect(server.db.statements.statements - before).toBeLessThanOrEqual(2);
  });

  it('refuses an over-costly query, aliases and fragments included', async () => {
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `a${i}: services(first: 100) { edges { node { site { contacts { contact { name } } } } } }`,
    ).join(' ');
    const response = await server.gql(`{ ${aliases} }`, {}, token);
    expect(errorCode(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors?.[0].message).toMatch(/exceeds the limit/);

    const fragments = `fragment F on Service { site { contacts { contact { name } } } }
      { ${Array.from({ length: 30 }, (_, i) => `b${i}: services(first: 100) { edges { node { ...F } } }`).join(' ')} }`;
    expect(errorCode(await server.gql(fragments, {}, token))).toBe('QUERY_TOO_COMPLEX');
  });

  it('keeps applying the limits to a query it has seen before, with the variables of each request', async () => {
    const aliases = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `a${i}: services(first: $size) { edges { node { site { contacts { contact { name } } } } } }`,
      ).join(' ');
    const paged = `query Paged($size: Int!) { ${aliases(30)} }`;
    expect((await server.gql(paged, { size: 1 }, token)).errors).toBeUndefined();
    expect(errorCode(await server.gql(paged, { size: 100 }, token))).toBe('QUERY_TOO_COMPLEX');
    expect((await server.gql(paged, { size: 1 }, token)).errors).toBeUndefined();

    const fixed = `query Fixed($search: String) { ${aliases(30).replaceAll('$size', '100')} contracts(filter: { search: $search }) { totalCount } }`;
    for (const search of ['RX1', 'RX2']) expect(errorCode(await server.gql(fixed, { search }, token))).toBe('QUERY_TOO_COMPLEX');

    const cheap = 'query Cheap($search: String) { contracts(filter: { search: $search }) { totalCount } }';
    expect((await server.gql(cheap, { search: 'RX1' }, token)).errors).toBeUndefined();
    const wrong = await server.gql(cheap, { search: 42 }, token);
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toMatch(/\$search/);
  });

  it('refuses a document with too many tokens', async () => {
    const huge = `{ ${Array.from({ length: 3000 }, (_, i) => `f${i}: __typename`).join(' ')} }`;
    const response = await server.gql(huge, {}, token);
    expect(errorCode(response)).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.errors?.[0].message).toMatch(/5000 tokens/);
  });

  it('refuses batched requests', async () => {
    const response = await post(JSON.stringify([{ query: '{ me { subject } }' }, { query: '{ me { subject } }' }]));
    expect(response.status).toBe(400);
  });

  it('refuses an oversized body and malformed JSON with clear errors', async () => {
    const oversized = await post(JSON.stringify({ query: '{ me { subject } }', variables: { pad: 'x'.repeat(1_100_000) } }));
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as ErrorBody).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await post('{"query": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorBody).errors[0].message).toMatch(/not valid JSON/);
  });

  it('keeps introspection off outside development', async () => {
    const response = await server.gql('{ __schema { types { name } } }', {}, token);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('masks internal errors: no SQL, no stack, a stable code', async () => {
    await server.db.dataSource.query('DROP TABLE contact_assignment');
    const response = await server.gql('{ sites(first: 1) { edges { node { contacts { role } } } } }', {}, token);
    expect(response.errors?.[0]).toEqual({
      message: 'Internal server error',
      path: ['sites', 'edges', 0, 'node', 'contacts'],
      locations: expect.any(Array),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(response)).not.toMatch(/contact_assignment|SELECT|at \w+ \(/);
  });
});
