import { assertInScope, findVisible, withinScope } from '../auth/tenancy';
import { badInput, conflict, unavailable } from '../common/errors';
import { optionalText } from '../common/text';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { NotificationKind, NOTIFICATION_KINDS } from './notification.types';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryStatus, WebhookSubscription } from './webhook.entity';
import { encryptSecret, hintOf, keyIdOf, newSigningSecret } from './webhook-signing';
import { checkWebhookUrl } from './webhook-target';
import { ErrorReason } from '../common/error-reasons';

export interface CreateWebhookSubscription {
  url: string;
  kinds: NotificationKind[];
  description?: string | null;
  /** one of the viewer's organisations (a CSU for a trust); defaults to the viewer's own */
  organisationId?: number;
  /** false: what already needs attention is recorded as SKIPPED, and only what arises later is sent */
  deliverExisting?: boolean;
}

export interface UpdateWebhookSubscription {
  url?: string;
  kinds?: NotificationKind[];
  description?: string | null;
  enabled?: boolean;
}

export interface IssuedWebhookSecret {
  subscription: WebhookSubscription;
  /** the signing secret; kept only encrypted and never shown again */
  secret: string;
}

/** How many subscriptions one organisation may hold. */
const MAX_SUBSCRIPTIONS = 20;

/** An organisation's webhooks for reporting integrations: registration, secrets, and the delivery log. */
export class WebhookService {
  constructor(private readonly dispatcher: WebhookDispatcher) {}

