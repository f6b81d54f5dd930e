import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { startTestServer, type TestServer } from '../support/test-server';

/** The demo data shows what the SLA engine is for: met, breached and insufficient-data terms, and credits. */
describe("the demo contract's SLA report", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(() => server.stop());

  it('shows met, breached and insufficient-data terms and credits owed, and re-seeding changes nothing', async () => {
    const today = DateTime.fromISO('2026-11-25T12:00:00', { zone: 'Europe/London' });
    const first = await seedDemoSlaData(server.db.dataSource, server.db.config, today);
    expect(first.samples).toBeGreaterThan(5_000);
    const again = await seedDemoSlaData(server.db.dataSource, server.db.config, today);
    expect(again).toEqual(first);

    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const contracts = await server.gql('{ contracts(filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id } } } }', {}, manager);
    const report = await server.gql(
      'query($c: ID!) { slaReport(contractId: $c, period: "2026-10") { terms { kind status severity } credits { kind amount } totals { met ' +
        'breached insufficientData creditsOwed } } }',
      { c: contracts.data.contracts.edges[0].node.id },
      manager,
    );
    expect(report.errors).toBeUndefined();
    const { terms, credits, totals } = report.data.slaReport;
    const availability = terms.filter((t: { kind: unknown }) => t.kind === 'AVAILABILITY').map((t: { status: unknown }) => t.status);
    expect(availability).toContain('MET');
    expect(availability).toContain('BREACHED');
    expect(availability).toContain('INSUFFICIENT_DATA');
    expect(terms.find((t: { kind: unknown; severity: unknown }) => t.kind === 'INCIDENT_RESOLUTION' && t.severity === 1).status).toBe(
      'BREACHED',
    );
    expect(credits.map((c: { kind: unknown }) => c.kind)).toEqual(expect.arrayContaining(['AVAILABILITY', 'INCIDENT_RESOLUTION']));
    expect(Number(totals.creditsOwed)).toBeGreaterThan(0);
    expect(totals.breached).toBeGreaterThanOrEqual(2);
  });

  it("scores the supplier: weighted KPIs, renormalised over what could be measured, with a year's trend", async () => {
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const pdn = (await server.gql('{ suppliers(filter: { search: "PDN00001" }) { edges { node { id } } } }', {}, manager)).data.suppliers
      .edges[0].node.id;
    const query =
      'query($s: ID!) { supplierScorecard(supplierId: $s, period: "2026-10") { score kpis { name value weight basis } trend { period score } } }';
    const card = (await server.gql(query, { s: pdn }, manager)).data.supplierScorecard;
    const kpi = Object.fromEntries(card.kpis.map((k: { name: string }) => [k.name, k]));
    expect(kpi.orderDelivery.value).toBeNull();
    expect(kpi.billingAccuracy.value).toBeNull();
    const availability = Number(kpi.availability.value);
    const resolution = Number(kpi.incidentResolution.value);
    expect(availability).toBeGreaterThan(0);
    expect(availability).toBeLessThan(100);
    // 40 and 30 are the weights of the two measured KPIs
    expect(card.score).toBe(((availability * 40 + resolution * 30) / 70).toFixed(1));
    expect(card.trend).toHaveLength(12);
    expect(card.trend.at(-1)).toEqual({ period: '2026-10', score: card.score });
    expect(card.trend[0]).toEqual({ period: '2025-11', score: null });

    const weights = await server.gql(
      'mutation { setScorecardWeights(input: { availability: 100, incidentResolution: 0, orderDelivery: 0, billingAccuracy: 0 }) { availability } }',
      {},
      manager,
    );
    expect(weights.errors).toBeUndefined();
    const reweighted = (await server.gql(query, { s: pdn }, manager)).data.supplierScorecard;
    expect(reweighted.score).toBe(kpi.availability.value);
    const zero = await server.gql(
      'mutation { setScorecardWeights(input: { availability: 0, incidentResolution: 0, orderDelivery: 0, billingAccuracy: 0 }) { availability } }',
      {},
      manager,
    );
    expect(zero.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
