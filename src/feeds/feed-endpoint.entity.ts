import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { FeedFormat, FeedKind } from '../feed-records/records';

export enum PullOutcome {
  /** a document was fetched and ingested (see lastRunId) */
  INGESTED = 'INGESTED',
  /** the supplier said nothing had changed (HTTP 304) */
  NOT_MODIFIED = 'NOT_MODIFIED',
  /** the fetch failed; see lastError */
  ERROR = 'ERROR',
}
registerEnumType(PullOutcome, { name: 'PullOutcome' });

/**
 * Where to fetch one kind of feed from a supplier, and how often. The Authorization header
 * a pull sends is the endpoint's own credential, kept sealed (pull-credential.ts) and never
 * shown: the API answers only whether there is one and when it was set.
 */
@ObjectType('FeedEndpoint', { implements: BaseRecord })
@Entity('feed_endpoint')
@Index(['organisationId', 'supplierId', 'kind'], { unique: true })
@Index(['enabled', 'lastPulledAt'])
export class FeedEndpoint extends BaseRecord {
  static readonly typename = 'FeedEndpoint';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Field(() => FeedKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: FeedKind;

  @Field(() => FeedFormat)
  @Column({ type: 'varchar', length: 10 })
  format!: FeedFormat;

  @Field()
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** AES-256-GCM of the Authorization header value under WEBHOOK_SECRET_KEY: iv, tag and ciphertext, base64url */
  @Column({ type: 'text', nullable: true })
  credentialCiphertext!: string | null;

  /** which server key sealed it (a digest of the key), to say so plainly when the key has changed */
  @Column({ type: 'varchar', length: 16, nullable: true })
  credentialKeyId!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the credential was last given; null while there is none.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  credentialSetAt!: Date | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  intervalMinutes!: number;

  @Field()
  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastPulledAt!: Date | null;

  @Field(() => PullOutcome, { nullable: true })
  @Column({ type: 'varchar', length: 15, nullable: true })
  lastOutcome!: PullOutcome | null;

  @Field(() => String, {
    nullable: true,
    description: "Why the last pull failed, in the server's words: one line of at most 500 characters; never the supplier's own text.",
  })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @Column({ type: 'int', nullable: true })
  lastRunId!: number | null;

  /** the supplier's ETag for the last document, sent back as If-None-Match */
  @Column({ type: 'varchar', length: 200, nullable: true })
  etag!: string | null;
}
