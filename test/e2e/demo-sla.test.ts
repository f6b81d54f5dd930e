import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { startTestServer, type TestServer } from '../support/test-server';

/** The demo data shows what the SLA engine is for: met, breached and insufficient-data terms, and credits. */
describe('the demo contract\'s SLA report', () => {
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
      'query($c: ID!) { slaReport(contractId: $c, period: "2026-10") { terms { kind status severity } credits { kind amount } totals { met breached insufficientData creditsOwed } } }',
      { c: contracts.data.contracts.edges[0].node.id },
      manager,
    );
    expect(report.errors).toBeUndefined();
    const { terms, credits, totals } = report.data.slaReport;
    const availability = terms.filter((t: any) => t.kind === 'AVAILABILITY').map((t: any) => t.status);
    expect(availability).toContain('MET');
    expect(availability).toContain('BREACHED');
    expect(availability).toContain('INSUFFICIENT_DATA');
    expect(terms.find((t: any) => t.kind === 'INCIDENT_RESOLUTION' && t.severity === 1).status).toBe('BREACHED');
    expect(credits.map((c: any) => c.kind)).toEqual(expect.arrayContaining(['AVAILABILITY', 'INCIDENT_RESOLUTION']));
    expect(Number(totals.creditsOwed)).toBeGreaterThan(0);
    expect(totals.breached).toBeGreaterThanOrEqual(2);
  });
});
