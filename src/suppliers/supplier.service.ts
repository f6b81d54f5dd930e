import type { EntityManager } from 'typeorm';
import type { SupplierDirectory } from '../auth/directories';
import { MANAGE_SUPPLIERS } from '../auth/roles';
import { hasAnyRole } from '../request/viewer';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { CNSP_ID, optionalText, requiredText } from '../common/text';
import { saveUnique, violatedUniqueKey } from '../db/errors';
import { applySearch, paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { Supplier, SupplierKind } from './supplier.entity';
import { canonicalCnspId } from './supplier-identity';
import type { CreateSupplierInput, SupplierFilter, UpdateSupplierInput } from './supplier.input';
import { ErrorReason } from '../common/error-reasons';

/**
 * The national supplier catalogue. Every organisation reads it; only NHS England's catalogue
 * operator (CATALOGUE_ADMIN, honoured at the national organisation alone) changes it, since a
 * change reaches every organisation: a CN-SP ID decides which supplier a feed token speaks for.
 * Each change is audited in the trail of every organisation that deals with the supplier
 * (Supplier.auditAudience). Auth reads suppliers through it (SupplierDirectory).
 */
export class SupplierService implements SupplierDirectory {
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

  /** the supplier holding this CN-SP ID now, or null: the one a SUPPLIER_FEED token naming it speaks for */
  holderOfCnspId(manager: EntityManager, cnspId: string): Promise<Supplier | null> {
    return manager.getRepository(Supplier).findOneBy({ cnspId });
  }

  async create(ctx: RequestContext, input: CreateSupplierInput): Promise<Supplier> {
    assertCatalogueOperator(ctx);
    const cnspId = cnspIdOf(input.cnspId);
    const supplier = ctx.repository(Supplier).create({
      name: requiredText(input.name, 'input.name'),
      kind: input.kind,
      cnspId,
      cnspIdAssignedAt: cnspId ? new Date() : null,
      complianceStatus: input.complianceStatus,
      complianceDate: input.complianceDate ?? null,
      notes: optionalText(input.notes) ?? null,
    });
    assertCnspId(supplier);
    return this.save(ctx, supplier);
  }

  async update(ctx: RequestContext, id: number, input: Omit<UpdateSupplierInput, 'id'>): Promise<Supplier> {
    assertCatalogueOperator(ctx);
    const supplier = await this.get(ctx, id);
    if (input.name !== undefined) supplier.name = requiredText(input.name, 'input.name');
    if (input.cnspId !== undefined) {
      const cnspId = cnspIdOf(input.cnspId);
      if (cnspId !== supplier.cnspId) {
        supplier.cnspId = cnspId;
        supplier.cnspIdAssignedAt = cnspId ? new Date() : null;
      }
    }
    if (input.complianceStatus) supplier.complianceStatus = input.complianceStatus;
    if (input.complianceDate !== undefined) supplier.complianceDate = input.complianceDate;
    if (input.notes !== undefined) supplier.notes = optionalText(input.notes) ?? null;
    assertCnspId(supplier);
    return this.save(ctx, supplier);
  }

  /** The unique indexes decide, so that two operators racing for one name or CN-SP ID get the same answer as one who comes second. */
  private save(ctx: RequestContext, supplier: Supplier): Promise<Supplier> {
    const repository = ctx.repository(Supplier);
    return saveUnique(repository, supplier, (error) => {
      if (violatedUniqueKey(error, repository.metadata).includes('cnspId')) {
        return conflict(`CN-SP ID ${supplier.cnspId} already belongs to another supplier`, {
          field: 'input.cnspId',
          reason: ErrorReason.DUPLICATE_CNSP_ID,
        });
      }
      return conflict(`Another supplier is already named "${supplier.name}" (names are compared ignoring case and spacing)`, {
        field: 'input.name',
        reason: ErrorReason.DUPLICATE_SUPPLIER_NAME,
      });
    });
  }
}

/**
 * The resolvers' guard already demands the role; this holds for every other caller of the
 * service (a script, a future entry point), so that no path edits the catalogue as a tenant.
 */
function assertCatalogueOperator(ctx: RequestContext): void {
  if (!hasAnyRole(ctx.requireViewer, MANAGE_SUPPLIERS)) {
    throw forbidden(
      `Only the national catalogue operator (${MANAGE_SUPPLIERS.join(', ')} at ${ctx.config.auth.nationalOdsCode}) changes the supplier catalogue`,
    );
  }
}

function cnspIdOf(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const cnspId = canonicalCnspId(value);
  if (!CNSP_ID.test(cnspId)) throw badInput('input.cnspId', 'input.cnspId: must be 8 letters or digits', ErrorReason.INVALID_CNSP_ID);
  return cnspId;
}

function assertCnspId(supplier: Supplier): void {
  if (supplier.kind === SupplierKind.CN_SP && !supplier.cnspId) {
    throw badInput('input.cnspId', 'input.cnspId: a CN-SP needs its 8-character CN-SP ID', ErrorReason.CNSP_ID_REQUIRED);
  }
}
