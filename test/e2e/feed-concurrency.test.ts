import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { PerformanceDaily } from '../../src/performance/performance-rollup.entity';
import { PerformanceSample } from '../../src/performance/performance-sample.entity';
import { NetworkService } from '../../src/services/network-service.entity';
import { Supplier } from '../../src/suppliers/supplier.entity';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A supplier's system sending several performance documents at once for the same services
 * and day (found by the load test: on MySQL the rollup rebuilds deadlocked and all but one
 * answered 500). Every document is stored, and the rollups agree with the samples.
 */
describe('concurrent feed documents', () => {
  let server: TestServer;
  let token: string;
  let references: string[];

  beforeAll(async () => {
    server = await startTestServer();
    token = await signDevelopmentToken(server.db.config, {
      subject: 'feed@pdn',
      odsCode: 'RX1',
      roles: [Role.SUPPLIER_FEED],
      cnspId: 'PDN00001',
      expiresIn: '1h',
    });
    const supplier = await server.db.dataSource.getRepository(Supplier).findOneByOrFail({ cnspId: 'PDN00001' });
    const services = await server.db.dataSource
      .getRepository(NetworkService)
      .find({ where: { supplierId: supplier.id, organisationId: 1 }, order: { id: 'ASC' }, take: 4 });
    references = services.map((service) => service.reference);
  });

  afterAll(() => server.stop());

  it('stores every one of eight documents sent together for the same services and day', async () => {
    const base = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 2 * 86_400_000;
    const document = (n: number) => {
      const rows = ['service_reference,interval_start,interval,availability_seconds,latency_ms'];
      for (let slot = 0; slot < 6; slot += 1) {
        for (const reference of references)
          rows.push(`${reference},${new Date(base + (n * 6 + slot) * 300_000).toISOString()},5m,${slot === 2 ? 240 : 300},9.5`);
      }
      return rows.join('\n');
    };
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        fetch(`${server.url}/feeds/performance`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
          body: document(n),
        }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as { run?: { status: string; rowsAccepted: number } },
        })),
      ),
    );
    for (const answer of answers)
      expect(answer).toMatchObject({ status: 200, body: { run: { status: 'SUCCEEDED', rowsAccepted: 6 * references.length } } });

    const samples = await server.db.dataSource.getRepository(PerformanceSample).find({ select: { upSeconds: true } });
    const daily = await server.db.dataSource.getRepository(PerformanceDaily).find();
    expect(samples).toHaveLength(8 * 6 * references.length);
    expect(daily.reduce((sum, day) => sum + day.sampleCount, 0)).toBe(samples.length);
    expect(daily.reduce((sum, day) => sum + day.upSeconds, 0)).toBe(samples.reduce((sum, sample) => sum + (sample.upSeconds ?? 0), 0));
  });
});
