import type { Logger } from 'pino';
import { groupBy } from '../common/collections';
import { In, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { systemViewer } from '../organisations/system-viewer';
import type { AppConfig } from '../config/config';
import { RequestContext } from '../request/context';
import { toGlobalId } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { NotificationService } from './notification.service';
import type { Notification } from './notification.types';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryStatus, WebhookSubscription } from './webhook.entity';
import { decryptSecret, retryDelayMs, signatureOf } from './webhook-signing';
import { assertPublicTarget } from './webhook-target';
import { displayText } from '../common/display-text';
import { fetchFailureOf, redirectNote } from '../common/remote-answer';

/** Deliveries attempted per sweep; the rest wait for the next. */
const BATCH = 200;
/** Attempts in flight at once. */
const PARALLEL = 4;
const CHUNK = 100;
/** An attempt claims its delivery for its timeout plus this; a server that dies mid-attempt leaves it to be retried after. */
const LEASE_MARGIN_MS = 60_000;
/** an attempt's error is the server's own sentence; this bounds it whatever it quotes */
const MAX_ERROR = 500;

export interface SweepResult {
  /** deliveries recorded for notifications no subscription had seen */
  recorded: number;
  attempted: number;
  delivered: number;
  failed: number;
}

export interface AttemptOutcome {
  succeeded: boolean;
  statusCode: number | null;
  error: string | null;
}

/** The JSON each delivery POSTs, fixed when it is recorded. */
function payloadOf(
  subscription: WebhookSubscription,
  notification: Notification,
  organisation: Organisation | undefined,
  detectedAt: Date,
): string {
  return JSON.stringify({
    event: eventOf(notification.kind),
    subscriptionId: subscription.globalId,
    detectedAt: detectedAt.toISOString(),
    organisation: {
      id: toGlobalId(Organisation.typename, notification.organisationId),
      odsCode: organisation?.odsCode ?? null,
      name: organisation?.name ?? null,
    },
    notification: {
      kind: notification.kind,
      severity: notification.severity,
      message: notification.message,
      dueOn: notification.dueOn,
      dueAt: notification.dueAt?.toISOString() ?? null,
      subjectId: notification.subjectId,
      subjectType: notification.subjectType,
      fingerprint: notification.fingerprint,
    },
  });
}

const eventOf = (kind: string) => `notification.${kind}`;

/**
 * Sends the notifications of subscribed organisations to their webhooks. Each sweep works
 * out every subscribed organisation's notifications, records a delivery for each one a
 * subscription has not had before (the fingerprint is unique per subscription, so servers
 * sweeping at once record it once), then attempts the deliveries that are due — each claimed
 * by a conditional update first, so that no two servers send the same attempt. A failed
 * attempt is retried with exponential backoff, up to WEBHOOK_MAX_ATTEMPTS; then the delivery
 * is FAILED, and after WEBHOOK_DISABLE_AFTER_FAILURES failed deliveries in a row the
 * subscription is disabled.
 */
export class WebhookDispatcher {
  private timer?: NodeJS.Timeout;
  private sweeping: Promise<unknown> | null = null;
  private stopping = false;

