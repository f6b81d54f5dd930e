import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { secretWeakness, TEST_JWT_SECRET } from '../secret-strength';

const createdDirs: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hscn-config-test-'));
  createdDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

const STRONG = 'Q2x7Vb9pLr4mZt1sKw8yNf3hDj6cGa0eUi5oRq'; // made up for this test, never used anywhere
const production = (env: Record<string, string | undefined> = {}) => ({
  NODE_ENV: 'production',
  DATA_DIR: freshDataDir(),
  JWT_SECRET: STRONG,
  JWT_ISSUER: 'https://login.example.nhs.uk/',
  JWT_AUDIENCE: 'api://hscn-supplier-api',
  ...env,
});

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected loadConfig to refuse this environment');
}
const namesVariable = (name: string) => new RegExp(`^\\s*${name}:`, 'm');

describe('production refuses to start without knowing whose tokens to accept', () => {
  it('starts with a strong secret, an issuer and an audience', () => {
    expect(loadConfig(production()).jwt).toMatchObject({
      kind: 'secret',
      issuer: 'https://login.example.nhs.uk/',
      audience: 'api://hscn-supplier-api',
    });
  });

  it.each(['JWT_ISSUER', 'JWT_AUDIENCE'])('refuses to start without %s, naming it', (variable) => {
    const message = refusal(production({ [variable]: undefined }));
    expect(message).toMatch(namesVariable(variable));
    expect(message).toMatch(/required in production/);
  });

  it('names both when both are missing, with JWKS as with a secret', () => {
    for (const env of [
      production({ JWT_ISSUER: '', JWT_AUDIENCE: '' }),
      production({
        JWT_SECRET: undefined,
        JWT_JWKS_URL: 'https://login.example.nhs.uk/keys',
        JWT_ISSUER: undefined,
        JWT_AUDIENCE: undefined,
      }),
    ]) {
      const message = refusal(env);
      expect(message).toMatch(namesVariable('JWT_ISSUER'));
      expect(message).toMatch(namesVariable('JWT_AUDIENCE'));
    }
  });

  it('needs neither outside production', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: freshDataDir(), JWT_SECRET: TEST_JWT_SECRET }).jwt).toMatchObject({
      issuer: undefined,
      audience: undefined,
    });
  });
});

describe('production refuses JWKS over plain http', () => {
  it.each(['http://login.example.nhs.uk/keys', 'http://127.0.0.1:8080/keys'])('refuses %s, naming JWT_JWKS_URL', (url) => {
    const message = refusal(production({ JWT_SECRET: undefined, JWT_JWKS_URL: url }));
    expect(message).toMatch(namesVariable('JWT_JWKS_URL'));
    expect(message).toMatch(/https:\/\//);
  });

  it('accepts https, and http outside production (a test provider on loopback)', () => {
    expect(loadConfig(production({ JWT_SECRET: undefined, JWT_JWKS_URL: 'https://login.example.nhs.uk/keys' })).jwt.kind).toBe('jwks');
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: freshDataDir(), JWT_JWKS_URL: 'http://127.0.0.1:8080/keys' }).jwt.kind).toBe('jwks');
  });
});

describe('production refuses a weak or known JWT_SECRET', () => {
  it.each([
    ['one character repeated', 'x'.repeat(64), /too little variety/],
    ['two characters alternating', 'ab'.repeat(32), /too little variety/],
    ['decimal digits counting up', '0123456789'.repeat(3) + '01', /too little variety/],
    ['a phrase', 'correct-horse-battery-staple-and-more-words', /looks like words/],
    ['a phrase in capitals', 'THIS IS THE PRODUCTION SIGNING SECRET', /looks like words/],
    ["the test suite's secret", TEST_JWT_SECRET, /test suite's published secret/],
  ])('refuses %s, naming JWT_SECRET and never echoing it', (_name, secret, reason) => {
    const message = refusal(production({ JWT_SECRET: secret }));
    expect(message).toMatch(namesVariable('JWT_SECRET'));
    expect(message).toMatch(reason);
    expect(message).not.toContain(secret);
  });

  it('refuses the development secret generated in its data directory', () => {
    const dataDir = freshDataDir();
    loadConfig({ DATA_DIR: dataDir });
    const generated = readFileSync(join(dataDir, 'dev-jwt-secret'), 'utf8').trim();
    const message = refusal(production({ DATA_DIR: dataDir, JWT_SECRET: generated }));
    expect(message).toMatch(namesVariable('JWT_SECRET'));
    expect(message).toMatch(/development secret generated in .*dev-jwt-secret/);
  });

  it('accepts what `openssl rand` makes', () => {
    for (let i = 0; i < 200; i += 1) {
      for (const secret of [randomBytes(32).toString('base64'), randomBytes(48).toString('base64url'), randomBytes(32).toString('hex')]) {
        expect(secretWeakness(secret, [])).toBeNull();
      }
    }
  });

  it('leaves development and test alone', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: freshDataDir(), JWT_SECRET: TEST_JWT_SECRET }).jwt.kind).toBe('secret');
    expect(loadConfig({ DATA_DIR: freshDataDir(), JWT_SECRET: 'x'.repeat(32) }).jwt.kind).toBe('secret');
  });
});

