import { getIntrospectionQuery } from 'graphql';
import { DateTime } from 'luxon';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { Role } from '../../src/auth/roles';
import { seedDemoBillingData } from '../../src/seed/demo-billing';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

/**
 * Queries run compiled by graphql-jit from the second time they are seen (src/graphql/executor.ts);
 * what it would get wrong goes to graphql-js. Either way a client sees graphql-js's answers:
 * input defaults filled in, records named by their type behind an interface, and errors with
 * their codes and paths. Each query below is sent twice, and the second (compiled) answer is
 * the one checked, and must equal the first.
 */
describe('query execution', () => {
  let server: TestServer;
  let viewer: string;

  beforeAll(async () => {
    server = await startTestServer();
    viewer = await server.token('0CX', Role.VIEWER);
  });

  afterAll(() => server.stop());

  /** the second answer (the query compiled), checked against the first (graphql-js) */
  const twice = async (query: string, variables: Record<string, unknown>, token: string) => {
    const first = await server.gql(query, variables, token);
    const second = await server.gql(query, variables, token);
    expect({ ...second, headers: null }).toEqual({ ...first, headers: null });
    return second;
  };

  const charges = (response: { data?: { services: { edges: { node: { monthlyCharge: string } }[] } } }) =>
    response.data!.services.edges.map((edge) => Number(edge.node.monthlyCharge));

  it("fills in an input field's default whether the object comes as a variable or written in the query", async () => {
    const asVariable = await twice(
      'query($order: ServiceOrder) { services(first: 50, orderBy: $order) { edges { node { monthlyCharge } } } }',
      { order: { field: 'MONTHLY_CHARGE' } },
      viewer,
    );
    const written = await twice(
      '{ services(first: 50, orderBy: { field: MONTHLY_CHARGE }) { edges { node { monthlyCharge } } } }',
      {},
      viewer,
    );
    expect(asVariable.errors).toBeUndefined();
    expect(written.errors).toBeUndefined();
    expect(charges(asVariable).length).toBeGreaterThan(10);
    // the default direction is ASC
    expect(charges(asVariable)).toEqual([...charges(asVariable)].sort((a, b) => a - b));
    expect(charges(written)).toEqual(charges(asVariable));
  });

  it('names a record behind the Node interface by its own type', async () => {
    const page = await server.gql('{ contracts(first: 1) { edges { node { id reference } } } }', {}, viewer);
    const contract = page.data.contracts.edges[0].node;
    const response = await twice(
      'query($id: ID!) { node(id: $id) { __typename ... on Contract { reference } } }',
      { id: contract.id },
      viewer,
    );
    expect(response.data.node).toEqual({ __typename: 'Contract', reference: contract.reference });
  });

  it("keeps a resolver's error code, details and path, and nulls the answer up to the nearest nullable field", async () => {
    const response = await twice('{ contracts(first: 1) { totalCount } services(first: 101) { totalCount } }', {}, viewer);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]).toMatchObject({ path: ['services'], extensions: { field: 'first', reason: 'PAGE_SIZE_EXCEEDED' } });
    // services is non-null, so the error nulls the whole answer, as the spec (and graphql-js) has it
    expect(response.data).toBeNull();
  });

  it("refuses a bad variable with graphql-js's message, as BAD_USER_INPUT with a 400", async () => {
    const response = await twice('query($first: Int) { services(first: $first) { totalCount } }', { first: 'ten' }, viewer);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/^Variable "\$first" got invalid value "ten"; Int cannot represent non-integer value/);
  });
});

/**
 * The same operations against two servers on one database: ours, and one that runs every
 * operation on graphql-js (GRAPHQL_JIT=false). Every answer must be the same to the byte:
 * data, errors (message, path, locations, code) and status.
 */
