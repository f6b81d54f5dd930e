import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { systemViewer } from '../src/organisations/system-viewer';
import { Invoice } from '../src/billing/invoice.entity';
import { DEFAULT_MAX_HEAP_MB, type AppConfig } from '../src/config/config';
import { RequestContext } from '../src/request/context';
import { toGlobalId } from '../src/common/global-id';
import { createServices } from '../src/services';
import { seedDemoData } from '../src/seed/demo-data';
import { seedScaleData, type ScaleSeedOptions } from '../src/seed/scale-data';
import { NetworkService } from '../src/services/network-service.entity';
import { Supplier } from '../src/suppliers/supplier.entity';
import { BENCH_JWT } from './support';

const ROOT = join(__dirname, '..');

/**
 * What a contract manager's dashboard asks for in one round trip: a contract with its
 * services and their sites, this month's SLA status so far, and the supplier's latest
 * invoice with its reconciliation.
 */
export const DASHBOARD_QUERY = `query Dashboard($contract: ID!, $supplier: ID!, $period: String!) {
  contract(id: $contract) {
    id reference title status startDate endDate noticeDate daysUntilNoticeDate
    supplier { id name }
    services(first: 100) { totalCount edges { node { id reference type status bandwidthMbps monthlyCharge installDate site { id name town postcode } } } }
  }
  slaReport(contractId: $contract, period: $period) {
    period
    totals { met breached insufficientData notApplicable creditsOwed }
    terms { kind status target achieved coveragePercent }
  }
  invoices(first: 1, filter: { supplierId: $supplier }) {
    edges { node { id invoiceNumber invoiceDate status grossTotal reconciliation { findingCount differenceTotal } } }
  }
}`;

