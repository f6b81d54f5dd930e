import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import type { DataSource } from 'typeorm';
import pino from 'pino';
import { loadConfig, type AppConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { StatementCounter } from '../src/db/statement-counter';
import { Role } from '../src/auth/roles';
import type { Viewer } from '../src/request/viewer';
import { RequestContext } from '../src/request/context';
import { model as dataModel } from '../src/entities';

export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/hscn_bench';

/**
 * How the benchmarked servers verify tokens: a secret made for this run, and the issuer and
 * audience production requires before it starts. The tokens are signed with the same.
 */
export const BENCH_JWT = {
  JWT_SECRET: randomBytes(48).toString('base64url'),
  JWT_ISSUER: 'https://bench.invalid/',
  JWT_AUDIENCE: 'hscn-bench',
};

/**
 * A fresh, migrated benchmark database (dropped and created again). A `sqlite:` URL names a
 * file, removed first (with its journal files), for the parts that run on both dialects.
 */
export async function freshBenchDatabase(
  databaseUrl = BENCH_URL,
): Promise<{ config: AppConfig; dataSource: DataSource; statements: StatementCounter }> {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\//, '');
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  } else {
    const { createConnection } = await import('mysql2/promise');
    const url = new URL(databaseUrl);
    const database = url.pathname.slice(1);
    url.pathname = '/';
    const admin = await createConnection(url.toString());
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    ...BENCH_JWT,
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '10',
  });
  const statements = new StatementCounter();
  const dataSource = await openDatabase(config.database, dataModel, { logger: statements }, { createIfMissing: true });
  return { config, dataSource, statements };
}

export function benchContext(dataSource: DataSource, config: AppConfig, organisationId: number): RequestContext {
  const viewer: Viewer = {
    subject: 'bench',
    organisationId,
    odsCode: 'BENCH',
    roles: [Role.ADMIN],
    organisationIds: [organisationId],
    supplierId: null,
    via: 'JWT',
    apiKeyId: null,
  };
  return new RequestContext('bench', viewer, dataSource.manager, config, pino({ level: 'silent' }));
}

/** The machine, and the database server's version when a part ran on one (`--only startup` opens none). */
export async function machine(dataSource?: DataSource) {
  const computer = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
  if (!dataSource) return computer;
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const [{ version }] = await dataSource.query(sqlite ? "SELECT 'SQLite ' || sqlite_version() AS version" : 'SELECT VERSION() AS version');
  return { ...computer, database: version };
}

export const round = (value: number, places = 0) => Number(value.toFixed(places));

/** The middle value (the mean of the middle two of an even count); there must be at least one. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
