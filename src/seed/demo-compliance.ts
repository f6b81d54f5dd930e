import { In, type EntityManager, type ObjectLiteral, type Repository } from 'typeorm';
import { addDays, addMonths, type LocalDate } from '../common/dates';
import { AccessRequestStatus, ApplicationAccessRequest, ApplicationAccessTransition } from '../compliance/application-access.entity';
import { parseCidr } from '../common/cidr';
import { ConnectionAgreement } from '../compliance/connection-agreement.entity';
import { dsptExpiryOf, dsptYearOf } from '../compliance/dspt';
import { DsptAssessment, DsptStatus } from '../compliance/dspt-assessment.entity';
import { IpAllocation, IpRegistration, IpVersion } from '../compliance/ip-allocation.entity';
import { IpamDelegate } from '../compliance/ipam-delegate.entity';
import { Contact } from '../contacts/contact.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from '../sites/site.entity';
import { Supplier } from '../suppliers/supplier.entity';

/**
 * The demo compliance register, from `today` and fixed tables:
 * - RX1 complete and healthy, except that its DSPT (on a deadline NHS England extended)
 *   expires in 30 days;
 * - RX2 with an IP overlap imported from an old spreadsheet and no Connection Agreement.
 * Rows are matched by natural key, so a second run changes nothing.
 */

const ACTOR = 'seed:demo';
export const DEMO_DSPT_EXPIRES_IN_DAYS = 30;
export const DEMO_RX2_OVERLAP = { aggregate: '10.52.0.0/16', inside: '10.52.8.0/24' };

export interface PlannedDspt {
  status: DsptStatus;
  publishedOn: LocalDate;
  expiresOn: LocalDate;
  notes: string | null;
}

/** Each trust's DSPT publications, oldest first. */
export function planDemoDspt(today: LocalDate): Record<'RX1' | 'RX2', PlannedDspt[]> {
  return { RX1: rx1Dspt(today), RX2: rx2Dspt(today) };
}

/** RX1's current assessment expires in 30 days: the usual 30 June that falls no later, extended to then. */
function rx1Dspt(today: LocalDate): PlannedDspt[] {
  const expires = addDays(today, DEMO_DSPT_EXPIRES_IN_DAYS);
  const usualYear = expires.slice(5) >= '06-30' ? Number(expires.slice(0, 4)) : Number(expires.slice(0, 4)) - 1;
  const published = `${usualYear - 1}-07-28`;
  const usual = dsptExpiryOf(published);
  const previous = `${usualYear - 2}-06-24`;
  return [
    { status: DsptStatus.STANDARDS_MET, publishedOn: previous, expiresOn: dsptExpiryOf(previous), notes: null },
    {
      status: DsptStatus.STANDARDS_MET,
      publishedOn: published,
      expiresOn: expires,
      notes: expires === usual ? null : `NHS England extended the ${dsptYearOf(published)} deadline from ${usual} to ${expires}.`,
    },
  ];
}

function rx2Dspt(today: LocalDate): PlannedDspt[] {
  const published = addMonths(today, -2);
  return [{ status: DsptStatus.STANDARDS_EXCEEDED, publishedOn: published, expiresOn: dsptExpiryOf(published), notes: null }];
}

async function upsert<T extends ObjectLiteral & { id: number }, P>(
  repository: Repository<T>,
  existing: T[],
  keyOfRow: (row: T) => string,
  planned: P[],
  keyOfPlan: (plan: P) => string,
  values: (plan: P) => Partial<T>,
): Promise<Array<{ row: T; created: boolean }>> {
  const byKey = new Map(existing.map((row) => [keyOfRow(row), row]));
  const out: Array<{ row: T; created: boolean }> = [];
  for (const plan of planned) {
    const found = byKey.get(keyOfPlan(plan));
    const wanted = values(plan);
    if (found) {
      const changed = Object.entries(wanted).some(([column, value]) => String(found[column as keyof T]) !== String(value));
      if (changed) {
        Object.assign(found, wanted);
        await repository.save(found);
      }
      out.push({ row: found, created: false });
    } else {
      out.push({ row: await repository.save(repository.create(wanted as T)), created: true });
    }
  }
  return out;
}

/**
 * `demoSites`: the demo plan's site codes; an organisation may hold other sites too (the bench's and load test's
 * scaled-up estate), which get no demo allocations.
 */