  constructor(
    private readonly notifications: NotificationService,
    private readonly send: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  start(dataSource: DataSource, config: AppConfig, log: Logger): void {
    this.stopping = false;
    this.timer = setInterval(() => {
      if (this.sweeping || !dataSource.isInitialized) return;
      this.sweeping = this.runOnce(dataSource.manager, config, log)
        .then((result) => {
          if (result.recorded || result.attempted) log.info(result, 'webhook sweep');
        })
        .catch((error) => log.error({ err: error }, 'webhook sweep failed'))
        .finally(() => (this.sweeping = null));
    }, config.webhooks.dispatchIntervalMs);
    this.timer.unref();
  }

  /** Stops the schedule and waits for the sweep under way, which ends after the attempts already in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One sweep, as of `now`: record what is new, then attempt what is due. */
  async runOnce(manager: EntityManager, config: AppConfig, log: Logger, now = new Date()): Promise<SweepResult> {
    const result: SweepResult = { recorded: 0, attempted: 0, delivered: 0, failed: 0 };
    const subscriptions = await manager.getRepository(WebhookSubscription).find({ where: { enabled: true }, order: { id: 'ASC' } });
    const byOrganisation = groupBy(subscriptions, (subscription) => subscription.organisationId);
    for (const [organisationId, own] of byOrganisation) {
      if (this.stopping) return result;
      try {
        const notifications = await this.notificationsOf(manager, config, log, organisationId, now);
        for (const subscription of own)
          result.recorded += await this.record(manager, subscription, notifications, WebhookDeliveryStatus.PENDING, now);
      } catch (error) {
        log.error({ err: error, organisationId }, 'webhook notifications could not be worked out');
      }
    }

    const enabledIds = subscriptions.map((subscription) => subscription.id);
    const due = enabledIds.length
      ? await manager.getRepository(WebhookDelivery).find({
          where: { subscriptionId: In(enabledIds), status: WebhookDeliveryStatus.PENDING, nextAttemptAt: LessThanOrEqual(now) },
          order: { nextAttemptAt: 'ASC', id: 'ASC' },
          take: BATCH,
        })
      : [];
    const subscriptionOf = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
    const queue = [...due];
    const worker = async () => {
      for (let delivery = queue.shift(); delivery && !this.stopping; delivery = queue.shift()) {
        const outcome = await this.attempt(manager, config, log, delivery, subscriptionOf.get(delivery.subscriptionId)!, now);
        if (!outcome) continue;
        result.attempted += 1;
        if (outcome.status === WebhookDeliveryStatus.DELIVERED) result.delivered += 1;
        if (outcome.status === WebhookDeliveryStatus.FAILED) result.failed += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
    return result;
  }

  /** The organisation's notifications (itself and those it acts for), as its administrators would see them. */
  async notificationsOf(
    manager: EntityManager,
    config: AppConfig,
    log: Logger,
    organisationId: number,
    now: Date,
  ): Promise<Notification[]> {
    const viewer = await systemViewer(manager, organisationId, `webhook:${toGlobalId(Organisation.typename, organisationId)}`);
    const ctx = new RequestContext(`webhook-${organisationId}-${now.getTime()}`, viewer, manager, config, log.child({ organisationId }));
    return (await this.notifications.forViewer(ctx, {}, now)).notifications;
  }

  /**
   * Records a delivery for each notification of the subscription's kinds that it has not had
   * before; answers how many were new. A concurrent sweep's rows are left alone (insert or
   * ignore on the unique fingerprint).
   */
  async record(
    manager: EntityManager,
    subscription: WebhookSubscription,
    notifications: Notification[],
    status: WebhookDeliveryStatus,
    now: Date,
  ): Promise<number> {
    const wanted = notifications.filter((notification) => subscription.kinds.includes(notification.kind));
    if (wanted.length === 0) return 0;
    const organisations = new Map(
      (await manager.getRepository(Organisation).findBy({ id: In([...new Set(wanted.map((n) => n.organisationId))]) })).map(
        (organisation) => [organisation.id, organisation],
      ),
    );
    let recorded = 0;
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const chunk = wanted.slice(i, i + CHUNK);
      const held = new Set(
        (
          await manager.getRepository(WebhookDelivery).find({
            select: { fingerprint: true },
            where: { subscriptionId: subscription.id, fingerprint: In(chunk.map((n) => n.fingerprint)) },
          })
        ).map((delivery) => delivery.fingerprint),
      );
      const fresh = chunk.filter((notification) => !held.has(notification.fingerprint));
      if (fresh.length === 0) continue;
      await manager
        .createQueryBuilder()
        .insert()
        .into(WebhookDelivery)
        .values(
          fresh.map((notification) => ({
            createdAt: now,
            updatedAt: now,
            subscriptionId: subscription.id,
            organisationId: subscription.organisationId,
            kind: notification.kind,
            fingerprint: notification.fingerprint,
            payload: payloadOf(subscription, notification, organisations.get(notification.organisationId), now),
            status,
            attemptCount: 0,
            roundAttempts: 0,
            nextAttemptAt: status === WebhookDeliveryStatus.PENDING ? now : null,
            lastAttemptAt: null,
            lastStatusCode: null,
            lastError: null,
            deliveredAt: null,
          })),
        )
        .orIgnore()
        .execute();
      recorded += fresh.length;
    }
    return recorded;
  }

  /**
   * One attempt at a PENDING delivery: claimed first (another server may have it), POSTed
   * with its signature, and recorded, whatever came of it. Answers the delivery as it then
   * stands, or null when another server had claimed it.
   */
  async attempt(
    manager: EntityManager,
    config: AppConfig,
    log: Logger,
    delivery: WebhookDelivery,
    subscription: WebhookSubscription,
    now = new Date(),
  ): Promise<WebhookDelivery | null> {
    const deliveries = manager.getRepository(WebhookDelivery);
    const attempt = delivery.attemptCount + 1;
    const round = delivery.roundAttempts + 1;
    const claim = await deliveries.update(
      { id: delivery.id, status: WebhookDeliveryStatus.PENDING, attemptCount: delivery.attemptCount },
      {
        attemptCount: attempt,
        roundAttempts: round,
        lastAttemptAt: now,
        nextAttemptAt: new Date(now.getTime() + config.webhooks.timeoutMs + LEASE_MARGIN_MS),
        updatedAt: new Date(),
      },
    );
    if (!claim.affected) return null;

    const started = Date.now();
    const outcome = await this.post(config, delivery, subscription);
    const durationMs = Date.now() - started;
    if (!outcome.succeeded)
      log.warn(
        { deliveryId: delivery.id, subscriptionId: subscription.id, attempt, statusCode: outcome.statusCode, error: outcome.error },
        'webhook attempt failed',
      );

    const finalFailure = !outcome.succeeded && round >= config.webhooks.maxAttempts;
    const status = outcome.succeeded
      ? WebhookDeliveryStatus.DELIVERED
      : finalFailure
        ? WebhookDeliveryStatus.FAILED
        : WebhookDeliveryStatus.PENDING;
    const changes: Partial<WebhookDelivery> = {
      status,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      nextAttemptAt:
        status === WebhookDeliveryStatus.PENDING ? new Date(now.getTime() + retryDelayMs(round, config.webhooks.retryBaseMs)) : null,
      deliveredAt: outcome.succeeded ? now : delivery.deliveredAt,
      updatedAt: new Date(),
    };
    await manager.getRepository(WebhookDeliveryAttempt).insert({
      createdAt: now,
      updatedAt: now,
      deliveryId: delivery.id,
      organisationId: delivery.organisationId,
      attempt,
      attemptedAt: now,
      succeeded: outcome.succeeded,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs,
    });
    await deliveries.update({ id: delivery.id, attemptCount: attempt }, changes);
    if (outcome.succeeded) await this.succeeded(manager, subscription);
    if (finalFailure) await this.failed(manager, config, log, subscription, now);
    return deliveries.findOneBy({ id: delivery.id });
  }

  private async post(config: AppConfig, delivery: WebhookDelivery, subscription: WebhookSubscription): Promise<AttemptOutcome> {
    let secret: string;
    try {
      secret = decryptSecret(subscription.secretCiphertext, config.webhooks.secretKey ?? '', subscription.secretKeyId);
      await assertPublicTarget(subscription.url, config);
    } catch (error) {
      return { succeeded: false, statusCode: null, error: displayText(messageOf(error), MAX_ERROR) };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await this.send(subscription.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(config.webhooks.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'hscn-supplier-api-webhooks/1',
          'x-hscn-event': JSON.parse(delivery.payload).event as string,
          'x-hscn-delivery': delivery.globalId,
          'x-hscn-timestamp': String(timestamp),
          'x-hscn-signature': signatureOf(secret, timestamp, delivery.payload),
        },
        body: delivery.payload,
      });
      // the receiver's answer is not kept: only its status
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { succeeded: true, statusCode: response.status, error: null };
      return {
        succeeded: false,
        statusCode: response.status,
        error: `the receiver answered HTTP ${response.status}${redirectNote(response.status)}`,
      };
    } catch (error) {
      // the failure's own message may quote the receiver (a certificate's names): only its code is kept
      return { succeeded: false, statusCode: null, error: fetchFailureOf(error, config.webhooks.timeoutMs) };
    }
  }

  private async succeeded(manager: EntityManager, subscription: WebhookSubscription): Promise<void> {
    await manager.getRepository(WebhookSubscription).update({ id: subscription.id }, { consecutiveFailures: 0, updatedAt: new Date() });
  }

  /** Counts a FAILED delivery against the subscription, and disables it at the threshold. */
  private async failed(
    manager: EntityManager,
    config: AppConfig,
    log: Logger,
    subscription: WebhookSubscription,
    now: Date,
  ): Promise<void> {
    const repository = manager.getRepository(WebhookSubscription);
    await repository.increment({ id: subscription.id }, 'consecutiveFailures', 1);
    const limit = config.webhooks.disableAfterFailures;
    if (limit === 0) return;
    const current = await repository.findOneBy({ id: subscription.id });
    if (!current || !current.enabled || current.consecutiveFailures < limit) return;
    await repository.update(
      { id: subscription.id, enabled: true },
      {
        enabled: false,
        disabledAt: now,
        disabledReason: `Disabled automatically: ${current.consecutiveFailures} deliveries in a row failed every attempt`,
        updatedAt: new Date(),
      },
    );
    log.warn(
      { subscriptionId: subscription.id, consecutiveFailures: current.consecutiveFailures },
      'webhook subscription disabled after repeated failures',
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
