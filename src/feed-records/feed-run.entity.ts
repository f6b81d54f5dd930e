import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { FeedFormat, FeedKind } from './records';

registerEnumType(FeedKind, { name: 'FeedKind' });
registerEnumType(FeedFormat, { name: 'FeedFormat' });

export enum FeedSource {
  GRAPHQL = 'GRAPHQL',
  HTTP = 'HTTP',
  CLI = 'CLI',
  PULL = 'PULL',
}
registerEnumType(FeedSource, { name: 'FeedSource', description: 'Which entry point a feed arrived through.' });

export enum FeedRunStatus {
  RUNNING = 'RUNNING',
  /** every row stored or already held */
  SUCCEEDED = 'SUCCEEDED',
  /** some rows stored, some rejected (each kept with its reason) */
  PARTIAL = 'PARTIAL',
  /** no row could be used */
  REJECTED = 'REJECTED',
  /** the document could not be read, or the run was interrupted; re-run it */
  FAILED = 'FAILED',
}
registerEnumType(FeedRunStatus, { name: 'FeedRunStatus' });

/** One ingestion of one supplier document: what came in, from where, and what became of each row. */
@ObjectType('FeedRun', { implements: BaseRecord })
@Entity('feed_run')
@Index(['organisationId', 'supplierId', 'kind', 'status', 'finishedAt'])
@Index(['supplierId', 'kind', 'checksum'])
@Index(['status', 'updatedAt'])
export class FeedRun extends BaseRecord {
  static readonly typename = 'FeedRun';

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

  @Field(() => FeedSource)
  @Column({ type: 'varchar', length: 10 })
  source!: FeedSource;

  @Field(() => String, { nullable: true, description: 'File name or URL the document came from.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  sourceName!: string | null;

  @Field({ description: 'SHA-256 of the document as received.' })
  @Column({ type: 'varchar', length: 64 })
  checksum!: string;

  @Field(() => FeedRunStatus)
  @Column({ type: 'varchar', length: 10 })
  status!: FeedRunStatus;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;

  @Field(() => Int, { description: 'Rows (or invoices, or tickets) read from the document.' })
  @Column({ type: 'int', default: 0 })
  rowsRead!: number;

  @Field(() => Int, { description: 'Rows stored because they were new or changed something.' })
  @Column({ type: 'int', default: 0 })
  rowsAccepted!: number;

  @Field(() => Int, { description: 'Rows refused; each is kept with its reason (rejectedRows).' })
  @Column({ type: 'int', default: 0 })
  rowsRejected!: number;

  @Field(() => Int, { description: 'Rows identical to what was already held: nothing to change.' })
  @Column({ type: 'int', default: 0 })
  rowsUnchanged!: number;

  @Field(() => String, { nullable: true, description: 'Why the run failed, when it did.' })
  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;

  @Field({ description: 'Subject of the user, key or schedule that sent the document.' })
  @Column({ type: 'varchar', length: 200 })
  triggeredBy!: string;

  /** an earlier run of the same supplier and kind with the same checksum */
  @Column({ type: 'int', nullable: true })
  duplicateOfRunId!: number | null;

  /**
   * the process running it (db/instance.ts): a RUNNING run whose owner is gone is FAILED at
   * once. Null for runs begun outside a claimed instance (and before owners were recorded).
   * Not in the API: it names hosts and processes.
   */
  @Column({ type: 'varchar', length: 100, nullable: true })
  ownerInstance!: string | null;
}
