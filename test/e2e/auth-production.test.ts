import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from '../support/database';
import { listening, spawnMain, stopMain } from '../support/main-process';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const ISSUER = 'https://login.example.nhs.uk/tenant';
const AUDIENCE = 'api://hscn-supplier-api';

/**
 * The server as production runs it (NODE_ENV=production, an HS256 secret of its own, issuer
 * and audience required), and tokens an attacker might bring: one issued by another
 * provider or for another application, one that never expires in practice, one issued in the
 * future, one that lives too long. Each is refused with 401 UNAUTHENTICATED and a message
 * naming the claim at fault.
 */
describe('tokens in production', () => {
  const secret = new TextEncoder().encode(randomBytes(48).toString('base64url'));
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        JWT_SECRET: new TextDecoder().decode(secret),
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
      },
    });
  });

  afterAll(() => server.stop());

  const now = () => Math.floor(Date.now() / 1000);
  function sign(claims: { iss?: string | null; aud?: string | null; iat?: number | null; exp?: number | null; nbf?: number }) {
    let jwt = new SignJWT({ org: 'RX1', roles: ['ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory@rx1');
    if (claims.iss !== null) jwt = jwt.setIssuer(claims.iss ?? ISSUER);
    if (claims.aud !== null) jwt = jwt.setAudience(claims.aud ?? AUDIENCE);
    if (claims.iat !== null) jwt = jwt.setIssuedAt(claims.iat ?? now());
    if (claims.exp !== null) jwt = jwt.setExpirationTime(claims.exp ?? now() + 3_600);
    if (claims.nbf !== undefined) jwt = jwt.setNotBefore(claims.nbf);
    return jwt.sign(secret);
  }

  it('accepts a token from its own issuer, for this API, issued now for an hour', async () => {
    const response = await server.gql('{ me { subject roles } }', {}, await sign({}));
    expect(response.data.me).toEqual({ subject: 'mallory@rx1', roles: ['ADMIN'] });
  });

  it.each([
    ['another issuer', { iss: 'https://login.other-app.example/' }, /claim "iss" is not valid/],
    ['no issuer', { iss: null }, /"iss"/],
    ['another audience', { aud: 'api://payroll' }, /claim "aud" is not valid/],
    ['no audience', { aud: null }, /"aud"/],
    ['an expiry in year 275760', { exp: 8_640_000_000_000 }, /Token lifetime is too long: "exp" is \d+ s after "iat", at most 43200 s/],
    ['an expiry in year 275760 and no iat', { exp: 8_640_000_000_000, iat: null }, /Token lifetime is too long: it has no "iat"/],
    ['no expiry', { exp: null }, /"exp"/],
    ['an iat an hour in the future', { iat: now() + 3_600, exp: now() + 7_200 }, /Token claim "iat" is in the future/],
    ['a lifetime of 13 hours', { iat: now(), exp: now() + 13 * 3_600 }, /Token lifetime is too long: "exp" is 46800 s after "iat"/],
    ['an nbf an hour in the future', { nbf: now() + 3_600 }, /claim "nbf" is not valid/],
  ] as const)('refuses a token with %s', async (_name, claims, message) => {
    const response = await server.gql('{ me { subject } }', {}, await sign(claims));
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(response.data).toBeUndefined();
  });

  it('refuses a second use of a refused token too (nothing refused is remembered as verified)', async () => {
    const token = await sign({ iat: now(), exp: now() + 13 * 3_600 });
    for (let i = 0; i < 2; i += 1) expect((await server.gql('{ me { subject } }', {}, token)).status).toBe(401);
  });
});

describe('starting in production', () => {
  // transpiling the server takes a few seconds, many more on a loaded machine
  const STARTUP_BUDGET_MS = 180_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'hscn-production-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /**
   * src/main.ts as `npm start` runs it, with this environment only: its exit code and stderr,
   * or 'listening' (and the server stopped) if it started after all
   */
  async function start(env: Record<string, string>): Promise<{ code: number | NodeJS.Signals | 'listening'; stderr: string }> {
    const main = spawnMain({ NODE_ENV: 'production', DATA_DIR: dataDir, ...env }, [], { inheritEnv: false });
    const started = await listening(main).then(
      () => true,
      () => false,
    );
    if (started) await stopMain(main);
    return { code: started ? 'listening' : await main.exited, stderr: main.stderr() };
  }

  it(
    'refuses without issuer and audience, and with JWKS over http, naming each variable',
    async () => {
      const started = await start({ JWT_JWKS_URL: 'http://login.example.nhs.uk/keys' });
      expect(started.code).toBe(1);
      expect(started.stderr).toMatch(/^\s*JWT_ISSUER: required in production/m);
      expect(started.stderr).toMatch(/^\s*JWT_AUDIENCE: required in production/m);
      expect(started.stderr).toMatch(/^\s*JWT_JWKS_URL: must be an https:\/\/ URL in production/m);
    },
    STARTUP_BUDGET_MS,
  );

  it(
    "refuses the test suite's secret, naming JWT_SECRET",
    async () => {
      const started = await start({ JWT_SECRET: TEST_JWT_SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
      expect(started.code).toBe(1);
      expect(started.stderr).toMatch(/^\s*JWT_SECRET: is the test suite's published secret/m);
      expect(started.stderr).not.toContain(TEST_JWT_SECRET);
    },
    STARTUP_BUDGET_MS,
  );
});
