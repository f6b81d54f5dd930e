import type { DataSource } from 'typeorm';

/** Whether the database answers: a statement that reads nothing (readiness). */
export async function ping(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}

/** The names of the migrations applied, oldest first. */
export async function appliedMigrationNames(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query('SELECT name FROM migrations ORDER BY id');
  return rows.map((row) => row.name);
}
