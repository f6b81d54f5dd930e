import { LessThan, type EntityManager } from 'typeorm';
import { PerformanceSample } from './performance-sample.entity';

/**
 * Deletes raw samples older than the retention period. Rollups stay: reports over months
 * read them, never the raw samples. Answers the number of samples deleted.
 */
export async function pruneRawSamples(manager: EntityManager, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const result = await manager.getRepository(PerformanceSample).delete({ intervalStart: LessThan(cutoff) });
  return result.affected ?? 0;
}
