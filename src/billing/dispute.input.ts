import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { Pence } from '../common/money';
import { MoneyScalar } from '../graphql-types/scalars';
import { DisputeState } from './dispute.entity';

@InputType()
export class RaiseDisputeInput {
  @Field(() => [ID]) @ArrayMaxSize(500) findingIds!: string[];
  @Field() @Length(1, 10_000) evidence!: string;
  @Field(() => MoneyScalar, { nullable: true, description: "Gross; defaults to the findings' total difference." })
  @IsOptional()
  disputedAmount?: Pence;
}

@InputType()
export class MoveDisputeInput {
  @Field(() => ID) id!: string;
  @Field(() => DisputeState) state!: DisputeState;
  @Field() @Length(1, 1000) reason!: string;
}