export async function seedDemoCompliance(manager: EntityManager, today: LocalDate, demoSites: readonly string[]): Promise<void> {
  const organisations = await manager.getRepository(Organisation).findBy({ odsCode: In(['RX1', 'RX2']) });
  const org = (code: string) => organisations.find((o) => o.odsCode === code)!;
  const suppliers = await manager.getRepository(Supplier).find();
  const supplierId = (cnspId: string) => suppliers.find((s) => s.cnspId === cnspId)!.id;
  const sitesOf = async (code: string) =>
    manager.getRepository(Site).find({ where: { organisationId: org(code).id, odsCode: In([...demoSites]) }, order: { odsCode: 'ASC' } });
  const staffOf = async (code: string, domain: string) =>
    (await manager.getRepository(Contact).find({ where: { organisationId: org(code).id }, order: { email: 'ASC' } })).filter((c) =>
      c.email?.endsWith(`@${domain}`),
    );

  // --- DSPT ----------------------------------------------------------------------------
  const dsptRepo = manager.getRepository(DsptAssessment);
  for (const [code, planned] of Object.entries(planDemoDspt(today))) {
    const organisationId = org(code).id;
    // the seed's own publications, oldest first, take the plan's places in turn
    const existing = await dsptRepo.find({ where: { organisationId, recordedBy: ACTOR }, order: { publishedOn: 'ASC', id: 'ASC' } });
    await upsert(
      dsptRepo,
      existing,
      (row) => String(existing.indexOf(row)),
      [...planned],
      (plan) => String(planned.indexOf(plan)),
      (plan) => ({
        organisationId,
        status: plan.status,
        publishedOn: plan.publishedOn,
        assessmentYear: dsptYearOf(plan.publishedOn),
        expiresOn: plan.expiresOn,
        notes: plan.notes,
        recordedBy: ACTOR,
      }),
    );
  }

  // --- Connection Agreement: RX1 only (RX2's is missing) --------------------------------
  const agreementRepo = manager.getRepository(ConnectionAgreement);
  const rx1 = org('RX1').id;
  const agreements = await upsert(
    agreementRepo,
    await agreementRepo.findBy({ organisationId: rx1 }),
    (row) => row.version,
    [
      { version: '2.0', signedOn: '2019-03-14', name: 'Dr Alan Wright', title: 'Director of IM&T' },
      { version: '3.1', signedOn: '2023-09-05', name: 'Rachel Osei', title: 'Chief Digital Information Officer' },
    ],
    (plan) => plan.version,
    (plan) => ({
      organisationId: rx1,
      version: plan.version,
      signedOn: plan.signedOn,
      representingCustomers: false,
      signedByName: plan.name,
      signedByJobTitle: plan.title,
      recordedBy: ACTOR,
    }),
  );
  const [older, newer] = agreements.map((a) => a.row);
  if (older!.supersededById !== newer!.id) {
    await agreementRepo.update({ id: older!.id }, { supersededById: newer!.id, supersededOn: newer!.signedOn, updatedAt: new Date() });
  }

  // --- IP allocations: every site of both trusts; RX2 with an imported overlap -----------
  const allocationRepo = manager.getRepository(IpAllocation);
  const rx1Sites = await sitesOf('RX1');
  const rx2Sites = await sitesOf('RX2');
  const plannedAllocations = [
    ...rx1Sites.map((site, i) => ({
      site,
      cidr: `10.41.${i * 4}.0/22`,
      registration: IpRegistration.PRIVATE,
      supplier: null as string | null,
      description: 'Site LAN',
    })),
    {
      site: rx1Sites[5]!,
      cidr: '198.51.100.0/25',
      registration: IpRegistration.RIPE,
      supplier: 'PDN00001',
      description: 'Internet-facing services (primary data centre)',
    },
    {
      site: rx1Sites[6]!,
      cidr: '198.51.100.128/25',
      registration: IpRegistration.RIPE,
      supplier: 'PDN00001',
      description: 'Internet-facing services (secondary data centre)',
    },
    { site: rx1Sites[0]!, cidr: '2001:db8:4100::/48', registration: IpRegistration.RIPE, supplier: 'PDN00001', description: 'IPv6 pilot' },
    {
      site: rx1Sites[11]!,
      cidr: '203.0.113.64/27',
      registration: IpRegistration.RIPE,
      supplier: 'MHN00003',
      description: 'Headquarters internet breakout',
    },
    {
      site: rx2Sites[0]!,
      cidr: DEMO_RX2_OVERLAP.aggregate,
      registration: IpRegistration.PRIVATE,
      supplier: null,
      description: 'Imported from the 2019 IP spreadsheet: whole-trust aggregate',
    },
    ...rx2Sites.slice(1).map((site, i) => ({
      site,
      // the third clinic's range sits inside the imported aggregate
      cidr: i === 2 ? DEMO_RX2_OVERLAP.inside : `10.53.${i * 4}.0/22`,
      registration: IpRegistration.PRIVATE,
      supplier: null as string | null,
      description: 'Site LAN',
    })),
    { site: rx2Sites[0]!, cidr: '192.0.2.0/26', registration: IpRegistration.RIPE, supplier: 'ALBC0002', description: 'Internet breakout' },
  ];
  await upsert(
    allocationRepo,
    await allocationRepo.findBy({ organisationId: In([rx1, org('RX2').id]) }),
    (row) => `${row.organisationId}|${row.cidr}`,
    plannedAllocations,
    (plan) => `${plan.site.organisationId}|${plan.cidr}`,
    (plan) => ({
      organisationId: plan.site.organisationId,
      siteId: plan.site.id,
      supplierId: plan.supplier ? supplierId(plan.supplier) : null,
      cidr: plan.cidr,
      ipVersion: parseCidr(plan.cidr).family === 4 ? IpVersion.IPV4 : IpVersion.IPV6,
      registration: plan.registration,
      description: plan.description,
      allocatedOn: '2021-04-01',
      recordedBy: ACTOR,
    }),
  );

  // --- IPAM delegates --------------------------------------------------------------------
  const rx1Staff = await staffOf('RX1', 'northshirehospitals.example');
  const rx2Staff = await staffOf('RX2', 'southvalecommunity.example');
  const delegateRepo = manager.getRepository(IpamDelegate);
  await upsert(
    delegateRepo,
    await delegateRepo.findBy({ contactId: In([rx1Staff[0]!.id, rx1Staff[1]!.id, rx2Staff[0]!.id]) }),
    (row) => `${row.contactId}|${row.grantedOn}`,
    [
      {
        contact: rx1Staff[1]!,
        grantedOn: '2021-05-10',
        revokedOn: '2024-02-29' as string | null,
        reason: 'Left the trust' as string | null,
      },
      { contact: rx1Staff[0]!, grantedOn: '2024-02-20', revokedOn: null, reason: null },
      { contact: rx2Staff[0]!, grantedOn: '2022-01-17', revokedOn: null, reason: null },
    ],
    (plan) => `${plan.contact.id}|${plan.grantedOn}`,
    (plan) => ({
      organisationId: plan.contact.organisationId,
      contactId: plan.contact.id,
      grantedOn: plan.grantedOn,
      revokedOn: plan.revokedOn,
      revokeReason: plan.reason,
      grantedBy: ACTOR,
      revokedBy: plan.revokedOn ? ACTOR : null,
    }),
  );

  // --- Application access requests: RX1's decided ones and one recent, pending ------------
  const requestRepo = manager.getRepository(ApplicationAccessRequest);
  const requests = await upsert(
    requestRepo,
    await requestRepo.findBy({ organisationId: rx1 }),
    (row) => row.application,
    [
      {
        application: 'NHS Spine (Summary Care Record)',
        requestedOn: '2024-03-04',
        status: AccessRequestStatus.APPROVED,
        decidedOn: '2024-03-18' as string | null,
        reason: 'Approved by NHS England',
      },
      {
        application: 'e-Referral Service (e-RS)',
        requestedOn: '2024-06-10',
        status: AccessRequestStatus.APPROVED,
        decidedOn: '2024-06-21' as string | null,
        reason: 'Approved by NHS England',
      },
      {
        application: 'Radiology image exchange (third party)',
        requestedOn: '2025-01-15',
        status: AccessRequestStatus.REJECTED,
        decidedOn: '2025-02-03' as string | null,
        reason: 'Supplier not yet HSCN-connected',
      },
      {
        application: 'National Data Opt-out service',
        requestedOn: addDays(today, -5),
        status: AccessRequestStatus.REQUESTED,
        decidedOn: null,
        reason: '',
      },
    ],
    (plan) => plan.application,
    (plan) => ({
      organisationId: rx1,
      application: plan.application,
      requestedById: rx1Staff[0]!.id,
      requestedOn: plan.requestedOn,
      status: plan.status,
      decidedOn: plan.decidedOn,
      notes: null,
    }),
  );
  const transitionRepo = manager.getRepository(ApplicationAccessTransition);
  for (const { row, created } of requests) {
    if (!created) continue;
    await transitionRepo.save(
      transitionRepo.create({
        requestId: row.id,
        organisationId: rx1,
        fromStatus: null,
        toStatus: AccessRequestStatus.REQUESTED,
        reason: `Requested by ${rx1Staff[0]!.name}`,
        changedBy: ACTOR,
      }),
    );
    if (row.status !== AccessRequestStatus.REQUESTED) {
      const reason = row.status === AccessRequestStatus.APPROVED ? 'Approved by NHS England' : 'Supplier not yet HSCN-connected';
      await transitionRepo.save(
        transitionRepo.create({
          requestId: row.id,
          organisationId: rx1,
          fromStatus: AccessRequestStatus.REQUESTED,
          toStatus: row.status,
          reason,
          changedBy: ACTOR,
        }),
      );
    }
  }
}
