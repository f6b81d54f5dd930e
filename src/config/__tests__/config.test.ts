import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config';

const SECRET = 'x'.repeat(32);
/** What production needs to start: a strong secret of its own, and the issuer and audience it checks. */
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'Q2x7Vb9pLr4mZt1sKw8yNf3hDj6cGa0eUi5oRq', // made up for this test, never used anywhere
  JWT_ISSUER: 'https://login.example.nhs.uk/',
  JWT_AUDIENCE: 'api://hscn-supplier-api',
};
const createdDirs: string[] = [];

/** A fresh, empty data directory outside the repository. */
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hscn-config-test-'));
  createdDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

/** The ConfigError thrown by loadConfig for this environment. */
function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

/** Matches a problem line such as "  PORT: Invalid input" for the given variable. */
const namesVariable = (name: string) => new RegExp(`^\\s*${name}:`, 'm');

describe('loadConfig defaults', () => {
  it('runs in development on 127.0.0.1:4000 with SQLite in the data directory', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ DATA_DIR: dataDir });

    expect(config.env).toBe('development');
    expect(config.isDevelopment).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.dataDir).toBe(resolve(dataDir));
    expect(config.database.dialect).toBe('sqlite');
    expect(config.database.location).toBe(join(resolve(dataDir), 'hscn.sqlite'));
  });

  it('listens on 127.0.0.1 in test as well', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: freshDataDir() }).host).toBe('127.0.0.1');
  });

  it('listens on all interfaces in production unless HOST is given', () => {
    const base = { ...PRODUCTION, DATA_DIR: freshDataDir() };
    expect(loadConfig(base).host).toBe('0.0.0.0');
    expect(loadConfig({ ...base, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('uses the given PORT', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir(), PORT: '8080' }).port).toBe(8080);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({ DATA_DIR: freshDataDir() }))).toBe(true);
  });
});

describe('DATABASE_URL', () => {
  it('selects MySQL for a mysql:// URL and keeps the URL as given', () => {
    const url = 'mysql://hscn:secret@db.internal:3306/hscn';
    const config = loadConfig({ DATA_DIR: freshDataDir(), DATABASE_URL: url });
    expect(config.database).toMatchObject({ dialect: 'mysql', location: url });
  });

  it('treats mariadb:// as the MySQL dialect', () => {
    const url = 'mariadb://hscn:secret@db.internal/hscn';
    expect(loadConfig({ DATA_DIR: freshDataDir(), DATABASE_URL: url }).database).toMatchObject({ dialect: 'mysql', location: url });
  });

  it('selects SQLite at an absolute path for sqlite:/path and sqlite:///path', () => {
    const file = join(freshDataDir(), 'other.sqlite');
    expect(loadConfig({ DATA_DIR: freshDataDir(), DATABASE_URL: `sqlite:${file}` }).database).toMatchObject({
      dialect: 'sqlite',
      location: file,
    });
    expect(loadConfig({ DATA_DIR: freshDataDir(), DATABASE_URL: `sqlite://${file}` }).database).toMatchObject({
      dialect: 'sqlite',
      location: file,
    });
  });

  it('resolves a relative SQLite path against the working directory', () => {
    const config = loadConfig({ DATA_DIR: freshDataDir(), DATABASE_URL: 'sqlite:./somewhere/db.sqlite' });
    expect(config.database.location).toBe(resolve('./somewhere/db.sqlite'));
  });

  it('keeps :memory: as an in-memory SQLite database', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir(), DATABASE_URL: 'sqlite::memory:' }).database.location).toBe(':memory:');
  });

  it('passes pool size and connect timeout through', () => {
    const config = loadConfig({ DATA_DIR: freshDataDir(), DB_POOL_SIZE: '25', DB_CONNECT_TIMEOUT_MS: '2500' });
    expect(config.database).toMatchObject({ poolSize: 25, connectTimeoutMs: 2500 });
  });

  it.each([
    ['an unsupported scheme', 'postgres://u:p@host/db'],
    ['plain text', 'hscn.sqlite'],
    ['sqlite: with no path', 'sqlite:'],
    ['a MySQL URL with no database name', 'mysql://u:p@host:3306'],
    ['a MySQL URL with only a slash for the database', 'mysql://u:p@host:3306/'],
    ['a MySQL URL that does not parse', 'mysql://u:p@host:notaport/db'],
  ])('refuses %s, naming DATABASE_URL', (_description, url) => {
    expect(configErrorFor({ DATA_DIR: freshDataDir(), DATABASE_URL: url }).message).toMatch(namesVariable('DATABASE_URL'));
  });
});

