import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { READ_INVENTORY } from '../auth/roles';
import { FeedRun } from '../feeds/feed-run.entity';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Supplier } from '../suppliers/supplier.entity';
import { InventoryComparison, InventoryDifference, InventoryDifferenceKind } from './inventory-comparison.entity';
import { InventoryComparisonService } from './inventory-comparison.service';

export const InventoryComparisonConnection = ConnectionType(InventoryComparison, 'InventoryComparison');

@Resolver(() => InventoryComparison)
export class InventoryComparisonResolver {
  constructor(private readonly comparisons: InventoryComparisonService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => InventoryComparisonConnection, { description: "Suppliers' inventories set against ours, newest first." })
  inventoryComparisons(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('supplierId', () => ID, { nullable: true }) supplierId?: string,
  ) {
    return this.comparisons.list(ctx, page, optionalIdOf(supplierId, Supplier.typename, 'supplierId'));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => InventoryComparison)
  inventoryComparison(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.comparisons.get(ctx, idOf(id, InventoryComparison.typename));
  }

  @FieldResolver(() => [InventoryDifference])
  async differences(
    @Root() comparison: InventoryComparison,
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => InventoryDifferenceKind, { nullable: true }) kind?: InventoryDifferenceKind,
  ) {
    return ctx.loaders.manyBy(InventoryDifference, 'comparisonId', kind ? { kind } : {}).load(comparison.id);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() comparison: InventoryComparison, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(comparison.supplierId);
  }

  @FieldResolver(() => FeedRun)
  feedRun(@Root() comparison: InventoryComparison, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(FeedRun).load(comparison.feedRunId);
  }
}
