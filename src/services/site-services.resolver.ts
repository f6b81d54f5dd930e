import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../request/context';
import { Site } from '../sites/site.entity';
import { NetworkService, ServiceStatus } from './network-service.entity';

/** `Site.services`: the services domain extends the site with its own field. */
@Resolver(() => Site)
export class SiteServicesResolver {
  @FieldResolver(() => [NetworkService])
  services(@Root() site: Site, @Ctx() ctx: RequestContext, @Arg('status', () => ServiceStatus, { nullable: true }) status?: ServiceStatus) {
    return ctx.loaders.manyBy(NetworkService, 'siteId', status ? { status } : {}).load(site.id);
  }
}
