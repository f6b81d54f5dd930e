import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_API_KEYS, READ_INVENTORY } from '../auth/roles';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { FeedEndpoint } from './feed-endpoint.entity';
import { ConfigureFeedEndpointInput } from './feed-endpoint.input';
import { FeedEndpointConnection } from './feed-endpoint.types';
import { FeedPuller } from './feed-puller';
import { FeedRun } from '../feed-records/feed-run.entity';

@Resolver(() => FeedEndpoint)
export class FeedEndpointResolver {
  constructor(private readonly puller: FeedPuller) {}

  @Authorized(READ_INVENTORY)
  @Query(() => FeedEndpointConnection, { description: "Where and how often suppliers' feeds are pulled." })
  feedEndpoints(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.puller.list(ctx, page);
  }

  @Authorized(MANAGE_API_KEYS)
  @Mutation(() => FeedEndpoint, { description: "Creates or replaces the endpoint for a supplier's feed of one kind (ADMIN)." })
  configureFeedEndpoint(@Ctx() ctx: RequestContext, @Arg('input') input: ConfigureFeedEndpointInput) {
    return this.puller.configure(ctx, {
      ...input,
      supplierId: idOf(input.supplierId, Supplier.typename, 'input.supplierId'),
      organisationId: optionalIdOf(input.organisationId, Organisation.typename, 'input.organisationId'),
    });
  }

  @Authorized(MANAGE_API_KEYS)
  @Mutation(() => ID, { description: 'Stops pulling from an endpoint; returns its id.' })
  async removeFeedEndpoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    await this.puller.remove(ctx, idOf(id, FeedEndpoint.typename));
    return id;
  }

  @Authorized(MANAGE_API_KEYS)
  @Mutation(() => FeedEndpoint, { description: 'Pulls an endpoint now; its lastOutcome and lastRun say what happened.' })
  pullFeedNow(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.puller.pullNow(ctx, idOf(id, FeedEndpoint.typename));
  }

  @FieldResolver(() => Boolean, { description: 'Whether pulls send a credential; the credential itself is never shown.' })
  hasCredential(@Root() endpoint: FeedEndpoint) {
    return endpoint.credentialCiphertext !== null;
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() endpoint: FeedEndpoint, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(endpoint.supplierId);
  }

  @FieldResolver(() => FeedRun, { nullable: true })
  lastRun(@Root() endpoint: FeedEndpoint, @Ctx() ctx: RequestContext) {
    return endpoint.lastRunId === null ? null : ctx.loaders.byId(FeedRun).load(endpoint.lastRunId);
  }
}
