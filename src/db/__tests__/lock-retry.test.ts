import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { retryOnDeadlock } from '../errors';
import { model as dataModel } from '../../entities';

/**
 * One SQLite file, two processes' connections (the server and `npm run ingest`): a transaction
 * that read before the other connection committed cannot then write (WAL answers
 * SQLITE_BUSY_SNAPSHOT at once; no busy_timeout helps). The CLI died of it with "database is
 * locked" when a server marked its run FAILED between two of its statements.
 */
describe('a transaction that lost to another SQLite connection', () => {
  let dir: string;
  let first: DataSource;
  let second: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hscn-lock-retry-'));
    const database = { dialect: 'sqlite' as const, location: join(dir, 'shared.sqlite'), poolSize: 1, connectTimeoutMs: 1000 };
    first = await createDataSource(database, dataModel).initialize();
    second = await createDataSource(database, dataModel).initialize();
    await first.query('CREATE TABLE tally (n INTEGER NOT NULL)');
  });

  afterAll(async () => {
    await first.destroy();
    await second.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs again whole, and both writes are kept', async () => {
    let attempts = 0;
    await retryOnDeadlock(() =>
      first.transaction(async (tx) => {
        attempts += 1;
        await tx.query('SELECT COUNT(*) FROM tally');
        // the other connection commits after this transaction first read
        if (attempts === 1) await second.query('INSERT INTO tally (n) VALUES (1)');
        await tx.query('INSERT INTO tally (n) VALUES (2)');
      }),
    );
    expect(attempts).toBe(2);
    expect(await second.query('SELECT n FROM tally ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
  });
});
