import { badInput, conflict, notFound } from '../common/errors';
import { optionalText, requiredText } from '../common/text';
import { saveUnique } from '../db/errors';
import { applySearch, paginate, type Connection, type PageArgs } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { Supplier, SupplierKind } from './supplier.entity';
import type { CreateSupplierInput, SupplierFilter, UpdateSupplierInput } from './supplier.input';

/**
 * The national supplier catalogue. Every organisation reads it; it is maintained by
 * ADMIN users, since it is shared reference data rather than a tenant's own record.
 */
export class SupplierService {
  list(ctx: RequestContext, filter: SupplierFilter, page: PageArgs): Promise<Connection<Supplier>> {
    const query = ctx.repository(Supplier).createQueryBuilder('supplier');
    if (filter.kind) query.andWhere('supplier.kind = :kind', { kind: filter.kind });
    if (filter.complianceStatus) query.andWhere('supplier.complianceStatus = :status', { status: filter.complianceStatus });
    applySearch(query, ['supplier.name', 'supplier.cnspId'], filter.search);
    return paginate(query, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { column: 'supplier.name', valueOf: (row) => row.name },
    });
  }

  async get(ctx: RequestContext, id: number): Promise<Supplier> {
    const supplier = await ctx.loaders.byId(Supplier).load(id);
    if (!supplier) throw notFound('Supplier');
    return supplier;
  }

  async create(ctx: RequestContext, input: CreateSupplierInput): Promise<Supplier> {
    const supplier = ctx.repository(Supplier).create({
      name: requiredText(input.name, 'input.name'),
      kind: input.kind,
      cnspId: input.cnspId ?? null,
      complianceStatus: input.complianceStatus,
      complianceDate: input.complianceDate ?? null,
      notes: optionalText(input.notes) ?? null,
    });
    assertCnspId(supplier);
    return this.save(ctx, supplier);
  }

  async update(ctx: RequestContext, id: number, input: Omit<UpdateSupplierInput, 'id'>): Promise<Supplier> {
    const supplier = await this.get(ctx, id);
    if (input.name !== undefined) supplier.name = requiredText(input.name, 'input.name');
    if (input.cnspId !== undefined) supplier.cnspId = input.cnspId;
    if (input.complianceStatus) supplier.complianceStatus = input.complianceStatus;
    if (input.complianceDate !== undefined) supplier.complianceDate = input.complianceDate;
    if (input.notes !== undefined) supplier.notes = optionalText(input.notes) ?? null;
    assertCnspId(supplier);
    return this.save(ctx, supplier);
  }

  private save(ctx: RequestContext, supplier: Supplier): Promise<Supplier> {
    return saveUnique(ctx.repository(Supplier), supplier, () =>
      conflict('A supplier with this name or CN-SP ID already exists', { reason: 'DUPLICATE_SUPPLIER' }),
    );
  }
}

function assertCnspId(supplier: Supplier): void {
  if (supplier.kind === SupplierKind.CN_SP && !supplier.cnspId) {
    throw badInput('input.cnspId', 'input.cnspId: a CN-SP needs its 8-character CN-SP ID', 'CNSP_ID_REQUIRED');
  }
}