  list(
    ctx: RequestContext,
    page: PageArgs,
    filter: { organisationId?: number; enabled?: boolean } = {},
  ): Promise<Connection<WebhookSubscription>> {
    const query = withinScope(ctx, ctx.repository(WebhookSubscription).createQueryBuilder('subscription'));
    if (filter.organisationId !== undefined)
      query.andWhere('subscription.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.enabled !== undefined) query.andWhere('subscription.enabled = :enabled', { enabled: filter.enabled });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize });
  }

  get(ctx: RequestContext, id: number): Promise<WebhookSubscription> {
    return findVisible(ctx, WebhookSubscription, id, WebhookSubscription.typename);
  }

  async create(ctx: RequestContext, input: CreateWebhookSubscription, now = new Date()): Promise<IssuedWebhookSecret> {
    const serverKey = this.serverKey(ctx);
    const url = checkWebhookUrl(input.url, ctx.config, 'input.url');
    const kinds = checkKinds(input.kinds, 'input.kinds');
    const description = checkDescription(input.description);
    const organisationId = input.organisationId ?? ctx.requireViewer.organisationId;
    assertInScope(ctx, organisationId);
    const secret = newSigningSecret();
    const subscription = await ctx.transaction(async (tx) => {
      const held = await tx.repository(WebhookSubscription).countBy({ organisationId });
      if (held >= MAX_SUBSCRIPTIONS)
        throw conflict(`The organisation already has ${MAX_SUBSCRIPTIONS} webhook subscriptions; delete one first`, {
          reason: ErrorReason.TOO_MANY_SUBSCRIPTIONS,
        });
      const saved = await tx.repository(WebhookSubscription).save(
        tx.repository(WebhookSubscription).create({
          organisationId,
          url,
          description,
          kinds,
          secretCiphertext: encryptSecret(secret, serverKey),
          secretKeyId: keyIdOf(serverKey),
          signingKeyHint: hintOf(secret),
          rotatedAt: null,
          enabled: true,
          disabledAt: null,
          disabledReason: null,
          consecutiveFailures: 0,
          createdBy: tx.requireViewer.subject,
        }),
      );
      if (input.deliverExisting === false) {
        // what needs attention now, as the organisation's administrators see it, is recorded as already seen
        const standing = await this.dispatcher.notificationsOf(tx.manager, tx.config, tx.log, organisationId, now);
        await this.dispatcher.record(tx.manager, saved, standing, WebhookDeliveryStatus.SKIPPED, now);
      }
      return saved;
    });
    return { subscription, secret };
  }

  async update(ctx: RequestContext, id: number, input: UpdateWebhookSubscription, now = new Date()): Promise<WebhookSubscription> {
    const url = input.url === undefined ? undefined : checkWebhookUrl(input.url, ctx.config, 'input.url');
    const kinds = input.kinds === undefined ? undefined : checkKinds(input.kinds, 'input.kinds');
    const description = input.description === undefined ? undefined : checkDescription(input.description);
    return ctx.transaction(async (tx) => {
      const subscription = await this.get(tx, id);
      if (url !== undefined) subscription.url = url;
      if (kinds !== undefined) subscription.kinds = kinds;
      if (description !== undefined) subscription.description = description;
      if (input.enabled === true && !subscription.enabled) {
        Object.assign(subscription, { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 });
      } else if (input.enabled === false && subscription.enabled) {
        Object.assign(subscription, { enabled: false, disabledAt: now, disabledReason: `Disabled by ${tx.requireViewer.subject}` });
      }
      return tx.repository(WebhookSubscription).save(subscription);
    });
  }

  /** Deletes the subscription with its delivery log; answers its id. */
  async delete(ctx: RequestContext, id: number): Promise<number> {
    return ctx.transaction(async (tx) => {
      const subscription = await this.get(tx, id);
      await tx.repository(WebhookSubscription).delete({ id: subscription.id });
      return subscription.id;
    });
  }

  /** A new signing secret, at once: deliveries from now on are signed with it, retries of earlier ones too. */
  async rotateSecret(ctx: RequestContext, id: number, now = new Date()): Promise<IssuedWebhookSecret> {
    const serverKey = this.serverKey(ctx);
    return ctx.transaction(async (tx) => {
      const subscription = await this.get(tx, id);
      const secret = newSigningSecret();
      Object.assign(subscription, {
        secretCiphertext: encryptSecret(secret, serverKey),
        secretKeyId: keyIdOf(serverKey),
        signingKeyHint: hintOf(secret),
        rotatedAt: now,
      });
      return { subscription: await tx.repository(WebhookSubscription).save(subscription), secret };
    });
  }

  async deliveries(
    ctx: RequestContext,
    subscriptionId: number,
    filter: { status?: WebhookDeliveryStatus[]; kinds?: NotificationKind[] },
    page: PageArgs,
  ): Promise<Connection<WebhookDelivery>> {
    const subscription = await this.get(ctx, subscriptionId);
    const query = withinScope(ctx, ctx.repository(WebhookDelivery).createQueryBuilder('delivery')).andWhere(
      'delivery.subscriptionId = :subscriptionId',
      { subscriptionId: subscription.id },
    );
    if (filter.status?.length) query.andWhere('delivery.status IN (:...statuses)', { statuses: filter.status });
    if (filter.kinds?.length) query.andWhere('delivery.kind IN (:...kinds)', { kinds: filter.kinds });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  attempts(ctx: RequestContext, delivery: WebhookDelivery): Promise<WebhookDeliveryAttempt[]> {
    return ctx.loaders.manyBy(WebhookDeliveryAttempt, 'deliveryId', {}, { attempt: 'ASC' }).load(delivery.id);
  }

  /**
   * Sends a delivery again now (a FAILED one, a DELIVERED one the receiver lost, or a PENDING
   * one without waiting for its retry), with a fresh round of attempts: answers it after this
   * first attempt; if that fails, the dispatcher retries on the usual schedule.
   */
  async redeliver(ctx: RequestContext, id: number, now = new Date()): Promise<WebhookDelivery> {
    this.serverKey(ctx);
    const delivery = await findVisible(ctx, WebhookDelivery, id, WebhookDelivery.typename);
    const subscription = await this.get(ctx, delivery.subscriptionId);
    if (!subscription.enabled)
      throw conflict('The subscription is disabled; enable it with updateWebhookSubscription first', {
        reason: ErrorReason.SUBSCRIPTION_DISABLED,
      });
    const queued = await ctx
      .repository(WebhookDelivery)
      .update(
        { id: delivery.id, attemptCount: delivery.attemptCount },
        { status: WebhookDeliveryStatus.PENDING, roundAttempts: 0, nextAttemptAt: now, updatedAt: new Date() },
      );
    if (!queued.affected)
      throw conflict('The delivery is being attempted at this moment; look again shortly', { reason: ErrorReason.DELIVERY_IN_PROGRESS });
    const requeued = await ctx.repository(WebhookDelivery).findOneByOrFail({ id: delivery.id });
    const attempted = await this.dispatcher.attempt(ctx.manager, ctx.config, ctx.log, requeued, subscription, now);
    return attempted ?? ctx.repository(WebhookDelivery).findOneByOrFail({ id: delivery.id });
  }

  private serverKey(ctx: RequestContext): string {
    const key = ctx.config.webhooks.secretKey;
    if (key === null) {
      throw unavailable('Webhooks are not configured on this server (WEBHOOK_SECRET_KEY is not set)', {
        reason: ErrorReason.WEBHOOKS_NOT_CONFIGURED,
      });
    }
    return key;
  }
}

function checkKinds(kinds: NotificationKind[], field: string): NotificationKind[] {
  const unique = [...new Set(kinds)];
  if (unique.length === 0) throw badInput(field, `${field}: choose at least one kind`, ErrorReason.KINDS_REQUIRED);
  const unknown = unique.filter((kind) => !NOTIFICATION_KINDS.includes(kind));
  if (unknown.length)
    throw badInput(
      field,
      `${field}: unknown kind ${unknown.join(', ')}; known: ${NOTIFICATION_KINDS.join(', ')}`,
      ErrorReason.UNKNOWN_KIND,
    );
  return NOTIFICATION_KINDS.filter((kind) => unique.includes(kind));
}

function checkDescription(value: string | null | undefined): string | null {
  const text = optionalText(value) ?? null;
  if (text !== null && text.length > 200)
    throw badInput('input.description', 'input.description: at most 200 characters', ErrorReason.TOO_LONG);
  return text;
}
