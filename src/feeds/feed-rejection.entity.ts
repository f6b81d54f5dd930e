import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { FeedRun } from '../feed-records/feed-run.entity';

/** A row a feed run could not use: where it was, what it said, and why it was refused. */
@ObjectType('FeedRejection', { implements: BaseRecord })
@Entity('feed_rejection')
@Index(['feedRunId'])
export class FeedRejection extends BaseRecord {
  static readonly typename = 'FeedRejection';

  @Column({ type: 'int' })
  feedRunId!: number;

  @ManyToOne(() => FeedRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feedRunId' })
  feedRun?: FeedRun;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field({ description: '"line 12" in a CSV, a JSON path such as "$.troubleTicket[3]" in JSON.' })
  @Column({ type: 'varchar', length: 100 })
  location!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  field!: string | null;

  @Field()
  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Field({ description: 'The row as it stood in the document.' })
  @Column({ type: 'text' })
  raw!: string;
}
