import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_WEBHOOKS } from '../auth/roles';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { Clearable } from '../graphql-types/clearable';
import { idOf, optionalIdOf, toGlobalId } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { NotificationKind } from './notification.types';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryStatus, WebhookSubscription } from './webhook.entity';
import { WebhookService } from './webhook.service';

export const WebhookSubscriptionConnection = ConnectionType(WebhookSubscription, 'WebhookSubscription');
export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery');

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'Where to POST deliveries: http or https (https in production).' })
  @Length(1, 2000)
  url!: string;

  @Field(() => [NotificationKind], { description: 'The kinds to deliver.' })
  @ArrayMaxSize(20)
  kinds!: NotificationKind[];

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @Length(0, 200)
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The organisation whose notifications (with those it acts for) are delivered; defaults to the caller's own.",
  })
  organisationId?: string;

  @Field({
    defaultValue: true,
    description: 'True: deliver what already needs attention as well as what arises later. False: only what arises after now.',
  })
  deliverExisting!: boolean;
}

@InputType()
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) url?: string;
  @Field(() => [NotificationKind], { nullable: true }) @IsOptional() @ArrayMaxSize(20) kinds?: NotificationKind[];
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @Length(0, 200) description?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'False disables it (nothing is recorded or sent); true enables it again and clears its failure count. Deliveries left PENDING resume.',
  })
  enabled?: boolean;
}

@InputType()
export class WebhookSubscriptionFilterInput {
  @Field(() => ID, { nullable: true }) organisationId?: string;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean;
}

@InputType()
export class WebhookDeliveryFilterInput {
  @Field(() => [WebhookDeliveryStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(4) status?: WebhookDeliveryStatus[];
  @Field(() => [NotificationKind], { nullable: true }) @IsOptional() @ArrayMaxSize(20) kinds?: NotificationKind[];
}

@ObjectType()
export class IssuedWebhookSecret {
  @Field(() => WebhookSubscription) subscription!: WebhookSubscription;

  @Field({
    description:
      'The signing secret (whsec_…). Store it now: it is kept only encrypted and is not shown again. X-HSCN-Signature is ' +
      'sha256=HMAC-SHA-256(secret, "<X-HSCN-Timestamp>.<body>") in hex.',
  })
  secret!: string;
}

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @Authorized(MANAGE_WEBHOOKS)
  @Query(() => WebhookSubscriptionConnection, { description: "Webhook subscriptions of the viewer's organisations (ADMIN)." })
  webhookSubscriptions(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => WebhookSubscriptionFilterInput, { nullable: true }) filter?: WebhookSubscriptionFilterInput,
  ) {
    return this.webhookService.list(ctx, page, {
      organisationId: optionalIdOf(filter?.organisationId, Organisation.typename, 'filter.organisationId'),
      enabled: filter?.enabled ?? undefined,
    });
  }

  @Authorized(MANAGE_WEBHOOKS)
  @Query(() => WebhookDeliveryConnection, { description: "A subscription's deliveries, newest first, each with its attempts (ADMIN)." })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg('subscriptionId', () => ID) subscriptionId: string,
    @Args() page: PageArgs,
    @Arg('filter', () => WebhookDeliveryFilterInput, { nullable: true }) filter?: WebhookDeliveryFilterInput,
  ) {
    return this.webhookService.deliveries(
      ctx,
      idOf(subscriptionId, WebhookSubscription.typename, 'subscriptionId'),
      { status: filter?.status, kinds: filter?.kinds },
      page,
    );
  }

  @Authorized(MANAGE_WEBHOOKS)
  @Mutation(() => IssuedWebhookSecret, {
    description: 'Registers a webhook for a reporting integration; the answer holds its signing secret, shown this once.',
  })
  createWebhookSubscription(@Ctx() ctx: RequestContext, @Arg('input') input: CreateWebhookSubscriptionInput) {
    return this.webhookService.create(ctx, {
      url: input.url,
      kinds: input.kinds,
      description: input.description,
      organisationId: optionalIdOf(input.organisationId, Organisation.typename, 'input.organisationId'),
      deliverExisting: input.deliverExisting,
    });
  }

  @Authorized(MANAGE_WEBHOOKS)
  @Mutation(() => WebhookSubscription, { description: "Changes a subscription's URL, kinds or description, or disables or enables it." })
  updateWebhookSubscription(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateWebhookSubscriptionInput) {
    return this.webhookService.update(ctx, idOf(input.id, WebhookSubscription.typename, 'input.id'), {
      url: input.url ?? undefined,
      kinds: input.kinds ?? undefined,
      description: input.description,
      enabled: input.enabled ?? undefined,
    });
  }

  @Authorized(MANAGE_WEBHOOKS)
  @Mutation(() => ID, { description: 'Deletes a subscription and its delivery log; answers its id.' })
  async deleteWebhookSubscription(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return toGlobalId(WebhookSubscription.typename, await this.webhookService.delete(ctx, idOf(id, WebhookSubscription.typename)));
  }

  @Authorized(MANAGE_WEBHOOKS)
  @Mutation(() => IssuedWebhookSecret, {
    description: 'Replaces the signing secret at once (the old one stops working); the new one is shown this once.',
  })
  rotateWebhookSecret(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.webhookService.rotateSecret(ctx, idOf(id, WebhookSubscription.typename));
  }

  @Authorized(MANAGE_WEBHOOKS)
  @Mutation(() => WebhookDelivery, {
    description: 'Sends a delivery again now, with a fresh round of retries; answers it after this attempt.',
  })
  redeliverWebhook(@Ctx() ctx: RequestContext, @Arg('deliveryId', () => ID) deliveryId: string) {
    return this.webhookService.redeliver(ctx, idOf(deliveryId, WebhookDelivery.typename, 'deliveryId'));
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() subscription: WebhookSubscription, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(subscription.organisationId);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Every attempt, first first.' })
  attempts(@Root() delivery: WebhookDelivery, @Ctx() ctx: RequestContext) {
    return this.webhookService.attempts(ctx, delivery);
  }

  @FieldResolver(() => WebhookSubscription)
  subscription(@Root() delivery: WebhookDelivery, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(WebhookSubscription).load(delivery.subscriptionId);
  }
}
