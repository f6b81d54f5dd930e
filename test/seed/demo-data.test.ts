import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { addDays } from '../../src/common/dates';
import { ContactAssignment, ContactObjectType, ContactRole } from '../../src/contacts/contact-assignment.entity';
import { Contact } from '../../src/contacts/contact.entity';
import { DEFAULT_BUSINESS_CALENDAR, noticeDateFor } from '../../src/contracts/contract-lifecycle';
import { ContractDocument } from '../../src/contracts/contract-document.entity';
import { ContractStatusChange } from '../../src/contracts/contract-status-change.entity';
import { Contract, ContractStatus, ServiceHours } from '../../src/contracts/contract.entity';
import { createDataSource } from '../../src/db/data-source';
import { ActsFor } from '../../src/organisations/acts-for.entity';
import { Organisation } from '../../src/organisations/organisation.entity';
import { planDemoData, seedDemoData } from '../../src/seed/demo-data';
import { NetworkService, ServiceStatus } from '../../src/services/network-service.entity';
import { Site } from '../../src/sites/site.entity';
import { Supplier, SupplierKind } from '../../src/suppliers/supplier.entity';
import { model as dataModel } from '../../src/entities';

const TODAY = '2026-11-25';
const TABLES = [
  Organisation,
  ActsFor,
  Supplier,
  Contract,
  ContractDocument,
  ContractStatusChange,
  Site,
  NetworkService,
  Contact,
  ContactAssignment,
];
const BANDWIDTH_TIERS = [10, 20, 50, 100, 200, 500, 1000];
const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/;
const ODS_CODE = /^[A-Z0-9]{3,10}$/;

async function tableCounts(ds: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entity of TABLES) counts[entity.name] = await ds.getRepository(entity).count();
  return counts;
}

/** ACTIVE contracts that a "due for notice within 90 days" view would list on `today`. */
const dueWithin90 = <C extends { status: ContractStatus; noticeDate: string; endDate: string }>(contracts: readonly C[], today: string) =>
  contracts.filter((c) => c.status === ContractStatus.ACTIVE && c.noticeDate <= addDays(today, 90) && c.endDate >= today);

