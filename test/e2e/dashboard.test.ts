import { Role } from '../../src/auth/roles';
import { seedScaleData } from '../../src/seed/scale-data';
import { currentPeriod, DASHBOARD_QUERY, prepareEstate } from '../../bench/scenario';
import { startTestServer, type TestServer } from '../support/test-server';

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
    small = await prepareEstate(server.db.dataSource, server.db.config, { prefix: 'NA', sites: 5, services: 10, servicesPerContract: 10, reconcile: 1 });
    large = await prepareEstate(server.db.dataSource, server.db.config, { prefix: 'NB', sites: 50, services: 300, servicesPerContract: 300, reconcile: 1 });
    token = await server.token('RX1', Role.CONTRACT_MANAGER);
  });

  afterAll(() => server.stop());

  const dashboard = (estate: typeof small) => server.gql(DASHBOARD_QUERY, { contract: estate.contracts[0], supplier: estate.supplier, period: currentPeriod() }, token);

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
    expect(invoices.edges[0].node.reconciliation).toEqual({ findingCount: expect.any(Number), differenceTotal: expect.stringMatching(/^-?\d+\.\d\d$/) });
  });

  it('costs the same number of SQL statements for 10 services as for 300', async () => {
    await dashboard(small);
    await dashboard(large);
    const atSmall = await server.countStatements(() => dashboard(small));
    const atLarge = await server.countStatements(() => dashboard(large));
    expect(atLarge).toBe(atSmall);
    // contract with its supplier, the page of services with their sites and their total, the SLA
    // report's services (all of them, where the dashboard shows a page), SLA terms, credit policy,
    // the services' charge histories (credits are priced at the month's charge), daily sums,
    // exclusion windows, incidents, completed orders, the invoice page with its reconciliations
    expect(atSmall).toBeLessThanOrEqual(12);
  });

  it('seeds a scaled-up estate once: seeding the same prefix again adds nothing', async () => {
    const again = await seedScaleData(server.db.dataSource, server.db.config, { prefix: 'NB', sites: 50, services: 300, servicesPerContract: 300 });
    expect(again).toMatchObject({ alreadySeeded: true, contracts: 1, services: 300 });
  });
});
