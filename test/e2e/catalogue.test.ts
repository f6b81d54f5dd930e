import { Role } from '../../src/auth/roles';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

describe('suppliers, organisations and node(id)', () => {
  let server: TestServer;
  let admin: string;
  let operator: string;
  let viewer: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.token('RX1', Role.ADMIN);
    operator = await server.token('X26', Role.CATALOGUE_ADMIN);
    viewer = await server.token('RX1', Role.VIEWER);
  });

  afterAll(() => server.stop());

  describe('the supplier catalogue', () => {
    it('lists suppliers by name, filtered by kind and searched by CN-SP ID', async () => {
      const cnsps = await server.gql(
        '{ suppliers(filter: { kind: CN_SP }) { totalCount edges { node { name kind cnspId complianceStatus } } } }',
        {},
        viewer,
      );
      const names = cnsps.data.suppliers.edges.map((e: { node: { name: unknown } }) => e.node.name);
      expect(names).toEqual([...names].sort());
      expect(
        cnsps.data.suppliers.edges.every(
          (e: { node: { kind: string; cnspId: string } }) => e.node.kind === 'CN_SP' && /^[A-Z0-9]{8}$/.test(e.node.cnspId),
        ),
      ).toBe(true);
      const tnsp = await server.gql('{ suppliers(filter: { kind: TN_SP }) { edges { node { name cnspId } } } }', {}, viewer);
      expect(tnsp.data.suppliers.edges).toEqual([{ node: { name: 'BT (Transition Network)', cnspId: null } }]);
      const searched = await server.gql('{ suppliers(filter: { search: "alBC0002" }) { edges { node { name } } } }', {}, viewer);
      expect(searched.data.suppliers.edges.map((e: { node: { name: unknown } }) => e.node.name)).toEqual(['Albion Connect plc']);
    });

    it('treats LIKE wildcards in a search as plain characters', async () => {
      const response = await server.gql('{ suppliers(filter: { search: "%" }) { totalCount } }', {}, viewer);
      expect(response.data.suppliers.totalCount).toBe(0);
    });

    it("is maintained by NHS England's catalogue operator, with CN-SP IDs validated", async () => {
      const create = (input: Record<string, unknown>, token = operator) =>
        server.gql(
          'mutation($input: CreateSupplierInput!) { createSupplier(input: $input) { id name cnspId complianceDate } }',
          { input },
          token,
        );
      expect(
        errorCode(await create({ name: 'Viewer Networks', kind: 'CN_SP', cnspId: 'VWR00001', complianceStatus: 'COMPLIANT' }, viewer)),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await create({ name: 'Admin Networks', kind: 'CN_SP', cnspId: 'ADM00001', complianceStatus: 'COMPLIANT' }, admin)),
      ).toBe('FORBIDDEN');
      const noId = await create({ name: 'Nameless Networks', kind: 'CN_SP', complianceStatus: 'IN_PROGRESS' });
      expect(noId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cnspId' });
      const badId = await create({ name: 'Short Id Networks', kind: 'CN_SP', cnspId: 'abc', complianceStatus: 'IN_PROGRESS' });
      expect(badId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cnspId' });
      const created = await create({
        name: 'Northern Fibre Ltd',
        kind: 'CN_SP',
        cnspId: 'NFL00004',
        complianceStatus: 'COMPLIANT',
        complianceDate: '2026-06-01',
      });
      expect(created.data.createSupplier).toMatchObject({ name: 'Northern Fibre Ltd', cnspId: 'NFL00004', complianceDate: '2026-06-01' });
      expect(errorCode(await create({ name: 'Another', kind: 'CN_SP', cnspId: 'NFL00004', complianceStatus: 'COMPLIANT' }))).toBe(
        'CONFLICT',
      );
      const updated = await server.gql(
        'mutation($id: ID!) { updateSupplier(input: { id: $id, complianceStatus: LAPSED, notes: "Accreditation lapsed in October" }) { ' +
          'complianceStatus notes } }',
        { id: created.data.createSupplier.id },
        operator,
      );
      expect(updated.data.updateSupplier).toEqual({ complianceStatus: 'LAPSED', notes: 'Accreditation lapsed in October' });
    });
  });

  describe('organisations', () => {
    it('show who acts for whom', async () => {
      const csu = await server.token('0CX', Role.VIEWER);
      const response = await server.gql(
        '{ organisations { edges { node { odsCode type actsFor { odsCode } managedBy { odsCode } } } } }',
        {},
        csu,
      );
      const byCode = Object.fromEntries(
        response.data.organisations.edges.map((e: { node: { odsCode: unknown } }) => [e.node.odsCode, e.node]),
      );
      expect(byCode['0CX'].actsFor.map((o: { odsCode: unknown }) => o.odsCode).sort()).toEqual(['RX1', 'RX2']);
      expect(byCode['0CX'].type).toBe('CSU');
      expect(byCode.RX1.managedBy.map((o: { odsCode: unknown }) => o.odsCode)).toEqual(['0CX']);
    });
  });

  describe('node(id)', () => {
    it('fetches any visible object by its global id, as its own type', async () => {
      const found = await server.gql(
        '{ contracts(first: 1) { edges { node { id reference services(first: 1) { edges { node { id reference } } } } } } }',
        {},
        viewer,
      );
      const contract = found.data.contracts.edges[0].node;
      const node = await server.gql(
        'query($c: ID!, $s: ID!) { c: node(id: $c) { __typename id ... on Contract { reference } } s: node(id: $s) { __typename ... on ' +
          'Service { reference } } }',
        { c: contract.id, s: contract.services.edges[0].node.id },
        viewer,
      );
      expect(node.data).toEqual({
        c: { __typename: 'Contract', id: contract.id, reference: contract.reference },
        s: { __typename: 'Service', reference: contract.services.edges[0].node.reference },
      });
    });

    it('answers BAD_USER_INPUT for a malformed id and NOT_FOUND for one that does not exist', async () => {
      expect(errorCode(await server.gql('{ node(id: "!!") { id } }', {}, viewer))).toBe('BAD_USER_INPUT');
      const missing = Buffer.from('Contract:999999').toString('base64url');
      expect(errorCode(await server.gql(`{ node(id: "${missing}") { id } }`, {}, viewer))).toBe('NOT_FOUND');
      const wrongType = await server.gql(`{ site(id: "${Buffer.from('Contract:1').toString('base64url')}") { id } }`, {}, viewer);
      expect(wrongType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });

    it('shows API key records to ADMIN users only', async () => {
      const key = await server.gql('mutation { createApiKey(input: { name: "BI", roles: [REPORTING] }) { apiKey { id } } }', {}, admin);
      const id = key.data.createApiKey.apiKey.id;
      expect((await server.gql('query($id: ID!) { node(id: $id) { __typename } }', { id }, admin)).data.node.__typename).toBe('ApiKey');
      expect(errorCode(await server.gql('query($id: ID!) { node(id: $id) { __typename } }', { id }, viewer))).toBe('NOT_FOUND');
    });
  });

  it('filters contacts by a role they hold', async () => {
    const response = await server.gql(
      '{ contacts(filter: { role: ACCOUNT_MANAGER }, first: 100) { edges { node { assignments { role } } } } }',
      {},
      viewer,
    );
    const nodes = response.data.contacts.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(
      nodes.every((n: { assignments: { role: unknown }[] }) => n.assignments.some((a: { role: unknown }) => a.role === 'ACCOUNT_MANAGER')),
    ).toBe(true);
  });
});
