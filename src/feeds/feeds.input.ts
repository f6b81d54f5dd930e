import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { FeedRunStatus } from '../feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../feed-records/records';

@InputType()
export class IngestFeedInput {
  @Field(() => ID, { description: 'The supplier the document comes from (a SUPPLIER_FEED caller may only name its own).' })
  supplierId!: string;

  @Field(() => FeedKind)
  kind!: FeedKind;

  @Field(() => FeedFormat)
  format!: FeedFormat;

  @Field({ description: 'The document itself (CSV text or JSON). Large files: POST them to /feeds/{kind} instead.' })
  document!: string;

  @Field(() => String, { nullable: true, description: "The file name, for the run's record." })
  @Clearable()
  @IsOptional()
  @MaxLength(500)
  fileName?: string | null;
}

@InputType()
export class FeedRunFilterInput {
  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => FeedKind, { nullable: true })
  kind?: FeedKind;

  @Field(() => [FeedRunStatus], { nullable: true })
  @ArrayMaxSize(5)
  status?: FeedRunStatus[];
}
