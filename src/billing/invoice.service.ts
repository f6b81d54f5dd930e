import { firstDayOf, lastDayOf } from '../common/calendar';
import { formatMoney } from '../common/money';
import { findVisible } from '../auth/tenancy';
import { allOf, columnSql, type PlainCondition } from '../db/plain-select';
import { recordTransition } from '../db/transitions';
import { paginatePlain, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { InvoiceStatusChange } from './invoice-approval.entity';
import { Invoice, InvoiceKind, InvoiceStatus } from './invoice.entity';
import { InvoiceReconciliation } from './reconciliation.entity';

export interface InvoiceFilter {
  supplierId?: number;
  status?: InvoiceStatus[];
  /** documents of these kinds only: [CREDIT_NOTE] for the credit notes */
  kind?: InvoiceKind[];
  /** invoices whose billing period overlaps this month, "YYYY-MM" */
  period?: string;
  /** the invoice with this number, case ignored (as the unique key ignores it on MySQL) */
  invoiceNumber?: string;
}

export class InvoiceService {
  /**
   * A page of the viewer's invoices, newest first. `withReconciliation` reads each one's
   * reconciliation in the same statement and hands it to the request's loader, where
   * `Invoice.reconciliation` finds it.
   */
  async list(
    ctx: RequestContext,
    filter: InvoiceFilter,
    page: PageArgs,
    options: { withReconciliation?: boolean } = {},
  ): Promise<Connection<Invoice>> {
    const scope = [...ctx.organisationIds];
    const where: Record<string, PlainCondition> = { organisationId: scope };
    if (filter.supplierId !== undefined) where.supplierId = filter.supplierId;
    if (filter.status?.length) where.status = filter.status;
    if (filter.kind?.length) where.kind = filter.kind;
    const and = allOf([
      filter.period
        ? { sql: 'periodStart <= ? AND periodEnd >= ?', params: [lastDayOf(filter.period), firstDayOf(filter.period)] }
        : undefined,
      // SQLite compares case and MySQL's collation does not: both ignore it this way
      filter.invoiceNumber !== undefined
        ? { sql: `LOWER(${columnSql(ctx.manager, Invoice, 'invoiceNumber')}) = ?`, params: [filter.invoiceNumber.toLowerCase()] }
        : undefined,
    ]);
    const joins = options.withReconciliation
      ? [{ target: InvoiceReconciliation, from: 'id', to: 'invoiceId', where: { organisationId: scope } }]
      : [];
    const connection = await paginatePlain(ctx.manager, { target: Invoice, where, and, joins }, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { property: 'invoiceDate', valueOf: (row) => row.invoiceDate },
      direction: 'DESC',
    });
    if (options.withReconciliation) {
      const loader = ctx.loaders.manyBy(InvoiceReconciliation, 'invoiceId');
      const [reconciliations] = connection.joined as [(InvoiceReconciliation | null)[]];
      connection.edges.forEach(({ node }, i) => loader.prime(node.id, reconciliations[i] ? [reconciliations[i]] : []));
    }
    return connection;
  }

  get(ctx: RequestContext, id: number): Promise<Invoice> {
    return findVisible(ctx, Invoice, id, Invoice.typename);
  }

  /**
   * Moves the invoice to `to` (or records an event that leaves it where it is) with who and
   * why. `changes` are the invoice's other columns that move with it.
   */
  async recordStatus(
    ctx: RequestContext,
    invoice: Invoice,
    to: InvoiceStatus,
    reason: string,
    changes: Partial<Invoice> = {},
  ): Promise<Invoice> {
    const from = invoice.status;
    Object.assign(invoice, changes, { status: to, updatedAt: new Date() });
    await ctx.repository(Invoice).update(invoice.id, { ...changes, status: to, updatedAt: invoice.updatedAt });
    await recordTransition(ctx, InvoiceStatusChange, { subject: invoice, from, to, reason });
    return invoice;
  }

  /** A reconciliation run: the first moves the invoice to RECONCILED; each is kept, for segregation of duties. */
  recordReconciliation(ctx: RequestContext, invoice: Invoice, findingCount: number, agreedAmount: bigint): Promise<Invoice> {
    const first = invoice.status === InvoiceStatus.RECEIVED;
    const summary =
      `${first ? 'Reconciled' : 'Reconciled again'}: ${findingCount} finding${findingCount === 1 ? '' : 's'}, agreed amount ` +
      `£${formatMoney(agreedAmount)}`;
    return this.recordStatus(ctx, invoice, first ? InvoiceStatus.RECONCILED : invoice.status, summary);
  }
}
