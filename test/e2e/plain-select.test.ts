import { DateTime } from 'luxon';
import { IsNull } from 'typeorm';
import { plainSelect } from '../../src/db/plain-select';
import { seedDemo } from '../../src/seed/demo';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * The request loaders read whole entities with a plain SELECT instead of TypeORM's find: for
 * every table of the schema, on the whole demo, both must give the same entities — money as
 * bigint pence, dates, JSON columns, enums, nulls — on this database.
 */
describe('plainSelect', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, db.config, DateTime.fromISO('2026-11-25T12:00:00', { zone: 'Europe/London' }));
  }, 240_000);

  afterAll(() => db.drop());

  it('hydrates every entity exactly as find does', async () => {
    const manager = db.dataSource.manager;
    let compared = 0;
    for (const metadata of db.dataSource.entityMetadatas) {
      const order = metadata.primaryColumns.map((column) => [column.propertyName, 'ASC'] as const);
      const viaFind = await manager.find(metadata.target, { order: Object.fromEntries(order), take: 500 });
      const plain = (await plainSelect(manager, metadata.target, {}, order)).slice(0, 500);
      expect({ entity: metadata.name, rows: plain }).toStrictEqual({ entity: metadata.name, rows: viaFind });
      compared += viaFind.length;
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it('filters by value, by list and by NULL, and orders as asked', async () => {
    const manager = db.dataSource.manager;
    const services = await plainSelect<any>(manager, 'NetworkService', { status: 'ACTIVE', ceaseDate: null }, [['reference', 'DESC']]);
    const expected = await manager.find<any>('NetworkService', { where: { status: 'ACTIVE', ceaseDate: IsNull() }, order: { reference: 'DESC' } });
    expect(services.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(services.length).toBeGreaterThan(1);
    const two = services.slice(0, 2).map((s) => s.id);
    expect((await plainSelect<any>(manager, 'NetworkService', { id: two }, [['id', 'ASC']])).map((s) => s.id)).toEqual([...two].sort((a, b) => a - b));
    expect(await plainSelect(manager, 'NetworkService', { id: [] }, [])).toEqual([]);
    await expect(plainSelect(manager, 'NetworkService', { colour: 'red' }, [])).rejects.toThrow('NetworkService has no column colour');
  });
});
