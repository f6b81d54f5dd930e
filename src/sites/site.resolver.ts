import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from './site.entity';
import { CreateSiteInput, SiteFilter, UpdateSiteInput } from './site.input';
import { SiteService } from './site.service';

export const SiteConnection = ConnectionType(Site, 'Site');

@Resolver(() => Site)
export class SiteResolver {
  constructor(private readonly siteService: SiteService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => SiteConnection)
  sites(@Ctx() ctx: RequestContext, @Args() page: PageArgs, @Arg('filter', () => SiteFilter, { nullable: true }) filter?: SiteFilter) {
    const { organisationId, ...rest } = filter ?? {};
    return this.siteService.list(
      ctx,
      { ...rest, organisationId: optionalIdOf(organisationId, Organisation.typename, 'filter.organisationId') },
      page,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Site)
  site(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.siteService.get(ctx, idOf(id, Site.typename));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Site)
  createSite(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSiteInput) {
    return this.siteService.create(ctx, input, optionalIdOf(input.organisationId, Organisation.typename, 'input.organisationId'));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Site)
  updateSite(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateSiteInput) {
    return this.siteService.update(ctx, idOf(input.id, Site.typename, 'input.id'), input);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() site: Site, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(site.organisationId);
  }
}
