import { Role } from '../../src/auth/roles';
import { ingest, supplierId } from '../support/feeds';
import { startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const HEADER = 'ticket_reference,service_reference,severity,status,summary,opened_at,acknowledged_at,resolved_at,status_history';

/** Incident clocks through the API, on the demo contracts' service hours and default targets. */
describe('incident clocks in the API', () => {
  let server: TestServer;
  let manager: string;
  let pdn: string;
  let reference: string;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    pdn = await supplierId(server, manager, 'PDN00001');
    const services = await server.gql(
      'query($s: ID!) { services(first: 100, filter: { supplierId: $s, status: [ACTIVE] }) { edges { node { reference contract { serviceHours } } } } }',
      { s: pdn },
      manager,
    );
    const allDay = services.data.services.edges
      .map((e: { node: unknown }) => e.node)
      .find((n: { contract: { serviceHours: unknown } }) => n.contract.serviceHours === 'TWENTY_FOUR_SEVEN');
    expect(allDay).toBeDefined();
    reference = allDay.reference;
  });

  afterAll(() => server.stop());

  it("exposes each incident's clocks, targets and breaches, with pauses not counted", async () => {
    const now = Date.now();
    const iso = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
    const document = [
      HEADER,
      // resolved: 4 h 45 m open, 2 h 30 m of it awaiting the customer
      `T-RESOLVED,${reference},1,Resolved,Line card,${iso(30)},${iso(29.9)},${iso(25.25)},${iso(29.9)} IN_PROGRESS | ${iso(29)} PENDING ` +
        `(awaiting access) | ${iso(26.5)} IN_PROGRESS | ${iso(25.25)} RESOLVED`,
      // open for six hours, severity 1: over any Severity 1 target on a 24x7 contract
      `T-OPEN,${reference},1,In Progress,Outage,${iso(6)},${iso(5.9)},,`,
    ].join('\n');
    const run = await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document });
    expect(run.data.ingestFeed.rowsAccepted).toBe(2);
    const response = await server.gql(
      `{ incidents { edges { node { supplierRef responseBusinessMinutes resolutionBusinessMinutes pausedMinutes responseTargetMinutes
          resolutionTargetMinutes responseBreached resolutionBreached resolutionDueAt percentOfTargetElapsed slaStage clockPaused } } } }`,
      {},
      manager,
    );
    expect(response.errors).toBeUndefined();
    const byRef = Object.fromEntries(
      response.data.incidents.edges.map((e: { node: { supplierRef: unknown } }) => [e.node.supplierRef, e.node]),
    );
    expect(byRef['T-RESOLVED']).toMatchObject({ resolutionDueAt: null, percentOfTargetElapsed: null, clockPaused: false });
    expect(byRef['T-RESOLVED'].resolutionTargetMinutes).toBeGreaterThan(0);
    // a 24x7 contract: every minute counts but the paused ones
    expect(byRef['T-RESOLVED']).toMatchObject({
      resolutionBusinessMinutes: 135,
      pausedMinutes: 150,
      slaStage: 'MET',
      resolutionBreached: false,
    });
    expect(byRef['T-OPEN']).toMatchObject({ resolutionBreached: true, slaStage: 'BREACHED' });
    expect(byRef['T-OPEN'].percentOfTargetElapsed).toBeGreaterThan(100);
    const atRisk = await server.gql('{ incidentsAtRisk { edges { node { supplierRef } } } }', {}, manager);
    expect(atRisk.data.incidentsAtRisk.edges.map((e: { node: { supplierRef: unknown } }) => e.node.supplierRef)).toContain('T-OPEN');
    expect(new Date(byRef['T-OPEN'].resolutionDueAt).getTime()).toBeGreaterThan(now - 6 * 3_600_000);
  });

  it('lists open incidents at risk, most urgent first, and costs the same statements for one incident as for many', async () => {
    const atRisk = await server.gql(
      '{ incidentsAtRisk(after: null) { totalCount edges { node { supplierRef slaStage percentOfTargetElapsed } } } }',
      {},
      manager,
    );
    expect(atRisk.errors).toBeUndefined();
    const incidents = atRisk.data.incidentsAtRisk.edges.map((e: { node: unknown }) => e.node);
    expect(atRisk.data.incidentsAtRisk.totalCount).toBe(incidents.length);
    for (const incident of incidents) expect(['WARNING_75', 'BREACHED']).toContain(incident.slaStage);
    const percents = incidents.map((i: { percentOfTargetElapsed: unknown }) => i.percentOfTargetElapsed);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    // a page at a time, in the same order
    const pages: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const page: GraphqlResponse = await server.gql(
        'query($after: String) { incidentsAtRisk(first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { supplierRef } } } }',
        { after },
        manager,
      );
      pages.push(...page.data.incidentsAtRisk.edges.map((e: { node: { supplierRef: unknown } }) => e.node.supplierRef));
      ({ hasNextPage: more, endCursor: after } = page.data.incidentsAtRisk.pageInfo);
    }
    expect(pages).toEqual(incidents.map((i: { supplierRef: unknown }) => i.supplierRef));

    const query = 'query($n: Int) { incidents(first: $n) { edges { node { resolutionBusinessMinutes slaStage responseTargetMinutes } } } }';
    const one = await server.countStatements(() => server.gql(query, { n: 1 }, manager));
    const two = await server.countStatements(() => server.gql(query, { n: 2 }, manager));
    expect(two).toBe(one);
  });

  it("counts a contract's own calendar: Saturdays too, from 07:00 to 20:00", async () => {
    const calendar = await server.gql(
      `mutation { defineServiceCalendar(input: { name: "extended-hours", excludeBankHolidays: true,
         windows: [${[1, 2, 3, 4, 5, 6].map((d) => `{ weekday: ${d}, from: "07:00", to: "20:00" }`).join(', ')}] }) { id name windows { weekday from to } } }`,
      {},
      manager,
    );
    expect(calendar.errors).toBeUndefined();
    const badWindow = await server.gql(
      'mutation { defineServiceCalendar(input: { name: "x", windows: [{ weekday: 8, from: "07:00", to: "20:00" }] }) { id } }',
      {},
      manager,
    );
    expect(badWindow.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.windows.0.weekday' });

    const base = {
      supplierId: pdn,
      reference: 'RX1-EXT-01',
      title: 'Extended hours circuits',
      procurementRoute: 'DIRECT_AWARD',
      status: 'ACTIVE',
      startDate: '2026-01-01',
      initialTermMonths: 36,
      noticePeriodDays: 90,
      serviceWrap: 'MINIMUM',
      serviceHours: 'BUSINESS_HOURS',
    };
    const unknown = await server.gql(
      'mutation($i: CreateContractInput!) { createContract(input: $i) { id } }',
      { i: { ...base, serviceHoursCalendar: 'no-such-calendar' } },
      manager,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.serviceHoursCalendar',
      reason: 'UNKNOWN_CALENDAR',
    });
    const contract = await server.gql(
      'mutation($i: CreateContractInput!) { createContract(input: $i) { id } }',
      { i: { ...base, serviceHoursCalendar: 'extended-hours' } },
      manager,
    );
    const site = (await server.gql('{ sites(first: 1) { edges { node { id } } } }', {}, manager)).data.sites.edges[0].node.id;
    await server.gql(
      'mutation($i: CreateServiceInput!) { createService(input: $i) { id } }',
      {
        i: {
          contractId: contract.data.createContract.id,
          siteId: site,
          reference: 'PDN-EXT-0001',
          type: 'ACCESS_CIRCUIT',
          bandwidthMbps: 100,
          resilience: 'RESILIENT',
          status: 'ACTIVE',
          installDate: '2026-01-05',
          monthlyCharge: '500.00',
        },
      },
      manager,
    );
    // Saturday 28 November 10:00–12:00 GMT: two service hours on this calendar, none on standard business hours
    const run = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INCIDENT',
      format: 'CSV',
      document: `${HEADER}\nT-EXT,PDN-EXT-0001,3,Resolved,Router fault,2026-11-28T10:00:00Z,2026-11-28T10:05:00Z,2026-11-28T12:00:00Z,`,
    });
    expect(run.data.ingestFeed.rowsAccepted).toBe(1);
    const incidents = await server.gql(
      '{ incidents(first: 100) { edges { node { supplierRef resolutionBusinessMinutes responseBusinessMinutes } } } }',
      {},
      manager,
    );
    expect(
      incidents.data.incidents.edges.map((e: { node: unknown }) => e.node).find((n: { supplierRef: unknown }) => n.supplierRef === 'T-EXT'),
    ).toMatchObject({
      resolutionBusinessMinutes: 120,
      responseBusinessMinutes: 5,
    });
  });
});
