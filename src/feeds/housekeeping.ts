import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { pruneRawSamples } from '../performance/retention';
import { FeedPipeline } from './feed-pipeline';

const SWEEP_MS = 5 * 60_000;
const PRUNE_MS = 6 * 3_600_000;

/** Background upkeep of the feed tables: interrupted runs marked FAILED, expired raw samples deleted. */
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
    every(SWEEP_MS, () => this.sweep(), 'interrupted feed run sweep');
    every(PRUNE_MS, () => this.prune(), 'raw sample pruning');
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  async sweep(): Promise<void> {
    const failed = await FeedPipeline.failInterruptedRuns({ manager: this.dataSource.manager }, this.config.feeds.staleRunMinutes);
    if (failed) this.log.warn({ failed }, 'marked interrupted feed runs as FAILED');
  }

  async prune(): Promise<void> {
    const deleted = await pruneRawSamples(this.dataSource.manager, this.config.feeds.retentionDays);
    if (deleted) this.log.info({ deleted, retentionDays: this.config.feeds.retentionDays }, 'pruned raw performance samples');
  }
}
