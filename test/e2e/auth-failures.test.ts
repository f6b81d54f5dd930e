import { createServer, request as httpRequest, type Server } from 'node:http';
import { generateKeyPair, SignJWT } from 'jose';
import { Role } from '../../src/auth/roles';
import { TEST_JWT_SECRET } from '../support/database';
import { fixture, supplierId } from '../support/feeds';
import { startTestServer, type TestServer } from '../support/test-server';

const ME = JSON.stringify({ query: '{ me { subject } }' });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** the JSON answer as the tests read it (an answer that is not JSON is kept as its text, which no test reads into) */
  body: { data: { me: { subject: string } }; errors: { extensions: Record<string, unknown> }[] };
}

/** A request from a loopback address of our choosing (127.0.0.0/8 is all loopback on Linux), so that one test plays several clients. */
function from(
  localAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('failed authentication', () => {
  let server: TestServer;
  let good: string;
  let feedKey: string;
  const graphql = (client: string, headers: Record<string, string>) =>
    from(client, `${server.url}/graphql`, { headers: { 'content-type': 'application/json', ...headers }, body: ME });
  const feed = (client: string, headers: Record<string, string>) =>
    from(client, `${server.url}/feeds/incidents`, {
      headers: { 'content-type': 'text/csv', ...headers },
      body: fixture('incidents/valid.csv'),
    });
  const metric = async (name: string) => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_SECONDS: '600' } });
    good = await server.token('RX1', Role.CONTRACT_MANAGER);
    const admin = await server.token('RX1', Role.ADMIN);
    const created = await server.gql(
      'mutation($s: ID!) { createApiKey(input: { name: "PDN feeds", roles: [SUPPLIER_FEED], supplierId: $s }) { secret } }',
      { s: await supplierId(server, admin, 'PDN00001') },
      admin,
    );
    feedKey = created.data.createApiKey.secret;
  });

  afterAll(() => server.stop());

  it(
    'counts refusals on /graphql and POST /feeds, refuses the client at the limit with 429 and Retry-After, even with a good token, and ' +
      'leaves other clients alone',
    async () => {
      const client = '127.0.0.2';
      const expired = await new SignJWT({ org: 'RX1', roles: ['VIEWER'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('attacker')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      const forgedKey = `${feedKey.slice(0, -4)}${feedKey.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      const before = {
        unknownKey: await metric('hscn_auth_failures_total{reason="API_KEY_UNKNOWN"}'),
        expired: await metric('hscn_auth_failures_total{reason="TOKEN_EXPIRED"}'),
      };

      // successes in between neither count nor reset the count
      expect((await graphql(client, { 'x-api-key': forgedKey })).status).toBe(401);
      expect((await graphql(client, { authorization: `Bearer ${good}` })).status).toBe(200);
      expect((await graphql(client, { authorization: `Bearer ${expired}` })).status).toBe(401);
      expect((await feed(client, { 'x-api-key': feedKey })).status).toBe(200);
      expect((await feed(client, { 'x-api-key': forgedKey })).status).toBe(401);

      const limited = await graphql(client, { authorization: `Bearer ${good}` });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(590);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(limited.body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'AUTHENTICATION_RATE_LIMITED' });
      expect(limited.body.data).toBeUndefined();
      const feedLimited = await feed(client, { 'x-api-key': feedKey });
      expect(feedLimited.status).toBe(429);
      expect(feedLimited.headers['retry-after']).toBeDefined();
      expect(feedLimited.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');

      expect(await metric('hscn_auth_failures_total{reason="API_KEY_UNKNOWN"}')).toBe(before.unknownKey + 2);
      expect(await metric('hscn_auth_failures_total{reason="TOKEN_EXPIRED"}')).toBe(before.expired + 1);
      expect(await metric('hscn_auth_rate_limited_total')).toBeGreaterThanOrEqual(2);

      const other = await graphql('127.0.0.3', { authorization: `Bearer ${good}` });
      expect(other.status).toBe(200);
      expect(other.body.data.me.subject).toMatch(/^test\./);
    },
  );

  it('ignores X-Forwarded-For unless TRUST_PROXY says the peer is a proxy: an attacker cannot take a fresh address per guess', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await graphql('127.0.0.5', { 'x-api-key': 'hscn_000000000000.guess', 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(
        401,
      );
    }
    expect((await graphql('127.0.0.5', { authorization: `Bearer ${good}`, 'x-forwarded-for': '198.51.100.200' })).status).toBe(429);
  });

  it('counts nothing but refused credentials: answers without credentials and good ones never limit a client', async () => {
    const client = '127.0.0.4';
    for (let i = 0; i < 5; i += 1) {
      expect((await graphql(client, {})).status).not.toBe(429);
      expect((await graphql(client, { authorization: `Bearer ${good}` })).status).toBe(200);
    }
  });
});

describe('failed authentication behind a proxy (TRUST_PROXY=loopback)', () => {
  let server: TestServer;
  let good: string;
  const graphql = (forwardedFor: string, headers: Record<string, string>) =>
    from('127.0.0.1', `${server.url}/graphql`, {
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor, ...headers },
      body: ME,
    });

  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_FAILURE_LIMIT: '2', TRUST_PROXY: 'loopback' } });
    good = await server.token('RX1', Role.VIEWER);
  });

  afterAll(() => server.stop());

  it('counts the client the proxy names, not the proxy, so one client behind it cannot lock out the rest', async () => {
    expect((await graphql('203.0.113.7', { authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await graphql('203.0.113.7', { authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await graphql('203.0.113.7', { authorization: `Bearer ${good}` })).status).toBe(429);
    expect((await graphql('203.0.113.8', { authorization: `Bearer ${good}` })).status).toBe(200);
  });

  it('counts an IPv6 client by its /64, which one subscriber holds whole', async () => {
    expect((await graphql('2001:db8:1:2::1', { authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await graphql('2001:db8:1:2:ffff::9', { authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await graphql('2001:db8:1:2:abcd::1', { authorization: `Bearer ${good}` })).status).toBe(429);
    expect((await graphql('2001:db8:1:3::1', { authorization: `Bearer ${good}` })).status).toBe(200);
  });
});

describe('failed authentication while the identity provider is down', () => {
  let provider: Server;
  let server: TestServer;

  beforeAll(async () => {
    // the provider's JWKS answers 503, as during an outage
    provider = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    server = await startTestServer({
      seed: false,
      env: { AUTH_FAILURE_LIMIT: '2', JWT_JWKS_URL: `http://127.0.0.1:${(provider.address() as { port: number }).port}/keys` },
    });
  });

  afterAll(async () => {
    await server.stop();
    await new Promise((resolve) => provider.close(resolve));
  });

  it('refuses the tokens it cannot check, but does not hold that against the clients', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ org: 'RX1', roles: ['VIEWER'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    for (let i = 0; i < 4; i += 1) {
      expect(
        (
          await from('127.0.0.6', `${server.url}/graphql`, {
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: ME,
          })
        ).status,
      ).toBe(401);
    }
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^hscn_auth_failures_total\{reason="VERIFIER_UNAVAILABLE"\} 4$/m);
  });
});
