import type { EntityManager } from 'typeorm';
import { sqlTimestamp } from '../common/dates';
import { NetworkService } from '../services/network-service.entity';
import { freezeMonthsBeforePruning } from './monthly-percentiles';
import { PerformanceSample } from './performance-sample.entity';

const SERVICES_PER_DELETE = 200;

/**
 * Deletes raw samples older than the retention period, a few hundred services at a time so
 * that each delete walks the primary key (service, interval start) and no transaction grows
 * large. Rollups stay: reports over months read them. Before a month loses its first
 * samples its 95th percentiles are fixed, since they cannot be rebuilt from the rollups.
 * Answers the number of samples deleted.
 */
export async function pruneRawSamples(manager: EntityManager, retentionDays: number, now = new Date()): Promise<number> {
  const cutoffInstant = new Date(now.getTime() - retentionDays * 86_400_000);
  await freezeMonthsBeforePruning(manager, cutoffInstant, now);
  const cutoff = sqlTimestamp(cutoffInstant);
  const services = await manager.getRepository(NetworkService).find({ select: { id: true }, order: { id: 'ASC' } });
  let deleted = 0;
  for (let i = 0; i < services.length; i += SERVICES_PER_DELETE) {
    const ids = services.slice(i, i + SERVICES_PER_DELETE).map((service) => service.id);
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(PerformanceSample)
      .where('serviceId IN (:...ids)', { ids })
      .andWhere('intervalStart < :cutoff', { cutoff })
      .execute();
    deleted += result.affected ?? 0;
  }
  return deleted;
}
