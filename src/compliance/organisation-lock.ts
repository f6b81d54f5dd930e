import { dialectOf } from '../db/dialect';
import type { RequestContext } from '../request/context';
import { Organisation } from '../organisations/organisation.entity';

/**
 * Serialises a check-then-write on one organisation's register (an overlap check, the
 * agreement in force) within the caller's transaction. On MySQL two transactions could
 * otherwise both pass the check; SQLite has a single writer already.
 */
export async function lockOrganisation(ctx: RequestContext, organisationId: number): Promise<void> {
  if (dialectOf(ctx.manager) !== 'mysql') return;
  await ctx
    .repository(Organisation)
    .createQueryBuilder('organisation')
    .setLock('pessimistic_write')
    .where('organisation.id = :organisationId', { organisationId })
    .getOne();
}

/**
 * Find options that read the latest committed rows. Under InnoDB's REPEATABLE READ a plain
 * read after waiting for the lock above would still see the snapshot taken at the
 * transaction's first read, and miss what the other transaction just wrote; a locking read
 * does not.
 */
export function latestCommitted(ctx: RequestContext): { lock?: { mode: 'pessimistic_write' } } {
  return dialectOf(ctx.manager) === 'mysql' ? { lock: { mode: 'pessimistic_write' } } : {};
}
