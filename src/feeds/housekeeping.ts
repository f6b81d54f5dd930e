import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { Instance } from '../db/instance';
import { pruneRawSamples } from '../performance/retention';
import { failOrphanedRuns, failStalledRuns } from './run-owners';
import { removeOrphanedSpoolFiles } from './spool';

/** often enough that a run whose process died is FAILED before anyone acts on it; a check is one indexed statement */
const OWNER_CHECK_MS = 15_000;
const SWEEP_MS = 5 * 60_000;
const PRUNE_MS = 6 * 3_600_000;

/**
 * Background upkeep of the feed tables: runs whose process died marked FAILED (at start-up
 * and every few seconds; reads of runs and feed health check too), runs that stalled marked
 * FAILED, spooled documents of dead processes removed, expired raw samples deleted.
 */
export class FeedHousekeeping {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly log: Logger,
  ) {}

  start(): void {
    const every = (ms: number, task: () => Promise<unknown>, what: string) => {
      const timer = setInterval(() => {
        if (this.dataSource.isInitialized) task().catch((error) => this.log.warn({ err: error }, `${what} failed`));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(OWNER_CHECK_MS, () => this.checkOwners(), 'feed run owner check');
    every(SWEEP_MS, () => this.sweep(), 'stalled feed run sweep');
    every(PRUNE_MS, () => this.prune(), 'raw sample pruning');
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /** What a crash left behind, cleared before this server takes work. */
  async atStartUp(): Promise<void> {
    const removed = await removeOrphanedSpoolFiles(this.config.feeds.spoolDir);
    if (removed) this.log.warn({ removed, spoolDir: this.config.feeds.spoolDir }, 'removed documents spooled by processes that died');
    await this.checkOwners();
    await this.sweep();
  }

  async checkOwners(): Promise<void> {
    await Instance.of(this.dataSource)
      ?.keepAlive()
      .catch((error) => this.log.warn({ err: error }, 'could not take the instance lock again; retrying at the next check'));
    const failed = await failOrphanedRuns(this.dataSource.manager);
    if (failed) this.log.warn({ failed }, 'marked feed runs whose process died as FAILED');
  }

  async sweep(): Promise<void> {
    const failed = await failStalledRuns(this.dataSource.manager, this.config.feeds.staleRunMinutes);
    if (failed) this.log.warn({ failed }, 'marked stalled feed runs as FAILED');
  }

  async prune(): Promise<void> {
    const deleted = await pruneRawSamples(this.dataSource.manager, this.config.feeds.retentionDays);
    if (deleted) this.log.info({ deleted, retentionDays: this.config.feeds.retentionDays }, 'pruned raw performance samples');
  }
}
