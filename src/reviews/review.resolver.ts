import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_SERVICE_DESK, READ_INVENTORY } from '../auth/roles';
import { Contact } from '../contacts/contact.entity';
import { Contract } from '../contracts/contract.entity';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { ReviewAction, ReviewEvidence, ServiceReview } from './review.entity';
import { AddReviewActionInput, RecordReviewInput, SetReviewActionStatusInput } from './review.input';
import { daysOverdue, ReviewService } from './review.service';
import { ReviewInvoiceSnapshot, ReviewSlaSnapshot } from './review.types';

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
  constructor(private readonly reviewService: ReviewService) {}

  @FieldResolver(() => ReviewSlaSnapshot, { nullable: true, description: 'The SLA report, for SLA_REPORT items.' })
  slaReport(@Root() item: ReviewEvidence): ReviewSlaSnapshot | null {
    return this.reviewService.slaReportOf(item);
  }

  @FieldResolver(() => ReviewInvoiceSnapshot, {
    nullable: true,
    description: 'The invoice and its reconciliation, for INVOICE_RECONCILIATION items.',
  })
  invoice(@Root() item: ReviewEvidence): ReviewInvoiceSnapshot | null {
    return this.reviewService.invoiceOf(item);
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