describe('token lifetime and clock skew', () => {
  it('default to 12 hours and 60 seconds', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).jwt).toMatchObject({ maxLifetimeSeconds: 43_200, clockSkewSeconds: 60 });
  });

  it('can be set', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir(), JWT_MAX_LIFETIME_SECONDS: '3600', JWT_CLOCK_SKEW_SECONDS: '5' }).jwt).toMatchObject({
      maxLifetimeSeconds: 3_600,
      clockSkewSeconds: 5,
    });
  });

  it.each([
    ['JWT_MAX_LIFETIME_SECONDS', '0'],
    ['JWT_MAX_LIFETIME_SECONDS', '2592000'],
    ['JWT_CLOCK_SKEW_SECONDS', '-1'],
    ['JWT_CLOCK_SKEW_SECONDS', '3600'],
  ])('refuses %s=%s, naming it', (variable, value) => {
    expect(refusal({ DATA_DIR: freshDataDir(), [variable]: value })).toMatch(namesVariable(variable));
  });
});

describe('the national organisation', () => {
  it('is X26 (NHS England) unless NATIONAL_ODS_CODE names another, in upper case', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).auth.nationalOdsCode).toBe('X26');
    expect(loadConfig({ DATA_DIR: freshDataDir(), NATIONAL_ODS_CODE: ' x24 ' }).auth.nationalOdsCode).toBe('X24');
  });

  it('refuses a value that is not an ODS code, naming NATIONAL_ODS_CODE', () => {
    expect(refusal({ DATA_DIR: freshDataDir(), NATIONAL_ODS_CODE: 'NHS England' })).toMatch(namesVariable('NATIONAL_ODS_CODE'));
  });
});

describe('production refuses a guessable key for the secrets it seals', () => {
  it('starts with a strong WEBHOOK_SECRET_KEY, or none (webhooks and pull credentials are then unavailable)', () => {
    expect(loadConfig(production({ WEBHOOK_SECRET_KEY: randomBytes(48).toString('base64') })).webhooks.secretKey).not.toBeNull();
    expect(loadConfig(production()).webhooks.secretKey).toBeNull();
  });

  it.each([
    ['the .env.example placeholder', 'change-me-to-48-random-bytes-base64-encoded-xxxxxxxxxxxx'],
    ['one character repeated', 'k'.repeat(64)],
    ['a phrase', 'correct horse battery staple webhook signing key'],
  ])('refuses %s as WEBHOOK_SECRET_KEY, naming it', (_, key) => {
    expect(refusal(production({ WEBHOOK_SECRET_KEY: key }))).toMatch(namesVariable('WEBHOOK_SECRET_KEY'));
  });

  it('refuses the development key left in DATA_DIR', () => {
    const dataDir = freshDataDir();
    const developmentKey = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }).webhooks.secretKey!;
    expect(refusal(production({ DATA_DIR: dataDir, WEBHOOK_SECRET_KEY: developmentKey }))).toMatch(
      /WEBHOOK_SECRET_KEY: is the development key/,
    );
  });

  it('lets a weak key through outside production, where it guards nothing real', () => {
    expect(
      loadConfig({ NODE_ENV: 'test', DATA_DIR: freshDataDir(), JWT_SECRET: TEST_JWT_SECRET, WEBHOOK_SECRET_KEY: 'k'.repeat(64) }).webhooks
        .secretKey,
    ).toBe('k'.repeat(64));
  });
});
