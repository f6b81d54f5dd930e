import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedPipeline } from '../../src/feeds/feed-pipeline';
import { FeedRun, FeedRunStatus } from '../../src/feeds/feed-run.entity';
import { InvoiceLine } from '../../src/billing/invoice-line.entity';
import { Invoice } from '../../src/billing/invoice.entity';
import { NetworkService } from '../../src/services/network-service.entity';
import { Supplier } from '../../src/suppliers/supplier.entity';
import { PerformanceDaily } from '../../src/performance/performance-rollup.entity';
import { PerformanceSample } from '../../src/performance/performance-sample.entity';
import { seedDemoData } from '../../src/seed/demo-data';
import { createTestDatabase, TEST_JWT_SECRET, type TestDatabase } from '../support/database';

const ROOT = join(__dirname, '..', '..');
const INVOICES = 1_500;

/**
 * A feed ingestion killed mid-run (SIGKILL, no chance to tidy up) leaves whole invoices or
 * none, samples with their rollups, and a run that is marked FAILED and can simply be re-run.
 */
describe('an ingestion killed mid-run', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let references: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.dataSource);
    const supplier = await db.dataSource.getRepository(Supplier).findOneByOrFail({ cnspId: 'PDN00001' });
    const rx1Services = await db.dataSource.getRepository(NetworkService).find({ where: { supplierId: supplier.id, organisationId: 1 }, order: { id: 'ASC' } });
    references = rx1Services.slice(0, 3).map((service) => service.reference);
    env = { ...process.env, NODE_ENV: 'test', DATA_DIR: db.config.dataDir, DATABASE_URL: process.env.TEST_DATABASE_URL ? db.config.database.location : `sqlite:${db.config.database.location}`, JWT_SECRET: TEST_JWT_SECRET };
  });

  afterAll(() => db.drop());

  const ingest = (kind: string, file: string): ChildProcess =>
    spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/ingest.ts', '--supplier', 'PDN00001', '--org', 'RX1', '--kind', kind, '--format', 'csv', file], {
      cwd: ROOT,
      env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: 'ignore',
    });
  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  /** Kills the child once the run has stored something, well before it could finish. */
  async function killMidRun(child: ChildProcess, kind: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const run = await db.dataSource.getRepository(FeedRun).findOne({ where: { kind: kind as never }, order: { id: 'DESC' } });
      if (run && run.rowsAccepted > 0) break;
      if (Date.now() > deadline) throw new Error('the ingestion never got going');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited(child);
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

  it('leaves no partial invoice, and a re-run completes the document', async () => {
    const file = join(db.config.dataDir, 'invoices.csv');
    const rows = ['invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total'];
    for (let i = 0; i < INVOICES; i += 1) {
      for (const reference of references) rows.push(`KILL-${i},2026-11-01,2026-10-01,2026-10-31,${reference},RECURRING,1,100.00,100.00,20,20.00,300.00,60.00,360.00`);
    }
    writeFileSync(file, rows.join('\n'));

    await killMidRun(ingest('invoices', file), 'INVOICE');
    const storedAtKill = await invoicesAreWhole();
    expect(storedAtKill).toBeGreaterThan(0);
    expect(storedAtKill).toBeLessThan(INVOICES);

    const interrupted = await db.dataSource.getRepository(FeedRun).findOneOrFail({ where: { kind: 'INVOICE' as never }, order: { id: 'DESC' } });
    expect(interrupted.status).toBe(FeedRunStatus.RUNNING);
    expect(await FeedPipeline.failInterruptedRuns({ manager: db.dataSource.manager }, 0)).toBe(1);
    expect((await db.dataSource.getRepository(FeedRun).findOneByOrFail({ id: interrupted.id })).status).toBe(FeedRunStatus.FAILED);

    expect(await exited(ingest('invoices', file))).toBe(0);
    const rerun = await db.dataSource.getRepository(FeedRun).findOneOrFail({ where: { kind: 'INVOICE' as never }, order: { id: 'DESC' } });
    expect(rerun).toMatchObject({ status: FeedRunStatus.SUCCEEDED, rowsRead: INVOICES, rowsRejected: 0 });
    expect(rerun.rowsAccepted + rerun.rowsUnchanged).toBe(INVOICES);
    expect(rerun.rowsUnchanged).toBe(storedAtKill);
    expect(await invoicesAreWhole()).toBe(INVOICES);
  });

  it('leaves samples and rollups that agree, and a re-run completes the document', async () => {
    const file = join(db.config.dataDir, 'performance.csv');
    const rows = ['service_reference,interval_start,interval,availability_seconds,latency_ms'];
    const start = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 20 * 86_400_000;
    for (const reference of references) {
      for (let t = start; t < start + 20 * 86_400_000; t += 300_000) rows.push(`${reference},${new Date(t).toISOString()},5m,${t % 7 === 0 ? 240 : 300},9.5`);
    }
    writeFileSync(file, rows.join('\n'));
    const total = rows.length - 1;

    await killMidRun(ingest('performance', file), 'PERFORMANCE');
    const consistent = async () => {
      const samples = await db.dataSource.getRepository(PerformanceSample).find({ select: { upSeconds: true } });
      const daily = await db.dataSource.getRepository(PerformanceDaily).find();
      expect(daily.reduce((sum, day) => sum + day.sampleCount, 0)).toBe(samples.length);
      expect(daily.reduce((sum, day) => sum + day.upSeconds, 0)).toBe(samples.reduce((sum, s) => sum + (s.upSeconds ?? 0), 0));
      return samples.length;
    };
    const atKill = await consistent();
    expect(atKill).toBeLessThan(total);

    await FeedPipeline.failInterruptedRuns({ manager: db.dataSource.manager }, 0);
    expect(await exited(ingest('performance', file))).toBe(0);
    expect(await consistent()).toBe(total);
  });
});
