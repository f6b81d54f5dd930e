import { Role } from '../../src/auth/roles';
import { seedScaleData } from '../../src/seed/scale-data';
import { currentPeriod, DASHBOARD_QUERY, prepareEstate } from '../../bench/scenario';
import { startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

/**
 * The contract manager's dashboard in one round trip (the query the load test and the
 * benchmarks drive): a contract with its services and sites, this month's SLA status and
 * the supplier's latest invoice with its reconciliation, at a cost in SQL statements that
 * does not grow with the number of services.
 */
describe('dashboard query', () => {
  let server: TestServer;
  let token: string;
  let small: Awaited<ReturnType<typeof prepareEstate>>;
  let large: Awaited<ReturnType<typeof prepareEstate>>;

  beforeAll(async () => {
    server = await startTestServer();
    small = await prepareEstate(server.db.dataSource, server.db.config, {
      prefix: 'NA',
      sites: 5,
      services: 10,
      servicesPerContract: 10,
      reconcile: 1,
    });
    large = await prepareEstate(server.db.dataSource, server.db.config, {
      prefix: 'NB',
      sites: 50,
      services: 300,
      servicesPerContract: 300,
      reconcile: 1,
    });
    token = await server.token('RX1', Role.CONTRACT_MANAGER);
  });

  afterAll(() => server.stop());

  const dashboard = (estate: typeof small) =>
    server.gql(DASHBOARD_QUERY, { contract: estate.contracts[0], supplier: estate.supplier, period: currentPeriod() }, token);

  it('answers with the services and their sites, the SLA status and the latest invoice', async () => {
    const response = await dashboard(large);
    expect(response.errors).toBeUndefined();
    const { contract, slaReport, invoices } = response.data;
    expect(contract.reference).toBe('NB-00001');
    // the first page of the contract's 300 services, with their sites
    expect(contract.services.totalCount).toBe(300);
    expect(contract.services.edges).toHaveLength(100);
    expect(contract.services.edges.every((edge: { node: { site: { id: string } | null } }) => edge.node.site !== null)).toBe(true);
    expect(slaReport.period).toBe(currentPeriod());
    expect(slaReport.terms.length).toBeGreaterThan(0);
    expect(invoices.edges).toHaveLength(1);
    expect(invoices.edges[0].node.reconciliation).toEqual({
      findingCount: expect.any(Number),
      differenceTotal: expect.stringMatching(/^-?\d+\.\d\d$/),
    });
  });

  it('shows the same page of services, cursors and total as the contract asked for alone', async () => {
    // beside the SLA report, the page is cut from the report's read of every service; alone, it is a query of its own
    const page = `services(first: 100) { totalCount edges { cursor node { id reference site { id } } } pageInfo { hasNextPage endCursor } }`;
    const variables = { contract: large.contracts[0], period: currentPeriod() };
    const withReport = await server.gql(
      `query ($contract: ID!, $period: String!) { contract(id: $contract) { ${page} } slaReport(contractId: $contract, period: $period) { period } }`,
      variables,
      token,
    );
    const alone = await server.gql(
      `query ($contract: ID!) { contract(id: $contract) { ${page} } }`,
      { contract: large.contracts[0] },
      token,
    );
    expect(withReport.errors).toBeUndefined();
    expect(alone.errors).toBeUndefined();
    expect(withReport.data.contract.services).toEqual(alone.data.contract.services);
    const references = alone.data.contract.services.edges.map((edge: { node: { reference: string } }) => edge.node.reference);
    expect(references).toEqual([...references].sort());
    expect(alone.data.contract.services).toMatchObject({ totalCount: 300, pageInfo: { hasNextPage: true } });
  });

  it("never reads a contract's every service for a page when the SLA report is of another contract", async () => {
    const query =
      `query ($a: ID!, $b: ID!, $period: String!) { contract(id: $a) { services(first: 1) { totalCount edges { node { reference } } } } ` +
      `slaReport(contractId: $b, period: $period) { period } }`;
    const variables = { a: large.contracts[0], b: small.contracts[0], period: currentPeriod() };
    let response: GraphqlResponse | undefined;
    const sql = await server.recordStatements(async () => (response = await server.gql(query, variables, token)));
    expect(response!.errors).toBeUndefined();
    expect(response!.data.contract.services).toMatchObject({ totalCount: 300, edges: [{ node: { reference: expect.any(String) } }] });
    // the SLA report reads contract B's services whole; contract A's page is a read of its own, with a limit
    const serviceReads = sql.filter(
      (statement) => /\bFROM\s+[`"]?service[`"]?\s/i.test(statement) && !/COUNT\(/i.test(statement) && !/IN \(SELECT/i.test(statement),
    );
    expect(serviceReads).toHaveLength(2);
    expect(serviceReads.filter((statement) => /LIMIT/i.test(statement))).toHaveLength(1);
  });

  it('costs the same number of SQL statements for 10 services as for 300', async () => {
    await dashboard(small);
    await dashboard(large);
    const atSmall = await server.countStatements(() => dashboard(small));
    const atLarge = await server.countStatements(() => dashboard(large));
    expect(atLarge).toBe(atSmall);
    // contract with its supplier, the contract's services with their sites (the SLA report reads
    // them all, and the page and its total are cut from that read), SLA terms, credit policy, the
    // services' charge histories (credits are priced at the month's charge), daily sums,
    // exclusion windows, incidents, completed orders, the invoice page with its reconciliations
    expect(atSmall).toBeLessThanOrEqual(10);
  });

  it('seeds a scaled-up estate once: seeding the same prefix again adds nothing', async () => {
    const again = await seedScaleData(server.db.dataSource, server.db.config, {
      prefix: 'NB',
      sites: 50,
      services: 300,
      servicesPerContract: 300,
    });
    expect(again).toMatchObject({ alreadySeeded: true, contracts: 1, services: 300 });
  });
});
