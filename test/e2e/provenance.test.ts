import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { ingest, supplierId } from '../support/feeds';
import { createAccessCircuit, firstSiteId, rx1AllDayContractId } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';

/** Last month, as the UK calendar has it: whole, and inside the retention window. */
const MONTH = DateTime.now().setZone('Europe/London').startOf('month').minus({ months: 1 });
const PERIOD = MONTH.toFormat('yyyy-MM');
const START = MONTH.toMillis();
const HOURS = Math.round((MONTH.plus({ months: 1 }).toMillis() - START) / 3_600_000);
const hour = (i: number) => new Date(START + i * 3_600_000).toISOString();

/**
 * Every incident, status change and downtime interval says which feed run delivered it and
 * where in that run's document: an auditor follows a figure back to its row.
 */
describe('provenance of incidents and downtime', () => {
  let server: TestServer;
  let manager: string;
  let coordinator: string;
  let pdn: string;
  let contractId: string;
  let serviceA: string;
  const refs = { a: 'PROV-A-0001', b: 'PROV-B-0001' };
  const runs: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ env: { PERFORMANCE_RETENTION_DAYS: '400' } });
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    coordinator = await server.token('X26', Role.SERVICE_COORDINATOR);
    pdn = await supplierId(server, manager, 'PDN00001');
    contractId = await rx1AllDayContractId(server, manager, pdn);
    const site = await firstSiteId(server, manager);
    const create = async (reference: string) => {
      const created = await createAccessCircuit(server, manager, { contractId, siteId: site, reference, monthlyCharge: '500.00' });
      expect(created.errors).toBeUndefined();
      return created.data.createService.id as string;
    };
    serviceA = await create(refs.a);
    await create(refs.b);
  });

  afterAll(() => server.stop());

  it('names the run and the CSV line or TMF621 path behind each incident and each status change from a feed', async () => {
    const csv = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INCIDENT',
      format: 'CSV',
      document: [
        'ticket_reference,service_reference,severity,status,opened_at,acknowledged_at,resolved_at,status_history',
        `PROV-INC-1,${refs.b},3,Resolved,${hour(30)},${hour(31)},${hour(33)},`,
        `PROV-INC-2,${refs.a},2,In Progress,${hour(200)},${hour(201)},,${hour(201)} ACKNOWLEDGED | ${hour(202)} IN_PROGRESS (engineer sent)`,
      ].join('\n'),
    });
    expect(csv.data.ingestFeed).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 2 });
    runs.incidentCsv = csv.data.ingestFeed.id;

    const tmf = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INCIDENT',
      format: 'TMF',
      document: JSON.stringify({
        troubleTicket: [
          {
            id: 'PROV-INC-3',
            severity: 'Minor',
            status: 'acknowledged',
            creationDate: hour(300),
            relatedEntity: [{ id: refs.b, role: 'affectedService' }],
          },
          // the CSV's second ticket again, resolved now: its source moves to this run and item
          {
            id: 'PROV-INC-2',
            severity: 'Major',
            status: 'resolved',
            creationDate: hour(200),
            resolutionDate: hour(205),
            relatedEntity: [{ id: refs.a, role: 'affectedService' }],
            statusChange: [{ changeDate: hour(205), status: 'resolved', changeReason: 'line card replaced' }],
          },
        ],
      }),
    });
    expect(tmf.data.ingestFeed).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 2 });
    runs.incidentTmf = tmf.data.ingestFeed.id;

    const logged = await server.gql(
      'query { incidents(first: 50) { edges { node { supplierRef loggedBy source { location lastLocation feedRun { id kind format checksum ' +
        '} } statusHistory { status reason source { location feedRun { id } } } } } } }',
      {},
      manager,
    );
    expect(logged.errors).toBeUndefined();
    const byRef = new Map(logged.data.incidents.edges.map((e: { node: { supplierRef: unknown } }) => [e.node.supplierRef, e.node]));
    type Logged = { source: { feedRun: { checksum: string } }; statusHistory: { status: unknown; source: unknown }[] };
    const one = byRef.get('PROV-INC-1') as Logged;
    const two = byRef.get('PROV-INC-2') as Logged;
    const three = byRef.get('PROV-INC-3') as Logged;

    expect(one.source).toEqual({
      location: 'line 2',
      lastLocation: null,
      feedRun: expect.objectContaining({ id: runs.incidentCsv, kind: 'INCIDENT', format: 'CSV' }),
    });
    expect(three.source).toEqual({
      location: '$.troubleTicket[0]',
      lastLocation: null,
      feedRun: expect.objectContaining({ id: runs.incidentTmf, format: 'TMF' }),
    });
    expect(two.source).toMatchObject({ location: '$.troubleTicket[1]', feedRun: { id: runs.incidentTmf } });

    // each history entry keeps the run and row it came in with
    const history = (status: string) => two.statusHistory.find((entry: { status: unknown }) => entry.status === status)!;
    expect(history('ACKNOWLEDGED').source).toEqual({ location: 'line 3', feedRun: { id: runs.incidentCsv } });
    expect(history('IN_PROGRESS').source).toEqual({ location: 'line 3', feedRun: { id: runs.incidentCsv } });
    expect(history('RESOLVED').source).toEqual({ location: '$.troubleTicket[1]', feedRun: { id: runs.incidentTmf } });

    // the run named can be fetched, and its rows checked against the document's checksum
    const run = await server.gql('query($id: ID!) { feedRun(id: $id) { id checksum rowsRead } }', { id: runs.incidentCsv }, manager);
    expect(run.data.feedRun).toMatchObject({ id: runs.incidentCsv, checksum: one.source.feedRun.checksum, rowsRead: 2 });
  });

  it('gives no feed source for an incident a person logged, and no run to a viewer who may not read feed runs', async () => {
    const contact = await server.gql(
      'mutation { createContact(input: { name: "Duty manager", email: "duty@example.nhs.uk" }) { id } }',
      {},
      manager,
    );
    expect(contact.errors).toBeUndefined();
    const logged = await server.gql(
      'mutation($i: LogIncidentInput!) { logIncident(input: $i) { loggedBy source { location } statusHistory { source { location } } } }',
      {
        i: {
          serviceId: serviceA,
          severity: 4,
          summary: 'Slow browsing',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          impact: 'Web slow',
          customerImpact: 'Staff wait for pages',
          stepsTaken: 'Rebooted the router',
          updatesContactId: contact.data.createContact.id,
        },
      },
      manager,
    );
    expect(logged.errors).toBeUndefined();
    expect(logged.data.logIncident).toMatchObject({ source: null, statusHistory: [{ source: null }] });
    expect(logged.data.logIncident.loggedBy).toBeTruthy();

    const seen = await server.gql(
      'query { incidents(first: 50, filter: { severity: [2] }) { edges { node { supplierRef source { location feedRun { id } } } } } }',
      {},
      coordinator,
    );
    expect(seen.errors).toBeUndefined();
    const two = seen.data.incidents.edges
      .map((e: { node: unknown }) => e.node)
      .find((node: { supplierRef: unknown }) => node.supplierRef === 'PROV-INC-2');
    expect(two.source).toEqual({ location: '$.troubleTicket[1]', feedRun: null });
  });

  it('names the performance runs and rows behind each downtime interval of an SLA report', async () => {
    // B's rows first, then A's: A's samples are lines HOURS + 2 to 2 × HOURS + 1 of the CSV
    const rows = ['service_reference,interval_start,interval,availability_seconds'];
    for (let i = 0; i < HOURS; i += 1) rows.push(`${refs.b},${hour(i)},1h,3600`);
    // A is down 10:00–13:00 UTC on the 10th
    const outage = (i: number) => i >= 9 * 24 + 10 && i < 9 * 24 + 13;
    for (let i = 0; i < HOURS; i += 1) rows.push(`${refs.a},${hour(i)},1h,${outage(i) ? 0 : 3600}`);
    const csv = await ingest(server, manager, { supplierId: pdn, kind: 'PERFORMANCE', format: 'CSV', document: rows.join('\n') });
    expect(csv.data.ingestFeed).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 2 * HOURS });
    runs.performanceCsv = csv.data.ingestFeed.id;

    // a later TMF628 document corrects two hours on the 20th: A was down then too
    const corrected = [19 * 24 + 6, 19 * 24 + 7];
    const tmf = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'PERFORMANCE',
      format: 'TMF',
      document: JSON.stringify({
        performanceMeasurement: corrected.map((i) => ({
          serviceId: refs.a,
          observationTime: hour(i),
          granularity: 'g_1h',
          indicators: [{ name: 'availability', value: 0, unit: '%' }],
        })),
      }),
    });
    expect(tmf.data.ingestFeed).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 2 });
    runs.performanceTmf = tmf.data.ingestFeed.id;

    const report = await server.gql(
      `query($c: ID!, $p: String!) { slaReport(contractId: $c, period: $p) { terms { kind service { reference }
        downtime { start end downSeconds sources { location lastLocation coversFrom coversTo feedRun { id kind format } } } } } }`,
      { c: contractId, p: PERIOD },
      manager,
    );
    expect(report.errors).toBeUndefined();
    const term = report.data.slaReport.terms.find(
      (t: { kind: string; service: { reference: string } | null }) => t.kind === 'AVAILABILITY' && t.service?.reference === refs.a,
    );
    const wholeMonth = {
      location: `line ${HOURS + 2}`,
      lastLocation: `line ${2 * HOURS + 1}`,
      coversFrom: hour(0),
      coversTo: hour(HOURS),
      feedRun: { id: runs.performanceCsv, kind: 'PERFORMANCE', format: 'CSV' },
    };
    expect(term.downtime).toEqual([
      { start: hour(9 * 24 + 10), end: hour(9 * 24 + 13), downSeconds: 3 * 3600, sources: [wholeMonth] },
      {
        start: hour(19 * 24 + 6),
        end: hour(19 * 24 + 8),
        downSeconds: 2 * 3600,
        sources: [
          wholeMonth,
          {
            location: '$.performanceMeasurement[0]',
            lastLocation: '$.performanceMeasurement[1]',
            coversFrom: hour(19 * 24 + 6),
            coversTo: hour(19 * 24 + 8),
            feedRun: { id: runs.performanceTmf, kind: 'PERFORMANCE', format: 'TMF' },
          },
        ],
      },
    ]);
  });

  it('looks the sources of every downtime interval of a report up in one statement', async () => {
    const query = `query($c: ID!, $p: String!) { slaReport(contractId: $c, period: $p) { terms { downtime { start sources { location feedRun { id } } } } } }`;
    const without = `query($c: ID!, $p: String!) { slaReport(contractId: $c, period: $p) { terms { downtime { start } } } }`;
    const withSources = await server.countStatements(() => server.gql(query, { c: contractId, p: PERIOD }, manager));
    const plain = await server.countStatements(() => server.gql(without, { c: contractId, p: PERIOD }, manager));
    // the spans (one statement) and the runs they name (one more, through the loader)
    expect(withSources - plain).toBe(2);
  });
});
