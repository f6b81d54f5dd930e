import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { createDataSource } from '../../src/db/data-source';
import { resolveFlavour } from '../../src/db/database';
import { livenessOfOwners } from '../../src/db/instance';
import { StatementCounter } from '../../src/db/statement-counter';
import { FeedRun, FeedRunStatus } from '../../src/feed-records/feed-run.entity';
import { ORPHANED_RUN } from '../../src/feeds/run-owners';
import { InvoiceLine } from '../../src/billing/invoice-line.entity';
import { Invoice } from '../../src/billing/invoice.entity';
import { PerformanceDaily } from '../../src/performance/performance-rollup.entity';
import { PerformanceSample } from '../../src/performance/performance-sample.entity';
import { seedDemoData } from '../../src/seed/demo-data';
import { childTestEnv, createTestDatabase, pennineRx1References, type TestDatabase } from '../support/database';
import { model as dataModel } from '../../src/entities';

const ROOT = join(__dirname, '..', '..');
const INVOICES = 1_500;
/** each test ingests thousands of rows in child processes: about 30 s on MariaDB, minutes on a loaded machine; only a hang guard */
const HANG_GUARD_MS = 600_000;

/**
 * A feed ingestion killed mid-run (SIGKILL, no chance to tidy up) leaves whole invoices or
 * none, samples with their rollups, and a run that any server marks FAILED as soon as it looks
 * (a run belongs to a live process), which can simply be re-run.
 *
 * Nothing here waits on the clock: the child is caught at its first stored batch (its progress
 * line) and frozen with SIGSTOP, so however loaded the machine, it is mid-document when killed.
 */
