import { addDays, addMonths } from '../common/dates';
import { formatMoney } from '../common/money';
import { findVisible, withinScope } from '../auth/tenancy';
import { paginate, type Connection, type PageArgs } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { InvoiceStatusChange } from './invoice-approval.entity';
import { Invoice, InvoiceStatus } from './invoice.entity';
import { InvoiceReconciliation } from './reconciliation.entity';

/** where a page read with its reconciliations holds each one until it is handed to the loader */
const JOINED_RECONCILIATION = 'joinedReconciliation';

export interface InvoiceFilter {
  supplierId?: number;
  status?: InvoiceStatus[];
  /** invoices whose billing period overlaps this month, "YYYY-MM" */
  period?: string;
}

export class InvoiceService {
  /**
   * A page of the viewer's invoices. `withReconciliation` reads each one's reconciliation in
   * the same statement and hands it to the request's loader, where `Invoice.reconciliation`
   * finds it.
   */
  async list(ctx: RequestContext, filter: InvoiceFilter, page: PageArgs, options: { withReconciliation?: boolean } = {}): Promise<Connection<Invoice>> {
    const query = withinScope(ctx, ctx.repository(Invoice).createQueryBuilder('invoice'));
    if (options.withReconciliation) {
      query.leftJoinAndMapOne(`invoice.${JOINED_RECONCILIATION}`, InvoiceReconciliation, 'reconciliation', 'reconciliation.invoiceId = invoice.id AND reconciliation.organisationId IN (:...reconciliationScope)', {
        reconciliationScope: ctx.organisationIds,
      });
    }
    if (filter.supplierId !== undefined) query.andWhere('invoice.supplierId = :supplierId', { supplierId: filter.supplierId });
    if (filter.status?.length) query.andWhere('invoice.status IN (:...statuses)', { statuses: filter.status });
    if (filter.period) {
      query.andWhere('invoice.periodStart <= :monthEnd AND invoice.periodEnd >= :monthStart', {
        monthStart: `${filter.period}-01`,
        monthEnd: addDays(addMonths(`${filter.period}-01`, 1), -1),
      });
    }
    const connection = await paginate(query, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { column: 'invoice.invoiceDate', valueOf: (row) => row.invoiceDate },
      direction: 'DESC',
    });
    if (options.withReconciliation) {
      const loader = ctx.loaders.manyBy(InvoiceReconciliation, 'invoiceId');
      for (const { node } of connection.edges as { node: Invoice & { [JOINED_RECONCILIATION]?: InvoiceReconciliation } }[]) {
        const joined = node[JOINED_RECONCILIATION];
        delete node[JOINED_RECONCILIATION];
        loader.prime(node.id, joined ? [joined] : []);
      }
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
  async recordStatus(ctx: RequestContext, invoice: Invoice, to: InvoiceStatus, reason: string, changes: Partial<Invoice> = {}): Promise<Invoice> {
    const from = invoice.status;
    Object.assign(invoice, changes, { status: to, updatedAt: new Date() });
    await ctx.repository(Invoice).update(invoice.id, { ...changes, status: to, updatedAt: invoice.updatedAt });
    await ctx.repository(InvoiceStatusChange).save(
      ctx.repository(InvoiceStatusChange).create({ invoiceId: invoice.id, organisationId: invoice.organisationId, fromStatus: from, toStatus: to, reason, changedBy: ctx.requireViewer.subject }),
    );
    return invoice;
  }

  /** A reconciliation run: the first moves the invoice to RECONCILED; each is kept, for segregation of duties. */
  recordReconciliation(ctx: RequestContext, invoice: Invoice, findingCount: number, agreedAmount: bigint): Promise<Invoice> {
    const first = invoice.status === InvoiceStatus.RECEIVED;
    const summary = `${first ? 'Reconciled' : 'Reconciled again'}: ${findingCount} finding${findingCount === 1 ? '' : 's'}, agreed amount £${formatMoney(agreedAmount)}`;
    return this.recordStatus(ctx, invoice, first ? InvoiceStatus.RECONCILED : invoice.status, summary);
  }
}
