import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_AUDIT } from '../auth/roles';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuditFilterInput } from '../audit/audit.input';
import { AuditService } from '../audit/audit.service';
import { AuditEntryConnection } from '../audit/audit.types';

/** The audit trail over GraphQL: in the API layer, not audit/, since an entry names its organisation (which ranks above audit). */
@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Authorized(MANAGE_AUDIT)
  @Query(() => AuditEntryConnection, { description: 'Who changed what, when, and through which entry point, newest first; read-only.' })
  auditTrail(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput,
  ) {
    const organisationId = optionalIdOf(filter?.organisationId, Organisation.typename, 'filter.organisationId');
    return this.audit.list(ctx, { ...filter, organisationId }, page);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext) {
    return entry.organisationId === null ? null : ctx.loaders.byId(Organisation).load(entry.organisationId);
  }
}
