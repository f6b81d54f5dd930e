import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { model as dataModel } from '../entities';

/** `npm run migrate`: applies pending migrations and lists them. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase(config.database, dataModel, {}, { createIfMissing: true });
  try {
    const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    console.log(`Database is up to date; migrations applied: ${applied.map((row: { name: string }) => row.name).join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
