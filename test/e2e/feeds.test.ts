import { Role } from '../../src/auth/roles';
import { PerformanceDaily, PerformanceHourly } from '../../src/performance/performance-rollup.entity';
import { PerformanceSample } from '../../src/performance/performance-sample.entity';
import { fixture, ingest, recentHours, supplierId, type FeedPostAnswer } from '../support/feeds';
import { errorCode, startTestServer, type ErrorBody, type TestServer } from '../support/test-server';

const HEADER = 'service_reference,interval_start,interval,availability_seconds,latency_ms,packet_loss_pct,utilisation_in_pct';

describe('supplier feeds', () => {
  let server: TestServer;
  let manager: string;
  let pdn: string;
  let rx1Pdn: string[];

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    pdn = await supplierId(server, manager, 'PDN00001');
    const services = await server.gql(
      'query($s: ID!) { services(first: 100, filter: { supplierId: $s, status: [ACTIVE] }) { edges { node { reference } } } }',
      { s: pdn },
      manager,
    );
    rx1Pdn = services.data.services.edges.map((e: { node: { reference: unknown } }) => e.node.reference);
  });

  afterAll(() => server.stop());

  describe('performance', () => {
    const hours = recentHours(6);
    const document = () =>
      [
        HEADER,
        ...hours.map((hour, i) => `${rx1Pdn[0]},${hour.toISOString()},1h,${i === 2 ? 1800 : 3600},12.5,0.01,${40 + i}`),
        ...hours.map((hour) => `${rx1Pdn[1]},${hour.toISOString()},60,3600,8,0,20`),
        `PDN-NOT-OURS-1,${hours[0].toISOString()},1h,3600,1,0,1`,
        `${rx1Pdn[0]},${hours[0].toISOString()},1h,3600,-4,0,1`,
        `${rx1Pdn[0]},yesterday,1h,3600,1,0,1`,
      ].join('\n');

    it('stores good rows, keeps every bad one with its line and reason, and maintains rollups', async () => {
      const response = await ingest(server, manager, {
        supplierId: pdn,
        kind: 'PERFORMANCE',
        format: 'CSV',
        document: document(),
        fileName: 'perf.csv',
      });
      expect(response.errors).toBeUndefined();
      const run = response.data.ingestFeed;
      expect(run).toMatchObject({
        status: 'PARTIAL',
        rowsRead: 15,
        rowsAccepted: 12,
        rowsRejected: 3,
        rowsUnchanged: 0,
        source: 'GRAPHQL',
      });
      const reasons = run.rejectedRows.edges.map((e: { node: unknown }) => e.node);
      expect(reasons.map((r: { location: unknown }) => r.location)).toEqual(['line 14', 'line 15', 'line 16']);
      expect(reasons[0]).toMatchObject({ field: 'serviceReference', raw: expect.stringContaining('PDN-NOT-OURS-1') });
      expect(reasons[0].reason).toMatch(/PDN-NOT-OURS-1/);
      expect(reasons[1].field).toMatch(/latency/);
      expect(reasons[2].field).toMatch(/interval_start/);

      const hourly = await server.db.dataSource.getRepository(PerformanceHourly).find();
      expect(hourly).toHaveLength(12);
      const daily = await server.db.dataSource.getRepository(PerformanceDaily).find();
      const totals = daily.reduce(
        (sum, day) => ({ covered: sum.covered + day.coveredSeconds, up: sum.up + day.upSeconds, samples: sum.samples + day.sampleCount }),
        { covered: 0, up: 0, samples: 0 },
      );
      expect(totals).toEqual({ covered: 12 * 3600, up: 12 * 3600 - 1800, samples: 12 });
    });

    it('changes nothing when the same document comes again, and says so', async () => {
      const again = await ingest(server, manager, { supplierId: pdn, kind: 'PERFORMANCE', format: 'CSV', document: document() });
      expect(again.data.ingestFeed).toMatchObject({ status: 'PARTIAL', rowsAccepted: 0, rowsUnchanged: 12, rowsRejected: 3 });
      expect(await server.db.dataSource.getRepository(PerformanceSample).count()).toBe(12);
    });

    it('applies a late correction to the sample and to its rollups', async () => {
      const correction = [HEADER, `${rx1Pdn[0]},${hours[2].toISOString()},1h,3600,12.5,0.01,42`].join('\n');
      const run = (await ingest(server, manager, { supplierId: pdn, kind: 'PERFORMANCE', format: 'CSV', document: correction })).data
        .ingestFeed;
      expect(run).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 1 });
      const daily = await server.db.dataSource.getRepository(PerformanceDaily).find();
      expect(daily.reduce((sum, day) => sum + day.upSeconds, 0)).toBe(12 * 3600);
      expect(daily.reduce((sum, day) => sum + day.sampleCount, 0)).toBe(12);
    });

    it("keeps each day's nearest-rank 95th percentile of utilisation", async () => {
      const yesterday = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000 + 10 * 3_600_000);
      const rows = Array.from(
        { length: 20 },
        (_, i) => `${rx1Pdn[2]},${new Date(yesterday.getTime() + i * 300_000).toISOString()},5m,300,5,0,${20 - i}`,
      );
      const run = (
        await ingest(server, manager, { supplierId: pdn, kind: 'PERFORMANCE', format: 'CSV', document: [HEADER, ...rows].join('\n') })
      ).data.ingestFeed;
      expect(run.rowsAccepted).toBe(20);
      const daily = await server.db.dataSource.getRepository(PerformanceDaily).find();
      const day = daily.filter((row) => row.sampleCount === 20);
      expect(day).toHaveLength(1);
      // 20 samples of 1 %…20 %: rank ⌈0.95 × 20⌉ = 19 is 19 %, in hundredths of a percent
      expect(day[0]).toMatchObject({
        utilisationInP95Bp: 1900,
        utilisationOutP95Bp: null,
        utilisationInMaxBp: 2000,
        utilisationInSumBp: expect.anything(),
      });
      expect(Number(day[0].utilisationInSumBp)).toBe(210 * 100);
    });

    it('fails a document with the wrong columns, naming them, and stores nothing of it', async () => {
      const before = await server.db.dataSource.getRepository(PerformanceSample).count();
      const run = (
        await ingest(server, manager, {
          supplierId: pdn,
          kind: 'PERFORMANCE',
          format: 'CSV',
          document: fixture('performance/wrong-columns.csv'),
        })
      ).data.ingestFeed;
      expect(run.status).toBe('FAILED');
      expect(run.failureReason).toMatch(/column/);
      expect(await server.db.dataSource.getRepository(PerformanceSample).count()).toBe(before);
    });

    it('fails truncated JSON precisely', async () => {
      const run = (
        await ingest(server, manager, {
          supplierId: pdn,
          kind: 'PERFORMANCE',
          format: 'TMF',
          document: fixture('performance/truncated.json'),
        })
      ).data.ingestFeed;
      expect(run).toMatchObject({ status: 'FAILED', rowsRead: 0 });
      expect(run.failureReason).toMatch(/truncated/i);
    });
  });

  describe('incidents', () => {
    it('creates incidents, rejects unknown services, and grows history on a re-send without duplicating', async () => {
      const first = (
        await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: fixture('incidents/valid.csv') })
      ).data.ingestFeed;
      expect(first.rowsAccepted).toBeGreaterThan(0);
      const unknown = first.rejectedRows.edges.map((e: { node: { reason: unknown } }) => e.node.reason).join(' ');
      expect(unknown).toMatch(/PDN-UNKNOWN-0001/);

      const incidents = await server.gql(
        '{ incidents(first: 100) { totalCount edges { node { supplierRef severity status statusHistory { status changedAt } } } } }',
        {},
        manager,
      );
      const sev1 = incidents.data.incidents.edges
        .map((e: { node: unknown }) => e.node)
        .find((n: { supplierRef: unknown }) => n.supplierRef === 'PDN-INC-20461');
      expect(sev1).toMatchObject({ severity: 1, status: 'CLOSED' });
      expect(sev1.statusHistory.map((h: { status: unknown }) => h.status)).toEqual([
        'IN_PROGRESS',
        'PENDING',
        'IN_PROGRESS',
        'RESOLVED',
        'CLOSED',
      ]);

      const again = (
        await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: fixture('incidents/valid.csv') })
      ).data.ingestFeed;
      expect(again.rowsAccepted).toBe(0);
      expect(again.rowsUnchanged).toBe(first.rowsAccepted);
      const after = await server.gql('{ incidents(first: 100) { totalCount } }', {}, manager);
      expect(after.data.incidents.totalCount).toBe(incidents.data.incidents.totalCount);
    });
  });

  describe('invoices', () => {
    it('accepts invoices whole, keeps phantom lines for reconciliation, and re-sends change nothing', async () => {
      const run = (
        await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: fixture('invoices/invoices.csv') })
      ).data.ingestFeed;
      expect(run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 2, rowsAccepted: 2 });
      const invoices = await server.gql(
        '{ invoices { edges { node { invoiceNumber netTotal vatTotal grossTotal lines { lineNumber netAmount vatRate service { reference } } } } } }',
        {},
        manager,
      );
      const first = invoices.data.invoices.edges
        .map((e: { node: unknown }) => e.node)
        .find((i: { invoiceNumber: unknown }) => i.invoiceNumber === 'PDN-INV-2026-1101');
      expect(first).toMatchObject({ netTotal: '7658.00', vatTotal: '1531.60', grossTotal: '9189.60' });
      expect(first.lines[0]).toMatchObject({ netAmount: '2653.00', vatRate: '20', service: { reference: 'PDN-ETH-100037' } });

      const again = (
        await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: fixture('invoices/invoices.csv') })
      ).data.ingestFeed;
      expect(again).toMatchObject({ rowsAccepted: 0, rowsUnchanged: 2 });

      const phantom = (
        await ingest(server, manager, {
          supplierId: pdn,
          kind: 'INVOICE',
          format: 'CSV',
          document: fixture('invoices/invoices-phantom-service.csv'),
        })
      ).data.ingestFeed;
      expect(phantom.rowsAccepted).toBe(1);
      const lines = await server.gql(
        '{ invoices(first: 100) { edges { node { lines { serviceReference service { id } } } } } }',
        {},
        manager,
      );
      const phantomLine = lines.data.invoices.edges
        .flatMap((e: { node: { lines: unknown } }) => e.node.lines)
        .find((l: { serviceReference: unknown }) => l.serviceReference === 'PDN-PHANTOM-9999');
      expect(phantomLine.service).toBeNull();
    });

    it('refuses an invoice whose totals do not agree with its lines, stating the difference', async () => {
      const before = (await server.gql('{ invoices { totalCount } }', {}, manager)).data.invoices.totalCount;
      const run = (
        await ingest(server, manager, {
          supplierId: pdn,
          kind: 'INVOICE',
          format: 'CSV',
          document: fixture('invoices/invoices-totals-mismatch.csv'),
        })
      ).data.ingestFeed;
      expect(run.status).toBe('REJECTED');
      expect(run.rejectedRows.edges[0].node.reason).toMatch(/difference £/);
      expect((await server.gql('{ invoices { totalCount } }', {}, manager)).data.invoices.totalCount).toBe(before);
    });
  });

  describe('inventory', () => {
    it("compares the supplier's inventory with ours without changing our records", async () => {
      const before = await server.gql('{ services(first: 100) { edges { node { reference bandwidthMbps status } } } }', {}, manager);
      const run = (
        await ingest(server, manager, { supplierId: pdn, kind: 'INVENTORY', format: 'CSV', document: fixture('inventory/inventory.csv') })
      ).data.ingestFeed;
      expect(['SUCCEEDED', 'PARTIAL']).toContain(run.status);
      const comparison = await server.gql(
        'query($id: ID!) { feedRun(id: $id) { inventoryComparison { supplierServices ourServices matching differences { kind ' +
          'serviceReference field supplierValue ourValue } } } }',
        { id: run.id },
        manager,
      );
      const { differences } = comparison.data.feedRun.inventoryComparison;
      const kinds = new Set(differences.map((d: { kind: unknown }) => d.kind));
      expect(kinds).toEqual(new Set(['SUPPLIER_ONLY', 'FIELD_DIFFERS', 'OURS_ONLY']));
      expect(differences.find((d: { serviceReference: unknown }) => d.serviceReference === 'PDN-ETH-190001').kind).toBe('SUPPLIER_ONLY');
      expect(
        (await server.gql('{ services(first: 100) { edges { node { reference bandwidthMbps status } } } }', {}, manager)).data,
      ).toEqual(before.data);

      const again = (
        await ingest(server, manager, { supplierId: pdn, kind: 'INVENTORY', format: 'CSV', document: fixture('inventory/inventory.csv') })
      ).data.ingestFeed;
      expect(again.rowsAccepted).toBe(0);
      expect(again.rowsUnchanged).toBe(run.rowsAccepted);
    });
  });

  describe('who may send', () => {
    it("lets a supplier's integration send only its own supplier's feeds", async () => {
      const albion = await supplierId(server, manager, 'ALBC0002');
      const admin = await server.token('RX1', Role.ADMIN);
      const key = await server.gql(
        'mutation($s: ID!) { createApiKey(input: { name: "PDN feed", roles: [SUPPLIER_FEED], supplierId: $s }) { secret } }',
        { s: pdn },
        admin,
      );
      const feedKey = { apiKey: key.data.createApiKey.secret };
      const own = await server.gql(
        'mutation($input: IngestFeedInput!) { ingestFeed(input: $input) { status } }',
        { input: { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: fixture('incidents/valid.csv') } },
        feedKey,
      );
      expect(own.data.ingestFeed.status).toBe('PARTIAL');
      const other = await server.gql(
        'mutation($input: IngestFeedInput!) { ingestFeed(input: $input) { status } }',
        { input: { supplierId: albion, kind: 'INCIDENT', format: 'CSV', document: fixture('incidents/valid.csv') } },
        feedKey,
      );
      expect(errorCode(other)).toBe('NOT_FOUND');
      const viewer = await server.token('RX1', Role.VIEWER);
      expect(errorCode(await ingest(server, viewer, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: 'x' }))).toBe(
        'FORBIDDEN',
      );
    });

    it("resolves references only among the sender's organisations' services", async () => {
      const rx2 = await server.token('RX2', Role.CONTRACT_MANAGER);
      const run = (
        await ingest(server, rx2, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: fixture('incidents/valid.csv') })
      ).data.ingestFeed;
      expect(run.rowsAccepted).toBe(0);
      expect(run.status).toBe('REJECTED');
    });
  });

  describe('runs and health', () => {
    it('lists runs newest first and reports late feeds', async () => {
      const runs = await server.gql('{ feedRuns(first: 3) { totalCount edges { node { kind status supplier { name } } } } }', {}, manager);
      expect(runs.data.feedRuns.totalCount).toBeGreaterThan(5);
      const health = await server.gql('{ feedHealth { kind late lastGoodRunAt supplier { cnspId } } }', {}, manager);
      const pdnPerformance = health.data.feedHealth.find(
        (h: { supplier: { cnspId: unknown }; kind: unknown }) => h.supplier.cnspId === 'PDN00001' && h.kind === 'PERFORMANCE',
      );
      expect(pdnPerformance.late).toBe(false);
      const late = await server.gql('{ feedHealth(onlyLate: true) { kind supplier { cnspId } } }', {}, manager);
      expect(
        late.data.feedHealth.every(
          (h: { supplier: { cnspId: unknown }; kind: unknown }) => h.supplier.cnspId !== 'PDN00001' || h.kind !== 'PERFORMANCE',
        ),
      ).toBe(true);
      expect(late.data.feedHealth.some((h: { kind: unknown }) => h.kind === 'PERFORMANCE')).toBe(true);
    });
  });
});

