import { Role } from '../../src/auth/roles';
import { freezeMonthsBeforePruning } from '../../src/performance/monthly-percentiles';
import { pruneRawSamples } from '../../src/performance/retention';
import { ingest, supplierId } from '../support/feeds';
import { createAccessCircuit, firstSiteId, rx1AllDayContractId } from '../support/services';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const OCTOBER_START = Date.parse('2026-09-30T23:00:00Z'); // 00:00 BST on 1 October
const HOURS_IN_OCTOBER = 745; // 31 days and the hour the clocks went back

/** October 2026 for three services on a 24x7 contract, worked out by hand. */
describe('the monthly SLA report', () => {
  let server: TestServer;
  let manager: string;
  let contractId: string;
  const refs = { a: 'SLA-A-0001', b: 'SLA-B-0001', c: 'SLA-C-0001', d: 'SLA-D-0001' };

  const query = `query($c: ID!) { slaReport(contractId: $c, period: "2026-10") {
    period coverageThresholdPercent
    terms { kind severity target achieved coveragePercent status contractual note service { reference }
      downtime { start end downSeconds } exclusions { kind reason } incidents { supplierRef minutes targetMinutes incident { id } } }
    credits { kind amount reason service { reference } }
    totals { met breached insufficientData notApplicable creditsBeforeCap creditsOwed cap } } }`;

  beforeAll(async () => {
    server = await startTestServer({ env: { PERFORMANCE_RETENTION_DAYS: '400' } });
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const pdn = await supplierId(server, manager, 'PDN00001');
    contractId = await rx1AllDayContractId(server, manager, pdn);
    const site = await firstSiteId(server, manager);
    const create = (reference: string, installDate: string, monthlyCharge: string) =>
      createAccessCircuit(server, manager, { contractId, siteId: site, reference, installDate, monthlyCharge });
    const a = await create(refs.a, '2025-01-01', '1000.00');
    await create(refs.b, '2026-10-17', '400.00');
    await create(refs.c, '2025-01-01', '600.00');
    const d = await createAccessCircuit(server, manager, {
      contractId,
      siteId: site,
      reference: refs.d,
      resilience: 'NON_RESILIENT',
      monthlyCharge: '100.00',
    });
    expect(d.errors).toBeUndefined();

    const rows = ['service_reference,interval_start,interval,availability_seconds,latency_ms'];
    const hour = (i: number) => new Date(OCTOBER_START + i * 3_600_000).toISOString();
    const outage = (i: number) => i >= 227 && i < 237; // 10:00–20:00 UTC on 10 October: 9 days and 11 hours in
    // A's latency: 40 ms one hour in twenty (38 of 745), 10 ms otherwise
    for (let i = 0; i < HOURS_IN_OCTOBER; i += 1) rows.push(`${refs.a},${hour(i)},1h,${outage(i) ? 0 : 3600},${i % 20 === 0 ? 40 : 10}`);
    for (let i = HOURS_IN_OCTOBER - 361; i < HOURS_IN_OCTOBER; i += 1) rows.push(`${refs.b},${hour(i)},1h,3600,`);
    for (let i = 0; i < 480; i += 1) rows.push(`${refs.c},${hour(i)},1h,3600,`);
    // D is down in the month's first hour (23:00 UTC on 30 September) and across UK midnight on 4–5 October
    for (let i = 0; i < HOURS_IN_OCTOBER; i += 1) rows.push(`${refs.d},${hour(i)},1h,${i === 0 || i === 95 || i === 96 ? 0 : 3600},`);
    const performance = await ingest(server, manager, { supplierId: pdn, kind: 'PERFORMANCE', format: 'CSV', document: rows.join('\n') });
    expect(performance.data.ingestFeed).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 2 * HOURS_IN_OCTOBER + 361 + 480 });

    const incident = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INCIDENT',
      format: 'CSV',
      document: [
        'ticket_reference,service_reference,severity,status,opened_at,acknowledged_at,resolved_at,status_history',
        `SLA-INC-1,${refs.a},1,Resolved,2026-10-10T10:00:00Z,2026-10-10T10:10:00Z,2026-10-10T20:00:00Z,`,
        // six hours open, two of them awaiting the customer: four hours on the clock, inside the five-hour target
        `SLA-INC-2,${refs.c},1,Resolved,2026-10-20T10:00:00Z,2026-10-20T10:10:00Z,2026-10-20T16:00:00Z,2026-10-20T10:10:00Z IN_PROGRESS | ` +
          `2026-10-20T11:00:00Z PENDING (awaiting access) | 2026-10-20T13:00:00Z IN_PROGRESS | 2026-10-20T16:00:00Z RESOLVED`,
      ].join('\n'),
    });
    expect(incident.data.ingestFeed.rowsAccepted).toBe(2);
    const window = await server.gql(
      'mutation($s: ID!) { recordExclusionWindow(input: { serviceId: $s, kind: PLANNED_MAINTENANCE, startsAt: "2026-10-10T10:00:00Z", ' +
        'endsAt: "2026-10-10T14:00:00Z", reason: "Core router upgrade CHG-1042" }) { id } }',
      { s: a.data.createService.id },
      manager,
    );
    expect(window.errors).toBeUndefined();
  });

  afterAll(() => server.stop());

  /** a term or a credit of the report, by what the tests pick it by */
  type Of = { kind: string | null; service?: { reference: string } | null };
  type Term = Of & { exclusions: unknown; downtime: unknown };
  const availabilityOf = (report: { terms: Term[] }, reference: string) =>
    report.terms.find((t: Term) => t.kind === 'AVAILABILITY' && t.service?.reference === reference)!;

  it('measures availability over the month, less maintenance, with its coverage and evidence', async () => {
    const { data, errors } = await server.gql(query, { c: contractId }, manager);
    expect(errors).toBeUndefined();
    const report = data.slaReport;
    // 745 hours less 4 excluded = 741 measured, 735 of them up
    expect(availabilityOf(report, refs.a)).toMatchObject({
      target: '99.5%',
      achieved: '99.190%',
      coveragePercent: '100.0',
      status: 'BREACHED',
      contractual: false,
    });
    expect(availabilityOf(report, refs.a).exclusions).toEqual([{ kind: 'PLANNED_MAINTENANCE', reason: 'Core router upgrade CHG-1042' }]);
    expect(availabilityOf(report, refs.a).downtime).toEqual([
      { start: '2026-10-10T10:00:00.000Z', end: '2026-10-10T20:00:00.000Z', downSeconds: 36_000 },
    ]);
    // installed on the 17th: measured over its 361 live hours only
    expect(availabilityOf(report, refs.b)).toMatchObject({ achieved: '100.000%', coveragePercent: '100.0', status: 'MET' });
    // 480 of 745 hours reported: never reported as met
    expect(availabilityOf(report, refs.c)).toMatchObject({ achieved: '100.000%', coveragePercent: '64.4', status: 'INSUFFICIENT_DATA' });
  });

  it("gives the downtime of every down hour, across UK midnight and from the month's first hour", async () => {
    const report = (await server.gql(query, { c: contractId }, manager)).data.slaReport;
    // 742 of 745 hours up: 99.597 % against the 99 % a non-resilient service owes, so met, with its evidence all the same
    expect(availabilityOf(report, refs.d)).toMatchObject({ achieved: '99.597%', status: 'MET' });
    expect(availabilityOf(report, refs.d).downtime).toEqual([
      { start: '2026-09-30T23:00:00.000Z', end: '2026-10-01T00:00:00.000Z', downSeconds: 3_600 },
      { start: '2026-10-04T22:00:00.000Z', end: '2026-10-05T00:00:00.000Z', downSeconds: 7_200 },
    ]);
  });

  it('judges incidents per severity and owes exact credits for each breach', async () => {
    const report = (await server.gql(query, { c: contractId }, manager)).data.slaReport;
    const resolution = report.terms.find((t: { kind: unknown; severity: unknown }) => t.kind === 'INCIDENT_RESOLUTION' && t.severity === 1);
    // SLA-INC-2's paused hours do not count: 240 minutes, within target
    expect(resolution).toMatchObject({ achieved: '1 of 2 (50.0%)', status: 'BREACHED' });
    expect(resolution.incidents).toEqual([expect.objectContaining({ supplierRef: 'SLA-INC-1', minutes: 600 })]);
    expect(
      report.terms.find((t: { kind: unknown; severity: unknown }) => t.kind === 'INCIDENT_RESPONSE' && t.severity === 1),
    ).toMatchObject({
      achieved: '2 of 2 (100.0%)',
      status: 'MET',
    });
    expect(
      report.terms.find((t: { kind: unknown; severity: unknown }) => t.kind === 'INCIDENT_RESOLUTION' && t.severity === 3),
    ).toMatchObject({ status: 'NOT_APPLICABLE' });

    const credits = report.credits.filter((c: Of) => c.service?.reference === refs.a);
    expect(credits.map((c: { kind: unknown; amount: unknown }) => [c.kind, c.amount])).toEqual([
      ['AVAILABILITY', '50.00'], // 0.310 points short: the 5 % band of £1,000.00
      ['INCIDENT_RESOLUTION', '50.00'],
    ]);
    expect(report.totals.creditsOwed).toBe('100.00');
  });

  it("applies the contract's own terms and its cap", async () => {
    const term = await server.gql(
      'mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: AVAILABILITY, resilience: RESILIENT, targetPercent: "99.9" }) { id } }',
      { c: contractId },
      manager,
    );
    expect(term.errors).toBeUndefined();
    await server.gql(
      'mutation($c: ID!) { setCreditPolicy(contractId: $c, input: { availabilityBands: [{ shortfallUpTo: "0.5", creditPercent: "5" }, { ' +
        'shortfallUpTo: null, creditPercent: "12.5" }], resolutionBreachPercent: "5", capAmount: "130.00" }) { id } }',
      { c: contractId },
      manager,
    );
    const report = (await server.gql(query, { c: contractId }, manager)).data.slaReport;
    expect(availabilityOf(report, refs.a)).toMatchObject({ target: '99.9%', contractual: true, status: 'BREACHED' });
    expect(report.credits.find((c: Of) => c.kind === 'AVAILABILITY' && c.service?.reference === refs.a).amount).toBe('125.00');
    expect(report.totals).toMatchObject({ creditsBeforeCap: '175.00', creditsOwed: '130.00', cap: '130.00' });
    expect(report.credits.at(-1)).toMatchObject({ kind: null, amount: '-45.00' });
  });

  it("gives a service's availability as a series, with UK days of 24 and 25 hours", async () => {
    const services = await server.gql(
      'query($c: ID!) { services(filter: { contractId: $c, search: "SLA-A" }) { edges { node { id } } } }',
      { c: contractId },
      manager,
    );
    const id = services.data.services.edges[0].node.id;
    const series = (granularity: string, from: string, to: string) =>
      server.gql(
        'query($s: ID!, $f: DateTimeISO!, $t: DateTimeISO!, $g: Granularity!) { serviceAvailability(serviceId: $s, from: $f, to: $t, ' +
          'granularity: $g) { start coveredSeconds upSeconds availabilityPercent coveragePercent } }',
        { s: id, f: from, t: to, g: granularity },
        manager,
      );
    const days = (await series('DAY', '2026-09-30T23:00:00Z', '2026-11-01T00:00:00Z')).data.serviceAvailability;
    expect(days).toHaveLength(31);
    expect(days[9]).toMatchObject({
      start: '2026-10-09T23:00:00.000Z',
      coveredSeconds: 86_400,
      availabilityPercent: '58.333',
      coveragePercent: '100.0',
    });
    expect(days[24]).toMatchObject({ coveredSeconds: 90_000, availabilityPercent: '100.000' }); // 25 October: 25 hours
    const month = (await series('MONTH', '2026-09-30T23:00:00Z', '2026-11-01T00:00:00Z')).data.serviceAvailability;
    expect(month).toEqual([expect.objectContaining({ coveredSeconds: 745 * 3600, upSeconds: 735 * 3600, availabilityPercent: '98.657' })]);
    const hours = (await series('HOUR', '2026-10-10T09:00:00Z', '2026-10-10T12:00:00Z')).data.serviceAvailability;
    expect(hours.map((h: { availabilityPercent: unknown }) => h.availabilityPercent)).toEqual(['100.000', '0.000', '0.000']);
    const tooMany = await series('HOUR', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_POINTS' });
  });

  it('raises capacity alerts from daily 95th-percentile utilisation, with the next tier up', async () => {
    const pdn = await supplierId(server, manager, 'PDN00001');
    const rows = ['service_reference,interval_start,interval,availability_seconds,utilisation_in_pct,utilisation_out_pct'];
    for (let i = HOURS_IN_OCTOBER - 361; i < HOURS_IN_OCTOBER; i += 1)
      rows.push(`${refs.b},${new Date(OCTOBER_START + i * 3_600_000).toISOString()},1h,3600,${i % 24 < 20 ? 91 : 40},30`);
    const run = await ingest(server, manager, { supplierId: pdn, kind: 'PERFORMANCE', format: 'CSV', document: rows.join('\n') });
    expect(run.data.ingestFeed.rowsAccepted).toBe(361);
    const alerts = await server.gql(
      '{ capacityAlerts(period: "2026-10", thresholdPercent: 80, minDays: 3) { daysOver peakP95Percent suggestedBandwidthMbps service { ' +
        'reference bandwidthMbps } } }',
      {},
      manager,
    );
    expect(alerts.data.capacityAlerts).toEqual([
      { daysOver: 15, peakP95Percent: '91.00', suggestedBandwidthMbps: 200, service: { reference: refs.b, bandwidthMbps: 100 } },
    ]);
    const none = await server.gql('{ capacityAlerts(period: "2026-10", thresholdPercent: 95) { daysOver } }', {}, manager);
    expect(none.data.capacityAlerts).toEqual([]);
  });

  it('measures latency terms as a monthly mean or a nearest-rank 95th percentile', async () => {
    await server.gql(
      'mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: LATENCY, threshold: "12", statistic: MEAN }) { id } }',
      { c: contractId },
      manager,
    );
    const report = (await server.gql(query, { c: contractId }, manager)).data.slaReport;
    const mean = report.terms.find((t: Of) => t.kind === 'LATENCY' && t.service?.reference === refs.a);
    // (38 × 40 + 707 × 10) ÷ 745 = 11.530 ms
    expect(mean).toMatchObject({ target: 'mean ≤ 12 ms', achieved: '11.53 ms', status: 'MET' });
    expect(report.terms.find((t: Of) => t.kind === 'LATENCY' && t.service?.reference === refs.b)).toMatchObject({
      status: 'INSUFFICIENT_DATA',
      achieved: null,
    });

    await server.gql(
      'mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: LATENCY, threshold: "25", statistic: P95 }) { id } }',
      { c: contractId },
      manager,
    );
    const p95 = (await server.gql(query, { c: contractId }, manager)).data.slaReport.terms.find(
      (t: Of) => t.kind === 'LATENCY' && t.service?.reference === refs.a,
    );
    // rank ⌈0.95 × 745⌉ = 708: past the 707 samples of 10 ms
    expect(p95).toMatchObject({ target: '95th percentile ≤ 25 ms', achieved: '40 ms', status: 'BREACHED' });
  });

  it("keeps a month's 95th percentiles once its raw samples are pruned, and refuses corrections to it", async () => {
    const latencyOfA = async () =>
      (await server.gql(query, { c: contractId }, manager)).data.slaReport.terms.find(
        (t: Of) => t.kind === 'LATENCY' && t.service?.reference === refs.a,
      );
    // the housekeeping prune as it would run in January with 35 days' retention: October's samples go
    const pruned = await pruneRawSamples(server.db.dataSource.manager, 35, new Date('2027-01-10T12:00:00Z'));
    expect(pruned).toBeGreaterThanOrEqual(HOURS_IN_OCTOBER + 361 + 480);
    const [{ remaining }] = await server.db.dataSource.query(
      `SELECT COUNT(*) AS remaining FROM performance_sample WHERE day >= '2026-10-01' AND day <= '2026-10-31'`,
    );
    expect(Number(remaining)).toBe(0);
    // each ended month is fixed once; January, still running on the 10th, is not
    const frozen = await server.db.dataSource.query('SELECT period FROM performance_month_frozen ORDER BY period');
    expect(frozen.map((row: { period: string }) => row.period)).toEqual(expect.arrayContaining(['2026-10', '2026-11', '2026-12']));
    expect(frozen.map((row: { period: string }) => row.period)).not.toContain('2027-01');
    expect(
      await freezeMonthsBeforePruning(server.db.dataSource.manager, new Date('2027-01-09T00:00:00Z'), new Date('2027-01-10T12:00:00Z')),
    ).toEqual([]);

    const p95 = await latencyOfA();
    expect(p95).toMatchObject({ target: '95th percentile ≤ 25 ms', achieved: '40 ms', status: 'BREACHED' });
    expect(p95.note).toBe(
      `${refs.a}: nearest-rank 95th percentile of ${HOURS_IN_OCTOBER} samples, fixed on 2027-01-10 before the raw samples were pruned`,
    );

    const pdn = await supplierId(server, manager, 'PDN00001');
    const correction = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'PERFORMANCE',
      format: 'CSV',
      document: `service_reference,interval_start,interval,availability_seconds,latency_ms\n${refs.a},2026-10-05T10:00:00Z,1h,3600,99`,
    });
    expect(correction.data.ingestFeed).toMatchObject({ rowsAccepted: 0, rowsRejected: 1 });
    expect(correction.data.ingestFeed.rejectedRows.edges[0].node).toMatchObject({
      field: 'intervalStart',
      reason: expect.stringMatching(/2026-10's 95th percentiles were fixed/),
    });
    expect((await latencyOfA()).achieved).toBe('40 ms');
    // the maintenance window now comes off A's hourly rollups: the same 741 hours measured, 735 up
    const availability = availabilityOf((await server.gql(query, { c: contractId }, manager)).data.slaReport, refs.a);
    expect(availability).toMatchObject({ achieved: '99.190%', coveragePercent: '100.0', status: 'BREACHED' });
  });

  it("reads every service's maintenance windows together: a window on more services costs the report no more statements", async () => {
    const ids = (
      await server.gql(
        'query($c: ID!) { contract(id: $c) { services(first: 100) { edges { node { id reference } } } } }',
        { c: contractId },
        manager,
      )
    ).data.contract.services.edges.map((e: { node: unknown }) => e.node);
    const report = () => server.gql(query, { c: contractId }, manager);
    await report();
    const withOne = await server.countStatements(report);
    for (const reference of [refs.b, refs.c, refs.d]) {
      const window = await server.gql(
        'mutation($s: ID!) { recordExclusionWindow(input: { serviceId: $s, kind: PLANNED_MAINTENANCE, startsAt: "2026-10-25T01:00:00Z", ' +
          'endsAt: "2026-10-25T03:00:00Z", reason: "Clocks change CHG-1101" }) { id } }',
        { s: ids.find((service: { reference: string }) => service.reference === reference).id },
        manager,
      );
      expect(window.errors).toBeUndefined();
    }
    let after!: { terms: Term[] };
    const withFour = await server.countStatements(async () => {
      after = (await report()).data.slaReport;
    });
    expect(withFour).toBe(withOne);
    // two hours that each service reported as up come off its measured and its up time alike
    expect(availabilityOf(after, refs.d)).toMatchObject({ achieved: '99.596%', status: 'MET' });
    expect(availabilityOf(after, refs.d).exclusions).toEqual([{ kind: 'PLANNED_MAINTENANCE', reason: 'Clocks change CHG-1101' }]);
  });

  it('refuses malformed terms and periods, naming the field', async () => {
    expect(
      (await server.gql('query($c: ID!) { slaReport(contractId: $c, period: "2026-13") { period } }', { c: contractId }, manager))
        .errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const noSeverity = await server.gql(
      'mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: INCIDENT_RESOLUTION, targetMinutes: 240 }) { id } }',
      { c: contractId },
      manager,
    );
    expect(noSeverity.errors?.[0].extensions?.field).toBe('input.severity');
    const tooHigh = await server.gql(
      'mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: AVAILABILITY, targetPercent: "101" }) { id } }',
      { c: contractId },
      manager,
    );
    expect(tooHigh.errors?.[0].extensions?.field).toBe('input.targetPercent');
    const outsider = await server.token('Y0A01', Role.CONTRACT_MANAGER);
    expect(errorCode(await server.gql(query, { c: contractId }, outsider))).toBe('NOT_FOUND');
  });
});
