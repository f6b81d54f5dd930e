import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { MANAGE_AUDIT } from '../auth/roles';
import { assertInScope, withinScope } from '../auth/tenancy';
import { hasAnyRole } from '../request/viewer';
import { badInput, notFound } from '../common/errors';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { parseGlobalId } from '../common/global-id';
import { AuditEntry } from './audit-entry.entity';
import { auditScopeOf, withAuditScope } from './audit-scope';
import { ErrorReason } from '../common/error-reasons';

/** A filter's null, as its absence, means "any" (the GraphQL convention for filters). */
export interface AuditFilter {
  organisationId?: number;
  /** a record's global id: its whole history */
  recordId?: string | null;
  entityType?: string | null;
  actor?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** The audit trail, newest first, of the organisations the viewer administers. */
export class AuditService {
  async get(ctx: RequestContext, id: number): Promise<AuditEntry> {
    if (!hasAnyRole(ctx.requireViewer, MANAGE_AUDIT)) throw notFound(AuditEntry.typename);
    const entry = await withinScope(ctx, ctx.repository(AuditEntry).createQueryBuilder('audit'))
      .andWhere('audit.id = :id', { id })
      .getOne();
    if (!entry) throw notFound(AuditEntry.typename);
    return entry;
  }

  /** The viewer's audit trail, filtered; an organisation named in the filter must be in the viewer's scope. */
  list(ctx: RequestContext, filter: AuditFilter, page: PageArgs): Promise<Connection<AuditEntry>> {
    if (filter.organisationId !== undefined) assertInScope(ctx, filter.organisationId);
    const query = withinScope(ctx, ctx.repository(AuditEntry).createQueryBuilder('audit'));
    if (filter.organisationId !== undefined)
      query.andWhere('audit.organisationId = :organisation', { organisation: filter.organisationId });
    if (filter.recordId != null) {
      const record = parseGlobalId(filter.recordId);
      if (!record)
        throw badInput('filter.recordId', `filter.recordId: "${filter.recordId.slice(0, 40)}" is not an id`, ErrorReason.INVALID_ID);
      query.andWhere('audit.entityType = :type AND audit.entityId = :id', { type: record.typename, id: record.id });
    }
    if (filter.entityType != null) query.andWhere('audit.entityType = :entityType', { entityType: filter.entityType });
    if (filter.actor != null) query.andWhere('audit.actor = :actor', { actor: filter.actor });
    if (filter.from != null) query.andWhere('audit.createdAt >= :from', { from: filter.from });
    if (filter.to != null) query.andWhere('audit.createdAt < :to', { to: filter.to });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }
}

/**
 * Every root mutation runs in an audit scope naming the mutation, so each change it makes is
 * recorded. Wrapped onto the Mutation type's own resolvers rather than installed as a global
 * middleware: a global middleware would run on every field of every query, and make each of
 * them asynchronous.
 */
export function auditMutations<S extends GraphQLSchema>(schema: S): S {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (root, args, context: RequestContext, info) =>
      withAuditScope(auditScopeOf(context.viewer, `graphql:${info.fieldName}`, context.requestId), () =>
        resolve(root, args, context, info),
      );
  }
  return schema;
}
