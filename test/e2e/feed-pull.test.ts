import pino from 'pino';
import { Role } from '../../src/auth/roles';
import { FeedRun } from '../../src/feed-records/feed-run.entity';
import { PerformanceSample } from '../../src/performance/performance-sample.entity';
import { pruneRawSamples } from '../../src/performance/retention';
import { PerformanceDaily } from '../../src/performance/performance-rollup.entity';
import { startSimulatedCnsp, type SimulatedCnsp } from '../../tools/simulated-cnsp';
import { supplierId } from '../support/feeds';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const CONFIGURE = `mutation($input: ConfigureFeedEndpointInput!) { configureFeedEndpoint(input: $input) { id url kind lastOutcome } }`;
const PULL =
  `mutation($id: ID!) { pullFeedNow(id: $id) { lastOutcome lastError lastPulledAt lastRun { status source rowsAccepted rowsUnchanged ` +
  `rowsRejected } } }`;

/** Scheduled pull, for real over HTTP, from a simulated CN-SP on loopback. */
describe("pulling feeds from a supplier's endpoint", () => {
  let server: TestServer;
  let cnsp: SimulatedCnsp;
  let admin: string;
  let pdn: string;

  beforeAll(async () => {
    // the simulated CN-SP first, so that the server can be told its port; it reads the references when asked
    const references: string[] = [];
    cnsp = await startSimulatedCnsp({ token: 'sim-secret', references, hours: 30 });
    server = await startTestServer({ env: { FEED_PULL_ALLOWED_HOSTS: new URL(cnsp.url).host } });
    admin = await server.token('RX1', Role.ADMIN);
    pdn = await supplierId(server, admin, 'PDN00001');
    const services = await server.gql(
      'query($s: ID!) { services(first: 3, filter: { supplierId: $s, status: [ACTIVE] }) { edges { node { reference } } } }',
      { s: pdn },
      admin,
    );
    references.push(...services.data.services.edges.map((e: { node: { reference: unknown } }) => e.node.reference));
  });

  afterAll(async () => {
    await server.stop();
    await cnsp.stop();
  });

  it('pulls a document into a run, and an unchanged one is not fetched again (ETag)', async () => {
    const configured = await server.gql(
      CONFIGURE,
      {
        input: {
          supplierId: pdn,
          kind: 'PERFORMANCE',
          format: 'CSV',
          url: `${cnsp.url}/feeds/performance.csv`,
          credential: 'Bearer sim-secret',
          intervalMinutes: 15,
        },
      },
      admin,
    );
    expect(configured.errors).toBeUndefined();
    const id = configured.data.configureFeedEndpoint.id;

    const first = await server.gql(PULL, { id }, admin);
    expect(first.data.pullFeedNow).toMatchObject({
      lastOutcome: 'INGESTED',
      lastError: null,
      lastRun: { status: 'SUCCEEDED', source: 'PULL', rowsAccepted: 90, rowsRejected: 0 },
    });
    expect(await server.db.dataSource.getRepository(PerformanceSample).count()).toBe(90);

    const second = await server.gql(PULL, { id }, admin);
    expect(second.data.pullFeedNow.lastOutcome).toBe('NOT_MODIFIED');
    expect(await server.db.dataSource.getRepository(FeedRun).count()).toBe(1);
  });

  it('records a failed pull with the reason, and keeps going', async () => {
    const configured = await server.gql(
      CONFIGURE,
      { input: { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', url: `${cnsp.url}/feeds/incidents.csv`, intervalMinutes: 15 } },
      admin,
    );
    const failed = await server.gql(PULL, { id: configured.data.configureFeedEndpoint.id }, admin);
    expect(failed.data.pullFeedNow).toMatchObject({ lastOutcome: 'ERROR', lastError: expect.stringContaining('401') });

    await server.gql(
      CONFIGURE,
      {
        input: {
          supplierId: pdn,
          kind: 'INCIDENT',
          format: 'CSV',
          url: `${cnsp.url}/feeds/incidents.csv`,
          credential: 'Bearer sim-secret',
          intervalMinutes: 15,
        },
      },
      admin,
    );
    const fixed = await server.gql(PULL, { id: configured.data.configureFeedEndpoint.id }, admin);
    expect(fixed.data.pullFeedNow).toMatchObject({ lastOutcome: 'INGESTED', lastRun: { rowsAccepted: 1 } });
  });

  it('pulls every due endpoint on the schedule, once, even when two servers tick together', async () => {
    const configured = await server.gql(
      CONFIGURE,
      {
        input: {
          supplierId: pdn,
          kind: 'INVENTORY',
          format: 'CSV',
          url: `${cnsp.url}/feeds/inventory.csv`,
          credential: 'Bearer sim-secret',
          intervalMinutes: 60,
        },
      },
      admin,
    );
    expect(configured.errors).toBeUndefined();
    const before = cnsp.hits.get('/feeds/inventory.csv') ?? 0;
    const puller = server.app.services.feedPuller;
    const log = pino({ level: 'silent' });
    const later = new Date(Date.now() + 2 * 3_600_000);
    const [a, b] = await Promise.all([
      puller.pullDue(server.db.dataSource, server.db.config, log, later),
      puller.pullDue(server.db.dataSource, server.db.config, log, later),
    ]);
    expect(a + b).toBe(3);
    expect(cnsp.hits.get('/feeds/inventory.csv')! - before).toBe(1);
    expect(await puller.pullDue(server.db.dataSource, server.db.config, log, later)).toBe(0);
  });

  it('refuses URLs that are not http(s) or that carry credentials', async () => {
    const bad = await server.gql(
      CONFIGURE,
      { input: { supplierId: pdn, kind: 'INVOICE', format: 'CSV', url: 'file:///etc/passwd' } },
      admin,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    const creds = await server.gql(
      CONFIGURE,
      { input: { supplierId: pdn, kind: 'INVOICE', format: 'CSV', url: 'https://user:pw@example.com/x' } },
      admin,
    );
    expect(creds.errors?.[0].extensions?.field).toBe('input.url');
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    expect(
      errorCode(await server.gql(CONFIGURE, { input: { supplierId: pdn, kind: 'INVOICE', format: 'CSV', url: `${cnsp.url}/x` } }, manager)),
    ).toBe('FORBIDDEN');
  });

  it('prunes raw samples past retention and keeps the rollups', async () => {
    const samples = await server.db.dataSource.getRepository(PerformanceSample).count();
    const daysBefore = await server.db.dataSource.getRepository(PerformanceDaily).count();
    const muchLater = new Date(Date.now() + 40 * 86_400_000);
    expect(await pruneRawSamples(server.db.dataSource.manager, 35, muchLater)).toBe(samples);
    expect(await server.db.dataSource.getRepository(PerformanceSample).count()).toBe(0);
    expect(await server.db.dataSource.getRepository(PerformanceDaily).count()).toBe(daysBefore);
  });
});
