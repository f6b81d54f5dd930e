import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { Role } from '../src/auth/roles';
import { signDevelopmentToken } from '../src/auth/tokens';
import type { AppConfig } from '../src/config/config';
import type { StatementCounter } from '../src/db/statement-counter';
import { Organisation } from '../src/organisations/organisation.entity';
import { BENCH_URL, median, round } from './support';
import { compiledServer, currentPeriod, DASHBOARD_QUERY, prepareEstate, spawnServer, type SpawnedServer } from './scenario';

const ROOT = join(__dirname, '..');

/**
 * What the API layer costs and whether it scales with the data:
 * - apiOverheadRatio: p50 of the dashboard query through HTTP + GraphQL ÷ p50 of hand-written
 *   SQL (mysql2, one connection) fetching the same data, measured in turn; the server runs in a
 *   process of its own, as `npm start` runs it;
 * - frameworkCeilingRatio: req/s of a simple authenticated query on that server ÷ req/s of a
 *   bare Apollo Server answering a constant, both in processes of their own, same client;
 * - n1StatementsAt10 / n1StatementsAt1000: SQL statements per dashboard query for a contract
 *   of 10 and of 1,000 services (its first page of 100, and the total; equal, or a list is
 *   loaded a row at a time), counted on a server in this process.
 */
export async function apiBenchmark(dataSource: DataSource, config: AppConfig, statements: StatementCounter, quick: boolean) {
  const small = await prepareEstate(dataSource, config, { prefix: 'NA', sites: 10, services: 10, servicesPerContract: 10, reconcile: 1 });
  const large = await prepareEstate(dataSource, config, {
    prefix: 'NB',
    sites: 1_000,
    services: 1_000,
    servicesPerContract: 1_000,
    reconcile: 1,
  });
  const typical = await prepareEstate(dataSource, config, {
    prefix: 'NC',
    sites: 100,
    services: 100,
    servicesPerContract: 100,
    reconcile: 1,
  });
  const organisation = await dataSource.getRepository(Organisation).findOneByOrFail({ odsCode: 'RX1' });
  const token = await signDevelopmentToken(config, {
    subject: 'bench@rx1',
    odsCode: 'RX1',
    roles: [Role.CONTRACT_MANAGER],
    expiresIn: '1h',
  });
  const period = currentPeriod();
  // node:http on one kept-alive connection, as a browser or a service client would hold one
  // (undici's fetch cost the client about 1 ms a request more)
  const dashboard = async (url: string, agent: Agent, estate: typeof small) => {
    const variables = { contract: estate.contracts[0]!, supplier: estate.supplier, period };
    const text = await post(
      `${url}/graphql`,
      agent,
      { authorization: `Bearer ${token}` },
      JSON.stringify({ query: DASHBOARD_QUERY, variables }),
    );
    const body = JSON.parse(text) as { errors?: unknown[]; data?: { contract: { services: { totalCount: number; edges: unknown[] } } } };
    if (body.errors) throw new Error(`dashboard query failed: ${JSON.stringify(body.errors)}`);
    // the contract's services, and how many of them are on the page (at most 100)
    return { services: body.data!.contract.services.totalCount, shown: body.data!.contract.services.edges.length };
  };

  let counts;
  const app = await createApp({ ...config, port: 0 }, dataSource, statements, pino({ level: 'silent' }));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const url = `http://127.0.0.1:${await app.listen()}`;
    const statementsFor = async (estate: typeof small) => {
      await dashboard(url, agent, estate);
      const before = statements.statements;
      const { services, shown } = await dashboard(url, agent, estate);
      return { services, shown, statements: statements.statements - before };
    };
    const at10 = await statementsFor(small);
    const at1000 = await statementsFor(large);
    if (at10.services !== 10 || at10.shown !== 10 || at1000.services !== 1_000 || at1000.shown !== 100) {
      throw new Error(`dashboard returned ${at10.shown} of ${at10.services} and ${at1000.shown} of ${at1000.services} services`);
    }
    counts = { n1StatementsAt10: at10.statements, n1StatementsAt1000: at1000.statements };
  } finally {
    agent.destroy();
    await app.stop(); // closes the database too
  }

  const server = await spawnServer(BENCH_URL);
  try {
    // a server that has been up a while: the first rounds (untimed) let V8 optimise both sides' hot code
    const warmup = quick ? 100 : 200;
    const iterations = quick ? 100 : 400;
    const byHand = await handWrittenDashboard(typical.contractIds[0]!, organisation.id);
    const client = new Agent({ keepAlive: true, maxSockets: 1 });
    // one of each in turn, so that both medians see the same machine (it is shared, and its load comes and goes)
    const httpTimes: number[] = [];
    const sqlTimes: number[] = [];
    try {
      for (let i = 0; i < warmup + iterations; i += 1) {
        const started = process.hrtime.bigint();
        const { shown: services } = await dashboard(server.url, client, typical);
        const between = process.hrtime.bigint();
        await byHand.once();
        if (services !== 100) throw new Error(`dashboard returned ${services} services`);
        if (i >= warmup) {
          httpTimes.push(Number(between - started) / 1e6);
          sqlTimes.push(Number(process.hrtime.bigint() - between) / 1e6);
        }
      }
    } finally {
      await byHand.close();
      client.destroy();
    }
    return {
      dashboardServices: 100,
      dashboardHttpP50Ms: round(median(httpTimes), 2),
      dashboardSqlP50Ms: round(median(sqlTimes), 2),
      apiOverheadRatio: round(median(httpTimes) / median(sqlTimes), 2),
      ...counts,
      ...(await frameworkCeiling(config, quick, server)),
    };
  } finally {
    await server.stop();
  }
}

