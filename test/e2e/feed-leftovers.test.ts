import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { thisProcess, tokenOf } from '../../src/common/process-identity';
import { Instance } from '../../src/db/instance';
import { FeedRun, FeedRunStatus } from '../../src/feed-records/feed-run.entity';
import { ORPHANED_RUN, stalledRun } from '../../src/feeds/run-owners';
import { FeedFormat, FeedKind } from '../../src/feed-records/records';
import { NetworkService } from '../../src/services/network-service.entity';
import { Supplier } from '../../src/suppliers/supplier.entity';
import { seedDemoData } from '../../src/seed/demo-data';
import { createTestDatabase, TEST_JWT_SECRET, type TestDatabase } from '../support/database';
import { listening, spawnMain, stopMain, type MainProcess } from '../support/main-process';

const MYSQL = process.env.TEST_DATABASE_URL;
const STALE_MINUTES = 15;
/** starting src/main.ts takes seconds, and minutes on a loaded machine: only a hang guard */
const HANG_GUARD_MS = 300_000;

/** A process that runs until it is killed, and its token. */
async function sleeper(): Promise<{ child: ChildProcess; token: string }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  return { child, token: tokenOf(child.pid!)! };
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * What a crash leaves behind, and how the next server to start clears it: spooled documents
 * (supplier data) of processes that died, and runs they still show as RUNNING. Several servers
 * may share a spool directory and a database, so what belongs to a live process, or to one
 * this machine cannot see, stays.
 */
