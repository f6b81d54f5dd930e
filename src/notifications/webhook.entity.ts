import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { Organisation } from '../organisations/organisation.entity';
import { NotificationKind } from './notification.types';

/**
 * A reporting integration's endpoint: the organisation's notifications of the chosen kinds
 * are POSTed to it, signed. The signing secret is kept encrypted with the server's
 * WEBHOOK_SECRET_KEY (it must be read back to sign), shown once, and never audited.
 */
@ObjectType('WebhookSubscription', { implements: BaseRecord })
@Entity('webhook_subscription')
@Index(['organisationId'])
export class WebhookSubscription extends BaseRecord {
  static readonly typename = 'WebhookSubscription';

  /** the notifications of this organisation's scope (itself and those it acts for) are delivered */
  @Column({ type: 'int' })
  organisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: Organisation;

  @Field({ description: 'Where deliveries are POSTed (http or https).' })
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the integration is, e.g. "Power BI service desk report".' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @Field(() => [NotificationKind], { description: 'The kinds delivered.' })
  @Column({ type: 'simple-array' })
  kinds!: NotificationKind[];

  /** AES-256-GCM of the signing secret under WEBHOOK_SECRET_KEY: iv, tag and ciphertext, base64url */
  @Column({ type: 'varchar', length: 300 })
  secretCiphertext!: string;

  /** which server key encrypted it (a digest of the key), to say so plainly when the key has changed */
  @Column({ type: 'varchar', length: 16 })
  secretKeyId!: string;

  @Field({
    description: "The signing secret's first characters, to tell secrets apart; the secret itself is shown only when created or rotated.",
  })
  @Column({ type: 'varchar', length: 16 })
  signingKeyHint!: string;

  @Field(() => Date, { nullable: true, description: 'When the signing secret was last rotated.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  rotatedAt!: Date | null;

  @Field({ description: 'False while disabled, by an administrator or after too many failed deliveries in a row.' })
  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was disabled.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;

  @Field(() => Int, { description: 'Deliveries that FAILED in a row since the last one that succeeded.' })
  @Column({ type: 'int' })
  consecutiveFailures!: number;

  @Field({ description: 'Subject of the administrator who created it.' })
  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;
}

export enum WebhookDeliveryStatus {
  /** waiting for its first attempt or a retry */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** every attempt failed; redeliverWebhook sends it again */
  FAILED = 'FAILED',
  /** already standing when the subscription was created with deliverExisting: false; never sent unless redelivered */
  SKIPPED = 'SKIPPED',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

/**
 * One notification for one subscription: recorded once (the fingerprint is unique per
 * subscription, so two dispatchers cannot both record it), with the body fixed when it was
 * recorded, so that every attempt sends — and signs — the same document.
 */
@ObjectType('WebhookDelivery', { implements: BaseRecord })
@Entity('webhook_delivery')
@Index(['subscriptionId', 'fingerprint'], { unique: true })
@Index(['status', 'nextAttemptAt'])
export class WebhookDelivery extends BaseRecord {
  static readonly typename = 'WebhookDelivery';

  @Column({ type: 'int' })
  subscriptionId!: number;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriptionId' })
  subscription?: WebhookSubscription;

  /** the subscription's organisation */
  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => NotificationKind)
  @Column({ type: 'varchar', length: 40 })
  kind!: NotificationKind;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Field({ description: 'The JSON body POSTed, exactly as signed.' })
  @Column({ type: 'text' })
  payload!: string;

  @Field(() => WebhookDeliveryStatus)
  @Column({ type: 'varchar', length: 10 })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made, redeliveries included.' })
  @Column({ type: 'int' })
  attemptCount!: number;

  /** attempts since it was last queued (recorded or redelivered): retries stop at WEBHOOK_MAX_ATTEMPTS */
  @Column({ type: 'int' })
  roundAttempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while PENDING.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt, when the receiver answered.' })
  @Column({ type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt!: Date | null;
}

/** One POST of a delivery, whatever came of it. */
@ObjectType('WebhookDeliveryAttempt', { implements: BaseRecord })
@Entity('webhook_delivery_attempt')
@Index(['deliveryId', 'attempt'], { unique: true })
export class WebhookDeliveryAttempt extends BaseRecord {
  static readonly typename = 'WebhookDeliveryAttempt';

  @Column({ type: 'int' })
  deliveryId!: number;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deliveryId' })
  delivery?: WebhookDelivery;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => Int, { description: '1 for the first attempt, counting on through redeliveries.' })
  @Column({ type: 'int' })
  attempt!: number;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  attemptedAt!: Date;

  @Field()
  @Column({ type: 'boolean' })
  succeeded!: boolean;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when it never answered." })
  @Column({ type: 'int', nullable: true })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  error!: string | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  durationMs!: number;
}
