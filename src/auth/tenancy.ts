import { In, type EntityTarget, type FindOperator, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { notFound } from '../common/errors';
import { RequestContext } from '../request/context';
import { READ_INVENTORY, Role } from './roles';
import { hasAnyRole } from '../request/viewer';

/** A record owned by one organisation. */
export interface TenantOwned {
  id: number;
  organisationId: number;
}

/** The organisations whose records a reader may see: a request's viewer, or the list itself (a read handed it). */
export type Scope = RequestContext | readonly number[];

const idsOf = (scope: Scope): readonly number[] => (isList(scope) ? scope : scope.organisationIds);
const isList = (scope: Scope): scope is readonly number[] => Array.isArray(scope);

/**
 * The one tenancy condition — a record's `organisationId` is one of the viewer's
 * organisations (their own and those they act for) — in the shape each way of reaching the
 * database takes (docs/ARCHITECTURE.md, "Reaching the database"):
 * - `tenancy.where(ctx)`: find options, spread into a repository's `where`;
 * - `tenancy.plain(ctx)`: a `plainSelect` / loader condition;
 * - `tenancy.builder(ctx, query)`: a query builder (`withinScope`);
 * - `tenancy.sql(ids, column)`: a raw SQL fragment with its parameters, for a `*-reads.ts` file;
 * - `tenancy.has(ctx, organisationId)`: a record already loaded (`assertInScope`).
 * Conditions that are subtly different keep their own helpers, named here so that nobody
 * "simplifies" them into this one: incidents (`incidentsWithinScope`, `incidentVisible`: the
 * Service Co-ordinator also reads Severity 1 and 2 of every organisation), and
 * `contextForIncidents` (a context widened to exactly those incidents' organisations, for
 * derived figures only). A supplier's own scope (an API key's supplier, `supplierId`) is a
 * further condition beside this one, never instead of it.
 */
export const tenancy = {
  /** `{ organisationId: In(ids) }`, for a repository's find options */
  where(scope: Scope): { organisationId: FindOperator<number> } {
    return { organisationId: In([...idsOf(scope)]) };
  },
  /** `{ organisationId: ids }`, for plainSelect and the request loaders (an empty list matches nothing) */
  plain(scope: Scope): { organisationId: number[] } {
    return { organisationId: [...idsOf(scope)] };
  },
  /** the query restricted to the scope, on its main alias or `alias` */
  builder<T extends ObjectLiteral>(scope: Scope, query: SelectQueryBuilder<T>, alias: string = query.alias): SelectQueryBuilder<T> {
    return query.andWhere(`${alias}.organisationId IN (:...scopeOrganisationIds)`, { scopeOrganisationIds: idsOf(scope) });
  },
  /** `column IN (?, …)` with the ids as its parameters; `1 = 0` (nothing) for an empty scope */
  sql(scope: Scope, column = 'organisationId'): { sql: string; params: number[] } {
    const ids = idsOf(scope);
    if (ids.length === 0) return { sql: '1 = 0', params: [] };
    return { sql: `${column} IN (${ids.map(() => '?').join(', ')})`, params: [...ids] };
  },
  /** whether a record of `organisationId` lies in the scope */
  has(scope: Scope, organisationId: number): boolean {
    return idsOf(scope).includes(organisationId);
  },
};

/** Restricts a query to the organisations the viewer may see. */
export function withinScope<T extends ObjectLiteral>(ctx: RequestContext, query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return tenancy.builder(ctx, query);
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
  if (!tenancy.has(ctx, organisationId)) throw notFound('Organisation');
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
  if (hasAnyRole(viewer, READ_INVENTORY) && tenancy.has(ctx, incident.organisationId)) return true;
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