/** POSTs a JSON body and resolves with the answer's text (any status but 200 rejects). */
function post(url: string, agent: Agent, headers: Record<string, string>, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(text) : reject(new Error(`${url}: HTTP ${res.statusCode}: ${text.slice(0, 500)}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The same data as the dashboard query, fetched by hand: the contract and supplier, its
 * services with their sites, and the supplier's latest invoice with its reconciliation; and
 * everything this month's SLA status is worked out from — the contract's SLA terms and credit
 * policy (credits owed), each service's availability sums and the exclusion windows that
 * come off them, the incidents opened this month with their status changes (paused clocks),
 * and the orders completed this month (order delivery). Nine statements on one connection,
 * none of them the downtime hours (evidence the dashboard does not ask for).
 */
async function handWrittenDashboard(
  contractId: number,
  organisationId: number,
): Promise<{ once(): Promise<void>; close(): Promise<void> }> {
  const { createConnection } = await import('mysql2/promise');
  type RowDataPacket = import('mysql2/promise').RowDataPacket;
  const connection = await createConnection({
    uri: BENCH_URL.replace(/^mariadb:/, 'mysql:'),
    dateStrings: ['DATE'],
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  const monthStart = DateTime.now().setZone('Europe/London').startOf('month');
  const monthStartUtc = monthStart.toUTC().toJSDate();
  const monthEnd = monthStart.plus({ months: 1 }).toUTC().toJSDate();
  return {
    close: () => connection.end(),
    once: async () => {
      const [contracts] = await connection.execute<RowDataPacket[]>(
        `SELECT c.id, c.reference, c.title, c.status, c.startDate, c.endDate, c.noticeDate, c.supplierId, s.name AS supplierName
         FROM contract c JOIN supplier s ON s.id = c.supplierId WHERE c.id = ? AND c.organisationId = ?`,
        [contractId, organisationId],
      );
      const contract = contracts[0];
      await connection.execute(
        `SELECT sv.id, sv.reference, sv.type, sv.status, sv.bandwidthMbps, sv.monthlyCharge, sv.installDate, si.id AS siteId, si.name, si.town, si.postcode
         FROM service sv JOIN site si ON si.id = sv.siteId WHERE sv.contractId = ? ORDER BY sv.reference`,
        [contractId],
      );
      await connection.execute(
        `SELECT d.serviceId, SUM(d.coveredSeconds) AS covered, SUM(d.upSeconds) AS up, SUM(d.latencySumUs) AS latency, SUM(d.latencyCount) AS latencyCount
         FROM performance_daily d JOIN service sv ON sv.id = d.serviceId
         WHERE sv.contractId = ? AND d.day >= ? AND d.day < ? GROUP BY d.serviceId`,
        [contractId, monthStart.toISODate(), monthStart.plus({ months: 1 }).toISODate()],
      );
      await connection.execute(
        'SELECT id, kind, severity, resilience, statistic, threshold, targetPercent, targetMinutes FROM sla_term WHERE contractId = ?',
        [contractId],
      );
      await connection.execute(
        'SELECT availabilityBands, resolutionBreachPercent, capPercent, capAmount FROM credit_policy WHERE contractId = ?',
        [contractId],
      );
      await connection.execute(
        `SELECT w.serviceId, w.kind, w.startsAt, w.endsAt FROM exclusion_window w JOIN service sv ON sv.id = w.serviceId
         WHERE sv.contractId = ? AND w.startsAt < ? AND w.endsAt > ?`,
        [contractId, monthEnd, monthStartUtc],
      );
      await connection.execute(
        `SELECT i.id, i.serviceId, i.severity, i.openedAt, i.acknowledgedAt, i.resolvedAt, h.status, h.changedAt
         FROM incident i JOIN service sv ON sv.id = i.serviceId LEFT JOIN incident_status_change h ON h.incidentId = i.id
         WHERE sv.contractId = ? AND i.openedAt >= ? AND i.openedAt < ?`,
        [contractId, monthStartUtc, monthEnd],
      );
      await connection.execute(
        "SELECT id, committedDate, completedOn FROM service_order WHERE contractId = ? AND status = 'COMPLETED' AND completedOn >= ? AND completedOn < ?",
        [contractId, monthStart.toISODate(), monthStart.plus({ months: 1 }).toISODate()],
      );
      await connection.execute(
        `SELECT i.id, i.invoiceNumber, i.invoiceDate, i.status, i.grossTotal, r.findingCount, r.differenceTotal
         FROM invoice i LEFT JOIN invoice_reconciliation r ON r.invoiceId = i.id
         WHERE i.organisationId = ? AND i.supplierId = ? ORDER BY i.invoiceDate DESC, i.id DESC LIMIT 1`,
        [organisationId, contract.supplierId],
      );
    },
  };
}

/**
 * Requests per second of our server's simplest authenticated query, and of a bare Apollo
 * Server, with the same client: both servers up at once and measured in turn, a few seconds
 * each for several rounds, so that a burst of load on the shared machine falls on both.
 */
async function frameworkCeiling(config: AppConfig, quick: boolean, server: SpawnedServer) {
  const rounds = quick ? 2 : 5;
  const seconds = quick ? 3 : 4;
  const connections = 10;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const bare = spawn(process.execPath, [compiledServer('bench/bare-apollo.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ hello }"}',
        });
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('the bare Apollo Server did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const token = await signDevelopmentToken(config, { subject: 'bench@rx1', odsCode: 'RX1', roles: [Role.VIEWER], expiresIn: '1h' });
    const ours = () =>
      rate(`${server.url}/graphql`, { authorization: `Bearer ${token}` }, '{ me { subject roles } }', seconds, connections);
    const theirs = () => rate(`http://127.0.0.1:${port}/graphql`, {}, '{ hello }', seconds, connections);
    await ours(); // warm both
    await theirs();
    let simpleQueryRequests = 0;
    let bareApolloRequests = 0;
    for (let i = 0; i < rounds; i += 1) {
      simpleQueryRequests += await ours();
      bareApolloRequests += await theirs();
    }
    return {
      simpleQueryRps: round(simpleQueryRequests / rounds, 1),
      bareApolloRps: round(bareApolloRequests / rounds, 1),
      frameworkCeilingRatio: round(simpleQueryRequests / bareApolloRequests, 3),
    };
  } finally {
    bare.kill('SIGTERM');
  }
}

/** Average requests/s over `duration` seconds (every answer must be a 200). */
async function rate(url: string, headers: Record<string, string>, query: string, duration: number, connections: number): Promise<number> {
  const options = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
    connections,
  };
  const result = await autocannon({ ...options, duration });
  if (result.errors || result.non2xx) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  return result.requests.average;
}
