import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PERIOD_PATTERN } from '../../common/calendar';
import { CreditEntryState } from './credit-ledger.entity';

@InputType()
export class CreditLedgerFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() contractId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() supplierId?: string;
  @Field({ nullable: true, description: 'First month, "YYYY-MM".' }) @IsOptional() from?: string;
  @Field({ nullable: true, description: 'Last month, "YYYY-MM".' }) @IsOptional() to?: string;
  @Field(() => [CreditEntryState], { nullable: true }) @IsOptional() @ArrayMaxSize(10) state?: CreditEntryState[];
}

@InputType()
export class WaiveCreditsInput {
  @Field(() => [ID]) @ArrayMaxSize(1000) entryIds!: string[];
  @Field({ description: 'Why the organisation gives these credits up: kept on each entry and in the audit trail.' })
  @Length(1, 1000)
  reason!: string;
}

@InputType()
export class ReviseSlaMonthInput {
  @Field(() => ID) contractId!: string;
  @Field({ description: '"YYYY-MM"' }) @Matches(PERIOD_PATTERN, { message: 'period: a month, "YYYY-MM"' }) period!: string;
}
