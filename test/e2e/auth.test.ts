import { SignJWT } from 'jose';
import { Role } from '../../src/auth/roles';
import { TEST_JWT_SECRET } from '../support/database';
import { errorCode, startTestServer, type ErrorBody, type TestServer } from '../support/test-server';

const CONTRACTS = '{ contracts { totalCount } }';
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function sign(claims: Record<string, unknown>, options: { secret?: string; exp?: number | string; nbf?: number } = {}) {
  let jwt = new SignJWT({ org: 'RX1', roles: ['VIEWER'], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('tester')
    .setIssuedAt();
  jwt = jwt.setExpirationTime(options.exp ?? '5m');
  if (options.nbf !== undefined) jwt = jwt.setNotBefore(options.nbf);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

describe('authentication and roles', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(() => server.stop());

  it('asks for credentials when none are sent', async () => {
    const response = await server.gql(CONTRACTS);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.data).toBeNull();
  });

  describe('refuses, with 401 UNAUTHENTICATED, a token that', () => {
    const cases: [string, () => Promise<string>][] = [
      ['is signed with another key', () => sign({}, { secret: 'some-other-secret-that-is-long-enough-too!' })],
      ['has expired', () => sign({}, { exp: Math.floor(Date.now() / 1000) - 3600 })],
      ['is not yet valid', () => sign({}, { nbf: Math.floor(Date.now() / 1000) + 3600 })],
      [
        'uses alg "none"',
        async () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'x', org: 'RX1', roles: ['ADMIN'], exp: 9999999999 })}.`,
      ],
      [
        'has had its claims tampered with',
        async () => {
          const [header, , signature] = (await sign({})).split('.');
          return `${header}.${encode({ sub: 'tester', org: 'RX1', roles: ['ADMIN'], exp: 9999999999 })}.${signature}`;
        },
      ],
      ['names no organisation', () => sign({ org: undefined })],
      ['names an organisation that is not registered', () => sign({ org: 'ZZZ99' })],
      ['is not a JWT at all', async () => 'not-a-token'],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const response = await server.gql(CONTRACTS, {}, await make());
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.data).toBeUndefined();
    });
  });

  it('refuses an Authorization header of an unknown scheme', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: CONTRACTS }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorBody).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('forbids a VIEWER from changing anything, and changes nothing', async () => {
    const viewer = await server.token('RX1', Role.VIEWER);
    const before = await server.gql('{ contracts(first: 1) { edges { node { id title } } } }', {}, viewer);
    const { id, title } = before.data.contracts.edges[0].node;
    const response = await server.gql(
      'mutation($id: ID!) { updateContract(input: { id: $id, title: "Changed" }) { title } }',
      { id },
      viewer,
    );
    expect(errorCode(response)).toBe('FORBIDDEN');
    const after = await server.gql('query($id: ID!) { contract(id: $id) { title } }', { id }, viewer);
    expect(after.data.contract.title).toBe(title);
  });

  it('lets the Service Co-ordinator identify itself but read no inventory', async () => {
    const coordinator = await server.token('X26', Role.SERVICE_COORDINATOR);
    const me = await server.gql('{ me { roles organisation { odsCode } } }', {}, coordinator);
    expect(me.data.me).toEqual({ roles: ['SERVICE_COORDINATOR'], organisation: { odsCode: 'X26' } });
    expect(errorCode(await server.gql(CONTRACTS, {}, coordinator))).toBe('FORBIDDEN');
  });

  it('ties a SUPPLIER_FEED token to the supplier it names', async () => {
    const noSupplier = await server.gql('{ me { subject } }', {}, await sign({ roles: ['SUPPLIER_FEED'] }));
    expect(errorCode(noSupplier)).toBe('UNAUTHENTICATED');
    const feed = await server.gql(
      '{ me { supplier { name cnspId } } }',
      {},
      await sign({ roles: ['SUPPLIER_FEED'], supplier: 'PDN00001' }),
    );
    expect(feed.data.me.supplier).toEqual({ name: 'Pennine Digital Networks Ltd', cnspId: 'PDN00001' });
    expect(errorCode(await server.gql(CONTRACTS, {}, await sign({ roles: ['SUPPLIER_FEED'], supplier: 'PDN00001' })))).toBe('FORBIDDEN');
  });

  describe('API keys', () => {
    let admin: string;
    beforeAll(async () => {
      admin = await server.token('RX1', Role.ADMIN);
    });

    it('are issued once, work until revoked, and are then refused', async () => {
      const created = await server.gql(
        'mutation { createApiKey(input: { name: "Power BI", roles: [REPORTING] }) { secret apiKey { id prefix roles } } }',
        {},
        admin,
      );
      const { secret, apiKey } = created.data.createApiKey;
      expect(secret).toMatch(new RegExp(`^hscn_${apiKey.prefix}\\.`));

      const viaHeader = await server.gql(CONTRACTS, {}, { apiKey: secret });
      expect(viaHeader.errors).toBeUndefined();
      expect(viaHeader.data.contracts.totalCount).toBeGreaterThan(0);
      const viaAuthorization = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `ApiKey ${secret}` },
        body: JSON.stringify({ query: '{ me { authMethod roles } }' }),
      });
      expect(((await viaAuthorization.json()) as { data: { me: unknown } }).data.me).toEqual({
        authMethod: 'API_KEY',
        roles: ['REPORTING'],
      });

      expect(errorCode(await server.gql('mutation { createContact(input: { name: "x" }) { id } }', {}, { apiKey: secret }))).toBe(
        'FORBIDDEN',
      );

      const listed = await server.gql('{ apiKeys { edges { node { id name lastUsedAt } } } }', {}, admin);
      expect(listed.data.apiKeys.edges.map((e: { node: { id: unknown } }) => e.node.id)).toContain(apiKey.id);
      expect(JSON.stringify(listed.data)).not.toContain(secret.split('.')[1]);

      await server.gql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, admin);
      const revoked = await server.gql(CONTRACTS, {}, { apiKey: secret });
      expect(revoked.status).toBe(401);
      expect(revoked.errors?.[0].message).toMatch(/revoked/);
    });

    it('refuse a forged or malformed key', async () => {
      const created = await server.gql('mutation { createApiKey(input: { name: "x", roles: [VIEWER] }) { secret } }', {}, admin);
      const secret: string = created.data.createApiKey.secret;
      const forged = `${secret.slice(0, -4)}${secret.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      expect(errorCode(await server.gql(CONTRACTS, {}, { apiKey: forged }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await server.gql(CONTRACTS, {}, { apiKey: 'hscn_nothex.abc' }))).toBe('UNAUTHENTICATED');
    });

    it('never carry administrative or approval roles, and a feed key names its supplier', async () => {
      const escalation = await server.gql('mutation { createApiKey(input: { name: "x", roles: [ADMIN] }) { secret } }', {}, admin);
      expect(errorCode(escalation)).toBe('BAD_USER_INPUT');
      expect(escalation.errors?.[0].message).toMatch(/cannot hold ADMIN/);
      const feedWithoutSupplier = await server.gql(
        'mutation { createApiKey(input: { name: "x", roles: [SUPPLIER_FEED] }) { secret } }',
        {},
        admin,
      );
      expect(feedWithoutSupplier.errors?.[0].extensions?.field).toBe('input.supplierId');
    });

    it('are managed by ADMIN users only', async () => {
      const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
      expect(errorCode(await server.gql('mutation { createApiKey(input: { name: "x", roles: [VIEWER] }) { secret } }', {}, manager))).toBe(
        'FORBIDDEN',
      );
    });
  });
});
