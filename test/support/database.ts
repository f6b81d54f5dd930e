import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { ensureMysqlDatabase } from '../../src/db/data-source';
import { openDatabase } from '../../src/db/database';
import { StatementCounter } from '../../src/db/statement-counter';
import { TEST_JWT_SECRET } from '../../src/config/secret-strength';
import { model as dataModel } from '../../src/entities';
import { NetworkService } from '../../src/services/network-service.entity';
import { Supplier } from '../../src/suppliers/supplier.entity';

// kept in src/config so that production refuses it
export { TEST_JWT_SECRET };

export interface TestDatabase {
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  readonly statements: StatementCounter;
  /** drops the database (MySQL) or deletes the file (SQLite) */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** MySQL: the new database's default character set (as a server configured for latin1 would give), instead of utf8mb4 */
  readonly mysqlCharacterSet?: string;
}

/**
 * A fresh database for one test file, migrated from empty: a temporary SQLite file by
 * default, or a database of its own on the server named by TEST_DATABASE_URL.
 */
export async function createTestDatabase(extraEnv: Record<string, string> = {}, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hscn-test-'));
  const mysqlUrl = process.env.TEST_DATABASE_URL;
  const databaseUrl = mysqlUrl ? perFileMysqlUrl(mysqlUrl) : `sqlite:${join(dataDir, 'test.sqlite')}`;
  if (mysqlUrl) await recreateMysqlDatabase(databaseUrl, options.mysqlCharacterSet);

  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    DB_POOL_SIZE: '5',
    // every test client is 127.0.0.1: files that try many bad credentials (auth.test.ts) would
    // otherwise be limited by their own earlier cases; auth-failures.test.ts sets its own limit
    AUTH_FAILURE_LIMIT: '1000',
    ...extraEnv,
  });
  const statements = new StatementCounter();
  const dataSource = await openDatabase(config.database, dataModel, { logger: statements });
  return {
    config,
    dataSource,
    statements,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (mysqlUrl) await dropMysqlDatabase(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `<base>_<file>_<hash>`: a database per test file and process, so files run in parallel
 * without sharing rows, and two test runs on one server (two engineers, or CI beside a
 * session) never drop each other's databases.
 */
function perFileMysqlUrl(base: string): string {
  const testPath = expect.getState().testPath ?? 'unknown';
  const url = new URL(base);
  const stem = basename(testPath)
    .replace(/\.test\.ts$/, '')
    .replace(/[^A-Za-z0-9]/g, '_')
    .slice(0, 24);
  const hash = createHash('sha1').update(`${testPath}:${process.pid}`).digest('hex').slice(0, 6);
  url.pathname = `/${url.pathname.slice(1) || 'hscn_test'}_${stem}_${hash}`;
  return url.toString();
}

export async function withServer(url: string, work: (connection: import('mysql2/promise').Connection, database: string) => Promise<void>) {
  const { createConnection } = await import('mysql2/promise');
  const parsed = new URL(url);
  const database = parsed.pathname.slice(1);
  parsed.pathname = '/';
  const connection = await createConnection(parsed.toString());
  try {
    await work(connection, database);
  } finally {
    await connection.end();
  }
}

async function recreateMysqlDatabase(url: string, characterSet?: string): Promise<void> {
  await dropMysqlDatabase(url);
  if (characterSet === undefined) return ensureMysqlDatabase(url);
  await withServer(url, (connection, database) =>
    connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET ${characterSet}`).then(() => undefined),
  );
}

export async function dropMysqlDatabase(url: string): Promise<void> {
  await withServer(url, (connection, database) => connection.query(`DROP DATABASE IF EXISTS \`${database}\``).then(() => undefined));
}

/** The DATABASE_URL a child process (npm run …, the server's main) needs to reach the test database. */
export const childDatabaseUrl = (db: TestDatabase): string =>
  process.env.TEST_DATABASE_URL ? db.config.database.location : `sqlite:${db.config.database.location}`;

/** The environment of a child process in test mode on the test database. */
export const childTestEnv = (db: TestDatabase): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'test',
  DATA_DIR: db.config.dataDir,
  DATABASE_URL: childDatabaseUrl(db),
  JWT_SECRET: TEST_JWT_SECRET,
});

/** The references of the first `count` of Pennine's services at RX1 in the seeded demo data, by id. */
export async function pennineRx1References(dataSource: DataSource, count: number): Promise<string[]> {
  const supplier = await dataSource.getRepository(Supplier).findOneByOrFail({ cnspId: 'PDN00001' });
  const services = await dataSource
    .getRepository(NetworkService)
    .find({ where: { supplierId: supplier.id, organisationId: 1 }, order: { id: 'ASC' } });
  return services.slice(0, count).map((service) => service.reference);
}
