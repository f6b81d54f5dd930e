import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { addDays } from '../../src/common/dates';
import { ApplicationAccessRequest, ApplicationAccessTransition } from '../../src/compliance/application-access.entity';
import { ConnectionAgreement } from '../../src/compliance/connection-agreement.entity';
import { dsptExpiryOf, latestExpiryFor } from '../../src/compliance/dspt';
import { DsptAssessment } from '../../src/compliance/dspt-assessment.entity';
import { IpAllocation } from '../../src/compliance/ip-allocation.entity';
import { IpamDelegate } from '../../src/compliance/ipam-delegate.entity';
import { createDataSource } from '../../src/db/data-source';
import { DEMO_DSPT_EXPIRES_IN_DAYS, planDemoDspt } from '../../src/seed/demo-compliance';
import { seedDemoData } from '../../src/seed/demo-data';
import { seedScaleData } from '../../src/seed/scale-data';
import { loadConfig } from '../../src/config/config';
import { model as dataModel } from '../../src/entities';

const TABLES = [DsptAssessment, ConnectionAgreement, IpAllocation, IpamDelegate, ApplicationAccessRequest, ApplicationAccessTransition];

describe('demo compliance register', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource({ dialect: 'sqlite', location: ':memory:', poolSize: 1, connectTimeoutMs: 1000 }, dataModel, {
      synchronize: true,
    });
    await ds.initialize();
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
  });

  const snapshot = async () => {
    const rows: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      rows[table.name] = (
        await ds.getRepository<{ id: number; createdAt: Date; updatedAt: Date }>(table as never).find({ order: { id: 'ASC' } })
      ).map((row) => ({
        ...row,
        createdAt: row.createdAt.getTime(),
        updatedAt: row.updatedAt.getTime(),
      }));
    }
    return rows;
  };

  it('is seeded once: a second run on the same day changes no row', async () => {
    await seedDemoData(ds, { today: '2026-11-25' });
    const first = await snapshot();
    expect(Object.values(first).every((rows) => rows.length > 0)).toBe(true);
    await seedDemoData(ds, { today: '2026-11-25' });
    expect(await snapshot()).toEqual(first);
  });

  it('moves its dates on a later day without adding rows', async () => {
    const before = await snapshot();
    await seedDemoData(ds, { today: '2027-05-02' });
    const after = await snapshot();
    for (const table of TABLES) expect(after[table.name]!.length).toBe(before[table.name]!.length);
    const rx1Latest = await ds
      .getRepository(DsptAssessment)
      .find({ order: { publishedOn: 'DESC' }, take: 1, where: { expiresOn: addDays('2027-05-02', DEMO_DSPT_EXPIRES_IN_DAYS) } });
    expect(rx1Latest).toHaveLength(1);
  });

  // the bench and the load test seed the demo beside a scaled-up estate: RX1 with 70 more sites once overflowed 10.41.x.0/22
  it('allocates demo ranges to the demo sites only, beside a scaled-up estate', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'sqlite::memory:',
      JWT_SECRET: 'demo-compliance-test-secret-0123456789',
      LOG_LEVEL: 'silent',
    });
    await seedScaleData(ds, config, { prefix: 'CIDR', sites: 70, services: 1, invoices: false, performance: false });
    const before = await snapshot();
    await seedDemoData(ds, { today: '2027-05-02' });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps RX1's DSPT 30 days from expiry, on a valid date, for every day of two years", () => {
    for (let offset = 0; offset < 731; offset += 1) {
      const today = addDays('2027-01-01', offset);
      const { RX1, RX2 } = planDemoDspt(today);
      const current = RX1[RX1.length - 1]!;
      expect(current.expiresOn).toBe(addDays(today, DEMO_DSPT_EXPIRES_IN_DAYS));
      for (const plan of [...RX1, ...RX2]) {
        expect(plan.publishedOn <= today).toBe(true);
        expect(plan.expiresOn >= dsptExpiryOf(plan.publishedOn) && plan.expiresOn <= latestExpiryFor(plan.publishedOn)).toBe(true);
      }
      expect(RX1[0]!.publishedOn < current.publishedOn).toBe(true);
      expect(RX1[0]!.expiresOn < today).toBe(true);
    }
  });
});
