import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../graphql-types/connection';
import { FeedRun, FeedRunStatus } from '../feed-records/feed-run.entity';
import { FeedKind } from '../feed-records/records';
import { FeedRejection } from './feed-rejection.entity';

/** What the feed-run API answers with (feeds.resolver.ts): pages of runs and rejected rows, feed health. */

export const FeedRunConnection = ConnectionType(FeedRun, 'FeedRun');

export const FeedRejectionConnection = ConnectionType(FeedRejection, 'FeedRejection');

@ObjectType('FeedHealth', { description: "Whether one supplier's feed of one kind is arriving." })
export class FeedHealth {
  supplierId!: number;

  @Field(() => FeedKind)
  kind!: FeedKind;

  @Field(() => Date, { nullable: true })
  lastRunAt!: Date | null;

  @Field(() => FeedRunStatus, { nullable: true })
  lastRunStatus!: FeedRunStatus | null;

  @Field(() => Date, { nullable: true, description: 'The last run that brought rows in; null if none ever has.' })
  lastGoodRunAt!: Date | null;

  @Field({ description: 'No good run within the lateness threshold: treat as an incident with the supplier.' })
  late!: boolean;
}
