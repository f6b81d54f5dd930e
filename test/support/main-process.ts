import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

export interface MainProcess {
  readonly child: ChildProcess;
  /** every JSON log line so far */
  readonly logs: Record<string, unknown>[];
  readonly stderr: () => string;
  /** the exit code, or the signal that ended the process (so a failure says which) */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/**
 * `src/main.ts` as `npm start` runs it (node's own options in `nodeArgs`; or a build of it, `options.built`), in a process
 * of its own, with `env` over a quiet test environment. Resolve `listening(server)` for its port; a process that exits first rejects
 * with what it wrote to stderr.
 */
export function spawnMain(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  options: { inheritEnv?: boolean; built?: string } = {},
): MainProcess {
  const inherited = options.inheritEnv === false ? { PATH: process.env.PATH } : process.env;
  // `built`: main.js as a build wrote it, where npm start runs it from
  const entry = options.built ? [options.built] : ['-r', 'ts-node/register/transpile-only', 'src/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env: {
      ...inherited,
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO_ON_START: 'false',
      LOG_LEVEL: 'info',
      TS_NODE_TRANSPILE_ONLY: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      child.emit('log', logs[logs.length - 1]);
    } catch {
      // not a log line
    }
  });
  // 'close', not 'exit': only then has everything the process wrote been read
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal!)));
  return { child, logs, stderr: () => stderr, exited };
}

/** The first log line whose message is `message` (now, or when it is written); rejects if the process exits first. */
export function logged(main: MainProcess, message: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onLog = (entry: Record<string, unknown>) => {
      if (entry.msg === message) resolve(entry);
    };
    main.logs.forEach(onLog);
    main.child.on('log', onLog);
    void main.exited.then((code) => reject(new Error(`the server exited with ${code} before logging "${message}":\n${main.stderr()}`)));
  });
}

/** The port once the process logs `listening` (after its start-up work); rejects if it exits first. */
export async function listening(main: MainProcess): Promise<number> {
  const entry = await logged(main, 'listening');
  return Number(new URL(String(entry.url)).port);
}

/** SIGTERM, and the exit code. */
export async function stopMain(main: MainProcess): Promise<number | NodeJS.Signals> {
  if (main.child.exitCode === null && main.child.signalCode === null) main.child.kill('SIGTERM');
  return main.exited;
}
