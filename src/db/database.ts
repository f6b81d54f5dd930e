import type { Logger } from 'pino';
import { MigrationExecutor, type DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { createDataSource, detectMariadb, ensureMysqlDatabase, type DataModel, type DataSourceExtras } from './data-source';

/**
 * Opens the database and applies every pending migration, each in its own transaction where the dialect allows.
 * With `log`, each migration applied is logged as it finishes (a first start applies them all; later ones, none, quietly).
 */
export async function openDatabase(
  config: DatabaseConfig,
  model: DataModel,
  extras: DataSourceExtras = {},
  options: { createIfMissing?: boolean; log?: Logger } = {},
): Promise<DataSource> {
  const db = await resolveFlavour(config);
  if (db.dialect === 'mysql' && options.createIfMissing) await ensureMysqlDatabase(db.location);
  const dataSource = createDataSource(db, model, extras);
  await dataSource.initialize();
  try {
    if (options.log) await logEachMigration(dataSource, options.log);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** TypeORM says nothing per migration to us: each pending one's `up` reports when it has run (within its transaction). */
async function logEachMigration(dataSource: DataSource, log: Logger): Promise<void> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length === 0) return;
  log.info({ pending: pending.length }, 'applying migrations');
  pending.forEach(({ name, instance }, index) => {
    if (!instance) return;
    const up = instance.up.bind(instance);
    instance.up = async (queryRunner) => {
      const started = Date.now();
      await up(queryRunner);
      log.info({ migration: name, n: index + 1, of: pending.length, ms: Date.now() - started }, 'migration applied');
    };
  });
}

/** A mysql:// URL may point at MariaDB; find out before TypeORM compares schemas. */
export async function resolveFlavour(db: DatabaseConfig): Promise<DatabaseConfig> {
  if (db.dialect !== 'mysql' || db.mariadb !== undefined) return db;
  const server = new URL(db.location);
  server.pathname = '/';
  return { ...db, mariadb: await detectMariadb(server.toString()) };
}
