import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_SERVICE_DESK, READ_INVENTORY } from '../auth/roles';
import { parseMoney, type Pence } from '../common/money';
import { Contact } from '../contacts/contact.entity';
import { Contract } from '../contracts/contract.entity';
import type { RequestContext } from '../request/context';
import { Clearable } from '../graphql-types/clearable';
import { idOf, optionalIdOf } from '../common/global-id';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import type { EvidenceDocument } from './review-evidence';
import { ReviewAction, ReviewActionStatus, ReviewEvidence, ServiceReview } from './review.entity';
import { daysOverdue, ReviewService } from './review.service';

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

@Resolver(() => ServiceReview)
export class ServiceReviewResolver {
  constructor(private readonly reviewService: ReviewService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => [ServiceReview], { description: "A contract's service management reviews, latest first." })
  reviews(@Ctx() ctx: RequestContext, @Arg('contractId', () => ID) contractId: string) {
    return this.reviewService.forContract(ctx, idOf(contractId, Contract.typename, 'contractId'));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => ServiceReview)
  review(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.reviewService.get(ctx, idOf(id, ServiceReview.typename));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [ReviewAction], { description: 'Open review actions past their due date, most overdue first.' })
  overdueReviewActions(@Ctx() ctx: RequestContext) {
    return this.reviewService.overdueActions(ctx);
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => ServiceReview, {
    description:
      "Records a review meeting and freezes the figures it looked at: each month's SLA report and the reconciliation of the contract's " +
      'invoices for the period.',
  })
  recordReview(@Ctx() ctx: RequestContext, @Arg('input') input: RecordReviewInput) {
    return this.reviewService.record(ctx, {
      contractId: idOf(input.contractId, Contract.typename, 'input.contractId'),
      heldOn: input.heldOn,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      attendees: input.attendees,
      notes: input.notes,
      actions: (input.actions ?? []).map((action, i) => ({
        description: action.description,
        ownerContactId: optionalIdOf(action.ownerContactId, Contact.typename, `input.actions.${i}.ownerContactId`),
        ownerUser: action.ownerUser,
        dueDate: action.dueDate,
      })),
    });
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => ReviewAction, { description: 'Adds an action to a review.' })
  addReviewAction(@Ctx() ctx: RequestContext, @Arg('input') input: AddReviewActionInput) {
    return this.reviewService.addAction(ctx, idOf(input.reviewId, ServiceReview.typename, 'input.reviewId'), {
      description: input.description,
      ownerContactId: optionalIdOf(input.ownerContactId, Contact.typename, 'input.ownerContactId'),
      ownerUser: input.ownerUser,
      dueDate: input.dueDate,
    });
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => ReviewAction, { description: 'Marks an open action DONE or CANCELLED (with why).' })
  setReviewActionStatus(@Ctx() ctx: RequestContext, @Arg('input') input: SetReviewActionStatusInput) {
    return this.reviewService.setActionStatus(ctx, idOf(input.id, ReviewAction.typename, 'input.id'), input.status, input.note);
  }

  @FieldResolver(() => Contract)
  contract(@Root() review: ServiceReview, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contract).load(review.contractId);
  }

  @FieldResolver(() => [ReviewEvidence], { description: 'The figures looked at, as captured: SLA reports by month, then invoices.' })
  evidence(@Root() review: ServiceReview, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ReviewEvidence, 'reviewId', {}, { position: 'ASC' }).load(review.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'Every evidence item still matches its recorded SHA-256, and evidenceSha256 covers them all.',
  })
  evidenceIntact(@Root() review: ServiceReview, @Ctx() ctx: RequestContext) {
    return this.reviewService.evidenceIntact(ctx, review);
  }

  @FieldResolver(() => [ReviewAction])
  actions(@Root() review: ServiceReview, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ReviewAction, 'reviewId').load(review.id);
  }
}

@Resolver(() => ReviewEvidence)
export class ReviewEvidenceResolver {
  @FieldResolver(() => ReviewSlaSnapshot, { nullable: true, description: 'The SLA report, for SLA_REPORT items.' })
  slaReport(@Root() item: ReviewEvidence): ReviewSlaSnapshot | null {
    const document = JSON.parse(item.document) as EvidenceDocument;
    if (document.kind !== 'SLA_REPORT') return null;
    return Object.assign(new ReviewSlaSnapshot(), {
      period: document.period,
      generatedAt: new Date(document.generatedAt),
      met: document.totals.met,
      breached: document.totals.breached,
      insufficientData: document.totals.insufficientData,
      notApplicable: document.totals.notApplicable,
      creditsOwed: parseMoney(document.totals.creditsOwed),
      terms: document.terms.map((term) => ({ ...term })),
      credits: document.credits.map((credit) => ({ ...credit, amount: parseMoney(credit.amount) })),
      monthSnapshotRevision: document.monthSnapshot?.revision ?? null,
      monthSnapshotSha256: document.monthSnapshot?.sha256 ?? null,
    });
  }

  @FieldResolver(() => ReviewInvoiceSnapshot, {
    nullable: true,
    description: 'The invoice and its reconciliation, for INVOICE_RECONCILIATION items.',
  })
  invoice(@Root() item: ReviewEvidence): ReviewInvoiceSnapshot | null {
    const document = JSON.parse(item.document) as EvidenceDocument;
    if (document.kind !== 'INVOICE_RECONCILIATION') return null;
    const reconciliation = document.reconciliation;
    return Object.assign(new ReviewInvoiceSnapshot(), {
      invoiceNumber: document.invoiceNumber,
      invoiceDate: document.invoiceDate,
      periodStart: document.periodStart,
      periodEnd: document.periodEnd,
      status: document.status,
      grossTotal: parseMoney(document.grossTotal),
      reconciled: reconciliation !== null,
      agreedAmount: reconciliation ? parseMoney(reconciliation.agreedAmount) : null,
      differenceTotal: reconciliation ? parseMoney(reconciliation.differenceTotal) : null,
      findingCount: reconciliation?.findingCount ?? null,
      findings: (reconciliation?.findings ?? []).map((finding) => ({ ...finding, difference: parseMoney(finding.difference) })),
    });
  }
}

@Resolver(() => ReviewAction)
export class ReviewActionResolver {
  @FieldResolver(() => ServiceReview)
  review(@Root() action: ReviewAction, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(ServiceReview).load(action.reviewId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The owner, when a contact.' })
  ownerContact(@Root() action: ReviewAction, @Ctx() ctx: RequestContext) {
    return action.ownerContactId === null ? null : ctx.loaders.byId(Contact).load(action.ownerContactId);
  }

  @FieldResolver(() => Int, { description: 'Days past the due date while open (0 otherwise).' })
  daysOverdue(@Root() action: ReviewAction) {
    return daysOverdue(action);
  }
}
