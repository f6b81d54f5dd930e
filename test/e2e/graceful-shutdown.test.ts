import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { seedDemoData } from '../../src/seed/demo-data';
import { childDatabaseUrl, createTestDatabase, type TestDatabase } from '../support/database';
import { listening, logged, spawnMain, type MainProcess } from '../support/main-process';

/** the cut-off test waits this out, and its quick request must finish within it even on a loaded machine */
const GRACE_MS = 10_000;
/** the other test never waits out its grace period: long, so that no load can cut its request off */
const NO_CUT_OFF_GRACE_MS = 300_000;
/** a test that spawns the server may take minutes on a loaded machine: only a hang guard */
const HANG_GUARD_MS = 300_000;
/** what production demands before it starts: a secret of its own, an issuer and an audience */
const PRODUCTION_JWT = {
  JWT_SECRET: randomBytes(48).toString('base64url'),
  JWT_ISSUER: 'https://login.example.nhs.uk/',
  JWT_AUDIENCE: 'api://hscn-supplier-api',
};

interface Server {
  readonly main: MainProcess;
  readonly child: ChildProcess;
  readonly port: number;
  readonly logs: Record<string, unknown>[];
  readonly exited: Promise<number | NodeJS.Signals>;
}

/**
 * SIGTERM to the real server process (src/main.ts): it stops accepting connections, lets
 * in-flight requests finish within SHUTDOWN_GRACE_MS, cuts off (and logs) whatever outruns
 * it, closes the database, and exits 0 when nothing was cut off, 1 when something was.
 */
describe('graceful shutdown', () => {
  let db: TestDatabase;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.dataSource);
    await db.dataSource.destroy();
    const jwt = {
      ...db.config.jwt,
      kind: 'secret' as const,
      secret: PRODUCTION_JWT.JWT_SECRET,
      issuer: PRODUCTION_JWT.JWT_ISSUER,
      audience: PRODUCTION_JWT.JWT_AUDIENCE,
    };
    token = await signDevelopmentToken(
      { ...db.config, jwt },
      { subject: 'shutdown@rx1', odsCode: 'RX1', roles: [Role.VIEWER], expiresIn: '1h' },
    );
  });

  afterAll(() => db.drop());

  async function startServer(graceMs: number): Promise<Server> {
    const main = spawnMain({
      // production, as deployed: Apollo's own signal handling (off under NODE_ENV=test) once hung the shutdown here
      NODE_ENV: 'production',
      DATA_DIR: db.config.dataDir,
      DATABASE_URL: childDatabaseUrl(db),
      ...PRODUCTION_JWT,
      SHUTDOWN_GRACE_MS: String(graceMs),
    });
    return { main, child: main.child, port: await listening(main), logs: main.logs, exited: main.exited };
  }

  /**
   * A GraphQL request whose body is sent in two halves: the request is in flight from the
   * first half until `finish()` sends the rest. Resolves with the response, or the error
   * when the connection is cut. `received` resolves once the server has read the first half.
   */
  function slowRequest(port: number) {
    const body = JSON.stringify({ query: '{ contracts(first: 5) { totalCount edges { node { reference } } } }' });
    const half = Math.floor(body.length / 2);
    let finish!: () => void;
    let written!: () => void;
    const sent = new Promise<void>((resolve) => (written = resolve));
    const answer = new Promise<{ status: number; body: unknown } | { error: string }>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          res.on('error', (error) => resolve({ error: String(error) }));
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? String(error) }));
      req.write(body.slice(0, half), () => written());
      finish = () => req.end(body.slice(half));
    });
    // the first half is in the server's socket before this probe connects; the server accepts and
    // reads connections in order on one event loop, so by its answer to the probe it holds ours
    const received = sent.then(() => fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } })).then(() => undefined);
    return { answer, received, finish: () => finish() };
  }

  /** Resolves once the server refuses new connections (it has stopped listening). */
  const refusesConnections = async (port: number) => {
    for (;;) {
      try {
        await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } });
      } catch (error) {
        if (/ECONNREFUSED/.test(String((error as { cause?: unknown }).cause ?? error))) return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it(
    'finishes in-flight requests, refuses new connections, closes the database and exits 0',
    async () => {
      const server = await startServer(NO_CUT_OFF_GRACE_MS);
      const inFlight = slowRequest(server.port);
      await inFlight.received;
      server.child.kill('SIGTERM');

      expect(await refusesConnections(server.port)).toBe(true);
      inFlight.finish();
      const answer = await inFlight.answer;
      expect(answer).toMatchObject({ status: 200, body: { data: { contracts: { totalCount: expect.any(Number) } } } });

      expect(await server.exited).toBe(0);
      const messages = server.logs.map((entry) => entry.msg);
      expect(messages).toContain('database closed');
      expect(messages).toContain('shut down cleanly');
    },
    HANG_GUARD_MS,
  );

  it(
    'cuts off a request that outruns the grace period, says so, and exits 1',
    async () => {
      const server = await startServer(GRACE_MS);
      const quick = slowRequest(server.port);
      const stuck = slowRequest(server.port);
      await Promise.all([quick.received, stuck.received]);
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      // finished after the server has begun its shutdown
      await logged(server.main, 'shutting down: finishing in-flight requests');
      quick.finish();
      expect(await quick.answer).toMatchObject({ status: 200 });

      const cut = await stuck.answer;
      expect(cut).toHaveProperty('error');
      // cut off at the end of the grace period, not before (how long after depends on the machine's load)
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(GRACE_MS - 100);

      expect(await server.exited).toBe(1);
      const cutOff = server.logs.find((entry) => /grace period over/.test(String(entry.msg)));
      expect(cutOff).toMatchObject({ cutOff: 1, graceMs: GRACE_MS });
      expect(server.logs.map((entry) => entry.msg)).toContain('database closed');
    },
    HANG_GUARD_MS,
  );
});
