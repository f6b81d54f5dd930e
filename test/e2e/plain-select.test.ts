import { DateTime } from 'luxon';
import pino from 'pino';
import { IsNull, Not } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { plainSelect, plainSelectJoined } from '../../src/db/plain-select';
import { RequestContext } from '../../src/request/context';
import { NetworkService, ServiceStatus } from '../../src/services/network-service.entity';
import { Site } from '../../src/sites/site.entity';
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
  });

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
    const services = await plainSelect<NetworkService>(manager, 'NetworkService', { status: 'ACTIVE', ceaseDate: null }, [
      ['reference', 'DESC'],
    ]);
    const expected = await manager.find<NetworkService>('NetworkService', {
      where: { status: ServiceStatus.ACTIVE, ceaseDate: IsNull() },
      order: { reference: 'DESC' },
    });
    expect(services.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(services.length).toBeGreaterThan(1);
    const two = services.slice(0, 2).map((s) => s.id);
    expect((await plainSelect<NetworkService>(manager, 'NetworkService', { id: two }, [['id', 'ASC']])).map((s) => s.id)).toEqual(
      [...two].sort((a, b) => a - b),
    );
    expect(await plainSelect(manager, 'NetworkService', { id: [] }, [])).toEqual([]);
    await expect(plainSelect(manager, 'NetworkService', { colour: 'red' }, [])).rejects.toThrow('NetworkService has no column colour');
  });

  it('reads many-to-one relations in the same statement, as find with relations does', async () => {
    const manager = db.dataSource.manager;
    const order = [['id', 'ASC']] as const;
    const joins = [
      { target: 'Site', from: 'siteId', to: 'id' },
      { target: 'Contract', from: 'contractId', to: 'id' },
    ];
    const before = db.statements.statements;
    const { rows, joined } = await plainSelectJoined<NetworkService>(manager, 'NetworkService', { status: 'ACTIVE' }, order, { joins });
    expect(db.statements.statements - before).toBe(1);
    const viaFind = await manager.find<NetworkService>('NetworkService', {
      where: { status: ServiceStatus.ACTIVE },
      relations: { site: true, contract: true },
      order: { id: 'ASC' },
    });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toStrictEqual(await plainSelect(manager, 'NetworkService', { status: 'ACTIVE' }, order));
    expect(joined[0]).toStrictEqual(viaFind.map((service) => service.site));
    expect(joined[1]).toStrictEqual(viaFind.map((service) => service.contract));

    // a condition on the joined rows reads those that fail it as absent, and never drops a row
    const elsewhere = await plainSelectJoined<NetworkService>(manager, 'NetworkService', { status: 'ACTIVE' }, order, {
      joins: [{ ...joins[0]!, where: { organisationId: [-1] } }],
    });
    expect(elsewhere.rows.map((service) => service.id)).toEqual(rows.map((service) => service.id));
    expect(elsewhere.joined[0]!.every((site) => site === null)).toBe(true);
    const nowhere = await plainSelectJoined<NetworkService>(manager, 'NetworkService', { status: 'ACTIVE' }, order, {
      joins: [{ ...joins[0]!, where: { organisationId: [] } }],
    });
    expect(nowhere.rows).toHaveLength(rows.length);
    expect(nowhere.joined[0]!.every((site) => site === null)).toBe(true);
  });

  it("holds the loaders' included relations to the viewer's organisations, and reads them with the rows", async () => {
    const manager = db.dataSource.manager;
    const [service] = await manager.find(NetworkService, { order: { id: 'ASC' }, take: 1 });
    const foreign = await manager.findOneOrFail(Site, { where: { organisationId: Not(service!.organisationId) } });
    // a service pointed at another organisation's site: data the API refuses, but a loader must not leak it either
    await manager.update(NetworkService, service!.id, { siteId: foreign.id });
    try {
      const viewer = {
        subject: 'test',
        organisationId: service!.organisationId,
        odsCode: 'TEST',
        roles: [Role.VIEWER],
        organisationIds: [service!.organisationId],
        supplierId: null,
        via: 'JWT' as const,
        apiKeyId: null,
      };
      const ctx = new RequestContext('test', viewer, manager, db.config, pino({ level: 'silent' }));
      ctx.loaders.include(NetworkService, 'site');
      const services = await ctx.loaders.manyBy(NetworkService, 'contractId').load(service!.contractId);
      expect(services.map((each) => each.id)).toContain(service!.id);
      const before = db.statements.statements;
      const sites = await Promise.all(services.map((each) => ctx.loaders.byIdNow(Site, each.siteId)));
      expect(db.statements.statements - before).toBe(0);
      expect(sites.find((site) => site?.id === foreign.id)).toBeUndefined();
      expect(await ctx.loaders.byId(Site).load(foreign.id)).toBeNull();
      expect(sites.filter((site) => site !== null).every((site) => site!.organisationId === service!.organisationId)).toBe(true);
      expect(sites.filter((site) => site !== null).length).toBe(services.length - 1);
      expect(() => ctx.loaders.include(NetworkService, 'reference' as never)).toThrow(
        'NetworkService.reference is not a many-to-one onto an id, held in a column of its own',
      );
    } finally {
      await manager.update(NetworkService, service!.id, { siteId: service!.siteId });
    }
  });
});
