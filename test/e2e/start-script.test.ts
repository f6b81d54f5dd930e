import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, ensureBuilt, STAMP } from '../../scripts/build-if-changed';
import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { mysqlMigrations } from '../../migrations/mysql';
import { sqliteMigrations } from '../../migrations/sqlite';
import { createTestDatabase, TEST_JWT_SECRET } from '../support/database';
import { listening, spawnMain, stopMain } from '../support/main-process';

const ROOT = join(__dirname, '..', '..');
/** the demo seed on a loaded machine takes a minute or more: only a hang guard */
const HANG_GUARD_MS = 300_000;

/**
 * `npm start` builds with scripts/build-if-changed.js: swc, and only when something it builds
 * from has changed. Here on a small tree of its own (the same script, the repository's .swcrc),
 * then on the real sources, whose build must serve the demo as tsc's did.
 */
describe('the start script', () => {
  let root: string;
  let dist: string;
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hscn-start-'));
    dist = join(root, 'dist');
    copyFileSync(join(ROOT, '.swcrc'), join(root, '.swcrc'));
    write('tsconfig.json', '{}\n');
    write('src/main.ts', "export const greeting: string = 'hello';\n");
    write('src/contracts/contract.ts', 'export class Contract { reference!: string }\n');
    write('src/contracts/__tests__/contract.test.ts', "it('is left out of dist/', () => undefined);\n");
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no build, reuses it while nothing changes, and rebuilds when a source does', async () => {
    expect(await ensureBuilt(root)).toMatchObject({ built: true, reason: 'no build yet' });
    expect(readFileSync(join(dist, 'src/main.js'), 'utf8')).toContain("greeting = 'hello'");
    expect(existsSync(join(dist, 'src/contracts/contract.js'))).toBe(true);
    expect(existsSync(join(dist, 'src/contracts/__tests__'))).toBe(false);

    expect(await ensureBuilt(root)).toMatchObject({ built: false, reason: expect.stringMatching(/^nothing changed since/) });
    // a test is not built, so changing one builds nothing
    write('src/contracts/__tests__/contract.test.ts', "it('changed', () => undefined);\n");
    expect((await ensureBuilt(root)).built).toBe(false);

    write('src/main.ts', "export const greeting: string = 'hello again';\n");
    expect(await ensureBuilt(root)).toMatchObject({ built: true, reason: 'src/main.ts changed' });
    expect(readFileSync(join(dist, 'src/main.js'), 'utf8')).toContain("greeting = 'hello again'");

    write('src/sites/site.ts', 'export class Site {}\n');
    expect(await ensureBuilt(root)).toMatchObject({ built: true, reason: 'src/sites/site.ts added' });

    unlinkSync(join(root, 'src/sites/site.ts'));
    expect(await ensureBuilt(root)).toMatchObject({ built: true, reason: 'src/sites/site.ts removed' });
    // a module whose source is gone does not linger in dist/ to be loaded
    expect(existsSync(join(dist, 'src/sites/site.js'))).toBe(false);

    write('tsconfig.json', '{ "compilerOptions": {} }\n');
    expect(await ensureBuilt(root)).toMatchObject({ built: true, reason: 'tsconfig.json changed' });
    expect((await ensureBuilt(root)).built).toBe(false);
  });

  it('rebuilds when the entry point is gone from dist/, or dist/ was built without it', async () => {
    await ensureBuilt(root);
    unlinkSync(join(dist, 'src/main.js'));
    expect(check(root, dist)).toMatchObject({ upToDate: false, reason: 'dist/src/main.js is missing' });
    await ensureBuilt(root);
    // as `npm run build` (tsc) leaves it
    unlinkSync(join(dist, STAMP));
    expect(check(root, dist)).toMatchObject({ upToDate: false, reason: expect.stringMatching(/no build stamp/) });
  });

  it('leaves no stamp when a build fails, so the next start builds again even with the sources as they were', async () => {
    await ensureBuilt(root);
    const good = readFileSync(join(root, 'src/contracts/contract.ts'), 'utf8');
    write('src/contracts/contract.ts', 'export class Contract { reference!: string \n');

    await expect(ensureBuilt(root)).rejects.toThrow(/contract\.ts/);
    expect(existsSync(join(dist, STAMP))).toBe(false);
    expect(check(root, dist).upToDate).toBe(false);

    // back to the sources the last good build was made from: the failed build's half-written dist/ is still not that build
    write('src/contracts/contract.ts', good);
    expect(check(root, dist)).toMatchObject({
      upToDate: false,
      reason: expect.stringMatching(/no build stamp \(built by tsc, or a build that did not finish\)/),
    });
    expect(await ensureBuilt(root)).toMatchObject({ built: true });
    expect(check(root, dist).upToDate).toBe(true);
  });

  it(
    'builds the real sources into a server that migrates an empty database, seeds the demo, saying so as it goes, and answers',
    async () => {
      // inside the repository, so that the build finds node_modules as dist/ does
      mkdirSync(join(ROOT, '.test-results'), { recursive: true });
      const out = mkdtempSync(join(ROOT, '.test-results', 'start-dist-'));
      const db = await createTestDatabase();
      try {
        // from empty, as a first start finds it
        await db.dataSource.dropDatabase();
        await db.dataSource.destroy();
        const built = await ensureBuilt(ROOT, out);
        expect(built).toMatchObject({ built: true, reason: 'no build yet' });

        const server = spawnMain(
          {
            NODE_ENV: 'test',
            DATA_DIR: db.config.dataDir,
            DATABASE_URL: db.config.database.dialect === 'sqlite' ? `sqlite:${db.config.database.location}` : db.config.database.location,
            JWT_SECRET: TEST_JWT_SECRET,
            SEED_DEMO_ON_START: 'true',
          },
          [],
          { built: join(out, 'src/main.js') },
        );
        try {
          const port = await listening(server);
          const migrations = db.config.database.dialect === 'sqlite' ? sqliteMigrations : mysqlMigrations;
          const applied = server.logs.filter((entry) => entry.msg === 'migration applied');
          expect(applied.map((entry) => [entry.n, entry.of])).toEqual(migrations.map((_, index) => [index + 1, migrations.length]));
          expect(applied[0]!.migration).toBe(migrations[0]!.name);
          const steps = server.logs.filter((entry) => entry.msg === 'demo data seeded');
          expect(steps.map((entry) => `${entry.n} of ${entry.of}`)).toEqual(['1 of 5', '2 of 5', '3 of 5', '4 of 5', '5 of 5']);
          expect(steps[0]).toMatchObject({ organisations: 5, contracts: 10 });

          const token = await signDevelopmentToken(db.config, {
            subject: 'start@rx1',
            odsCode: 'RX1',
            roles: [Role.CONTRACT_MANAGER],
            expiresIn: '1h',
          });
          const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: '{ contracts(first: 50) { edges { node { reference supplier { name } } } } }' }),
          });
          const body = (await response.json()) as { errors?: unknown; data: { contracts: { edges: { node: { reference: string } }[] } } };
          expect(body.errors).toBeUndefined();
          expect(body.data.contracts.edges.map((edge) => edge.node.reference)).toContain('RX1-HSCN-2024-02');
        } finally {
          expect(await stopMain(server)).toBe(0);
        }
      } finally {
        await db.drop();
        rmSync(out, { recursive: true, force: true });
      }
    },
    HANG_GUARD_MS,
  );
});
