import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection as netConnect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MARIADBD = process.env.MARIADBD_PATH ?? '/usr/sbin/mariadbd';
const INSTALL_DB = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((path) => existsSync(path));

/** Whether a private MariaDB server can be started here (the binaries are installed). */
export const privateMariadbAvailable = existsSync(MARIADBD) && INSTALL_DB !== undefined;

/**
 * A MariaDB server of a test's own, on its own data directory and loopback port, so a test
 * can kill and restart it without touching the shared server other tests use.
 */
export class PrivateMariadb {
  private process?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivateMariadb> {
    if (!privateMariadbAvailable) throw new Error(`mariadbd is not installed at ${MARIADBD}`);
    const dir = mkdtempSync(join(tmpdir(), 'hscn-mariadb-'));
    mkdirSync(join(dir, 'tmp'));
    // the bootstrap server too gets a tmpdir of its own (other options are passed to it)
    const install = spawnSync(
      INSTALL_DB!,
      [
        '--no-defaults',
        '--auth-root-authentication-method=normal',
        `--datadir=${join(dir, 'data')}`,
        '--user=root',
        '--skip-test-db',
        `--tmpdir=${join(dir, 'tmp')}`,
      ],
      {
        encoding: 'utf8',
        // a hang guard: it takes seconds, but a loaded machine may take far longer
        timeout: 180_000,
      },
    );
    if (install.status !== 0)
      throw new Error(`mariadb-install-db failed: ${install.error?.message ?? ''} ${install.stderr || install.stdout}`);
    return new PrivateMariadb(dir, await freePort());
  }

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}/hscn_fault`;
  }

  private get tmp(): string {
    return join(this.dir, 'tmp');
  }

  /** Starts the server on the same data directory and port, and waits until it answers. */
  async start(): Promise<void> {
    const child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'sock')}`,
        `--pid-file=${join(this.dir, 'pid')}`,
        // its own temporary directory: at start-up mariadbd deletes every #sql* file in its
        // tmpdir, and in the shared /tmp those are the temporary tables of the machine's own
        // MariaDB, in the middle of other test files' (and benchmarks') queries
        `--tmpdir=${this.tmp}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        '--user=root',
        '--skip-grant-tables',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
        '--innodb-log-file-size=16M',
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    // a hang guard: mariadbd starts in a second or two, but a loaded machine may take far longer
    const deadline = Date.now() + 180_000;
    while (!(await answers(this.port))) {
      if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}; see ${join(this.dir, 'error.log')}`);
      if (Date.now() > deadline) throw new Error(`mariadbd did not answer within 180 s; see ${join(this.dir, 'error.log')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Kills the server (SIGKILL: no goodbye to its clients) and waits for it to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    this.process.kill(signal);
    await this.exited;
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True once the server sends its handshake on the port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('data', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}
