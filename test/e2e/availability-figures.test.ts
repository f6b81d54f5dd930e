import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { ingest, supplierId } from '../support/feeds';
import { createAccessCircuit, firstSiteId, rx1AllDayContractId } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';

/** Last month, as the UK calendar has it: whole, and inside the retention window. */
const MONTH = DateTime.now().setZone('Europe/London').startOf('month').minus({ months: 1 });
const PERIOD = MONTH.toFormat('yyyy-MM');
const START = MONTH.toMillis();
const END = MONTH.plus({ months: 1 }).toMillis();
const HOURS = Math.round((END - START) / 3_600_000);
const hour = (i: number) => new Date(START + i * 3_600_000).toISOString();

/**
 * serviceAvailability and slaReport speak of one service's month. Where they give the same
 * figure they agree; where they give different ones, the names say which includes what and
 * the difference is exactly the maintenance window.
 */
describe('one availability figure per service and month', () => {
  let server: TestServer;
  let manager: string;
  let contractId: string;
  let serviceId: string;
  const reference = 'AVF-C-0001';
  // a four-hour maintenance window on the 12th, 01:00–05:00 UTC; the service was down for two hours of it
  const WINDOW = { from: 11 * 24 + 1, to: 11 * 24 + 5 };
  const downInWindow = (i: number) => i >= WINDOW.from + 1 && i < WINDOW.from + 3;
  // and down for three hours outside it, on the 20th
  const downOutside = (i: number) => i >= 19 * 24 + 14 && i < 19 * 24 + 17;

  beforeAll(async () => {
    server = await startTestServer({ env: { PERFORMANCE_RETENTION_DAYS: '400' } });
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const pdn = await supplierId(server, manager, 'PDN00001');
    contractId = await rx1AllDayContractId(server, manager, pdn);
    const site = await firstSiteId(server, manager);
    const created = await createAccessCircuit(server, manager, { contractId, siteId: site, reference, monthlyCharge: '800.00' });
    expect(created.errors).toBeUndefined();
    serviceId = created.data.createService.id;

    const rows = ['service_reference,interval_start,interval,availability_seconds'];
    for (let i = 0; i < HOURS; i += 1) rows.push(`${reference},${hour(i)},1h,${downInWindow(i) || downOutside(i) ? 0 : 3600}`);
    const run = await ingest(server, manager, { supplierId: pdn, kind: 'PERFORMANCE', format: 'CSV', document: rows.join('\n') });
    expect(run.data.ingestFeed).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: HOURS });
    const window = await server.gql(
      'mutation($i: ExclusionWindowInput!) { recordExclusionWindow(input: $i) { id } }',
      {
        i: {
          serviceId,
          kind: 'PLANNED_MAINTENANCE',
          startsAt: hour(WINDOW.from),
          endsAt: hour(WINDOW.to),
          reason: 'Core router upgrade CHG-2001',
        },
      },
      manager,
    );
    expect(window.errors).toBeUndefined();
  });

  afterAll(() => server.stop());

  const monthPoint = async () => {
    const series = await server.gql(
      `query($s: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { serviceAvailability(serviceId: $s, from: $from, to: $to, granularity: ` +
        `MONTH) {
        start end coveredSeconds upSeconds availabilityPercent coveragePercent excludedSeconds slaCoveredSeconds slaUpSeconds ` +
        `slaAvailabilityPercent slaCoveragePercent } }`,
      { s: serviceId, from: new Date(START).toISOString(), to: new Date(END).toISOString() },
      manager,
    );
    expect(series.errors).toBeUndefined();
    expect(series.data.serviceAvailability).toHaveLength(1);
    return series.data.serviceAvailability[0];
  };

  const reportTerm = async () => {
    const report = await server.gql(
      'query($c: ID!, $p: String!) { slaReport(contractId: $c, period: $p) { terms { kind achieved coveragePercent note service { reference } } } }',
      { c: contractId, p: PERIOD },
      manager,
    );
    expect(report.errors).toBeUndefined();
    return report.data.slaReport.terms.find(
      (t: { kind: string; service: { reference: string } | null }) => t.kind === 'AVAILABILITY' && t.service?.reference === reference,
    );
  };

  it("gives the SLA report's figure for the month as slaAvailabilityPercent, with the same coverage", async () => {
    const [point, term] = await Promise.all([monthPoint(), reportTerm()]);
    // (HOURS − 4 − 3) up of HOURS − 4 reported hours outside the window
    const expected = (Math.floor(((HOURS - 7) / (HOURS - 4)) * 100_000) / 1000).toFixed(3);
    expect(term.achieved).toBe(`${expected}%`);
    expect(point.slaAvailabilityPercent).toBe(expected);
    expect(term.coveragePercent).toBe('100.0');
    expect(point.slaCoveragePercent).toBe(term.coveragePercent);
  });

  it('gives the figure as measured as availabilityPercent, differing from the SLA figure by exactly the excluded minutes', async () => {
    const [point, term] = await Promise.all([monthPoint(), reportTerm()]);
    const measured = (Math.floor(((HOURS - 5) / HOURS) * 100_000) / 1000).toFixed(3);
    expect(point).toMatchObject({
      coveredSeconds: HOURS * 3600,
      upSeconds: (HOURS - 5) * 3600,
      availabilityPercent: measured,
      coveragePercent: '100.0',
    });
    expect(point.availabilityPercent).not.toBe(point.slaAvailabilityPercent);
    // the window's four hours, two of them down, come out of both sides, and nothing else does
    expect(point.excludedSeconds).toBe(4 * 3600);
    expect(point.coveredSeconds - point.slaCoveredSeconds).toBe(point.excludedSeconds);
    expect(point.upSeconds - point.slaUpSeconds).toBe(2 * 3600);
    // the report says the same minutes were excluded
    expect(term.note).toBe(
      `${reference}: ${(HOURS - 7) * 60} of ${(HOURS - 4) * 60} reported minutes up, ${point.excludedSeconds / 60} minutes excluded`,
    );
  });

  it('takes the window out of the day it falls in, and out of no other day', async () => {
    const days = await server.gql(
      `query($s: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { serviceAvailability(serviceId: $s, from: $from, to: $to, granularity: DAY) {
        start availabilityPercent excludedSeconds slaCoveredSeconds slaAvailabilityPercent } }`,
      { s: serviceId, from: new Date(START).toISOString(), to: new Date(END).toISOString() },
      manager,
    );
    expect(days.errors).toBeUndefined();
    const withWindow = days.data.serviceAvailability.filter((day: { excludedSeconds: number }) => day.excludedSeconds > 0);
    expect(withWindow).toHaveLength(1);
    // the 12th (UK): 24 or 25 hours of samples, less the four-hour window, all up outside it
    expect(withWindow[0]).toMatchObject({ excludedSeconds: 4 * 3600, slaAvailabilityPercent: '100.000' });
    expect(withWindow[0].availabilityPercent).not.toBe('100.000');
  });
});
