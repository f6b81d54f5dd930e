import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../db/data-source';
import { ActsFor, ActsForBasis } from '../acts-for.entity';
import { Organisation, OrganisationType } from '../organisation.entity';
import { OrganisationScopes } from '../organisation-scopes';
import { model as dataModel } from '../../entities';

describe('organisation scopes for authentication', () => {
  let ds: DataSource;
  let csu: Organisation;
  let trust: Organisation;
  let reads = 0;
  let clock = 0;

  beforeAll(async () => {
    ds = createDataSource({ dialect: 'sqlite', location: ':memory:', poolSize: 1, connectTimeoutMs: 1000 }, dataModel, {
      synchronize: true,
    });
    await ds.initialize();
    const organisations = ds.getRepository(Organisation);
    csu = await organisations.save(organisations.create({ odsCode: '0CX', name: 'Central CSU', type: OrganisationType.CSU }));
    trust = await organisations.save(organisations.create({ odsCode: 'RX1', name: 'Northshire', type: OrganisationType.TRUST }));
    const findOneBy = organisations.findOneBy.bind(organisations);
    organisations.findOneBy = (where) => {
      reads += 1;
      return findOneBy(where);
    };
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
  });

  beforeEach(async () => {
    reads = 0;
    await ds.getRepository(ActsFor).clear();
  });

  const actFor = () =>
    ds
      .getRepository(ActsFor)
      .save({ managerId: csu.id, managedId: trust.id, basis: ActsForBasis.COMMISSIONING_SUPPORT, since: '2024-04-01' });

  it('remembers a scope for its time to live, then reads it again: a removed acts-for link applies by then', async () => {
    const scopes = new OrganisationScopes(ds, 30_000, () => clock);
    await actFor();
    expect(await scopes.get('0CX')).toEqual({ organisationId: csu.id, odsCode: '0CX', organisationIds: [csu.id, trust.id] });
    await ds.getRepository(ActsFor).clear();
    clock += 29_999;
    expect((await scopes.get('0CX'))!.organisationIds).toEqual([csu.id, trust.id]);
    expect(reads).toBe(1);
    clock += 1;
    expect((await scopes.get('0CX'))!.organisationIds).toEqual([csu.id]);
    expect(reads).toBe(2);
  });

  it('reads every time when the time to live is 0', async () => {
    const scopes = new OrganisationScopes(ds, 0, () => clock);
    expect((await scopes.get('0CX'))!.organisationIds).toEqual([csu.id]);
    await actFor();
    expect((await scopes.get('0CX'))!.organisationIds).toEqual([csu.id, trust.id]);
    expect(reads).toBe(2);
  });

  it('never remembers an unknown organisation, so one registered later can sign in at once', async () => {
    const scopes = new OrganisationScopes(ds, 30_000, () => clock);
    expect(await scopes.get('Y0A01')).toBeNull();
    const organisations = ds.getRepository(Organisation);
    const pcn = await organisations.save(
      organisations.create({ odsCode: 'Y0A01', name: 'Eastbrook PCN', type: OrganisationType.GP_PRACTICE }),
    );
    expect(await scopes.get('Y0A01')).toMatchObject({ organisationId: pcn.id });
  });

  it('shares one read between concurrent requests for the same organisation', async () => {
    const scopes = new OrganisationScopes(ds, 30_000, () => clock);
    clock += 60_000;
    const [a, b, c] = await Promise.all([scopes.get('RX1'), scopes.get('RX1'), scopes.get('RX1')]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(reads).toBe(1);
  });

  it('hands out a scope nobody can change', async () => {
    const scope = await new OrganisationScopes(ds, 30_000, () => clock).get('RX1');
    expect(() => (scope!.organisationIds as number[]).push(99)).toThrow();
  });
});
