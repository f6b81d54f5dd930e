import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { mysqlMigrations } from '../../migrations/mysql';
import { Utf8mb4Tables1796900100001 } from '../../migrations/mysql/1796900100001-Utf8mb4Tables';
import { createApp } from '../../src/app';
import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { dataSourceOptions } from '../../src/db/data-source';
import { resolveFlavour } from '../../src/db/database';
import { StatementCounter } from '../../src/db/statement-counter';
import { seedDemoData } from '../../src/seed/demo-data';
import { createTestDatabase, dropMysqlDatabase, TEST_JWT_SECRET, withServer, type TestDatabase } from '../support/database';
import { listening, spawnMain, stopMain } from '../support/main-process';
import { startTestServer, type TestServer } from '../support/test-server';
import { model as dataModel } from '../../src/entities';

const MYSQL = process.env.TEST_DATABASE_URL;
/** these start src/main.ts or migrate and seed whole databases: seconds, minutes on a loaded machine; only a hang guard */
const HANG_GUARD_MS = 300_000;
/** MySQL only: on SQLite these are reported as skipped, never as passed */
const onMysql = MYSQL ? describe : describe.skip;

const NAME = 'Siân Ŵyn 🏥';
const CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { id name jobTitle notes } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Contact { name jobTitle notes } } }`;
const contactInput = { name: NAME, jobTitle: 'Rheolwr Rhwydwaith · Ŵ', notes: 'Llanfair — “smart quotes”, 網絡, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢' };

/** A database name of this file's own, beside the per-file one createTestDatabase makes. */
function otherDatabase(suffix: string): string {
  const url = new URL(MYSQL!);
  const hash = createHash('sha1').update(`${__filename}:${process.pid}`).digest('hex').slice(0, 6);
  url.pathname = `/${url.pathname.slice(1) || 'hscn_test'}_mysqldb_${hash}_${suffix}`;
  return url.toString();
}

const withRoot = <T>(work: (query: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<T>) => {
  let result!: T;
  return withServer(otherDatabase('root'), async (connection) => {
    result = await work(async (sql, params) => (await connection.query(sql, params))[0] as unknown[]);
  }).then(() => result);
};

async function tableCharsets(dataSource: DataSource) {
  const tables: { name: string; collation: string; rowFormat: string }[] = await dataSource.query(
    `SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation, ROW_FORMAT AS rowFormat FROM information_schema.TABLES WHERE TABLE_SCHEMA = ` +
      `DATABASE() AND TABLE_TYPE = 'BASE TABLE'`,
  );
  const mixed: { name: string }[] = await dataSource.query(
    `SELECT DISTINCT TABLE_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME <> 'utf8mb4'`,
  );
  return tables.map((table) => ({ ...table, otherColumns: mixed.some((column) => column.name === table.name) }));
}

/** tables whose default or any column is not utf8mb4_unicode_ci */
const notUtf8mb4 = (tables: Awaited<ReturnType<typeof tableCharsets>>) =>
  tables.filter((table) => table.collation !== 'utf8mb4_unicode_ci' || table.otherColumns).map((table) => table.name);

onMysql('MySQL: a database whose default character set is latin1', () => {
  describe('migrated from empty', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ database: { mysqlCharacterSet: 'latin1' } });
    }, HANG_GUARD_MS);

    afterAll(() => server.stop());

    it(
      'stores a name in any script exactly, every table being utf8mb4',
      async () => {
        const token = await server.token('RX1', Role.CONTRACT_MANAGER);
        const created = await server.gql(CONTACT, { input: contactInput }, token);
        expect(created.errors).toBeUndefined();
        expect(created.data.createContact).toMatchObject(contactInput);
        const read = await server.gql(READ, { id: created.data.createContact.id }, token);
        expect(read.data.node).toEqual(contactInput);

        const [schema] = await server.db.dataSource.query(
          'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()',
        );
        expect(schema.charset).toBe('utf8mb4');
        expect(notUtf8mb4(await tableCharsets(server.db.dataSource))).toEqual([]);
      },
      HANG_GUARD_MS,
    );
  });

  describe('installed before the tables stated their character set', () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase({}, { mysqlCharacterSet: 'latin1' });
      await db.dataSource.destroy();
    }, HANG_GUARD_MS);

    afterAll(() => db.drop());

    it(
      'converts every table to utf8mb4, keeping its rows and column types',
      async () => {
        const upgraded = new DataSource({
          ...dataSourceOptions(await resolveFlavour(db.config.database), dataModel),
          migrations: mysqlMigrations,
        });
        await upgraded.initialize();
        try {
          // the database as the previous release left it: the migrations before the conversion, latin1 throughout
          const since = mysqlMigrations.length - mysqlMigrations.indexOf(Utf8mb4Tables1796900100001);
          for (let i = 0; i < since; i += 1) await upgraded.undoLastMigration({ transaction: 'each' });
          const old = upgraded.createQueryRunner();
          for (const table of await old.query(`SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`)) {
            await old.query(`ALTER TABLE \`${table.name}\` CONVERT TO CHARACTER SET latin1`);
          }
          // an older server's row format, whose 767-byte index limit a utf8mb4 index overflows
          await old.query('ALTER TABLE `site` ROW_FORMAT=COMPACT');
          await old.query('ALTER DATABASE CHARACTER SET latin1');
          await old.query(
            `INSERT INTO organisation (createdAt, updatedAt, odsCode, name, type) VALUES (NOW(3), NOW(3), 'ZZ9', 'Ysbyty Gwynedd', 'TRUST')`,
          );
          await old.query(
            `INSERT INTO contact (createdAt, updatedAt, organisationId, name, notes) SELECT NOW(3), NOW(3), id, 'Siân Müller', 'café' FROM ` +
              `organisation WHERE odsCode = 'ZZ9'`,
          );
          await old.release();
          expect(notUtf8mb4(await tableCharsets(upgraded)).length).toBeGreaterThan(30);

          const applied = await upgraded.runMigrations({ transaction: 'each' });
          expect(applied.map((migration) => migration.name)).toContain('Utf8mb4Tables1796900100001');
          const tables = await tableCharsets(upgraded);
          expect(notUtf8mb4(tables)).toEqual([]);
          expect(tables.find((table) => table.name === 'site')?.rowFormat).toBe('Dynamic');
          // TEXT stays TEXT (CONVERT TO alone widens it to MEDIUMTEXT): the entities and the tables agree
          expect((await upgraded.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
          // idempotent: a second run finds nothing to convert
          const runner = upgraded.createQueryRunner();
          await new Utf8mb4Tables1796900100001().up(runner);
          await runner.release();

          await seedDemoData(upgraded);
          const app = await createApp(db.config, upgraded, new StatementCounter(), pino({ level: 'silent' }));
          const port = await app.listen();
          try {
            const token = await signDevelopmentToken(db.config, {
              subject: 'charset@rx1',
              odsCode: 'RX1',
              roles: [Role.CONTRACT_MANAGER],
              expiresIn: '1h',
            });
            const gql = async (query: string, variables: Record<string, unknown>) =>
              (
                await fetch(`http://127.0.0.1:${port}/graphql`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                  body: JSON.stringify({ query, variables }),
                })
              ).json() as Promise<{ errors?: unknown; data: { createContact: { id: string }; node: unknown } }>;
            const created = await gql(CONTACT, { input: contactInput });
            expect(created.errors).toBeUndefined();
            expect((await gql(READ, { id: created.data.createContact.id })).data.node).toEqual(contactInput);
            expect(await upgraded.query(`SELECT name, notes FROM contact WHERE name LIKE 'Si%n M%'`)).toEqual([
              { name: 'Siân Müller', notes: 'café' },
            ]);
          } finally {
            await app.stop();
          }
        } finally {
          if (upgraded.isInitialized) await upgraded.destroy();
        }
      },
      HANG_GUARD_MS,
    );
  });
});