describe('invalid values', () => {
  it.each(['abc', '70000', '-1', '80.5'])('refuses PORT=%p, naming PORT', (port) => {
    expect(configErrorFor({ DATA_DIR: freshDataDir(), PORT: port }).message).toMatch(namesVariable('PORT'));
  });

  it('refuses a JWT_SECRET shorter than 32 characters, naming JWT_SECRET', () => {
    const error = configErrorFor({ DATA_DIR: freshDataDir(), JWT_SECRET: 'x'.repeat(31) });
    expect(error.message).toMatch(namesVariable('JWT_SECRET'));
    expect(error.message).toContain('32');
  });

  it('does not echo the rejected secret in the message', () => {
    const secret = 'short-but-sensitive';
    expect(configErrorFor({ DATA_DIR: freshDataDir(), JWT_SECRET: secret }).message).not.toContain(secret);
  });

  it('refuses an unknown NODE_ENV, naming NODE_ENV', () => {
    expect(configErrorFor({ DATA_DIR: freshDataDir(), NODE_ENV: 'staging' }).message).toMatch(namesVariable('NODE_ENV'));
  });

  it('refuses a JWT_JWKS_URL that is not a URL, naming JWT_JWKS_URL', () => {
    expect(configErrorFor({ DATA_DIR: freshDataDir(), JWT_JWKS_URL: 'not a url' }).message).toMatch(namesVariable('JWT_JWKS_URL'));
  });

  it('refuses an unrecognised boolean, naming the variable', () => {
    expect(configErrorFor({ DATA_DIR: freshDataDir(), GRAPHQL_INTROSPECTION: 'maybe' }).message).toMatch(
      namesVariable('GRAPHQL_INTROSPECTION'),
    );
  });

  it('names every variable at fault when several are wrong', () => {
    const message = configErrorFor({ DATA_DIR: freshDataDir(), PORT: 'abc', JWT_SECRET: 'short' }).message;
    expect(message).toMatch(namesVariable('PORT'));
    expect(message).toMatch(namesVariable('JWT_SECRET'));
  });
});

