import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_WEBHOOKS } from '../auth/roles';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf, toGlobalId } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from './webhook.entity';
import {
  CreateWebhookSubscriptionInput,
  UpdateWebhookSubscriptionInput,
  WebhookDeliveryFilterInput,
  WebhookSubscriptionFilterInput,
} from './webhook.input';
import { WebhookService } from './webhook.service';
import { IssuedWebhookSecret, WebhookDeliveryConnection, WebhookSubscriptionConnection } from './webhook.types';

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
