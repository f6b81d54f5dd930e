import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  it('build, from an empty database, exactly the schema the entities describe', async () => {
    const applied = await db.dataSource.query('SELECT name FROM migrations');
    expect(applied.length).toBe(db.dataSource.migrations.length);
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('can all be reverted and applied again', async () => {
    for (let i = 0; i < db.dataSource.migrations.length; i += 1) await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await db.dataSource.query('SELECT name FROM migrations')).toEqual([]);
    const reapplied = await db.dataSource.runMigrations({ transaction: 'each' });
    expect(reapplied.length).toBe(db.dataSource.migrations.length);
    expect((await db.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('state utf8mb4 for every MySQL table, whatever the database default', () => {
    const folder = join(__dirname, '..', '..', 'migrations', 'mysql');
    const creates = readdirSync(folder)
      .filter((file) => /^\d+-\w+\.ts$/.test(file))
      .flatMap((file) => readFileSync(join(folder, file), 'utf8').match(/CREATE TABLE [^\n]*/g) ?? []);
    expect(creates.length).toBeGreaterThan(50);
    expect(creates.filter((statement) => !statement.includes('DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci'))).toEqual([]);
  });
});