export const CONTRACT_LIST_QUERY = `query ContractList($after: String) {
  contracts(first: 20, after: $after, filter: { status: [ACTIVE] }) {
    totalCount
    edges { cursor node { id reference title status noticeDate daysUntilNoticeDate supplier { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SLA_REPORT_QUERY = `query SlaReport($contract: ID!, $period: String!) {
  slaReport(contractId: $contract, period: $period) {
    period coverageThresholdPercent
    totals { met breached insufficientData notApplicable creditsBeforeCap creditsOwed cap }
    terms { kind severity status target achieved coveragePercent contractual service { reference } }
    credits { amount }
  }
}`;

export const INVOICE_QUERY = `query InvoiceWithReconciliation($invoice: ID!) {
  invoice(id: $invoice) {
    id invoiceNumber invoiceDate periodStart periodEnd status netTotal vatTotal grossTotal
    lines { lineNumber serviceReference chargeType netAmount vatAmount service { reference } }
    reconciliation { findingCount invoicedTotal agreedAmount differenceTotal findings { type difference explanation serviceReference } }
  }
}`;

/** This month in England, "YYYY-MM". */
export const currentPeriod = () => DateTime.now().setZone('Europe/London').toFormat('yyyy-MM');

export interface Estate {
  /** global ids of the scaled-up contracts */
  readonly contracts: readonly string[];
  readonly contractIds: readonly number[];
  readonly supplier: string;
  /** global ids of the scaled-up invoices, the first ones reconciled */
  readonly invoices: readonly string[];
  /** a few service references of the supplier, for feed documents */
  readonly serviceReferences: readonly string[];
  readonly seedMs: number;
}

/** The demo data plus a scaled-up estate at RX1, with some invoices reconciled. */
export async function prepareEstate(
  dataSource: DataSource,
  config: AppConfig,
  options: ScaleSeedOptions & { reconcile?: number },
): Promise<Estate> {
  const started = Date.now();
  await seedDemoData(dataSource);
  const scale = await seedScaleData(dataSource, config, options);
  const supplier = await dataSource.getRepository(Supplier).findOneByOrFail({ cnspId: options.supplier ?? 'PDN00001' });
  const contracts = scale.contractIds;
  const invoices = await dataSource
    .getRepository(Invoice)
    .createQueryBuilder('i')
    .where('i.supplierId = :supplier AND i.invoiceNumber LIKE :prefix', {
      supplier: supplier.id,
      prefix: `${options.prefix ?? 'SCALE'}-INV-%`,
    })
    .orderBy('i.id')
    .getMany();
  const viewer = await systemViewer(dataSource.manager, invoices[0]?.organisationId ?? 1, 'bench');
  const ctx = new RequestContext('bench-estate', viewer, dataSource.manager, config, pino({ level: 'silent' }));
  const reconciliation = createServices(config).reconciliation;
  for (const invoice of invoices.slice(0, options.reconcile ?? 10)) await reconciliation.reconcile(ctx, invoice.id);
  const services = await dataSource
    .getRepository(NetworkService)
    .find({ where: { contractId: contracts[0] }, order: { id: 'ASC' }, take: 4 });
  return {
    contracts: contracts.map((id) => toGlobalId('Contract', id)),
    contractIds: contracts,
    supplier: toGlobalId('Supplier', supplier.id),
    invoices: invoices.slice(0, options.reconcile ?? 10).map((invoice) => toGlobalId('Invoice', invoice.id)),
    serviceReferences: services.map((service) => service.reference),
    seedMs: Date.now() - started,
  };
}

/** Five-minute performance rows for a few services, distinct for every `sequence`, all within the retention window. */
export function performanceDocument(references: readonly string[], sequence: number): string {
  const base = Math.floor(Date.now() / 300_000) * 300_000 - 86_400_000;
  const rows = ['service_reference,interval_start,interval,availability_seconds,latency_ms'];
  for (let slot = 0; slot < 3; slot += 1) {
    const start = base - (sequence * 3 + slot) * 300_000;
    for (const reference of references)
      rows.push(
        `${reference},${new Date(start).toISOString()},5m,${slot === 1 && sequence % 17 === 0 ? 240 : 300},${(8 + (sequence % 5)).toFixed(1)}`,
      );
  }
  return rows.join('\n');
}

export interface SpawnedServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** the server's resident set, from its own /metrics */
  rssBytes(): Promise<number>;
  stop(): Promise<number | null>;
}

let built = false;
const METRICS_TOKEN = randomBytes(32).toString('base64url');

/**
 * The servers the benchmarks measure, compiled as `npm start` compiles ours (tsc, into dist/):
 * src/main.ts and bench/bare-apollo.ts. Run through ts-node instead, a server would load
 * Node's `domain` module with ts-node's REPL, which slows every event emitter in the process.
 * Built once per run (about 10 s).
 */
export function compiledServer(entry: 'src/main.ts' | 'bench/bare-apollo.ts'): string {
  if (!built) {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'bench/tsconfig.servers.json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (tsc.status !== 0) throw new Error(`compiling the servers failed:\n${tsc.stdout}${tsc.stderr}`);
    built = true;
  }
  return join(ROOT, 'dist', entry.replace(/\.ts$/, '.js'));
}

/**
 * The real server (src/main.ts, compiled) in a process of its own, on loopback, in production
 * mode, as `npm start` runs it: its old space capped at MAX_HEAP_MB (from `env`, or the default).
 */
export async function spawnServer(databaseUrl: string, env: Record<string, string> = {}): Promise<SpawnedServer> {
  const port = await freePort();
  const heapMb = env.MAX_HEAP_MB ?? process.env.MAX_HEAP_MB ?? String(DEFAULT_MAX_HEAP_MB);
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, compiledServer('src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hscn-load-')),
      DATABASE_URL: databaseUrl,
      ...BENCH_JWT,
      LOG_LEVEL: process.env.SERVER_LOG_LEVEL ?? 'warn',
      FEED_PULL_ENABLED: 'false',
      MAX_HEAP_MB: heapMb,
      // production serves /metrics on the public port only behind a token
      METRICS_TOKEN,
      ...env,
    },
    stdio: ['ignore', process.env.SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become ready within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    rssBytes: async () => {
      const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      const match = /^hscn_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
      if (!match) throw new Error('no hscn_process_resident_memory_bytes in /metrics');
      return Number(match[1]);
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
