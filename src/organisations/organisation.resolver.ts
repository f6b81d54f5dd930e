import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { READ_INVENTORY } from '../auth/roles';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf } from '../common/global-id';
import { Organisation } from './organisation.entity';
import { OrganisationFilter } from './organisation.input';
import { OrganisationService } from './organisation.service';

export const OrganisationConnection = ConnectionType(Organisation, 'Organisation');

@Resolver(() => Organisation)
export class OrganisationResolver {
  constructor(private readonly organisationService: OrganisationService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => OrganisationConnection, { description: "The viewer's organisation and those it acts for." })
  organisations(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => OrganisationFilter, { nullable: true }) filter?: OrganisationFilter,
  ) {
    return this.organisationService.list(ctx, filter ?? {}, page);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Organisation)
  organisation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.organisationService.get(ctx, idOf(id, Organisation.typename));
  }

  @FieldResolver(() => [Organisation], { description: 'Organisations this one manages (a CSU for its trusts).' })
  actsFor(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return this.organisationService.actsFor(ctx, organisation.id);
  }

  @FieldResolver(() => [Organisation], { description: 'Organisations that manage this one.' })
  managedBy(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return this.organisationService.managedBy(ctx, organisation.id);
  }
}
