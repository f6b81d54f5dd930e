import { findVisible, withinScope } from '../auth/tenancy';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { InventoryComparison } from './inventory-comparison.entity';

/** The suppliers' inventories set against ours (written by InventoryComparer as feeds arrive), as the viewer may read them. */
export class InventoryComparisonService {
  /** A page of the viewer's comparisons, newest first; of one supplier when given. */
  list(ctx: RequestContext, page: PageArgs, supplierId?: number): Promise<Connection<InventoryComparison>> {
    const query = withinScope(ctx, ctx.repository(InventoryComparison).createQueryBuilder('comparison'));
    if (supplierId !== undefined) query.andWhere('comparison.supplierId = :supplier', { supplier: supplierId });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  get(ctx: RequestContext, id: number): Promise<InventoryComparison> {
    return findVisible(ctx, InventoryComparison, id, InventoryComparison.typename);
  }
}