describe('JWT verification', () => {
  it('refuses production with neither JWT_JWKS_URL nor JWT_SECRET, naming JWT_JWKS_URL', () => {
    const dataDir = freshDataDir();
    expect(configErrorFor({ NODE_ENV: 'production', DATA_DIR: dataDir }).message).toMatch(namesVariable('JWT_JWKS_URL'));
    expect(existsSync(join(dataDir, 'dev-jwt-secret'))).toBe(false);
  });

  it('uses JWKS in production when JWT_JWKS_URL is given, with issuer and audience', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: freshDataDir(),
      JWT_JWKS_URL: 'https://login.example.nhs.uk/.well-known/jwks.json',
      JWT_ISSUER: 'https://login.example.nhs.uk/',
      JWT_AUDIENCE: 'hscn-supplier-api',
    });
    expect(config.jwt).toMatchObject({
      kind: 'jwks',
      jwksUrl: 'https://login.example.nhs.uk/.well-known/jwks.json',
      issuer: 'https://login.example.nhs.uk/',
      audience: 'hscn-supplier-api',
    });
  });

  it('prefers JWT_JWKS_URL over JWT_SECRET when both are given', () => {
    const config = loadConfig({ DATA_DIR: freshDataDir(), JWT_SECRET: SECRET, JWT_JWKS_URL: 'https://example.org/jwks.json' });
    expect(config.jwt.kind).toBe('jwks');
  });

  it('uses JWT_SECRET in production without writing a development secret', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ ...PRODUCTION, DATA_DIR: dataDir });
    expect(config.jwt).toMatchObject({ kind: 'secret', secret: PRODUCTION.JWT_SECRET });
    expect(existsSync(join(dataDir, 'dev-jwt-secret'))).toBe(false);
  });

  it('uses default claim names, which can be overridden', () => {
    const dataDir = freshDataDir();
    expect(loadConfig({ DATA_DIR: dataDir }).jwt).toMatchObject({ orgClaim: 'org', rolesClaim: 'roles', supplierClaim: 'supplier' });
    expect(
      loadConfig({ DATA_DIR: dataDir, JWT_ORG_CLAIM: 'ods', JWT_ROLES_CLAIM: 'groups', JWT_SUPPLIER_CLAIM: 'cnsp' }).jwt,
    ).toMatchObject({
      orgClaim: 'ods',
      rolesClaim: 'groups',
      supplierClaim: 'cnsp',
    });
  });

  describe('development secret', () => {
    it('is generated once per data directory and reused on the next load', () => {
      const dataDir = freshDataDir();
      const first = loadConfig({ DATA_DIR: dataDir }).jwt;
      const second = loadConfig({ DATA_DIR: dataDir }).jwt;

      expect(first.kind).toBe('secret');
      expect(second.kind).toBe('secret');
      const secret = first.kind === 'secret' ? first.secret : '';
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(second).toMatchObject({ kind: 'secret', secret });
    });

    it('is stored in the data directory, readable only by its owner', () => {
      const dataDir = freshDataDir();
      const jwt = loadConfig({ DATA_DIR: dataDir }).jwt;
      const file = join(dataDir, 'dev-jwt-secret');

      expect(readFileSync(file, 'utf8').trim()).toBe(jwt.kind === 'secret' ? jwt.secret : undefined);
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    });

    it('differs between data directories', () => {
      const a = loadConfig({ DATA_DIR: freshDataDir() }).jwt;
      const b = loadConfig({ DATA_DIR: freshDataDir() }).jwt;
      expect(a.kind === 'secret' && b.kind === 'secret' && a.secret !== b.secret).toBe(true);
    });

    it('creates a data directory that does not exist yet', () => {
      const dataDir = join(freshDataDir(), 'nested', 'data');
      loadConfig({ DATA_DIR: dataDir });
      expect(existsSync(join(dataDir, 'dev-jwt-secret'))).toBe(true);
    });

    it('is not used when JWT_SECRET is set', () => {
      const dataDir = freshDataDir();
      expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: SECRET }).jwt).toMatchObject({ kind: 'secret', secret: SECRET });
      expect(existsSync(join(dataDir, 'dev-jwt-secret'))).toBe(false);
    });
  });
});

describe('blank values', () => {
  it('treats empty strings as unset and falls back to the defaults', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({
      DATA_DIR: dataDir,
      NODE_ENV: '',
      HOST: '',
      PORT: '',
      DATABASE_URL: '',
      JWT_SECRET: '',
      JWT_JWKS_URL: '',
      GRAPHQL_INTROSPECTION: '',
      LOG_LEVEL: '',
    });
    expect(config.env).toBe('development');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.database).toMatchObject({ dialect: 'sqlite', location: join(resolve(dataDir), 'hscn.sqlite') });
    expect(config.jwt.kind).toBe('secret');
    expect(existsSync(join(dataDir, 'dev-jwt-secret'))).toBe(true);
    expect(config.graphql.introspection).toBe(true);
    expect(config.logLevel).toBe('info');
  });

  it('still refuses production when the JWT settings are present but empty', () => {
    const error = configErrorFor({ NODE_ENV: 'production', DATA_DIR: freshDataDir(), JWT_JWKS_URL: '', JWT_SECRET: '' });
    expect(error.message).toMatch(namesVariable('JWT_JWKS_URL'));
  });
});

