import { Role } from '../../src/auth/roles';
import { ContactAssignment, ContactObjectType, ContactPriority, ContactRole } from '../../src/contacts/contact-assignment.entity';
import { Contact } from '../../src/contacts/contact.entity';
import { Contract, ContractStatus, ProcurementRoute, ServiceHours, ServiceWrap } from '../../src/contracts/contract.entity';
import { Organisation, OrganisationType } from '../../src/organisations/organisation.entity';
import { NetworkService, Resilience, ServiceStatus, ServiceType } from '../../src/services/network-service.entity';
import { Site } from '../../src/sites/site.entity';
import { Supplier } from '../../src/suppliers/supplier.entity';
import { startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const CONTRACTS_DEEP = `query($first: Int!) {
  contracts(first: $first) { totalCount edges { node { reference supplier { name } organisation { odsCode }
    services(first: 10, after: null) { totalCount edges { node { reference monthlyCharge site { name contacts { role contact { name } } } } } } } } } }`;

/** Relations go through per-request DataLoaders: the statement count does not grow with the page. */
describe('N+1 guard', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    const manager = server.db.dataSource.manager;
    const organisation = await manager.save(
      manager.create(Organisation, { odsCode: 'RNN', name: 'Load Test Trust', type: OrganisationType.TRUST }),
    );
    const supplier = await manager.save(
      manager.create(Supplier, {
        name: 'Bulk CN-SP',
        kind: 'CN_SP' as never,
        cnspId: 'BULK0001',
        complianceStatus: 'COMPLIANT' as never,
        complianceDate: null,
        notes: null,
      }),
    );
    for (let c = 1; c <= 60; c += 1) {
      const contract = await manager.save(
        manager.create(Contract, {
          organisationId: organisation.id,
          supplierId: supplier.id,
          reference: `C-${String(c).padStart(3, '0')}`,
          title: `Contract ${c}`,
          procurementRoute: ProcurementRoute.DIRECT_AWARD,
          procurementVehicle: null,
          status: ContractStatus.ACTIVE,
          startDate: '2025-01-01',
          endDate: '2027-12-31',
          initialTermMonths: 36,
          renewalTermMonths: null,
          noticePeriodDays: 90,
          noticeDate: '2027-10-02',
          serviceWrap: ServiceWrap.MINIMUM,
          serviceHours: ServiceHours.TWENTY_FOUR_SEVEN,
          serviceHoursCalendar: null,
          currency: 'GBP',
          totalContractValue: null,
        }),
      );
      for (let s = 1; s <= 2; s += 1) {
        const site = await manager.save(
          manager.create(Site, {
            organisationId: organisation.id,
            odsCode: `RNN${c}${s}`,
            name: `Site ${c}/${s}`,
            addressLine1: '1 High Street',
            addressLine2: null,
            town: 'Leeds',
            postcode: 'LS1 4AP',
          }),
        );
        await manager.save(
          manager.create(NetworkService, {
            organisationId: organisation.id,
            contractId: contract.id,
            supplierId: supplier.id,
            siteId: site.id,
            reference: `BULK-${c}-${s}`,
            type: ServiceType.ACCESS_CIRCUIT,
            bandwidthMbps: 100,
            resilience: Resilience.RESILIENT,
            qosProfile: null,
            status: ServiceStatus.ACTIVE,
            installDate: '2025-02-01',
            ceaseDate: null,
            monthlyCharge: 12345n,
            oneOffCharge: 0n,
          }),
        );
        const contact = await manager.save(
          manager.create(Contact, {
            organisationId: organisation.id,
            name: `Caretaker ${c}/${s}`,
            jobTitle: null,
            email: null,
            phone: null,
            hours: null,
            notes: null,
            lastVerifiedAt: null,
            lastVerifiedBy: null,
          }),
        );
        await manager.save(
          manager.create(ContactAssignment, {
            contactId: contact.id,
            organisationId: organisation.id,
            objectType: ContactObjectType.SITE,
            objectId: site.id,
            role: ContactRole.SITE_CONTACT,
            priority: ContactPriority.PRIMARY,
          }),
        );
      }
    }
    token = await server.token('RNN', Role.VIEWER);
  });

  afterAll(() => server.stop());

  it('issues the same number of SQL statements for 5 and for 50 contracts with their services, sites and contacts', async () => {
    let five!: GraphqlResponse;
    let fifty!: GraphqlResponse;
    await server.gql('{ me { subject } }', {}, token); // the viewer's organisation is remembered from here on (AUTH_CACHE_SECONDS)
    const atFive = await server.countStatements(async () => {
      five = await server.gql(CONTRACTS_DEEP, { first: 5 }, token);
    });
    const atFifty = await server.countStatements(async () => {
      fifty = await server.gql(CONTRACTS_DEEP, { first: 50 }, token);
    });
    expect(five.errors).toBeUndefined();
    expect(fifty.errors).toBeUndefined();
    expect(fifty.data.contracts.edges).toHaveLength(50);
    expect(
      fifty.data.contracts.edges.every((edge: { node: { services: { totalCount: unknown } } }) => edge.node.services.totalCount === 2),
    ).toBe(true);
    const services = fifty.data.contracts.edges.flatMap((edge: { node: { services: { edges: { node: unknown }[] } } }) =>
      edge.node.services.edges.map((e: { node: unknown }) => e.node),
    );
    expect(services).toHaveLength(100);
    expect(
      services.every(
        (service: { site: { contacts: unknown[] }; monthlyCharge: unknown }) =>
          service.site.contacts.length === 1 && service.monthlyCharge === '123.45',
      ),
    ).toBe(true);
    expect(
      fifty.data.contracts.edges.every((edge: { node: { supplier: { name: unknown } } }) => edge.node.supplier.name === 'Bulk CN-SP'),
    ).toBe(true);
    expect(atFifty).toBe(atFive);
    // page (with its suppliers) + count + organisation + services (with their sites) + their counts + contact assignments + contacts
    expect(atFive).toBeLessThanOrEqual(7);
  });
});
