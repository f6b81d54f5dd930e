import { tenancy } from '../auth/tenancy';
import { In, LessThan, type EntityManager } from 'typeorm';
import { livenessOfOwners } from '../db/instance';
import { FeedRun, FeedRunStatus } from '../feed-records/feed-run.entity';
import type { FeedKind } from '../feed-records/records';

export const ORPHANED_RUN =
  'The run was interrupted: the process running it stopped. The batches it completed are kept; send the document again to complete it.';

export const stalledRun = (minutes: number) =>
  `The run made no progress for ${minutes} minutes and was given up. The batches it completed are kept; send the document again to complete it.`;

/** Which RUNNING runs to look at; everything when empty. */
export interface RunScope {
  organisationIds?: readonly number[];
  supplierId?: number;
  kind?: FeedKind;
}

/**
 * A run belongs to a live process: one whose owner has gone (killed, crashed, its machine
 * lost) is marked FAILED at once, so it is re-sent rather than trusted. Owners this process
 * cannot judge (on another machine, or not recorded) are left to `failStalledRuns`.
 */
export async function failOrphanedRuns(manager: EntityManager, scope: RunScope = {}): Promise<number> {
  if (scope.organisationIds?.length === 0) return 0;
  const query = manager
    .getRepository(FeedRun)
    .createQueryBuilder('run')
    .select('run.id', 'id')
    .addSelect('run.ownerInstance', 'owner')
    .where('run.status = :running', { running: FeedRunStatus.RUNNING })
    .andWhere('run.ownerInstance IS NOT NULL');
  if (scope.organisationIds) tenancy.builder(scope.organisationIds, query, 'run');
  if (scope.supplierId !== undefined) query.andWhere('run.supplierId = :supplierId', { supplierId: scope.supplierId });
  if (scope.kind !== undefined) query.andWhere('run.kind = :kind', { kind: scope.kind });
  const running = await query.getRawMany<{ id: number; owner: string }>();
  if (running.length === 0) return 0;

  const liveness = await livenessOfOwners(
    manager,
    running.map((run) => run.owner),
  );
  const orphaned = running.filter((run) => liveness.get(run.owner) === 'dead').map((run) => Number(run.id));
  return orphaned.length ? fail(manager, { id: In(orphaned), status: FeedRunStatus.RUNNING }, ORPHANED_RUN) : 0;
}

/**
 * The fallback for an owner that lives but has hung, or that this process cannot judge:
 * a RUNNING run with no progress (no batch stored) for `minutes` is FAILED.
 */
export function failStalledRuns(manager: EntityManager, minutes: number): Promise<number> {
  return fail(
    manager,
    { status: FeedRunStatus.RUNNING, updatedAt: LessThan(new Date(Date.now() - minutes * 60_000)) },
    stalledRun(minutes),
  );
}

async function fail(manager: EntityManager, where: Record<string, unknown>, failureReason: string): Promise<number> {
  const now = new Date();
  // bookkeeping by whichever process noticed, not a change anyone made: not audited, as the sweep never was
  const result = await manager
    .createQueryBuilder()
    .update(FeedRun)
    .set({ status: FeedRunStatus.FAILED, failureReason, finishedAt: now, updatedAt: now })
    .where(where)
    .callListeners(false)
    .execute();
  return result.affected ?? 0;
}