describe('GraphQL settings', () => {
  it('enables introspection by default only in development', () => {
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: freshDataDir() }).graphql.introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: freshDataDir() }).graphql.introspection).toBe(false);
    expect(loadConfig({ ...PRODUCTION, DATA_DIR: freshDataDir() }).graphql.introspection).toBe(false);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
  ])('turns introspection off in development with GRAPHQL_INTROSPECTION=%p', (value, expected) => {
    expect(loadConfig({ DATA_DIR: freshDataDir(), GRAPHQL_INTROSPECTION: value }).graphql.introspection).toBe(expected);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
  ])('turns introspection on in production with GRAPHQL_INTROSPECTION=%p', (value, expected) => {
    const env = { ...PRODUCTION, DATA_DIR: freshDataDir(), GRAPHQL_INTROSPECTION: value };
    expect(loadConfig(env).graphql.introspection).toBe(expected);
  });

  it('leaves stack traces out of errors unless GRAPHQL_STACK_TRACES asks, development included', () => {
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: freshDataDir() }).graphql.stackTraces).toBe(false);
    expect(loadConfig({ ...PRODUCTION, DATA_DIR: freshDataDir() }).graphql.stackTraces).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: freshDataDir(), GRAPHQL_STACK_TRACES: 'true' }).graphql.stackTraces).toBe(true);
  });

  it('refuses to start production with GRAPHQL_STACK_TRACES=true, naming it', () => {
    expect(() => loadConfig({ ...PRODUCTION, DATA_DIR: freshDataDir(), GRAPHQL_STACK_TRACES: 'true' })).toThrow(
      /GRAPHQL_STACK_TRACES: not allowed in production/,
    );
    expect(loadConfig({ ...PRODUCTION, DATA_DIR: freshDataDir(), GRAPHQL_STACK_TRACES: 'false' }).graphql.stackTraces).toBe(false);
  });

  it('has sensible limits by default', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).graphql).toMatchObject({
      maxDepth: 12,
      maxComplexity: 50_000,
      maxTokens: 5_000,
      maxPageSize: 100,
    });
  });
});

describe('other defaults', () => {
  it('is silent when testing and logs at info otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: freshDataDir() }).logLevel).toBe('silent');
    expect(loadConfig({ DATA_DIR: freshDataDir() }).logLevel).toBe('info');
    expect(loadConfig({ DATA_DIR: freshDataDir(), LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('seeds demo data by default only outside production when no DATABASE_URL is set', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).seedDemoOnStart).toBe(true);
    expect(loadConfig({ DATA_DIR: freshDataDir(), DATABASE_URL: 'mysql://u:p@host/db' }).seedDemoOnStart).toBe(false);
    expect(loadConfig({ ...PRODUCTION, DATA_DIR: freshDataDir() }).seedDemoOnStart).toBe(false);
    expect(loadConfig({ DATA_DIR: freshDataDir(), SEED_DEMO_ON_START: 'no' }).seedDemoOnStart).toBe(false);
  });
});

describe('regressions', () => {
  it('treats a value of only spaces as unset rather than as port 0', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir(), PORT: '  ' }).port).toBe(4000);
    expect(loadConfig({ DATA_DIR: freshDataDir(), HOST: ' ' }).host).toBe('127.0.0.1');
  });

  it('replaces an empty development secret file instead of signing with an empty key', () => {
    const dataDir = freshDataDir();
    writeFileSync(join(dataDir, 'dev-jwt-secret'), '  \n');
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.jwt.kind === 'secret' && config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'dev-jwt-secret'), 'utf8').trim()).toBe(config.jwt.kind === 'secret' ? config.jwt.secret : '');
  });
});

