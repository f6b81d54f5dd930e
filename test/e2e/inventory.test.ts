import { Role } from '../../src/auth/roles';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

describe('sites, services and contacts', () => {
  let server: TestServer;
  let manager: string;
  let contractId: string;
  let otherContractId: string;
  let supplierId: string;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const contracts = await server.gql(
      '{ contracts(filter: { status: [ACTIVE] }) { edges { node { id reference supplier { id kind } } } } }',
      {},
      manager,
    );
    const cnsp = contracts.data.contracts.edges
      .map((e: { node: unknown }) => e.node)
      .filter((c: { supplier: { kind: unknown } }) => c.supplier.kind === 'CN_SP');
    contractId = cnsp[0].id;
    supplierId = cnsp[0].supplier.id;
    otherContractId = contracts.data.contracts.edges
      .map((e: { node: unknown }) => e.node)
      .find((c: { supplier: { id: unknown } }) => c.supplier.id !== supplierId).id;
  });

  afterAll(() => server.stop());

  const createSite = (input: Record<string, unknown>, token = manager) =>
    server.gql('mutation($input: CreateSiteInput!) { createSite(input: $input) { id odsCode postcode name } }', { input }, token);
  const createService = (input: Record<string, unknown>) =>
    server.gql(
      'mutation($input: CreateServiceInput!) { createService(input: $input) { id reference status installDate ceaseDate monthlyCharge ' +
        'oneOffCharge supplier { id } site { id } } }',
      { input },
      manager,
    );

  describe('sites', () => {
    it('normalise postcodes and refuse ones that are not UK postcodes', async () => {
      const created = await createSite({
        odsCode: 'RX199',
        name: 'Northbridge Satellite Clinic',
        addressLine1: '2 Mill Lane',
        town: 'Northbridge',
        postcode: ' ns1  4ab ',
      });
      expect(created.data.createSite).toMatchObject({ odsCode: 'RX199', postcode: 'NS1 4AB' });
      const bad = await createSite({ odsCode: 'RX198', name: 'x', addressLine1: 'x', town: 'x', postcode: '12345' });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].extensions?.field).toBe('input.postcode');
    });

    it('refuse a second site with the same ODS code in the organisation', async () => {
      const duplicate = await createSite({ odsCode: 'RX199', name: 'Again', addressLine1: 'x', town: 'x', postcode: 'NS1 4AB' });
      expect(errorCode(duplicate)).toBe('CONFLICT');
    });

    it('are found by outward postcode without matching longer districts', async () => {
      await createSite({ odsCode: 'RX197', name: 'Longer District', addressLine1: 'x', town: 'x', postcode: 'NS14 1AA' });
      const found = await server.gql('{ sites(filter: { postcode: "ns1" }) { edges { node { postcode } } } }', {}, manager);
      const postcodes = found.data.sites.edges.map((e: { node: { postcode: unknown } }) => e.node.postcode);
      expect(postcodes.length).toBeGreaterThan(0);
      expect(postcodes.every((p: string) => p.startsWith('NS1 '))).toBe(true);
    });
  });

  describe('services', () => {
    let siteId: string;
    beforeAll(async () => {
      siteId = (
        await createSite({ odsCode: 'RX196', name: 'Ward Block C', addressLine1: '3 Mill Lane', town: 'Northbridge', postcode: 'NS1 4AC' })
      ).data.createSite.id;
    });

    it("keep money exact to the penny and take the contract's supplier", async () => {
      const created = await createService({
        contractId,
        siteId,
        reference: 'PDN-TEST-0001',
        type: 'ACCESS_CIRCUIT',
        bandwidthMbps: 100,
        resilience: 'RESILIENT',
        monthlyCharge: '1234.56',
        oneOffCharge: '0.10',
      });
      expect(created.errors).toBeUndefined();
      expect(created.data.createService).toMatchObject({
        status: 'ORDERED',
        monthlyCharge: '1234.56',
        oneOffCharge: '0.10',
        supplier: { id: supplierId },
        site: { id: siteId },
      });
    });

    it('have references unique per supplier, but the same reference may exist at another supplier', async () => {
      const again = await createService({
        contractId,
        siteId,
        reference: 'PDN-TEST-0001',
        type: 'ACCESS_CIRCUIT',
        bandwidthMbps: 10,
        resilience: 'NON_RESILIENT',
        monthlyCharge: '1.00',
      });
      expect(errorCode(again)).toBe('CONFLICT');
      expect(again.errors?.[0].extensions?.reason).toBe('DUPLICATE_REFERENCE');
      const elsewhere = await createService({
        contractId: otherContractId,
        siteId,
        reference: 'PDN-TEST-0001',
        type: 'ACCESS_CIRCUIT',
        bandwidthMbps: 10,
        resilience: 'NON_RESILIENT',
        monthlyCharge: '1.00',
      });
      expect(elsewhere.errors).toBeUndefined();
    });

    it('refuse a site of another organisation, even one the viewer can see', async () => {
      const csu = await server.token('0CX', Role.CONTRACT_MANAGER);
      const rx2Site = await server.gql('{ sites(first: 100) { edges { node { id organisation { odsCode } } } } }', {}, csu);
      const foreignSite = rx2Site.data.sites.edges.find(
        (e: { node: { organisation: { odsCode: unknown } } }) => e.node.organisation.odsCode === 'RX2',
      ).node.id;
      const response = await server.gql(
        'mutation($input: CreateServiceInput!) { createService(input: $input) { id } }',
        {
          input: {
            contractId,
            siteId: foreignSite,
            reference: 'PDN-TEST-0002',
            type: 'ACCESS_CIRCUIT',
            bandwidthMbps: 10,
            resilience: 'RESILIENT',
            monthlyCharge: '1.00',
          },
        },
        csu,
      );
      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.siteId',
        reason: 'SITE_ORGANISATION_MISMATCH',
      });
    });

    it('move through their lifecycle with the dates each step needs', async () => {
      const created = await createService({
        contractId,
        siteId,
        reference: 'PDN-TEST-0003',
        type: 'INTERNET_BREAKOUT',
        bandwidthMbps: 50,
        resilience: 'RESILIENT',
        monthlyCharge: '300.00',
      });
      const id = created.data.createService.id;
      const move = (status: string, effectiveDate?: string) =>
        server.gql(
          'mutation($id: ID!, $s: ServiceStatus!, $d: LocalDate) { setServiceStatus(input: { id: $id, status: $s, effectiveDate: $d }) { ' +
            'status installDate ceaseDate } }',
          { id, s: status, d: effectiveDate },
          manager,
        );

      expect((await move('ACTIVE')).errors?.[0].extensions?.field).toBe('input.effectiveDate');
      expect((await move('ACTIVE', '2026-03-02')).data.setServiceStatus).toEqual({
        status: 'ACTIVE',
        installDate: '2026-03-02',
        ceaseDate: null,
      });
      expect((await move('CEASE_REQUESTED', '2026-12-31')).data.setServiceStatus.ceaseDate).toBe('2026-12-31');
      expect((await move('ACTIVE')).data.setServiceStatus).toEqual({ status: 'ACTIVE', installDate: '2026-03-02', ceaseDate: null });
      const early = await move('CEASED', '2026-01-01');
      expect(early.errors?.[0].extensions?.reason).toBe('CEASE_BEFORE_INSTALL');
      expect((await move('CEASED', '2026-11-17')).data.setServiceStatus.status).toBe('CEASED');
      const twice = await move('CEASED', '2026-11-18');
      expect(twice.errors?.[0].extensions?.reason).toBe('INVALID_STATUS_TRANSITION');
      const repriced = await server.gql(
        'mutation($id: ID!) { updateService(input: { id: $id, monthlyCharge: "1.00" }) { id } }',
        { id },
        manager,
      );
      expect(repriced.errors?.[0].extensions?.reason).toBe('SERVICE_CEASED');
      const stored = await server.gql('query($id: ID!) { service(id: $id) { status ceaseDate monthlyCharge } }', { id }, manager);
      expect(stored.data.service).toEqual({ status: 'CEASED', ceaseDate: '2026-11-17', monthlyCharge: '300.00' });
    });

    it('are filtered by status, type and contract', async () => {
      const active = await server.gql(
        'query($c: ID!) { services(filter: { contractId: $c, status: [ACTIVE], type: [ACCESS_CIRCUIT] }, first: 100) { edges { node { ' +
          'status type contract { id } } } } }',
        { c: contractId },
        manager,
      );
      const nodes = active.data.services.edges.map((e: { node: unknown }) => e.node);
      expect(nodes.length).toBeGreaterThan(0);
      expect(
        nodes.every(
          (n: { status: unknown; type: unknown; contract: { id: unknown } }) =>
            n.status === 'ACTIVE' && n.type === 'ACCESS_CIRCUIT' && n.contract.id === contractId,
        ),
      ).toBe(true);
    });
  });

  describe('contacts', () => {
    it('are created verified, assigned to sites, and drop off the review list when re-verified', async () => {
      const created = await server.gql(
        'mutation { createContact(input: { name: "Priya Shah", email: "Priya.Shah@Northshire.example", phone: "0113 496 0123", hours: ' +
          '"24x7" }) { id email lastVerifiedAt } }',
        {},
        manager,
      );
      expect(created.data.createContact.email).toBe('priya.shah@northshire.example');
      expect(created.data.createContact.lastVerifiedAt).not.toBeNull();

      const stale = await server.gql(
        '{ contactsDueForReview(olderThanDays: 365, first: 100) { totalCount edges { node { id lastVerifiedAt } } } }',
        {},
        manager,
      );
      const staleNodes = stale.data.contactsDueForReview.edges.map((e: { node: unknown }) => e.node);
      expect(staleNodes.length).toBeGreaterThan(0);
      expect(staleNodes.map((n: { id: unknown }) => n.id)).not.toContain(created.data.createContact.id);
      // never-verified first, then the stalest
      const firstVerified = staleNodes.findIndex((n: { lastVerifiedAt: unknown }) => n.lastVerifiedAt !== null);
      expect(staleNodes.slice(firstVerified).every((n: { lastVerifiedAt: unknown }) => n.lastVerifiedAt !== null)).toBe(true);
      const stamps = staleNodes.slice(firstVerified).map((n: { lastVerifiedAt: unknown }) => n.lastVerifiedAt);
      expect(stamps).toEqual([...stamps].sort());

      const target = staleNodes[0].id;
      await server.gql('mutation($id: ID!) { markContactVerified(id: $id) { id } }', { id: target }, manager);
      const after = await server.gql(
        '{ contactsDueForReview(olderThanDays: 365, first: 100) { totalCount edges { node { id } } } }',
        {},
        manager,
      );
      expect(after.data.contactsDueForReview.totalCount).toBe(stale.data.contactsDueForReview.totalCount - 1);
      expect(after.data.contactsDueForReview.edges.map((e: { node: { id: unknown } }) => e.node.id)).not.toContain(target);
    });

    it('hold a role once per object, and can be assigned and unassigned', async () => {
      const contact = (
        await server.gql('mutation { createContact(input: { name: "Out of hours desk", phone: "0800 000 0000" }) { id } }', {}, manager)
      ).data.createContact.id;
      const assign = () =>
        server.gql(
          'mutation($c: ID!, $o: ID!) { assignContact(input: { contactId: $c, objectType: SUPPLIER, objectId: $o, role: OUT_OF_HOURS, ' +
            'priority: SECONDARY }) { id role priority assignedTo { __typename ... on Supplier { name } } } }',
          { c: contact, o: supplierId },
          manager,
        );
      const first = await assign();
      expect(first.data.assignContact).toMatchObject({
        role: 'OUT_OF_HOURS',
        priority: 'SECONDARY',
        assignedTo: { __typename: 'Supplier', name: 'Pennine Digital Networks Ltd' },
      });
      expect(errorCode(await assign())).toBe('CONFLICT');
      const wrongType = await server.gql(
        'mutation($c: ID!, $o: ID!) { assignContact(input: { contactId: $c, objectType: SITE, objectId: $o, role: SITE_CONTACT }) { id } }',
        { c: contact, o: supplierId },
        manager,
      );
      expect(wrongType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.objectId' });
      const unassigned = await server.gql(
        'mutation($id: ID!) { unassignContact(id: $id) { assignments { id } } }',
        { id: first.data.assignContact.id },
        manager,
      );
      expect(unassigned.data.unassignContact.assignments).toEqual([]);
    });

    it('refuse malformed emails and phone numbers, naming the field', async () => {
      const bad = await server.gql(
        'mutation { createContact(input: { name: "x", email: "not-an-email", phone: "call me" }) { id } }',
        {},
        manager,
      );
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      const fields = (bad.errors?.[0].extensions?.invalid as { field: unknown }[]).map((i: { field: unknown }) => i.field).sort();
      expect(fields).toEqual(['input.email', 'input.phone']);
    });

    it('are deleted with their assignments', async () => {
      const id = (await server.gql('mutation { createContact(input: { name: "Leaver" }) { id } }', {}, manager)).data.createContact.id;
      expect((await server.gql('mutation($id: ID!) { deleteContact(id: $id) }', { id }, manager)).data.deleteContact).toBe(id);
      expect(errorCode(await server.gql('query($id: ID!) { contact(id: $id) { id } }', { id }, manager))).toBe('NOT_FOUND');
    });
  });
});
