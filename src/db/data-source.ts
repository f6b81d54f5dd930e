import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import { ConfigError, type DatabaseConfig } from '../config/config';
import { openInfile } from './bulk-load';
import { mysqlMigrations } from '../../migrations/mysql';
import { sqliteMigrations } from '../../migrations/sqlite';

/** What the data source maps: every entity and subscriber (src/entities.ts, the wiring layer, lists them). */
export interface DataModel {
  readonly entities: readonly EntityClass[];
  readonly subscribers: readonly EntityClass[];
}

/** A class TypeORM maps (an entity) or calls (a subscriber). */
export type EntityClass = abstract new (...args: never[]) => unknown;

export interface DataSourceExtras {
  readonly logger?: TypeOrmLogger;
  /** throwaway schema for tests of the entities themselves; never for a real database */
  readonly synchronize?: boolean;
}

/** The one place where the two dialects differ in how they are opened. */
export function dataSourceOptions(db: DatabaseConfig, model: DataModel, extras: DataSourceExtras = {}): DataSourceOptions {
  const common = {
    entities: [...model.entities] as EntityClass[],
    subscribers: [...model.subscribers] as EntityClass[],
    synchronize: extras.synchronize ?? false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    logger: extras.logger,
    maxQueryExecutionTime: 1_000,
  } as const;

  if (db.dialect === 'sqlite') {
    if (db.location !== ':memory:') mkdirSync(dirname(db.location), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.location,
      migrations: sqliteMigrations,
      enableWAL: db.location !== ':memory:',
      prepareDatabase: (sqlite: { pragma(statement: string): unknown }) => {
        sqlite.pragma('busy_timeout = 5000');
      },
    };
  }

  return {
    ...common,
    // MariaDB reports column defaults differently; TypeORM must know which server it is on
    type: db.mariadb ? 'mariadb' : 'mysql',
    url: db.location.replace(/^mariadb:/, 'mysql:'),
    migrations: mysqlMigrations,
    charset: 'utf8mb4_unicode_ci',
    // Timestamps are UTC on the wire; DATE columns stay strings so no local zone can shift a day.
    timezone: 'Z',
    dateStrings: ['DATE'],
    poolSize: db.poolSize,
    connectTimeout: db.connectTimeoutMs,
    // trace: false — mysql2 would otherwise capture a stack trace before every statement, for errors
    // TypeORM rethrows as QueryFailedError with its own stack anyway (about a twentieth of a dashboard's CPU)
    extra: { enableKeepAlive: true, maxIdle: db.poolSize, infileStreamFactory: openInfile, trace: false },
  };
}

export function createDataSource(db: DatabaseConfig, model: DataModel, extras: DataSourceExtras = {}): DataSource {
  return new DataSource(dataSourceOptions(db, model, extras));
}

/** Asks a mysql:// server whether it is in fact MariaDB. */
export async function detectMariadb(url: string): Promise<boolean> {
  const { createConnection } = await import('mysql2/promise');
  const connection = await createConnection(url.replace(/^mariadb:/, 'mysql:'));
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as { version: string }[])[0]?.version));
  } finally {
    await connection.end();
  }
}

const MISSING_OR_FORBIDDEN = new Set(['ER_BAD_DB_ERROR', 'ER_DBACCESS_DENIED_ERROR']);

/**
 * Creates the MySQL database named in the URL when it is absent, in utf8mb4 whatever the
 * server's default (`npm start`, `npm run migrate`, the CLI, tests). A user who may not
 * create databases is told the statements an administrator runs instead.
 */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const { createConnection } = await import('mysql2/promise');
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`refusing to create database with name "${database}"`);
  // connecting is the check that needs no privilege beyond the database's own (CREATE DATABASE IF NOT EXISTS needs the global one)
  try {
    await (await createConnection(parsed.toString())).end();
    return;
  } catch (error) {
    if (!MISSING_OR_FORBIDDEN.has(String((error as { code?: string }).code))) throw error;
  }
  parsed.pathname = '/';
  const connection = await createConnection(parsed.toString());
  const create = `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;
  try {
    await connection.query(create);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_DBACCESS_DENIED_ERROR') throw error;
    const [rows] = await connection.query('SELECT CURRENT_USER() AS user');
    const [user, host] = String((rows as { user: string }[])[0]?.user).split('@');
    throw new ConfigError(
      `Invalid configuration:\n  DATABASE_URL: the database \`${database}\` does not exist (or '${user}' has no rights on it), and ` +
        `'${user}' may not create it.\n` +
        `  Ask an administrator to run:\n    ${create};\n    GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${user}'@'${host}';`,
    );
  } finally {
    await connection.end();
  }
}
