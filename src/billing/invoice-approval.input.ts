import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { Pence } from '../common/money';
import { Clearable } from '../graphql-types/clearable';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';

@InputType()
export class ApproveInvoiceInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @Length(1, 1000) note?: string | null;
  @Field({ defaultValue: false, description: 'Pay overcharge findings nobody disputed, having read them.' })
  acceptUndisputedFindings!: boolean;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateScalar) paidOn!: string;
  @Field(() => MoneyScalar, { description: 'Gross; must be the approved amount.' }) amount!: Pence;
  @Field({ description: "The accounts-payable system's payment reference." }) @Length(1, 64) reference!: string;
}

@InputType()
export class BillingPolicyInput {
  @Field(() => MoneyScalar, { description: 'An approval of more than this (gross) needs a second approver.' }) secondApprovalAbove!: Pence;
  @Field(() => String, { nullable: true, description: 'Left out, the cost centre stays as it is.' })
  @Clearable()
  @IsOptional()
  @Length(1, 40)
  costCentre?: string | null;
}
