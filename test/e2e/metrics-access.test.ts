import { randomBytes } from 'node:crypto';
import { startTestServer, type ErrorBody, type TestServer } from '../support/test-server';

const TOKEN = 'metrics-token-for-the-scraper-only-0123456789';

describe('/metrics on a port of its own (METRICS_PORT)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, env: { METRICS_PORT: '0' } });
  });
  afterAll(() => server.stop());

  it('is served there and not on the public port', async () => {
    const port = server.app.metricsPort();
    expect(port).not.toBeNull();
    expect(port).not.toBe(Number(new URL(server.url).port));
    const own = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(own.status).toBe(200);
    expect(await own.text()).toMatch(/^hscn_process_resident_memory_bytes \d+/m);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it('serves nothing else there', async () => {
    const port = server.app.metricsPort();
    expect(
      (
        await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        })
      ).status,
    ).toBe(404);
  });
});

describe('/metrics behind METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => server.stop());

  const read = (authorization?: string) => fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

  it('refuses a reader without the token, or with another, and counts a wrong token as a failed authentication', async () => {
    const none = await read();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await none.json()) as ErrorBody).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await read(`Bearer ${TOKEN.slice(0, -1)}x`)).status).toBe(401);
    expect((await read(`Bearer ${TOKEN}${TOKEN}`)).status).toBe(401);
    expect((await read(`Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`)).status).toBe(401);

    const good = await read(`Bearer ${TOKEN}`);
    expect(good.status).toBe(200);
    expect(await good.text()).toMatch(/^hscn_auth_failures_total\{reason="METRICS_TOKEN"\} 2$/m);
  });
});

describe('/metrics in production with neither METRICS_PORT nor METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      seed: false,
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(48).toString('base64url'),
        JWT_ISSUER: 'https://login.example.nhs.uk/',
        JWT_AUDIENCE: 'api://hscn-supplier-api',
      },
    });
  });
  afterAll(() => server.stop());

  it('is not on the public port', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect(server.app.metricsPort()).toBeNull();
  });
});