describe('notifications and webhooks', () => {
  it('default the windows and the dispatcher, and keep a development webhook key in the data directory', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.notifications).toEqual({ noticeWithinDays: 90, contactStaleAfterDays: 365, disputeWithinDays: 14, dsptReminderDays: 60 });
    expect(config.webhooks).toMatchObject({
      dispatchEnabled: true,
      dispatchIntervalMs: 60_000,
      timeoutMs: 5_000,
      maxAttempts: 6,
      retryBaseMs: 30_000,
      disableAfterFailures: 10,
      allowPrivateTargets: true,
    });
    expect(config.webhooks.secretKey).toBe(readFileSync(join(dataDir, 'dev-webhook-key'), 'utf8').trim());
    expect(loadConfig({ DATA_DIR: dataDir }).webhooks.secretKey).toBe(config.webhooks.secretKey);
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }).webhooks.dispatchEnabled).toBe(false);
  });

  it('leaves webhooks unconfigured in production without WEBHOOK_SECRET_KEY, and refuses private targets there', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ ...PRODUCTION, DATA_DIR: dataDir });
    expect(config.webhooks).toMatchObject({ secretKey: null, allowPrivateTargets: false });
    expect(existsSync(join(dataDir, 'dev-webhook-key'))).toBe(false);
    const key = PRODUCTION.JWT_SECRET.split('').reverse().join('');
    expect(loadConfig({ ...PRODUCTION, DATA_DIR: dataDir, WEBHOOK_SECRET_KEY: key }).webhooks.secretKey).toBe(key);
  });

  it('names the bad variable', () => {
    expect(configErrorFor({ DATA_DIR: freshDataDir(), WEBHOOK_SECRET_KEY: 'short' }).message).toMatch(namesVariable('WEBHOOK_SECRET_KEY'));
    expect(configErrorFor({ DATA_DIR: freshDataDir(), WEBHOOK_MAX_ATTEMPTS: '0' }).message).toMatch(namesVariable('WEBHOOK_MAX_ATTEMPTS'));
    expect(configErrorFor({ DATA_DIR: freshDataDir(), NOTIFICATION_NOTICE_DAYS: '-1' }).message).toMatch(
      namesVariable('NOTIFICATION_NOTICE_DAYS'),
    );
  });
});

describe('failed authentication, proxies and /metrics', () => {
  it('limits 20 failed authentications a minute per client, trusting no proxy, by default', () => {
    const config = loadConfig({ DATA_DIR: freshDataDir() });
    expect(config.authFailures).toEqual({ limit: 20, windowMs: 60_000 });
    expect(config.trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: freshDataDir(), AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_WINDOW_SECONDS: '300' }).authFailures).toEqual({
      limit: 5,
      windowMs: 300_000,
    });
    expect(configErrorFor({ DATA_DIR: freshDataDir(), AUTH_FAILURE_LIMIT: '0' }).message).toMatch(namesVariable('AUTH_FAILURE_LIMIT'));
    expect(configErrorFor({ DATA_DIR: freshDataDir(), AUTH_FAILURE_WINDOW_SECONDS: 'soon' }).message).toMatch(
      namesVariable('AUTH_FAILURE_WINDOW_SECONDS'),
    );
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8,2001:db8::/32, 192.0.2.10', ['loopback', '10.0.0.0/8', '2001:db8::/32', '192.0.2.10']],
  ])('reads TRUST_PROXY=%p', (value, expected) => {
    expect(loadConfig({ DATA_DIR: freshDataDir(), TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', 'proxy.example', '10.0.0.0/33', '300.1.1.1', '11'])('refuses TRUST_PROXY=%p, naming it', (value) => {
    expect(configErrorFor({ DATA_DIR: freshDataDir(), TRUST_PROXY: value }).message).toMatch(namesVariable('TRUST_PROXY'));
  });

  it('serves /metrics on the main port outside production, on its own port when given one, and in production only behind a token', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).metrics).toEqual({ port: null, token: null, onMainPort: true });
    expect(loadConfig({ DATA_DIR: freshDataDir(), METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, token: null, onMainPort: false });
    const production = { ...PRODUCTION, DATA_DIR: freshDataDir() };
    expect(loadConfig(production).metrics.onMainPort).toBe(false);
    expect(loadConfig({ ...production, METRICS_TOKEN: SECRET }).metrics).toEqual({ port: null, token: SECRET, onMainPort: true });
    expect(loadConfig({ ...production, METRICS_PORT: '9464', METRICS_TOKEN: SECRET }).metrics).toEqual({
      port: 9464,
      token: SECRET,
      onMainPort: false,
    });
  });

  it('names METRICS_TOKEN when it is short and METRICS_PORT when it is the API port', () => {
    expect(configErrorFor({ DATA_DIR: freshDataDir(), METRICS_TOKEN: 'short' }).message).toMatch(namesVariable('METRICS_TOKEN'));
    expect(configErrorFor({ DATA_DIR: freshDataDir(), PORT: '4000', METRICS_PORT: '4000' }).message).toMatch(namesVariable('METRICS_PORT'));
  });
});

