import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';
import type { RequestContext } from '../request/context';
import { Site } from './site.entity';

/** `Organisation.sites`: the sites domain extends the organisation with its own field. */
@Resolver(() => Organisation)
export class OrganisationSitesResolver {
  @FieldResolver(() => [Site])
  sites(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Site, 'organisationId').load(organisation.id);
  }
}
