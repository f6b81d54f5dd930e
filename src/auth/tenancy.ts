import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { notFound } from '../common/errors';
import { RequestContext } from '../request/context';
import { READ_INVENTORY, Role } from './roles';
import { hasAnyRole } from '../request/viewer';

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

/** The severities NHS England's Service Co-ordinator reads, in every organisation. */
export const COORDINATOR_SEVERITIES: readonly number[] = [1, 2];

/** Whether the viewer reads as the Service Co-ordinator (national Severity 1 and 2 incidents). */
export const readsAsCoordinator = (ctx: RequestContext) => ctx.requireViewer.roles.includes(Role.SERVICE_COORDINATOR);

/**
 * Restricts an incident query to the incidents the viewer may see: those of their own
 * organisations (for a reader of the inventory), and for the Service Co-ordinator the
 * Severity 1 and 2 incidents of every organisation — never any other severity. A viewer with
 * neither sees nothing. The query's alias must be an incident (or a table with `severity`
 * and `organisationId` of the incident).
 */
export function incidentsWithinScope<T extends ObjectLiteral>(ctx: RequestContext, query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const viewer = ctx.requireViewer;
  const own = hasAnyRole(viewer, READ_INVENTORY);
  const coordinator = readsAsCoordinator(ctx);
  const alias = query.alias;
  if (own && coordinator) {
    return query.andWhere(`(${alias}.organisationId IN (:...scopeOrganisationIds) OR ${alias}.severity IN (:...coordinatorSeverities))`, {
      scopeOrganisationIds: ctx.organisationIds,
      coordinatorSeverities: COORDINATOR_SEVERITIES,
    });
  }
  if (own) return withinScope(ctx, query);
  if (coordinator)
    return query.andWhere(`${alias}.severity IN (:...coordinatorSeverities)`, { coordinatorSeverities: COORDINATOR_SEVERITIES });
  return query.andWhere('1 = 0');
}

/** Whether an incident already loaded lies within the viewer's incident scope (the same rule as above). */
export function incidentVisible(ctx: RequestContext, incident: { organisationId: number; severity: number }): boolean {
  const viewer = ctx.requireViewer;
  if (hasAnyRole(viewer, READ_INVENTORY) && ctx.organisationIds.includes(incident.organisationId)) return true;
  return readsAsCoordinator(ctx) && COORDINATOR_SEVERITIES.includes(incident.severity);
}

/**
 * A context for working out figures that hang off incidents the viewer may see but whose
 * organisations lie outside the viewer's own (the Service Co-ordinator's national view): the
 * same viewer, widened to exactly those incidents' organisations. Only for derived values
 * (SLA clocks); records read through it are never returned to the client. Refuses any
 * incident the viewer may not see, so it cannot widen anything else.
 */
export function contextForIncidents(
  ctx: RequestContext,
  incidents: readonly { organisationId: number; severity: number }[],
): RequestContext {
  const outside = [...new Set(incidents.map((incident) => incident.organisationId))].filter((id) => !ctx.organisationIds.includes(id));
  if (outside.length === 0) return ctx;
  if (incidents.some((incident) => !incidentVisible(ctx, incident))) throw notFound('Incident');
  const viewer = ctx.requireViewer;
  return new RequestContext(
    ctx.requestId,
    { ...viewer, organisationIds: [...viewer.organisationIds, ...outside] },
    ctx.manager,
    ctx.config,
    ctx.log,
  );
}