describe('leftovers of a crash, at start-up', () => {
  let db: TestDatabase;
  let spoolDir: string;
  let main: MainProcess;
  let port: number;
  let alive: ChildProcess;
  const files: Record<string, string> = {};
  const runs: Record<string, number> = {};
  let supplierId: number;
  let references: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.dataSource);
    spoolDir = mkdtempSync(join(tmpdir(), 'hscn-spool-test-'));
    const machine = thisProcess().split('.')[0];

    const gone = await sleeper();
    await killed(gone.child);
    const live = await sleeper();
    alive = live.child;
    const other = `${machine === 'ffffffffff' ? '0000000000' : 'ffffffffff'}.${process.pid}.1`;
    const name = (owner: string) => `hscn-feed-${owner}-${randomUUID()}`;
    Object.assign(files, {
      deadProcess: name(gone.token),
      // a pid in use again, by a process that started later (this one)
      reusedPid: name(`${machine}.${process.pid}.1`),
      unownedOld: `hscn-feed-${randomUUID()}`,
      liveProcess: name(live.token),
      otherMachine: name(other),
      unownedRecent: `hscn-feed-${randomUUID()}`,
      notOurs: 'hscn-feed-notes.txt',
    });
    for (const file of Object.values(files))
      writeFileSync(join(spoolDir, file), 'service_reference,interval_start\nSECRET-SUPPLIER-DATA\n');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(join(spoolDir, files.unownedOld), twoDaysAgo, twoDaysAgo);
    files.directory = name(gone.token);
    mkdirSync(join(spoolDir, files.directory));

    const supplier = await db.dataSource.getRepository(Supplier).findOneByOrFail({ cnspId: 'PDN00001' });
    supplierId = supplier.id;
    references = (
      await db.dataSource.getRepository(NetworkService).find({ where: { supplierId, organisationId: 1 }, order: { id: 'ASC' }, take: 2 })
    ).map((service) => service.reference);
    const running = (owner: string | null, minutesAgo: number) => {
      const at = new Date(Date.now() - minutesAgo * 60_000);
      return db.dataSource.getRepository(FeedRun).save(
        db.dataSource.getRepository(FeedRun).create({
          organisationId: 1,
          supplierId,
          kind: FeedKind.PERFORMANCE,
          format: FeedFormat.CSV,
          source: 'HTTP' as never,
          sourceName: null,
          checksum: randomUUID().replace(/-/g, ''),
          status: FeedRunStatus.RUNNING,
          startedAt: at,
          finishedAt: null,
          rowsRead: 10,
          rowsAccepted: 10,
          rowsRejected: 0,
          rowsUnchanged: 0,
          failureReason: null,
          triggeredBy: 'test',
          duplicateOfRunId: null,
          ownerInstance: owner,
          createdAt: at,
          updatedAt: at,
        }),
      );
    };
    Object.assign(runs, {
      deadProcess: (await running(`process:${gone.token}`, 1)).id,
      liveProcess: (await running(`process:${live.token}`, 1)).id,
      // another machine's process: this one cannot tell, so only the stalled-run timeout applies
      otherMachineRecent: (await running(`process:${other}`, 1)).id,
      otherMachineStalled: (await running(`process:${other}`, STALE_MINUTES + 5)).id,
      unrecorded: (await running(null, 1)).id,
    });
    if (MYSQL) {
      // a MySQL instance's owner is its lock: free once its connection is gone, whichever machine it ran on
      runs.freeLock = (await running(`lock:hscn-instance-${randomUUID()}`, 1)).id;
    }

    main = spawnMain({
      NODE_ENV: 'test',
      DATA_DIR: db.config.dataDir,
      DATABASE_URL: MYSQL ? db.config.database.location : `sqlite:${db.config.database.location}`,
      JWT_SECRET: TEST_JWT_SECRET,
      FEED_SPOOL_DIR: spoolDir,
      FEED_STALE_RUN_MINUTES: String(STALE_MINUTES),
    });
    port = await listening(main);
  }, HANG_GUARD_MS);

  afterAll(async () => {
    if (main) expect(await stopMain(main)).toBe(0);
    if (alive) await killed(alive);
    rmSync(spoolDir, { recursive: true, force: true });
    await db.drop();
  }, HANG_GUARD_MS);

  it('removes the documents spooled by processes that died, and nothing else', () => {
    const left = readdirSync(spoolDir).sort();
    expect(left).toEqual([files.liveProcess, files.otherMachine, files.unownedRecent, files.notOurs, files.directory].sort());
    expect(main.logs.find((entry) => entry.msg === 'removed documents spooled by processes that died')).toMatchObject({ removed: 3 });
  });

  it('fails the RUNNING runs of processes that died, and leaves the ones it cannot judge to the stalled-run timeout', async () => {
    const status = async (id: number) => {
      const run = await db.dataSource.getRepository(FeedRun).findOneByOrFail({ id });
      return [run.status, run.failureReason];
    };
    expect(await status(runs.deadProcess)).toEqual([FeedRunStatus.FAILED, ORPHANED_RUN]);
    expect(await status(runs.liveProcess)).toEqual([FeedRunStatus.RUNNING, null]);
    expect(await status(runs.otherMachineRecent)).toEqual([FeedRunStatus.RUNNING, null]);
    expect(await status(runs.otherMachineStalled)).toEqual([FeedRunStatus.FAILED, stalledRun(STALE_MINUTES)]);
    expect(await status(runs.unrecorded)).toEqual([FeedRunStatus.RUNNING, null]);
    if (MYSQL) expect(await status(runs.freeLock)).toEqual([FeedRunStatus.FAILED, ORPHANED_RUN]);
  });

  it('leaves no spooled document behind after a run, stored or failed', async () => {
    const token = await signDevelopmentToken(db.config, {
      subject: 'ops@rx1',
      odsCode: 'RX1',
      roles: [Role.CONTRACT_MANAGER],
      expiresIn: '1h',
    });
    const before = readdirSync(spoolDir).sort();
    const send = (body: string) =>
      fetch(`http://127.0.0.1:${port}/feeds/performance?supplier=PDN00001`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body,
      });
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString();
    const stored = await send(`service_reference,interval_start,interval,availability_seconds\n${references[0]},${hour},1h,3600\n`);
    expect(stored.status).toBe(200);
    const failed = await send('this is not,a performance document\n1,2\n');
    expect(failed.status).toBe(422);
    expect(readdirSync(spoolDir).sort()).toEqual(before);
  });
});

/** MySQL only: on SQLite these are reported as skipped, never as passed */
(MYSQL ? describe : describe.skip)('MySQL: a server whose instance lock connection is lost', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  it('is seen as gone while it is lost, and takes its lock again at its next check', async () => {
    const instance = await Instance.claim(db.dataSource, pino({ level: 'silent' }));
    const lock = instance.owner.replace(/^lock:/, '');
    try {
      const holder = async () => Number((await db.dataSource.query('SELECT IS_USED_LOCK(?) AS id', [lock]))[0].id ?? 0);
      const first = await holder();
      expect(first).toBeGreaterThan(0);
      // as a database restart or a network cut would: the server ends the session, and with it the lock,
      // so other servers now take this one's runs for orphaned
      await db.dataSource.query(`KILL CONNECTION ${first}`);
      while ((await holder()) !== 0) await new Promise((resolve) => setTimeout(resolve, 10));

      await instance.keepAlive();
      const again = await holder();
      expect(again).toBeGreaterThan(0);
      expect(again).not.toBe(first);
    } finally {
      await instance.release();
    }
  });
});
