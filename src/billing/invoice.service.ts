import { addDays, addMonths } from '../common/dates';
import { findVisible, withinScope } from '../auth/tenancy';
import { paginate, type Connection, type PageArgs } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { Invoice, type InvoiceStatus } from './invoice.entity';

export interface InvoiceFilter {
  supplierId?: number;
  status?: InvoiceStatus[];
  /** invoices whose billing period overlaps this month, "YYYY-MM" */
  period?: string;
}

export class InvoiceService {
  list(ctx: RequestContext, filter: InvoiceFilter, page: PageArgs): Promise<Connection<Invoice>> {
    const query = withinScope(ctx, ctx.repository(Invoice).createQueryBuilder('invoice'));
    if (filter.supplierId !== undefined) query.andWhere('invoice.supplierId = :supplierId', { supplierId: filter.supplierId });
    if (filter.status?.length) query.andWhere('invoice.status IN (:...statuses)', { statuses: filter.status });
    if (filter.period) {
      query.andWhere('invoice.periodStart <= :monthEnd AND invoice.periodEnd >= :monthStart', {
        monthStart: `${filter.period}-01`,
        monthEnd: addDays(addMonths(`${filter.period}-01`, 1), -1),
      });
    }
    return paginate(query, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { column: 'invoice.invoiceDate', valueOf: (row) => row.invoiceDate },
      direction: 'DESC',
    });
  }

  get(ctx: RequestContext, id: number): Promise<Invoice> {
    return findVisible(ctx, Invoice, id, Invoice.typename);
  }
}
