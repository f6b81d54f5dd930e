import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { idOf } from '../common/global-id';
import type { RequestContext } from '../request/context';
import { Supplier } from '../suppliers/supplier.entity';
import { ScorecardWeights } from './scorecard-weights.entity';
import { ScorecardService } from './scorecard.service';
import { ScorecardWeightsInput, SupplierScorecardType } from './scorecard.types';

@Resolver()
export class ScorecardResolver {
  constructor(private readonly scorecards: ScorecardService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => SupplierScorecardType, {
    description: "A supplier's month across the viewer's contracts with it: weighted KPIs, a 0–100 score and the last 12 months.",
  })
  supplierScorecard(
    @Ctx() ctx: RequestContext,
    @Arg('supplierId', () => ID) supplierId: string,
    @Arg('period', { description: '"YYYY-MM"' }) period: string,
  ) {
    return this.scorecards.scorecardView(ctx, idOf(supplierId, Supplier.typename, 'supplierId'), period);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ScorecardWeights, {
    description: "How the viewer's organisation weighs its suppliers' KPIs (relative weights, 0–100 each).",
  })
  setScorecardWeights(@Ctx() ctx: RequestContext, @Arg('input') input: ScorecardWeightsInput) {
    return this.scorecards.setWeights(ctx, input);
  }
}
