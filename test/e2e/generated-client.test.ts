import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import type { FirstHourOptions } from '../client/first-hour-options';
import { startTestServer, type TestServer } from '../support/test-server';

const ROOT = join(__dirname, '..', '..');
const CLIENT = join(ROOT, 'test', 'client');
const GENERATED = join(CLIENT, 'generated');
/** codegen and tsc each start a Node process of their own: on two busy cores that takes far longer than a request */
const SPAWNED = 180_000;

/** A command's exit code and everything it wrote (bounded by its own exit, not a clock). */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/**
 * #18: a portal developer generates typed operations from the committed schema with
 * graphql-codegen's client preset, and scripts a contract manager's first hour with
 * graphql-request against the real server. Generated clients send `after: null` on a first
 * page; every list in the flow is asked that way.
 */
describe('a client generated from the committed schema', () => {
  let server: TestServer;
  // each step needs the one before: swc would run a flow that does not type-check
  let generated = false;
  let typeChecked = false;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(() => server.stop());

  it(
    'generates typed operations from schema/schema.graphql and the .graphql documents',
    async () => {
      // written beside the folder and moved in file by file, so a flow never reads a half-written file
      const next = join(GENERATED, `.next-${process.pid}`);
      rmSync(next, { recursive: true, force: true });
      mkdirSync(next, { recursive: true });
      const codegen = await run(join(ROOT, 'node_modules', '.bin', 'graphql-codegen'), ['--config', 'test/client/codegen.ts'], {
        CODEGEN_OUT: next,
      });
      expect(codegen).toMatchObject({ code: 0 });
      for (const file of readdirSync(next)) renameSync(join(next, file), join(GENERATED, file));
      rmSync(next, { recursive: true, force: true });
      expect(
        readdirSync(GENERATED)
          .filter((file) => file.endsWith('.ts'))
          .sort(),
      ).toEqual(['gql.ts', 'graphql.ts', 'index.ts']);
      generated = true;
    },
    SPAWNED,
  );

  it(
    'type-checks the flow against the generated operations',
    async () => {
      if (!generated) throw new Error('the operations were not generated');
      const tsc = await run(process.execPath, [
        join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '--noEmit',
        '-p',
        'test/client/tsconfig.json',
      ]);
      expect(tsc).toEqual({ code: 0, output: '' });
      typeChecked = true;
    },
    SPAWNED,
  );

  it("runs a contract manager's first hour against the real server", async () => {
    if (!typeChecked) throw new Error('the flow does not type-check against the generated operations');
    const approvers = ['first.approver@rx1', 'second.approver@rx1'] as const;
    const approverToken = (subject: string) =>
      signDevelopmentToken(server.db.config, { subject, odsCode: 'RX1', roles: [Role.FINANCE_APPROVER], expiresIn: '1h' });
    // required only now, and by a path tsc does not follow: the flow imports what the first test generated
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated during this run, so it cannot be a static import
    const { firstHour } = require(join(CLIENT, 'first-hour')) as { firstHour: (options: FirstHourOptions) => Promise<void> };
    await firstHour({
      url: server.url,
      manager: await server.token('RX1', Role.CONTRACT_MANAGER),
      admin: await server.token('RX1', Role.ADMIN),
      approvers: [
        { subject: approvers[0], token: await approverToken(approvers[0]) },
        { subject: approvers[1], token: await approverToken(approvers[1]) },
      ],
    });
  });
});