describe('HTTP intake: POST /feeds/{kind}', () => {
  let server: TestServer;
  let feedKey: string;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await server.token('RX1', Role.ADMIN);
    const pdn = await supplierId(server, admin, 'PDN00001');
    const key = await server.gql(
      'mutation($s: ID!) { createApiKey(input: { name: "PDN systems", roles: [SUPPLIER_FEED], supplierId: $s }) { secret } }',
      { s: pdn },
      admin,
    );
    feedKey = key.data.createApiKey.secret;
  });

  afterAll(() => server.stop());

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers, body });

  it("takes a supplier's document with its API key and answers the run with its rejected rows", async () => {
    const response = await post('/feeds/incidents?filename=tickets.csv', fixture('incidents/valid.csv'), {
      'content-type': 'text/csv',
      'x-api-key': feedKey,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as FeedPostAnswer;
    expect(body.run).toMatchObject({ kind: 'INCIDENT', format: 'CSV', status: 'PARTIAL' });
    expect(body.run.rowsAccepted).toBeGreaterThan(0);
    expect(body.rejectedRows[0]).toMatchObject({
      location: expect.stringMatching(/^line \d+$/),
      reason: expect.stringContaining('PDN-UNKNOWN-0001'),
    });
  });

  it('infers JSON from the content type and answers 422 for a document it cannot read', async () => {
    const response = await post('/feeds/performance', fixture('performance/truncated.json'), {
      'content-type': 'application/json',
      'x-api-key': feedKey,
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as FeedPostAnswer).run).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringMatching(/truncated/i),
    });
  });

  it('refuses unknown kinds, missing credentials and a manager who names no supplier, with codes', async () => {
    const unknown = await post('/feeds/weather', 'x', { 'content-type': 'text/csv', 'x-api-key': feedKey });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const anonymous = await post('/feeds/incidents', 'x', { 'content-type': 'text/csv' });
    expect(anonymous.status).toBe(401);
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const noSupplier = await post('/feeds/incidents', 'x', { 'content-type': 'text/csv', authorization: `Bearer ${manager}` });
    expect(((await noSupplier.json()) as ErrorBody).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'supplier' });
    const named = await post('/feeds/incidents?supplier=PDN00001', fixture('incidents/valid.csv'), {
      'content-type': 'text/csv',
      authorization: `Bearer ${manager}`,
    });
    expect(named.status).toBe(200);
  });
});

describe('HTTP intake limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { FEED_MAX_BYTES: '4096' } });
  });

  afterAll(() => server.stop());

  it('refuses a document over FEED_MAX_BYTES with 413, storing nothing', async () => {
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const big = `${HEADER}\n${'x'.repeat(10_000)}`;
    const response = await fetch(`${server.url}/feeds/performance?supplier=PDN00001`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${manager}` },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await server.gql('{ feedRuns { totalCount } }', {}, manager)).data.feedRuns.totalCount).toBe(0);
  });
});