onMysql('MySQL: npm start on a database that does not exist yet', () => {
  let dataDir: string;
  const env = (databaseUrl: string) => ({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: dataDir });

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hscn-test-'));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'creates it in utf8mb4 and starts',
    async () => {
      const url = otherDatabase('fresh');
      await dropMysqlDatabase(url);
      const main = spawnMain(env(url));
      try {
        const port = await listening(main);
        expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
        const [schema] = await withRoot((query) =>
          query(
            'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
            [new URL(url).pathname.slice(1)],
          ),
        );
        expect(schema).toEqual({ charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' });
        expect(await stopMain(main)).toBe(0);
      } finally {
        await stopMain(main);
        await dropMysqlDatabase(url);
      }
    },
    HANG_GUARD_MS,
  );

  it(
    'says exactly what an administrator must run when its user may not create it, and starts once that is done',
    async () => {
      const url = new URL(otherDatabase('granted'));
      const database = url.pathname.slice(1);
      const user = `np_${createHash('sha1').update(`${process.pid}`).digest('hex').slice(0, 8)}`;
      const password = 'not-a-secret-test-only';
      await dropMysqlDatabase(url.toString());
      await withRoot(async (query) => {
        await query(`DROP USER IF EXISTS '${user}'@'%'`);
        await query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
      });
      url.username = user;
      url.password = password;
      try {
        const refused = spawnMain(env(url.toString()));
        expect(await refused.exited).toBe(1);
        const create = `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;
        const grant = `GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${user}'@'%'`;
        expect(refused.stderr()).toContain('DATABASE_URL');
        expect(refused.stderr()).toContain(`${create};`);
        expect(refused.stderr()).toContain(`${grant};`);
        expect(refused.stderr()).not.toMatch(/^\s+at /m);

        await withRoot(async (query) => {
          await query(create);
          await query(grant);
        });
        const started = spawnMain(env(url.toString()));
        // stopped whatever happens, and a start that failed says why rather than how it ended
        const failure = await listening(started).then(
          () => null,
          (error: Error) => error.message,
        );
        const ended = await stopMain(started);
        expect(failure).toBeNull();
        expect(ended).toBe(0);
      } finally {
        await withRoot((query) => query(`DROP USER IF EXISTS '${user}'@'%'`));
        await dropMysqlDatabase(otherDatabase('granted'));
      }
    },
    HANG_GUARD_MS,
  );
});