describe('feed document limits and the request timeout', () => {
  it('default to what DEFAULT_FEED_LIMITS and .env.example say', () => {
    const config = loadConfig({ DATA_DIR: freshDataDir() });
    expect(config.feeds.limits).toEqual({ maxRows: 2_000_000, maxDepth: 64, maxItemBytes: 1_048_576, maxRecordBytes: 1_048_576 });
    expect(config.feeds.maxInvoiceBytes).toBe(2 * 1024 ** 2);
    expect(config.requestTimeoutMs).toBe(300_000);
  });

  it('are read from the environment', () => {
    const config = loadConfig({
      DATA_DIR: freshDataDir(),
      FEED_MAX_ROWS: '10',
      FEED_MAX_DEPTH: '5',
      FEED_MAX_ITEM_BYTES: '2048',
      FEED_MAX_RECORD_BYTES: '4096',
      FEED_MAX_INVOICE_BYTES: '8192',
      REQUEST_TIMEOUT_SECONDS: '2',
    });
    expect(config.feeds.limits).toEqual({ maxRows: 10, maxDepth: 5, maxItemBytes: 2048, maxRecordBytes: 4096 });
    expect(config.feeds.maxInvoiceBytes).toBe(8192);
    expect(config.requestTimeoutMs).toBe(2000);
  });

  it('refuse values that would make no sense, naming the variable', () => {
    const error = configErrorFor({
      DATA_DIR: freshDataDir(),
      FEED_MAX_DEPTH: '1',
      FEED_MAX_ITEM_BYTES: '10',
      FEED_MAX_ROWS: '0',
      REQUEST_TIMEOUT_SECONDS: '0',
      FEED_MAX_RECORD_BYTES: 'lots',
    });
    for (const name of ['FEED_MAX_DEPTH', 'FEED_MAX_ITEM_BYTES', 'FEED_MAX_ROWS', 'REQUEST_TIMEOUT_SECONDS', 'FEED_MAX_RECORD_BYTES'])
      expect(error.message).toMatch(namesVariable(name));
    expect(error.message).toMatch(/FEED_MAX_DEPTH: must be at least 3/);
  });
});

describe('the heap cap npm start gives node', () => {
  it('is 256 MB unless MAX_HEAP_MB says otherwise, and a bad value is named', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).maxHeapMb).toBe(256);
    expect(loadConfig({ DATA_DIR: freshDataDir(), MAX_HEAP_MB: '512' }).maxHeapMb).toBe(512);
    for (const value of ['64', 'lots', '1.5'])
      expect(configErrorFor({ DATA_DIR: freshDataDir(), MAX_HEAP_MB: value }).message).toMatch(namesVariable('MAX_HEAP_MB'));
  });
});