describe('an ingestion killed mid-run', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let references: string[];
  /** another server on the same database, already running when the child dies */
  let live: App;
  let liveUrl: string;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.dataSource);
    references = await pennineRx1References(db.dataSource, 3);
    env = childTestEnv(db);
    // no background work: only its reads may judge runs, so what the tests see is what a read does
    live = await createApp(db.config, db.dataSource, db.statements, pino({ level: 'silent' }));
    liveUrl = `http://127.0.0.1:${await live.listen()}`;
    token = await signDevelopmentToken(db.config, { subject: 'ops@rx1', odsCode: 'RX1', roles: [Role.CONTRACT_MANAGER], expiresIn: '1h' });
  }, HANG_GUARD_MS);

  afterAll(async () => {
    await live.stop();
    await db.drop();
  });

  const ingest = (kind: string, file: string): ChildProcess =>
    spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        'src/cli/ingest.ts',
        '--supplier',
        'PDN00001',
        '--org',
        'RX1',
        '--kind',
        kind,
        '--format',
        'csv',
        file,
      ],
      {
        cwd: ROOT,
        env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  /** Resolves at the child's first progress line, which it writes once a batch is stored. */
  function firstBatchStored(child: ChildProcess): Promise<void> {
    let stderr = '';
    return new Promise((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/ rows /.test(stderr)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the ingestion exited (${code}) before storing a batch:\n${stderr}`)));
    });
  }

  /** Freezes the child once a batch is stored; it holds its run (and its instance lock) but does nothing more. */
  async function pauseAfterFirstBatch(child: ChildProcess): Promise<void> {
    await firstBatchStored(child);
    child.kill('SIGSTOP');
  }

  async function kill(child: ChildProcess, run: FeedRun): Promise<void> {
    child.kill('SIGKILL');
    await exited(child);
    // MySQL frees a dead session's lock once it reads the closed connection: that is the event the
    // other servers act on (on SQLite the process table already says so)
    while ((await livenessOfOwners(db.dataSource.manager, [run.ownerInstance!])).get(run.ownerInstance!) !== 'dead') {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const latestRun = (kind: string) =>
    db.dataSource.getRepository(FeedRun).findOneOrFail({ where: { kind: kind as never }, order: { id: 'DESC' } });

  /** The run as the API shows it: each read first fails runs whose process has died. */
  async function runAsShown(kind: string): Promise<{ status: string; failureReason: string | null }> {
    const response = await fetch(`${liveUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ feedRuns(first: 1, filter: { kind: ${kind} }) { edges { node { status failureReason } } } }` }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      data: { feedRuns: { edges: { node: { status: string; failureReason: string | null } }[] } };
    };
    expect(body.errors).toBeUndefined();
    return body.data.feedRuns.edges[0].node;
  }

  async function invoicesAreWhole(): Promise<number> {
    const invoices = await db.dataSource.getRepository(Invoice).find();
    const lines = await db.dataSource.getRepository(InvoiceLine).find();
    for (const invoice of invoices) {
      const own = lines.filter((line) => line.invoiceId === invoice.id);
      expect(own).toHaveLength(3);
      expect(own.reduce((sum, line) => sum + line.netAmount, 0n)).toBe(invoice.netTotal);
    }
    return invoices.length;
  }

  function invoiceDocument(name: string, prefix: string): string {
    const file = join(db.config.dataDir, name);
    const rows = [
      'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,' +
        'invoice_net_total,invoice_vat_total,invoice_gross_total',
    ];
    for (let i = 0; i < INVOICES; i += 1) {
      for (const reference of references)
        rows.push(`${prefix}-${i},2026-11-01,2026-10-01,2026-10-31,${reference},RECURRING,1,100.00,100.00,20,20.00,300.00,60.00,360.00`);
    }
    writeFileSync(file, rows.join('\n'));
    return file;
  }

  it(
    'leaves no partial invoice, shows the run FAILED to a live server as soon as the process dies (not before), and a re-run completes the document',
    async () => {
      const file = invoiceDocument('invoices.csv', 'KILL');
      const child = ingest('invoices', file);
      await pauseAfterFirstBatch(child);

      const running = await latestRun('INVOICE');
      expect(running.status).toBe(FeedRunStatus.RUNNING);
      expect(running.ownerInstance).toEqual(expect.any(String));
      // frozen, not dead: its run is still its own
      expect(await runAsShown('INVOICE')).toEqual({ status: 'RUNNING', failureReason: null });
      const storedAtKill = await invoicesAreWhole();
      expect(storedAtKill).toBeGreaterThan(0);
      expect(storedAtKill).toBeLessThan(INVOICES);

      await kill(child, running);
      expect(await runAsShown('INVOICE')).toEqual({ status: 'FAILED', failureReason: ORPHANED_RUN });
      expect(await invoicesAreWhole()).toBe(storedAtKill);

      expect(await exited(ingest('invoices', file))).toBe(0);
      const rerun = await latestRun('INVOICE');
      expect(rerun).toMatchObject({ status: FeedRunStatus.SUCCEEDED, rowsRead: INVOICES, rowsRejected: 0 });
      expect(rerun.rowsAccepted + rerun.rowsUnchanged).toBe(INVOICES);
      expect(rerun.rowsUnchanged).toBe(storedAtKill);
      expect(await invoicesAreWhole()).toBe(INVOICES);
    },
    HANG_GUARD_MS,
  );

  it(
    'leaves samples and rollups that agree, the next server to start fails the run at once, and a re-run completes the document',
    async () => {
      const file = join(db.config.dataDir, 'performance.csv');
      const rows = ['service_reference,interval_start,interval,availability_seconds,latency_ms'];
      const start = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 20 * 86_400_000;
      for (const reference of references) {
        for (let t = start; t < start + 20 * 86_400_000; t += 300_000)
          rows.push(`${reference},${new Date(t).toISOString()},5m,${t % 7 === 0 ? 240 : 300},9.5`);
      }
      writeFileSync(file, rows.join('\n'));
      const total = rows.length - 1;

      const child = ingest('performance', file);
      await pauseAfterFirstBatch(child);
      const running = await latestRun('PERFORMANCE');
      await kill(child, running);
      const consistent = async () => {
        const samples = await db.dataSource.getRepository(PerformanceSample).find({ select: { upSeconds: true } });
        const daily = await db.dataSource.getRepository(PerformanceDaily).find();
        expect(daily.reduce((sum, day) => sum + day.sampleCount, 0)).toBe(samples.length);
        expect(daily.reduce((sum, day) => sum + day.upSeconds, 0)).toBe(samples.reduce((sum, s) => sum + (s.upSeconds ?? 0), 0));
        return samples.length;
      };
      const atKill = await consistent();
      expect(atKill).toBeGreaterThan(0);
      expect(atKill).toBeLessThan(total);

      // nobody has looked yet; then a server starts on the database, as after a crash
      expect((await latestRun('PERFORMANCE')).status).toBe(FeedRunStatus.RUNNING);
      const dataSource = createDataSource(await resolveFlavour(db.config.database), dataModel);
      await dataSource.initialize();
      const next = await createApp(db.config, dataSource, new StatementCounter(), pino({ level: 'silent' }));
      try {
        await next.startBackgroundWork();
        expect(await latestRun('PERFORMANCE')).toMatchObject({ status: FeedRunStatus.FAILED, failureReason: ORPHANED_RUN });
      } finally {
        await next.stop();
      }

      expect(await exited(ingest('performance', file))).toBe(0);
      expect(await consistent()).toBe(total);
    },
    HANG_GUARD_MS,
  );

  it(
    'a run failed by another process while its own still works on it takes no more rows',
    async () => {
      const file = invoiceDocument('invoices-given-up.csv', 'GIVEN');
      const before = await invoicesAreWhole();
      const child = ingest('invoices', file);
      await firstBatchStored(child);
      // what another server does when this one's instance lock was lost, or the stalled-run fallback fired
      const run = await latestRun('INVOICE');
      const judged = await db.dataSource
        .createQueryBuilder()
        .update(FeedRun)
        .set({ status: FeedRunStatus.FAILED, failureReason: ORPHANED_RUN })
        .where({ id: run.id, status: FeedRunStatus.RUNNING })
        .execute();
      expect(judged.affected).toBe(1);

      // its next batch finds the run FAILED, is rolled back, and the process stops with the run as it was failed
      expect(await exited(child)).toBe(2);
      const given = await latestRun('INVOICE');
      expect(given).toMatchObject({ id: run.id, status: FeedRunStatus.FAILED, failureReason: ORPHANED_RUN });
      expect(given.rowsAccepted).toBeLessThan(INVOICES);
      expect(await invoicesAreWhole()).toBe(before + given.rowsAccepted);
    },
    HANG_GUARD_MS,
  );
});
