import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { median, round } from './support';

const ROOT = join(__dirname, '..');
/** a start that outruns this has hung: the bench says so rather than waiting for ever */
const HANG_GUARD_MS = 300_000;
const SECOND_STARTS = 3;

interface Start {
  /** from running `npm start` to the server's 'listening' log line */
  readonly listeningMs: number;
  /** the build script's line: whether it built or reused dist/, and why */
  readonly build: string;
  /** from running `npm start` to the first log line: the build (if any) and loading the code */
  readonly firstLogMs: number;
  /** the demo seed's own reckoning; absent when nothing was seeded */
  readonly seedMs?: number;
  readonly migrationsApplied: number;
  /** the 1-minute load average as the start began */
  readonly load1: number;
}

/**
 * `npm start` as a newcomer runs it, timed until the server logs 'listening':
 * - startupFirstMs: the first start after install, from no dist/ and no database (the build
 *   with swc, 17 migrations and the demo seed on SQLite, in DATA_DIR);
 * - startupSecondMs: the median of three starts after it (dist/ reused, nothing to migrate or seed).
 * It removes dist/ first, as a fresh clone has none. The machine's load average goes with the
 * figures: on a shared machine the same start takes twice as long.
 */
export async function startupBenchmark() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hscn-startup-'));
  try {
    rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
    const first = await npmStart(dataDir);
    const seconds: Start[] = [];
    for (let i = 0; i < SECOND_STARTS; i += 1) seconds.push(await npmStart(dataDir));
    if (!/built/.test(first.build) || seconds.some((start) => !/reusing/.test(start.build))) {
      throw new Error(`expected a build, then reuse: ${[first, ...seconds].map((start) => start.build).join(' | ')}`);
    }
    return {
      startupFirstMs: first.listeningMs,
      startupFirst: first,
      startupSecondMs: median(seconds.map((start) => start.listeningMs)),
      startupSeconds: seconds,
      startupLoadAverage: loadavg().map((value) => round(value, 2)),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One `npm start` in a process group of its own, stopped (the group, by its id) once it listens. */
async function npmStart(dataDir: string): Promise<Start> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  // a newcomer's shell: development, the SQLite file in DATA_DIR, the demo seeded on the first start
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'SEED_DEMO_ON_START']) delete env[name];
  const load1 = round(loadavg()[0]!, 2);
  const npm = process.env.npm_execpath;
  const started = performance.now();
  const child = spawn(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let stderr = '';
  let firstLogMs: number | undefined;
  let seedMs: number | undefined;
  let migrationsApplied = 0;
  try {
    const listeningMs = await new Promise<number>((resolve, reject) => {
      const guard = setTimeout(
        () => reject(new Error(`npm start did not listen within ${HANG_GUARD_MS / 1000} s:\n${stderr}`)),
        HANG_GUARD_MS,
      );
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => {
        if (!line.startsWith('{')) return;
        const entry = JSON.parse(line) as { msg?: string; ms?: number };
        firstLogMs ??= performance.now() - started;
        if (entry.msg === 'migration applied') migrationsApplied += 1;
        if (entry.msg === 'first start: demo data seeded') seedMs = entry.ms;
        if (entry.msg === 'listening') {
          clearTimeout(guard);
          resolve(performance.now() - started);
        }
      });
      void closed.then((code) => reject(new Error(`npm start exited with ${code} before listening:\n${stderr}`)));
    });
    const build = stderr.split('\n').find((line) => line.startsWith('npm start:')) ?? '(no build line)';
    return { listeningMs: round(listeningMs), build, firstLogMs: round(firstLogMs!), seedMs, migrationsApplied, load1 };
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await closed;
  }
}
