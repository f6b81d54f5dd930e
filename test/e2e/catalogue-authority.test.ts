import { SignJWT } from 'jose';
import { Role } from '../../src/auth/roles';
import { TEST_JWT_SECRET } from '../support/database';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const CREATE = 'mutation($input: CreateSupplierInput!) { createSupplier(input: $input) { id name cnspId } }';
const UPDATE = 'mutation($input: UpdateSupplierInput!) { updateSupplier(input: $input) { id name cnspId } }';
const SUPPLIER = 'query($search: String!) { suppliers(filter: { search: $search }) { edges { node { id name cnspId } } } }';
const TRAIL =
  'query($f: AuditFilterInput) { auditTrail(first: 50, filter: $f) { edges { node { actor entryPoint action before after organisation { odsCode } } } } }';

/**
 * The supplier catalogue is national: a CN-SP ID decides which supplier every organisation's
 * feed tokens speak for. An organisation's ADMIN once edited it, and by swapping two suppliers'
 * CN-SP IDs re-routed one supplier's feed logins to the other for everyone, with nothing in
 * the other organisations' audit trails. Now only NHS England's catalogue operator edits it,
 * colliding identities are refused, and each change shows in every affected organisation's
 * trail.
 */
describe('the national supplier catalogue', () => {
  let server: TestServer;
  let operator: string;
  let tenantAdmin: string;

  const reason = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.reason;
  const supplierBy = async (search: string) => (await server.gql(SUPPLIER, { search }, operator)).data.suppliers.edges[0]?.node;
  const input = (name: string, cnspId: string) => ({ name, kind: 'CN_SP', cnspId, complianceStatus: 'COMPLIANT' });

  beforeAll(async () => {
    server = await startTestServer();
    operator = await server.token('X26', Role.CATALOGUE_ADMIN);
    tenantAdmin = await server.token('RX1', Role.ADMIN);
  });

  afterAll(() => server.stop());

  describe('is edited by the national operator only', () => {
    it("refuses a tenant ADMIN's createSupplier and updateSupplier, and changes nothing", async () => {
      const pennine = await supplierBy('PDN00001');
      expect(errorCode(await server.gql(CREATE, { input: input('Tenant Networks', 'TNT00001') }, tenantAdmin))).toBe('FORBIDDEN');
      expect(errorCode(await server.gql(UPDATE, { input: { id: pennine.id, cnspId: 'MHN00003' } }, tenantAdmin))).toBe('FORBIDDEN');
      expect(errorCode(await server.gql(UPDATE, { input: { id: pennine.id, name: 'Renamed by a tenant' } }, tenantAdmin))).toBe(
        'FORBIDDEN',
      );
      expect(await supplierBy('PDN00001')).toEqual(pennine);
      expect(await supplierBy('Tenant Networks')).toBeUndefined();
    });

    it('ignores a national role that a token gives to anyone outside the national organisation', async () => {
      const claimed = await server.token('RX1', Role.ADMIN, Role.CATALOGUE_ADMIN, Role.SERVICE_COORDINATOR);
      expect((await server.gql('{ me { roles } }', {}, claimed)).data.me.roles).toEqual(['ADMIN']);
      const refused = await server.gql(CREATE, { input: input('Claimed Networks', 'CLM00001') }, claimed);
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.message).toMatch(/CATALOGUE_ADMIN \(held only by users of the national organisation, X26\)/);
    });

    it('never puts the role on an API key', async () => {
      const nationalAdmin = await server.token('X26', Role.ADMIN);
      const refused = await server.gql(
        'mutation { createApiKey(input: { name: "catalogue robot", roles: [CATALOGUE_ADMIN] }) { secret } }',
        {},
        nationalAdmin,
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.roles', reason: 'ROLE_NOT_ALLOWED' });
    });

    it('lets the national operator add and correct suppliers, with the CN-SP ID stored upper-case', async () => {
      const created = await server.gql(CREATE, { input: input('Northern Fibre Ltd', ' nfl00004 ') }, operator);
      expect(created.data.createSupplier).toMatchObject({ name: 'Northern Fibre Ltd', cnspId: 'NFL00004' });
      const corrected = await server.gql(
        UPDATE,
        { input: { id: created.data.createSupplier.id, name: 'Northern Fibre Limited' } },
        operator,
      );
      expect(corrected.data.updateSupplier).toMatchObject({ name: 'Northern Fibre Limited', cnspId: 'NFL00004' });
    });
  });

  describe('refuses identities that collide', () => {
    let first: { id: string; cnspId: string };
    let second: { id: string; cnspId: string };

    beforeAll(async () => {
      first = (await server.gql(CREATE, { input: input('Swap One Networks', 'SWP00001') }, operator)).data.createSupplier;
      second = (await server.gql(CREATE, { input: input('Swap Two Networks', 'SWP00002') }, operator)).data.createSupplier;
    });

    it.each([
      ['exactly', 'SWP00002'],
      ['in lower case', 'swp00002'],
      ['with spaces around it', '  SWP00002 '],
    ])("refuses one supplier another's CN-SP ID %s: swapping them collides", async (_how, cnspId) => {
      const response = await server.gql(UPDATE, { input: { id: first.id, cnspId } }, operator);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.cnspId', reason: 'DUPLICATE_CNSP_ID' });
      expect(await supplierBy('SWP00001')).toMatchObject({ id: first.id });
      expect(await supplierBy('SWP00002')).toMatchObject({ id: second.id });
    });

    it('refuses a new supplier with a CN-SP ID already held', async () => {
      expect(reason(await server.gql(CREATE, { input: input('Impostor Networks', 'pdn00001') }, operator))).toBe('DUPLICATE_CNSP_ID');
    });

    it.each(['Swap Two Networks', '  swap two  NETWORKS ', 'Ｓｗａｐ Ｔｗｏ Ｎｅｔｗｏｒｋｓ', 'Swap\u200b Two Networks'])(
      'refuses the name %p when another supplier has it, ignoring case, spacing, width and invisible characters',
      async (name) => {
        const renamed = await server.gql(UPDATE, { input: { id: first.id, name } }, operator);
        expect(renamed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name', reason: 'DUPLICATE_SUPPLIER_NAME' });
        expect(reason(await server.gql(CREATE, { input: input(name, 'NEW00009') }, operator))).toBe('DUPLICATE_SUPPLIER_NAME');
      },
    );

    it('lets the unique index decide a race: one of many concurrent claims wins, every other is the same CONFLICT', async () => {
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) => server.gql(CREATE, { input: input(`Racing Networks ${i}`, 'RCE00001') }, operator)),
      );
      expect(claims.filter((claim) => !claim.errors)).toHaveLength(1);
      expect(claims.filter((claim) => claim.errors).map(reason)).toEqual(Array(5).fill('DUPLICATE_CNSP_ID'));

      const names = await Promise.all(
        ['Racing Names plc', 'RACING NAMES PLC', 'racing names plc', ' Racing  Names plc'].map((name, i) =>
          server.gql(CREATE, { input: input(name, `RNM0000${i}`) }, operator),
        ),
      );
      expect(names.filter((claim) => !claim.errors)).toHaveLength(1);
      expect(names.filter((claim) => claim.errors).map(reason)).toEqual(Array(3).fill('DUPLICATE_SUPPLIER_NAME'));
    });
  });

  describe('a change of identity', () => {
    const signFeedToken = (cnspId: string, issuedAt: number) =>
      new SignJWT({ org: 'RX1', roles: ['SUPPLIER_FEED'], supplier: cnspId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('feed@pennine')
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + 3_600)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    const feedSupplier = async (auth: string | { apiKey: string }) => {
      const response = await server.gql('{ me { supplier { name cnspId } } }', {}, auth);
      return response.errors ? errorCode(response) : response.data.me.supplier;
    };

    let pennine: { id: string; name: string; cnspId: string };
    let oldToken: string;
    let earlyTokenForNewId: string;
    let feedKey: string;

    beforeAll(async () => {
      pennine = await supplierBy('PDN00001');
      oldToken = await signFeedToken('PDN00001', nowSeconds() - 5);
      earlyTokenForNewId = await signFeedToken('PDN00009', nowSeconds() - 5);
      feedKey = (
        await server.gql(
          'mutation($s: ID!) { createApiKey(input: { name: "Pennine feeds", roles: [SUPPLIER_FEED], supplierId: $s }) { secret } }',
          { s: pennine.id },
          tenantAdmin,
        )
      ).data.createApiKey.secret;
      expect(await feedSupplier(oldToken)).toEqual({ name: pennine.name, cnspId: 'PDN00001' });

      const changed = await server.gql(
        UPDATE,
        { input: { id: pennine.id, cnspId: 'PDN00009', name: 'Pennine Digital Networks Limited' } },
        operator,
      );
      expect(changed.errors).toBeUndefined();
    });

    it("is in the audit trail of every organisation that deals with the supplier, as each one's ADMIN reads it", async () => {
      for (const odsCode of ['RX1', 'RX2', '0CX', 'X26']) {
        const admin = await server.token(odsCode, Role.ADMIN);
        const entries = (await server.gql(TRAIL, { f: { recordId: pennine.id } }, admin)).data.auditTrail.edges.map(
          (edge: { node: unknown }) => edge.node,
        );
        const own = entries.filter((entry: { organisation: { odsCode: unknown } }) => entry.organisation.odsCode === odsCode);
        expect({ odsCode, entries: own.length }).toEqual({ odsCode, entries: 1 });
        expect(own[0]).toMatchObject({ actor: 'test.catalogue_admin@x26', entryPoint: 'graphql:updateSupplier', action: 'UPDATE' });
        expect(JSON.parse(own[0].before)).toMatchObject({ cnspId: 'PDN00001', name: pennine.name });
        expect(JSON.parse(own[0].after)).toMatchObject({ cnspId: 'PDN00009', name: 'Pennine Digital Networks Limited' });
      }
    });

    it('is not in the trail of an organisation that does not deal with the supplier', async () => {
      const unaffected = await server.token('Y0A01', Role.ADMIN);
      const trail = await server.gql(TRAIL, { f: { recordId: pennine.id } }, unaffected);
      expect(trail.data.auditTrail.edges).toEqual([]);
    });

    it('ends the feed tokens issued before it, for the old CN-SP ID and the new alike; a new token and an API key speak for the supplier', async () => {
      expect(await feedSupplier(oldToken)).toBe('UNAUTHENTICATED');
      expect(await feedSupplier(earlyTokenForNewId)).toBe('UNAUTHENTICATED');
      // issued after the change (within the allowed clock skew of now)
      expect(await feedSupplier(await signFeedToken('PDN00009', nowSeconds() + 2))).toEqual({
        name: 'Pennine Digital Networks Limited',
        cnspId: 'PDN00009',
      });
      expect(await feedSupplier({ apiKey: feedKey })).toEqual({ name: 'Pennine Digital Networks Limited', cnspId: 'PDN00009' });
    });

    it("never hands a released CN-SP ID's old tokens to the supplier that takes it next", async () => {
      const heir = await server.gql(CREATE, { input: input('Heir Networks', 'PDN00001') }, operator);
      expect(heir.errors).toBeUndefined();
      expect(await feedSupplier(oldToken)).toBe('UNAUTHENTICATED');
    });
  });
});
