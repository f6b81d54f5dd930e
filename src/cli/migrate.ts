import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { appliedMigrationNames } from '../db/health';
import { model as dataModel } from '../entities';

/** `npm run migrate`: applies pending migrations and lists them. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase(config.database, dataModel, {}, { createIfMissing: true });
  try {
    const applied = await appliedMigrationNames(dataSource);
    console.log(`Database is up to date; migrations applied: ${applied.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