describe('seedDemoData', () => {
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

  it('seeds the demo and is idempotent', async () => {
    // the work seeding costs, in CPU time: wall time on a shared, loaded machine says nothing about it
    const started = process.cpuUsage();
    const first = await seedDemoData(ds, { today: TODAY });
    const afterFirst = await tableCounts(ds);
    const second = await seedDemoData(ds, { today: TODAY });
    const afterSecond = await tableCounts(ds);
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(5_000);

    expect(second).toEqual(first);
    expect(afterSecond).toEqual(afterFirst);
    expect(afterFirst).toMatchObject({
      Organisation: first.organisations,
      Supplier: first.suppliers,
      Contract: first.contracts,
      Site: first.sites,
      NetworkService: first.services,
      Contact: first.contacts,
      ContactAssignment: first.assignments,
      ContractStatusChange: first.contracts,
      ActsFor: 2,
    });
    expect(first.sites).toBeGreaterThanOrEqual(30);
    expect(first.services).toBeGreaterThanOrEqual(100);
  });

  it('keeps rows and their timestamps stable on a second run', async () => {
    const before = await ds.getRepository(NetworkService).find({ order: { id: 'ASC' } });
    await seedDemoData(ds, { today: TODAY });
    const after = await ds.getRepository(NetworkService).find({ order: { id: 'ASC' } });
    expect(after.map((s) => [s.id, s.reference, s.createdAt.getTime()])).toEqual(
      before.map((s) => [s.id, s.reference, s.createdAt.getTime()]),
    );
  });

  it('has the five organisations, the acts-for arrangements and the suppliers', async () => {
    const organisations = await ds.getRepository(Organisation).find();
    expect(organisations.map((o) => o.odsCode).sort()).toEqual(['0CX', 'RX1', 'RX2', 'X26', 'Y0A01']);
    const byCode = new Map(organisations.map((o) => [o.odsCode, o]));
    expect(byCode.get('RX1')!.name).toBe('Northshire Hospitals NHS Foundation Trust');

    const actsFor = await ds.getRepository(ActsFor).find();
    expect(actsFor.map((a) => [a.managerId, a.managedId]).sort()).toEqual(
      [
        [byCode.get('0CX')!.id, byCode.get('RX1')!.id],
        [byCode.get('0CX')!.id, byCode.get('RX2')!.id],
      ].sort(),
    );

    const suppliers = await ds.getRepository(Supplier).find();
    const cnsps = suppliers.filter((s) => s.kind === SupplierKind.CN_SP);
    expect(cnsps).toHaveLength(3);
    for (const s of cnsps) expect(s.cnspId).toMatch(/^[A-Z0-9]{8}$/);
    expect(suppliers.find((s) => s.kind === SupplierKind.TN_SP)).toMatchObject({ name: 'BT (Transition Network)', cnspId: null });

    const contracts = await ds.getRepository(Contract).find();
    expect(contracts.some((c) => c.organisationId === byCode.get('X26')!.id)).toBe(false);
  });

  it('has exactly one ACTIVE contract within 90 days of its notice date: RX1-HSCN-2023-01', async () => {
    const contracts = await ds.getRepository(Contract).find();
    const due = dueWithin90(contracts, TODAY);
    expect(due.map((c) => c.reference)).toEqual(['RX1-HSCN-2023-01']);
    expect(due[0]!.noticeDate >= addDays(TODAY, 30) && due[0]!.noticeDate <= addDays(TODAY, 60)).toBe(true);
    for (const c of contracts) {
      expect(c.noticeDate).toBe(noticeDateFor(c.endDate, c.noticePeriodDays));
      expect(c.serviceHoursCalendar).toBe(c.serviceHours === ServiceHours.BUSINESS_HOURS ? DEFAULT_BUSINESS_CALENDAR : null);
      expect(typeof c.totalContractValue).toBe('bigint');
    }
    expect(contracts.filter((c) => c.status === ContractStatus.DRAFT)).toHaveLength(1);
    const expired = contracts.filter((c) => c.status === ContractStatus.EXPIRED);
    expect(expired).toHaveLength(1);
    expect(expired[0]!.endDate < TODAY).toBe(true);
    const documents = await ds.getRepository(ContractDocument).find();
    for (const c of contracts) {
      const mine = documents.filter((d) => d.contractId === c.id);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(2);
      for (const d of mine) expect(d.url).toMatch(/^https:\/\/documents\.example\.nhs\.uk\//);
    }
  });

  it('puts every service under a contract and at a site of the same organisation', async () => {
    const contracts = new Map((await ds.getRepository(Contract).find()).map((c) => [c.id, c]));
    const sites = new Map((await ds.getRepository(Site).find()).map((s) => [s.id, s]));
    const services = await ds.getRepository(NetworkService).find();
    for (const service of services) {
      const contract = contracts.get(service.contractId)!;
      expect(service.organisationId).toBe(contract.organisationId);
      expect(service.supplierId).toBe(contract.supplierId);
      expect(sites.get(service.siteId)!.organisationId).toBe(service.organisationId);
      expect(BANDWIDTH_TIERS).toContain(service.bandwidthMbps);
      expect(typeof service.monthlyCharge).toBe('bigint');
      expect(service.monthlyCharge > 0n).toBe(true);
      if (service.status === ServiceStatus.ORDERED) expect(service.installDate).toBeNull();
      else expect(service.installDate! < TODAY).toBe(true);
      if (service.status === ServiceStatus.CEASED) expect(service.ceaseDate! > service.installDate!).toBe(true);
    }
    const statuses = new Set(services.map((s) => s.status));
    expect([...statuses].sort()).toEqual(
      [ServiceStatus.ACTIVE, ServiceStatus.CEASED, ServiceStatus.CEASE_REQUESTED, ServiceStatus.ORDERED].sort(),
    );
    for (const site of sites.values()) {
      expect(site.postcode).toMatch(POSTCODE);
      expect(site.odsCode).toMatch(ODS_CODE);
    }
  });

  it('has stale and never-verified contacts, and a contact for every site', async () => {
    const contacts = await ds.getRepository(Contact).find();
    const staleBefore = new Date(`${addDays(TODAY, -365)}T00:00:00Z`);
    const stale = contacts.filter((c) => c.lastVerifiedAt === null || c.lastVerifiedAt < staleBefore);
    expect(stale.length).toBeGreaterThanOrEqual(3);
    expect(contacts.filter((c) => c.lastVerifiedAt === null).length).toBeGreaterThanOrEqual(2);

    const assignments = await ds.getRepository(ContactAssignment).find();
    const byId = new Map(contacts.map((c) => [c.id, c]));
    for (const a of assignments) expect(a.organisationId).toBe(byId.get(a.contactId)!.organisationId);
    const siteAssignments = assignments.filter((a) => a.objectType === ContactObjectType.SITE && a.role === ContactRole.SITE_CONTACT);
    const sites = await ds.getRepository(Site).find();
    for (const site of sites) expect(siteAssignments.some((a) => a.objectId === site.id)).toBe(true);
    const staleIds = new Set(stale.map((c) => c.id));
    expect(siteAssignments.some((a) => staleIds.has(a.contactId))).toBe(true);
  });
});

describe('planDemoData', () => {
  it('keeps its date invariants for every day of two years (one a leap year)', () => {
    const problems: string[] = [];
    for (let today = '2027-01-01'; today <= '2028-12-31'; today = addDays(today, 1)) {
      const plan = planDemoData(today);
      const due = dueWithin90(plan.contracts, today);
      if (due.length !== 1 || due[0]!.reference !== 'RX1-HSCN-2023-01') {
        problems.push(`${today}: due for notice ${due.map((c) => c.reference).join(', ')}`);
      } else if (due[0]!.noticeDate < addDays(today, 30) || due[0]!.noticeDate > addDays(today, 60)) {
        problems.push(`${today}: RX1-HSCN-2023-01 notice date ${due[0]!.noticeDate}`);
      }
      for (const c of plan.contracts) {
        const ok =
          (c.status === ContractStatus.ACTIVE && c.startDate <= today && c.endDate >= today) ||
          (c.status === ContractStatus.EXPIRED && c.endDate < today) ||
          (c.status === ContractStatus.DRAFT && c.startDate > today);
        if (!ok) problems.push(`${today}: ${c.reference} ${c.status} ${c.startDate}..${c.endDate}`);
      }
      for (const s of plan.services) {
        if ((s.installDate && s.installDate >= today) || (s.ceaseDate && (s.ceaseDate <= s.installDate! || s.ceaseDate >= today))) {
          problems.push(`${today}: ${s.reference} installed ${s.installDate} ceased ${s.ceaseDate}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(planDemoData(TODAY)).toEqual(planDemoData(TODAY));
  });
});
