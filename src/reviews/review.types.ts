import { Field, Int, ObjectType } from 'type-graphql';
import type { Pence } from '../common/money';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';

/** What a review's evidence shows (review.resolver.ts): the SLA reports and invoice reconciliations as they stood when the review was recorded. */

@ObjectType({ description: 'One SLA term as the review saw it.' })
export class ReviewSlaTermSnapshot {
  @Field() kind!: string;
  @Field(() => Int, { nullable: true }) severity!: number | null;
  @Field(() => String, { nullable: true, description: 'Service reference.' }) service!: string | null;
  @Field() target!: string;
  @Field(() => String, { nullable: true }) achieved!: string | null;
  @Field() status!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
export class ReviewCreditSnapshot {
  @Field(() => String, { nullable: true }) kind!: string | null;
  @Field(() => String, { nullable: true }) service!: string | null;
  @Field(() => MoneyScalar) amount!: Pence;
  @Field() reason!: string;
}

@ObjectType({ description: "A month's SLA report as it stood when the review was recorded." })
export class ReviewSlaSnapshot {
  @Field() period!: string;
  @Field(() => Date) generatedAt!: Date;
  @Field(() => Int) met!: number;
  @Field(() => Int) breached!: number;
  @Field(() => Int) insufficientData!: number;
  @Field(() => Int) notApplicable!: number;
  @Field(() => MoneyScalar) creditsOwed!: Pence;
  @Field(() => [ReviewSlaTermSnapshot]) terms!: ReviewSlaTermSnapshot[];
  @Field(() => [ReviewCreditSnapshot]) credits!: ReviewCreditSnapshot[];
  @Field(() => Int, {
    nullable: true,
    description:
      "The closed month's frozen snapshot the review cites (slaMonthSnapshot): its revision. Null when the month was still open.",
  })
  monthSnapshotRevision!: number | null;
  @Field(() => String, { nullable: true, description: "That snapshot's SHA-256, as disputes cite it." }) monthSnapshotSha256!:
    string | null;
}

@ObjectType()
export class ReviewFindingSnapshot {
  @Field() type!: string;
  @Field(() => String, { nullable: true }) service!: string | null;
  @Field(() => MoneyScalar) difference!: Pence;
  @Field() disputable!: boolean;
  @Field() explanation!: string;
}

@ObjectType({ description: 'An invoice and its reconciliation as they stood when the review was recorded.' })
export class ReviewInvoiceSnapshot {
  @Field() invoiceNumber!: string;
  @Field(() => LocalDateScalar) invoiceDate!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field() status!: string;
  @Field(() => MoneyScalar) grossTotal!: Pence;
  @Field({ description: 'Whether it had been reconciled by then.' }) reconciled!: boolean;
  @Field(() => MoneyScalar, { nullable: true }) agreedAmount!: Pence | null;
  @Field(() => MoneyScalar, { nullable: true }) differenceTotal!: Pence | null;
  @Field(() => Int, { nullable: true }) findingCount!: number | null;
  @Field(() => [ReviewFindingSnapshot]) findings!: ReviewFindingSnapshot[];
}
