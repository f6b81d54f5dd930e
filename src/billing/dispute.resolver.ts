import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../common/errors';
import { READ_INVENTORY, RECONCILE_INVOICES } from '../auth/roles';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Supplier } from '../suppliers/supplier.entity';
import { Dispute, DisputeCredit, DisputeState, DisputeTransition } from './dispute.entity';
import { MoveDisputeInput, RaiseDisputeInput } from './dispute.input';
import { DisputeConnection, DisputeEvidencePackType } from './dispute.types';
import { InvoiceLine } from './invoice-line.entity';
import { DisputeService } from './dispute.service';
import { Invoice } from './invoice.entity';
import { ReconciliationFinding } from './reconciliation.entity';
import { ErrorReason } from '../common/error-reasons';

@Resolver(() => Dispute)
export class DisputeResolver {
  constructor(private readonly disputeService: DisputeService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => DisputeConnection, { description: 'Disputes with suppliers, newest first.' })
  disputes(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('state', () => [DisputeState], { nullable: true }) state?: DisputeState[],
    @Arg('supplierId', () => ID, { nullable: true }) supplierId?: string,
  ) {
    return this.disputeService.list(ctx, { state, supplierId: optionalIdOf(supplierId, Supplier.typename, 'supplierId') }, page);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Dispute)
  dispute(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.disputeService.get(ctx, idOf(id, Dispute.typename));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => DisputeConnection, { description: 'Draft disputes whose deadline is within withinDays days (or past), soonest first.' })
  disputesNearingDeadline(
    @Ctx() ctx: RequestContext,
    @Arg('withinDays', () => Int, { defaultValue: 14 }) withinDays: number,
    @Args() page: PageArgs,
  ) {
    return this.disputeService.nearingDeadlinePage(ctx, withinDays, page);
  }

  @Authorized(RECONCILE_INVOICES)
  @Mutation(() => Dispute, { description: 'Raises a dispute (DRAFT) from findings of one invoice.' })
  raiseDispute(@Ctx() ctx: RequestContext, @Arg('input') input: RaiseDisputeInput) {
    return this.disputeService.raise(
      ctx,
      input.findingIds.map((id, i) => idOf(id, ReconciliationFinding.typename, `input.findingIds.${i}`)),
      input.evidence,
      input.disputedAmount,
    );
  }

  @Authorized(RECONCILE_INVOICES)
  @Mutation(() => Dispute, {
    description: 'Moves a dispute on (SUBMITTED, ACKNOWLEDGED, UPHELD, REJECTED, WITHDRAWN, CREDITED), recording who and why.',
  })
  moveDispute(@Ctx() ctx: RequestContext, @Arg('input') input: MoveDisputeInput) {
    return this.disputeService.move(ctx, idOf(input.id, Dispute.typename, 'input.id'), input.state, input.reason);
  }

  @FieldResolver(() => [ReconciliationFinding])
  findings(@Root() dispute: Dispute, @Ctx() ctx: RequestContext) {
    return this.disputeService.findingsOf(ctx, dispute.id);
  }

  @FieldResolver(() => [DisputeTransition], { description: 'Every move, oldest first, with credits matched.' })
  history(@Root() dispute: Dispute, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(DisputeTransition, 'disputeId').load(dispute.id);
  }

  @FieldResolver(() => [DisputeCredit], { description: 'The credit lines on later invoices matched to this dispute.' })
  credits(@Root() dispute: Dispute, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(DisputeCredit, 'disputeId').load(dispute.id);
  }

  @FieldResolver(() => Invoice)
  invoice(@Root() dispute: Dispute, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Invoice).load(dispute.invoiceId);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() dispute: Dispute, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(dispute.supplierId);
  }

  @FieldResolver(() => DisputeEvidencePackType, {
    description:
      'The evidence pack for an auditor (also GET /disputes/{id}/evidence.json and .csv). One dispute at a time: asked for ' +
      'within a list, it is BAD_USER_INPUT (ONE_DISPUTE_AT_A_TIME).',
  })
  evidencePack(@Root() dispute: Dispute, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // a pack holds whole SLA months (megabytes for a national contract): a page of them is one answer too large to build
    for (let at = info.path.prev; at; at = at.prev) {
      if (typeof at.key === 'number')
        throw badInput(
          'evidencePack',
          "evidencePack: ask for one dispute's pack at a time (dispute(id:) or node(id:))",
          ErrorReason.ONE_DISPUTE_AT_A_TIME,
        );
    }
    return this.disputeService.evidencePack(ctx, dispute.id);
  }
}

@Resolver(() => DisputeCredit)
export class DisputeCreditResolver {
  @FieldResolver(() => InvoiceLine, { description: 'The credit line, on its invoice.' })
  line(@Root() credit: DisputeCredit, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(InvoiceLine).load(credit.invoiceLineId);
  }
}
