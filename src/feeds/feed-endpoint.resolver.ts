import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_API_KEYS, READ_INVENTORY } from '../auth/roles';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { Clearable } from '../graphql-types/clearable';
import { idOf, optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { FeedEndpoint } from './feed-endpoint.entity';
import { FeedPuller } from './feed-puller';
import { MAX_CREDENTIAL } from './pull-credential';
import { FeedRun } from '../feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../feed-records/records';

export const FeedEndpointConnection = ConnectionType(FeedEndpoint, 'FeedEndpoint');

@InputType()
export class ConfigureFeedEndpointInput {
  @Field(() => ID)
  supplierId!: string;

  @Field(() => ID, { nullable: true, description: "Defaults to the viewer's organisation." })
  organisationId?: string;

  @Field(() => FeedKind)
  kind!: FeedKind;

  @Field(() => FeedFormat)
  format!: FeedFormat;

  @Field({
    description: "The supplier's URL for the document (https in production); its host and port must be in FEED_PULL_ALLOWED_HOSTS.",
  })
  @MaxLength(2000)
  url!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The whole Authorization header value each pull sends, e.g. "Bearer <token>" or "Basic <base64>": printable ASCII, at most 4096 ' +
      'characters. Write-only: kept encrypted, never shown (see hasCredential). Omitted keeps the stored one (unless the URL moves to ' +
      'another host, when it must be given again); null removes it.',
  })
  @IsOptional()
  @MaxLength(MAX_CREDENTIAL)
  @Clearable()
  credential?: string | null;

  @Field(() => Int, { defaultValue: 60 })
  @Min(5)
  @Max(10_080)
  intervalMinutes!: number;

  @Field({ defaultValue: true })
  enabled!: boolean;
}

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
