import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Role } from '../src/auth/roles';
import { signDevelopmentToken } from '../src/auth/tokens';
import {
  CONTRACT_LIST_QUERY,
  currentPeriod,
  DASHBOARD_QUERY,
  INVOICE_QUERY,
  performanceDocument,
  prepareEstate,
  SLA_REPORT_QUERY,
  spawnServer,
} from './scenario';
import { freshBenchDatabase, machine, median, round } from './support';

const USAGE = `Usage: npm run load [-- --duration S] [--warmup S] [--connections N] [--sites N] [--services N] [--services-per-contract N] [--heap MB]
  Seeds a scaled-up estate on MySQL/MariaDB (LOAD_DATABASE_URL, default mysql://root@127.0.0.1:3306/hscn_load;
  the database is dropped and created again), starts the real server on loopback, and drives a realistic mix
  with N concurrent clients for S seconds after a warm-up (defaults: 60 s, 60 s, 50 clients, 1000 sites, 10000 services).
  --heap MB: the server's V8 old space (MAX_HEAP_MB; default 256, as npm start runs it).
  Writes bench/results/load.json; exits 1 when any request failed.`;

const LOAD_URL = process.env.LOAD_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/hscn_load';
/** growth in resident memory over the run that is worth a look */
const RSS_GROWTH_FLAG = 0.2;

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1\n${USAGE}`);
  return value;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const duration = flag('duration', 60);
  const connections = flag('connections', 50);
  const sites = flag('sites', 1_000);
  const services = flag('services', 10_000);
  const servicesPerContract = flag('services-per-contract', 100);
  const warmup = flag('warmup', 60);
  const heap = process.argv.includes('--heap') ? flag('heap', 0) : null;

  process.stderr.write(`seeding ${sites} sites and ${services} services on ${LOAD_URL.replace(/\/\/[^@]*@/, '//')}…\n`);
  const { config, dataSource } = await freshBenchDatabase(LOAD_URL);
  let estate;
  let machineInfo;
  try {
    estate = await prepareEstate(dataSource, config, { sites, services, servicesPerContract, reconcile: 10 });
    machineInfo = await machine(dataSource);
  } finally {
    await dataSource.destroy();
  }

  const server = await spawnServer(LOAD_URL, {
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
    ...(heap ? { MAX_HEAP_MB: String(heap) } : {}),
  });
  try {
    const manager = await signDevelopmentToken(config, {
      subject: 'load@rx1',
      odsCode: 'RX1',
      roles: [Role.CONTRACT_MANAGER],
      expiresIn: '2h',
    });
    const feed = await signDevelopmentToken(config, {
      subject: 'load-feed@pdn',
      odsCode: 'RX1',
      roles: [Role.SUPPLIER_FEED],
      cnspId: 'PDN00001',
      expiresIn: '2h',
    });
    const period = currentPeriod();
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
    const graphql = (name: string, query: string, variables: () => Record<string, unknown>): autocannon.Request => ({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}`, 'x-request-id': `load-${name}` },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ query, variables: variables(), operationName: name }) }),
      onResponse: (status, body) => check(name, status, body),
    });
    let feedSequence = 0;
    const feedPost: autocannon.Request = {
      method: 'POST',
      path: '/feeds/performance',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${feed}` },
      setupRequest: (request) => ({ ...request, body: performanceDocument(estate.serviceReferences, (feedSequence += 1)) }),
      onResponse: (status, body) => check('FeedPost', status, body),
    };

    const failures: Record<string, number> = {};
    const samples: Record<string, string> = {};
    const counts: Record<string, number> = {};
    function check(name: string, status: number, body: string): void {
      counts[name] = (counts[name] ?? 0) + 1;
      let problem: string | undefined;
      if (status !== 200) problem = `HTTP ${status}: ${body.slice(0, 200)}`;
      else {
        try {
          const parsed = JSON.parse(body) as { errors?: unknown[]; run?: { status?: string; rowsRejected?: number } };
          if (parsed.errors?.length) problem = JSON.stringify(parsed.errors[0]);
          else if (parsed.run && (parsed.run.status !== 'SUCCEEDED' || parsed.run.rowsRejected !== 0))
            problem = `feed run ${parsed.run.status}`;
        } catch {
          problem = 'not JSON';
        }
      }
      if (problem) {
        failures[name] = (failures[name] ?? 0) + 1;
        samples[name] ??= problem.slice(0, 300);
      }
    }

    // each client cycles through this mix: mostly reads, one feed in ten
    const dashboard = graphql('Dashboard', DASHBOARD_QUERY, () => ({
      contract: pick(estate.contracts),
      supplier: estate.supplier,
      period,
    }));
    const list = graphql('ContractList', CONTRACT_LIST_QUERY, () => ({}));
    const sla = graphql('SlaReport', SLA_REPORT_QUERY, () => ({ contract: pick(estate.contracts), period }));
    const invoice = graphql('InvoiceWithReconciliation', INVOICE_QUERY, () => ({ invoice: pick(estate.invoices) }));
    const mix = [dashboard, list, dashboard, invoice, sla, dashboard, list, invoice, dashboard, feedPost];

    // warm up at full concurrency (JIT, pool, caches, a heap sized for the load), then measure.
    // The heap takes about 50 s of this load to reach its working size: a 180 s run (6 December)
    // went 369, 395, 488 MB in its first 30 s after a 20 s warm-up, then held between 490 and 530
    // MB for the remaining 150 s. A leak climbs all the way; a heap still sizing itself levels off.
    const rss = residentSampler(server);
    await autocannon({ url: server.url, connections, duration: warmup, requests: mix, timeout: 30 });
    for (const key of Object.keys(counts)) delete counts[key];
    for (const key of Object.keys(failures)) delete failures[key];
    await rss.next();
    // RSS swings ±10 % with the garbage collector's cycle, so "before" and "after" are each the
    // median of the last three samples (the last 10–15 s of the warm-up, of the run)
    const rssBefore = median(rss.samples.slice(-3));
    const measuredFrom = rss.samples.length;

    process.stderr.write(`driving ${connections} clients for ${duration} s…\n`);
    let result;
    try {
      result = await autocannon({ url: server.url, connections, duration, requests: mix, timeout: 30 });
      await rss.next();
    } finally {
      rss.stop();
    }
    const during = rss.samples.slice(measuredFrom);
    const rssAfter = median(during.slice(-3));

    const failed = Object.values(failures).reduce((sum, count) => sum + count, 0);
    const errors = result.errors + result.timeouts + failed;
    const growth = rssAfter / rssBefore - 1;
    const figures = {
      when: new Date().toISOString(),
      machine: machineInfo,
      dataset: { sites, services, servicesPerContract, contracts: estate.contracts.length, seedSeconds: round(estate.seedMs / 1000, 1) },
      connections,
      durationSeconds: duration,
      mix: Object.fromEntries(
        ['Dashboard', 'ContractList', 'InvoiceWithReconciliation', 'SlaReport', 'FeedPost'].map((name) => [name, counts[name] ?? 0]),
      ),
      requests: result.requests.total,
      requestsPerSecond: round(result.requests.average, 1),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      errors,
      errorDetail: { transport: result.errors, timeouts: result.timeouts, byOperation: failures, firstOfEach: samples },
      warmupSeconds: warmup,
      rssMb: { before: mb(rssBefore), every5s: during.map(mb), after: mb(rssAfter), growthPercent: round(growth * 100, 1) },
      rssGrowthFlagged: growth > RSS_GROWTH_FLAG,
    };
    const json = JSON.stringify(figures, null, 2);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'load.json'), `${json}\n`);
    console.log(json);
    if (figures.rssGrowthFlagged)
      process.stderr.write(
        `WARNING: resident memory grew ${figures.rssMb.growthPercent} % over the run (flag at ${RSS_GROWTH_FLAG * 100} %)\n`,
      );
    if (errors > 0) {
      process.stderr.write(`FAILED: ${errors} request(s) failed\n`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

/** The server's resident set every 5 s from now on (from its own /metrics); `next` takes one more at once. */
function residentSampler(server: { rssBytes(): Promise<number> }) {
  const samples: number[] = [];
  const take = () =>
    server.rssBytes().then(
      (bytes) => void samples.push(bytes),
      () => undefined,
    );
  const timer = setInterval(take, 5_000);
  return { samples, next: take, stop: () => clearInterval(timer) };
}
