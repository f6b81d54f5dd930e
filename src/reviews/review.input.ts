import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { LocalDateScalar } from '../graphql-types/scalars';
import { ReviewActionStatus } from './review.entity';

@InputType()
export class ReviewActionInput {
  @Field() @Length(1, 2000) description!: string;
  @Field(() => ID, { nullable: true, description: "The owner as a Contact (e.g. the supplier's service manager)…" })
  @Clearable()
  ownerContactId?: string | null;
  @Field(() => String, { nullable: true, description: '…or as one of our users (their subject or name). Exactly one of the two.' })
  @Clearable()
  @IsOptional()
  @Length(1, 200)
  ownerUser?: string | null;
  @Field(() => LocalDateScalar) dueDate!: string;
}

@InputType()
export class RecordReviewInput {
  @Field(() => ID) contractId!: string;
  @Field(() => LocalDateScalar, { description: 'The day it was held.' }) heldOn!: string;
  @Field({ description: 'First month reviewed, "YYYY-MM".' }) periodFrom!: string;
  @Field({ description: 'Last month reviewed, "YYYY-MM" (at most 12 months).' }) periodTo!: string;
  @Field(() => [String]) @ArrayMaxSize(50) attendees!: string[];
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @Length(0, 20_000) notes?: string | null;
  @Field(() => [ReviewActionInput], { nullable: true }) @IsOptional() @ArrayMaxSize(100) actions?: ReviewActionInput[];
}

@InputType()
export class AddReviewActionInput extends ReviewActionInput {
  @Field(() => ID) reviewId!: string;
}

@InputType()
export class SetReviewActionStatusInput {
  @Field(() => ID) id!: string;
  @Field(() => ReviewActionStatus, { description: 'DONE or CANCELLED (an OPEN action only).' }) status!: ReviewActionStatus;
  @Field(() => String, { nullable: true, description: 'Required to cancel.' }) @Clearable() @IsOptional() @Length(0, 1000) note?:
    string | null;
}
