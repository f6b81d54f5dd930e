import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { livenessOf, thisProcess, type Liveness } from '../common/process-identity';
import { dialectOf } from './dialect';

const LOCK = 'lock:';
const PROCESS = 'process:';
const LOCK_NAME = /^hscn-instance-[0-9a-f-]{36}$/;
/** MySQL's longest wait_timeout: the lock's connection idles for the life of the process */
const IDLE_FOREVER_SECONDS = 31_536_000;

const claimed = new WeakMap<DataSource, Instance>();

/**
 * This process as the owner of work it records in the database (a feed run), named so that
 * any other process sharing the database can tell at once whether the owner still lives.
 *
 * - MySQL/MariaDB (servers on several machines): a named lock, `hscn-instance-<uuid>`, held
 *   on a connection of its own for the life of the process. The database frees it when that
 *   connection drops, which it does when the process dies; `IS_FREE_LOCK` then answers 1.
 * - SQLite (one machine): the process's pid and kernel start time (common/process-identity).
 */
export class Instance {
  private constructor(
    /** what a run records as its owner */
    readonly owner: string,
    private readonly dataSource: DataSource,
    private readonly lock: NamedLock | null,
  ) {}

  /** The instance claimed for a data source, if any. */
  static of(dataSource: DataSource): Instance | undefined {
    return claimed.get(dataSource);
  }

  static async claim(dataSource: DataSource, log: Logger): Promise<Instance> {
    const existing = claimed.get(dataSource);
    if (existing) return existing;
    let instance: Instance;
    if (dialectOf(dataSource.manager) === 'mysql') {
      const options = dataSource.options as { url?: string; connectTimeout?: number };
      const lock = new NamedLock(String(options.url), `hscn-instance-${randomUUID()}`, options.connectTimeout ?? 10_000, log);
      await lock.acquire();
      instance = new Instance(`${LOCK}${lock.name}`, dataSource, lock);
    } else {
      instance = new Instance(`${PROCESS}${thisProcess()}`, dataSource, null);
    }
    claimed.set(dataSource, instance);
    return instance;
  }

  /** Checks that the lock is still held, taking it again on a new connection if it was lost. */
  async keepAlive(): Promise<void> {
    await this.lock?.keepAlive();
  }

  /** Gives the name up: work still recorded under it is then orphaned. */
  async release(): Promise<void> {
    if (claimed.get(this.dataSource) === this) claimed.delete(this.dataSource);
    await this.lock?.release();
  }
}

/**
 * Whether each owner still lives: `dead` only when that is certain (its lock is free, or its
 * process is gone from this machine); `unknown` when this process cannot tell (a process on
 * another machine), which callers treat as alive.
 */
export async function livenessOfOwners(manager: EntityManager, owners: readonly string[]): Promise<Map<string, Liveness>> {
  const answers = new Map<string, Liveness>();
  const self = Instance.of(manager.connection)?.owner;
  const locks: string[] = [];
  for (const owner of new Set(owners)) {
    if (owner === self) answers.set(owner, 'alive');
    else if (owner.startsWith(PROCESS)) answers.set(owner, livenessOf(owner.slice(PROCESS.length)));
    else if (owner.startsWith(LOCK) && LOCK_NAME.test(owner.slice(LOCK.length)) && dialectOf(manager) === 'mysql') locks.push(owner);
    else answers.set(owner, 'unknown');
  }
  if (locks.length) {
    const [row] = (await manager.query(
      `SELECT ${locks.map((_, i) => `IS_FREE_LOCK(?) AS l${i}`).join(', ')}`,
      locks.map((owner) => owner.slice(LOCK.length)),
    )) as Record<string, unknown>[];
    locks.forEach((owner, i) => {
      const free = row?.[`l${i}`];
      answers.set(owner, free === null || free === undefined ? 'unknown' : Number(free) === 1 ? 'dead' : 'alive');
    });
  }
  return answers;
}

/** A MySQL named lock held on a dedicated connection (a pooled one is shared and closed when idle). */
class NamedLock {
  private connection: import('mysql2/promise').Connection | null = null;
  private released = false;

  constructor(
    private readonly url: string,
    readonly name: string,
    private readonly connectTimeout: number,
    private readonly log: Logger,
  ) {}

  async acquire(): Promise<void> {
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection({ uri: this.url, connectTimeout: this.connectTimeout, enableKeepAlive: true });
    try {
      await connection.query(`SET SESSION wait_timeout = ${IDLE_FOREVER_SECONDS}`);
      const [rows] = await connection.query('SELECT GET_LOCK(?, 0) AS got', [this.name]);
      if (Number((rows as { got: unknown }[])[0]?.got) !== 1) throw new Error(`could not take the instance lock ${this.name}`);
    } catch (error) {
      await connection.end().catch(() => undefined);
      throw error;
    }
    connection.on('error', (error: Error) => {
      if (this.connection !== connection) return;
      this.connection = null;
      // until it is taken again, other servers see this one's feed runs as orphaned and fail them
      this.log.warn({ err: error, lock: this.name }, 'lost the instance lock connection');
    });
    this.connection = connection;
  }

  async keepAlive(): Promise<void> {
    if (this.released) return;
    if (this.connection) {
      try {
        await this.connection.query('SELECT 1');
        return;
      } catch (error) {
        this.log.warn({ err: error, lock: this.name }, 'the instance lock connection failed');
        const broken = this.connection;
        this.connection = null;
        broken.destroy();
      }
    }
    await this.acquire();
    this.log.info({ lock: this.name }, 'instance lock taken again');
  }

  async release(): Promise<void> {
    this.released = true;
    const connection = this.connection;
    this.connection = null;
    // ending the session frees the lock
    await connection?.end().catch(() => connection.destroy());
  }
}
