import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { createDataSource, detectMariadb, ensureMysqlDatabase, type DataSourceExtras } from './data-source';

/** Opens the database and applies every pending migration, each in its own transaction where the dialect allows. */
export async function openDatabase(
  config: DatabaseConfig,
  extras: DataSourceExtras = {},
  options: { createIfMissing?: boolean } = {},
): Promise<DataSource> {
  const db = await resolveFlavour(config);
  if (db.dialect === 'mysql' && options.createIfMissing) await ensureMysqlDatabase(db.location);
  const dataSource = createDataSource(db, extras);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** A mysql:// URL may point at MariaDB; find out before TypeORM compares schemas. */
export async function resolveFlavour(db: DatabaseConfig): Promise<DatabaseConfig> {
  if (db.dialect !== 'mysql' || db.mariadb !== undefined) return db;
  const server = new URL(db.location);
  server.pathname = '/';
  return { ...db, mariadb: await detectMariadb(server.toString()) };
}
