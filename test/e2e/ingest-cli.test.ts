import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoData } from '../../src/seed/demo-data';
import { childTestEnv, createTestDatabase, pennineRx1References, type TestDatabase } from '../support/database';

const ROOT = join(__dirname, '..', '..');
/** the CLI runs in a child process (ts-node): only a hang guard */
const HANG_GUARD_MS = 300_000;

/** `npm run ingest` as a user runs it, its stderr piped (as under CI or a log file, not a terminal). */
function ingest(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/ingest.ts', ...args], {
    cwd: ROOT,
    env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run ingest', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let references: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.dataSource);
    references = await pennineRx1References(db.dataSource, 3);
    env = childTestEnv(db);
  }, HANG_GUARD_MS);

  afterAll(async () => {
    await db.drop();
  });

  it(
    'names every required option that is missing, and exits 1 without touching the database',
    async () => {
      const noFormat = await ingest(env, ['--supplier', 'PDN00001', '--kind', 'performance', 'samples.csv']);
      expect(noFormat.code).toBe(1);
      expect(noFormat.stderr).toContain('Missing --format <csv|tmf>');
      expect(noFormat.stderr).not.toContain('Missing --supplier');

      const nothing = await ingest(env, []);
      expect(nothing.code).toBe(1);
      for (const missing of ['Missing --supplier', 'Missing --kind', 'Missing --format', 'Missing the document to ingest'])
        expect(nothing.stderr).toContain(missing);

      const mistaken = await ingest(env, ['--supplier', 'PDN00001', '--kind', 'tickets', '--format', 'xml', 'a.csv']);
      expect(mistaken.stderr).toContain('--kind tickets: not a kind');
      expect(mistaken.stderr).toContain('--format xml: not a format');
    },
    HANG_GUARD_MS,
  );

  it(
    "ends its progress at the run's true total: every row read, at 100 %",
    async () => {
      // three services, five-minute samples over the last fortnight (inside the window samples are kept for): two
      // batches of 5,000 and a few rows more, which the file has been read past when the second batch is stored
      const samples = 3_400;
      const rows = ['service_reference,interval_start,interval,availability_seconds'];
      const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 20 * 86_400_000;
      for (const reference of references) {
        for (let i = 0; i < samples; i += 1) rows.push(`${reference},${new Date(start + i * 300_000).toISOString()},5,300`);
      }
      const file = join(db.config.dataDir, 'samples.csv');
      writeFileSync(file, `${rows.join('\n')}\n`);

      const result = await ingest(env, ['--supplier', 'PDN00001', '--org', 'RX1', '--kind', 'performance', '--format', 'csv', file]);
      expect(`exit ${result.code}\n${result.stdout}`).toMatch(/^exit 0\n/);
      expect(result.stdout).toContain(`read ${references.length * samples} `);
      const progress = result.stderr
        .trim()
        .split('\n')
        .filter((line) => / rows /.test(line));
      expect(progress.length).toBeGreaterThan(1);
      expect(progress[progress.length - 1]).toMatch(new RegExp(`\\] 100%  ${references.length * samples} rows `));
    },
    HANG_GUARD_MS,
  );
});
