import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, SIMULATED_CNSP_HOST } from '../config';
import { isAllowedHost, parseHostList } from '../host-list';

const hosts = (value: string) => {
  const parsed = parseHostList(value);
  if ('invalid' in parsed) throw new Error(`refused ${parsed.invalid}`);
  return parsed.hosts;
};

describe('FEED_PULL_ALLOWED_HOSTS', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hscn-host-list-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads host and host:port entries, normalised as URLs normalise hosts', () => {
    expect(hosts(' Feeds.Supplier.example:8443, api.example ,[::1]:9000,127.1:80')).toEqual([
      { host: 'feeds.supplier.example', port: 8443 },
      { host: 'api.example', port: null },
      { host: '[::1]', port: 9000 },
      { host: '127.0.0.1', port: 80 },
    ]);
    expect(hosts('')).toEqual([]);
  });

  it.each([
    'https://feeds.example',
    'feeds.example:0',
    'feeds.example:70000',
    'feeds.example:443/path',
    'user@feeds.example',
    'feeds example',
    'feeds.example:https',
  ])('refuses %s', (entry) => {
    expect(parseHostList(`ok.example, ${entry}`)).toEqual({ invalid: entry });
  });

  it("admits a URL only on the port listed; a bare host means the scheme's default port", () => {
    const list = hosts('feeds.example:8443, api.example');
    expect(isAllowedHost(new URL('https://feeds.example:8443/a.csv'), list)).toBe(true);
    expect(isAllowedHost(new URL('https://FEEDS.example:8443/a.csv'), list)).toBe(true);
    expect(isAllowedHost(new URL('https://feeds.example/a.csv'), list)).toBe(false);
    expect(isAllowedHost(new URL('https://feeds.example:8444/a.csv'), list)).toBe(false);
    expect(isAllowedHost(new URL('https://api.example/a.csv'), list)).toBe(true);
    expect(isAllowedHost(new URL('https://api.example:443/a.csv'), list)).toBe(true);
    expect(isAllowedHost(new URL('http://api.example/a.csv'), list)).toBe(true);
    expect(isAllowedHost(new URL('https://api.example:8443/a.csv'), list)).toBe(false);
    expect(isAllowedHost(new URL('https://evil.api.example/a.csv'), list)).toBe(false);
    expect(isAllowedHost(new URL('https://api.example.evil/a.csv'), list)).toBe(false);
  });

  it('is validated at start-up, naming the variable and the entry', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, FEED_PULL_ALLOWED_HOSTS: 'ok.example,https://bad.example' })).toThrow(
      /FEED_PULL_ALLOWED_HOSTS: "https:\/\/bad.example" is not host or host:port/,
    );
    expect(loadConfig({ DATA_DIR: dataDir, FEED_PULL_ALLOWED_HOSTS: 'feeds.example:8443' }).feeds.pullAllowedHosts).toEqual([
      { host: 'feeds.example', port: 8443 },
    ]);
  });

  it(
    "lets a developer pull from `npm run sim:cnsp` without a restart: in development, with no list given, the list is the simulator's " +
      'loopback address and port, nothing else',
    () => {
      const { feeds } = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
      expect(feeds).toMatchObject({ pullAllowedHosts: [SIMULATED_CNSP_HOST], pullAllowAnyHost: false });
      expect(isAllowedHost(new URL('http://127.0.0.1:4010/feeds/performance.csv'), feeds.pullAllowedHosts)).toBe(true);
      expect(isAllowedHost(new URL('http://127.0.0.1:4000/graphql'), feeds.pullAllowedHosts)).toBe(false);
      expect(isAllowedHost(new URL('http://localhost:4010/feeds/performance.csv'), feeds.pullAllowedHosts)).toBe(false);
    },
  );

  it('applies in every mode unless FEED_PULL_ALLOW_ANY_HOST, which production refuses', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }).feeds).toMatchObject({ pullAllowedHosts: [], pullAllowAnyHost: false });
    for (const NODE_ENV of ['development', 'test'] as const) {
      expect(loadConfig({ NODE_ENV, DATA_DIR: dataDir, FEED_PULL_ALLOWED_HOSTS: 'feeds.example:8443' }).feeds).toMatchObject({
        pullAllowedHosts: [{ host: 'feeds.example', port: 8443 }],
        pullAllowAnyHost: false,
      });
      expect(loadConfig({ NODE_ENV, DATA_DIR: dataDir, FEED_PULL_ALLOW_ANY_HOST: 'true' }).feeds.pullAllowAnyHost).toBe(true);
    }
    const production = {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(48).toString('base64'),
      JWT_ISSUER: 'https://login.example/',
      JWT_AUDIENCE: 'api://hscn',
    };
    expect(loadConfig(production).feeds.pullAllowAnyHost).toBe(false);
    expect(() => loadConfig({ ...production, FEED_PULL_ALLOW_ANY_HOST: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, FEED_PULL_ALLOW_ANY_HOST: 'true' })).toThrow(
      /FEED_PULL_ALLOW_ANY_HOST: not allowed in production/,
    );
  });
});