describe('compiled queries answer as graphql-js does', () => {
  let server: TestServer;
  let interpreted: App;
  let interpretedUrl: string;
  let manager: string;
  let ids: { contract: string; supplier: string; invoice: string; service: string; site: string };

  beforeAll(async () => {
    // introspection on, and deep enough for the standard introspection query
    server = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'true', GRAPHQL_MAX_DEPTH: '20' } });
    const today = DateTime.fromISO('2026-11-25T12:00:00', { zone: 'Europe/London' });
    await seedDemoSlaData(server.db.dataSource, server.db.config, today);
    await seedDemoBillingData(server.db.dataSource, server.db.config, today);
    interpreted = await createApp(
      { ...server.db.config, graphql: { ...server.db.config.graphql, jit: false } },
      server.db.dataSource,
      server.db.statements,
      pino({ level: 'silent' }),
    );
    interpretedUrl = `http://127.0.0.1:${await interpreted.listen()}`;
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const found = await server.gql(
      '{ contracts(first: 1, filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id supplier { id } services(first: 1) { edges { node ' +
        '{ id site { id } } } } } } } invoices(first: 1) { edges { node { id } } } }',
      {},
      manager,
    );
    const contract = found.data.contracts.edges[0].node;
    ids = {
      contract: contract.id,
      supplier: contract.supplier.id,
      invoice: found.data.invoices.edges[0].node.id,
      service: contract.services.edges[0].node.id,
      site: contract.services.edges[0].node.site.id,
    };
  });

  afterAll(async () => {
    // the second server shares the database, which the first one's stop closes
    interpreted.httpServer.closeAllConnections();
    await new Promise((resolve) => interpreted.httpServer.close(resolve));
    await server.stop();
  });

  const answer = async (url: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
      body: JSON.stringify({ query, variables }),
    });
    return `${response.status} ${await response.text()}`;
  };

  const operations: [string, string, () => Record<string, unknown>][] = [
    [
      'the dashboard',
      `query Dashboard($contract: ID!, $supplier: ID!, $period: String!) {
        contract(id: $contract) {
          id reference title status startDate endDate noticeDate daysUntilNoticeDate
          supplier { id name }
          services(first: 100) { totalCount edges { node { id reference type status bandwidthMbps monthlyCharge installDate site { id name town postcode } } } }
        }
        slaReport(contractId: $contract, period: $period) {
          period coverageThresholdPercent
          totals { met breached insufficientData notApplicable creditsBeforeCap creditsOwed cap }
          terms { kind severity status target achieved coveragePercent contractual service { reference } }
          credits { kind amount }
        }
        invoices(first: 1, filter: { supplierId: $supplier }) {
          edges { node { id invoiceNumber invoiceDate status grossTotal reconciliation { findingCount differenceTotal } } }
        }
      }`,
      () => ({ contract: ids.contract, supplier: ids.supplier, period: '2026-10' }),
    ],
    [
      'an invoice with its lines and findings',
      `query($invoice: ID!) { invoice(id: $invoice) {
        id invoiceNumber periodStart periodEnd status netTotal vatTotal grossTotal
        lines { lineNumber serviceReference chargeType netAmount vatAmount service { reference } }
        reconciliation { findingCount invoicedTotal agreedAmount differenceTotal findings { type difference explanation serviceReference } }
      } }`,
      () => ({ invoice: ids.invoice }),
    ],
    [
      'records behind the Node interface, through fragments, aliases and directives',
      `query($c: ID!, $s: ID!, $site: ID!, $more: Boolean!) {
        c: node(id: $c) { __typename id ...on Contract { reference supplier @include(if: $more) { name } } }
        s: node(id: $s) { __typename ...Svc }
        t: node(id: $site) { __typename ... on Site { name postcode contacts @skip(if: $more) { role } } }
      }
      fragment Svc on Service { reference status site { name } }`,
      () => ({ c: ids.contract, s: ids.service, site: ids.site, more: true }),
    ],
    [
      'pages of contracts with a cursor',
      '{ contracts(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { reference status daysUntilNoticeDate } } } }',
      () => ({}),
    ],
    [
      "a resolver's error, with its code and details",
      'query($id: ID!) { contract(id: $id) { reference } }',
      () => ({ id: 'bm90LWFuLWlk' }),
    ],
    ['a page too large', '{ services(first: 500) { totalCount } }', () => ({})],
    ['a bad variable', 'query($first: Int) { services(first: $first) { totalCount } }', () => ({ first: 'ten' })],
    [
      'the introspection query',
      getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true, specifiedByUrl: true }),
      () => ({}),
    ],
  ];

  /** the operations answered with an error (the rest must answer in full) */
  const refused = new Set(["a resolver's error, with its code and details", 'a page too large', 'a bad variable']);

  it.each(operations)('%s', async (name, query, variables) => {
    const expected = await answer(interpretedUrl, query, variables());
    // the first time run by graphql-js here too, the second compiled
    for (let sighting = 1; sighting <= 2; sighting += 1) {
      const ours = await answer(server.url, query, variables());
      if (refused.has(name)) expect(ours).toMatch(/"code":"(NOT_FOUND|BAD_USER_INPUT)"/);
      else expect(ours).toMatch(/^200 \{"data":\{(?!.*"errors")/s);
      expect(ours).toBe(expected);
    }
  });
});
