import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { notFound } from '../common/errors';
import type { RequestContext } from '../graphql/context';

/** A record owned by one organisation. */
export interface TenantOwned {
  id: number;
  organisationId: number;
}

/** Restricts a query to the organisations the viewer may see. */
export function withinScope<T extends ObjectLiteral>(ctx: RequestContext, query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return query.andWhere(`${query.alias}.organisationId IN (:...scopeOrganisationIds)`, {
    scopeOrganisationIds: ctx.organisationIds,
  });
}

/**
 * Loads a record the viewer may see, or answers NOT_FOUND — also for another tenant's
 * record, so that its existence is never revealed.
 */
export async function findVisible<T extends TenantOwned>(
  ctx: RequestContext,
  target: EntityTarget<T>,
  id: number,
  typename: string,
): Promise<T> {
  const repository = ctx.repository(target);
  const record = await withinScope(ctx, repository.createQueryBuilder(typename.toLowerCase()))
    .andWhere(`${typename.toLowerCase()}.id = :id`, { id })
    .getOne();
  if (!record) throw notFound(typename);
  return record;
}

/** An organisation the viewer may act on, or NOT_FOUND for one outside their scope. */
export function assertInScope(ctx: RequestContext, organisationId: number): void {
  if (!ctx.organisationIds.includes(organisationId)) throw notFound('Organisation');
}
