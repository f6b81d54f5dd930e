import Decimal from 'decimal.js';
import { firstDayOf, lastDayOf } from '../common/calendar';
import type { RequestContext } from '../request/context';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import { InvoiceReconciliation, ReconciliationFinding } from './reconciliation.entity';

export interface BillingAccuracy {
  /** percent of charges billed right, one decimal; null when no invoice for the month was reconciled */
  value: string | null;
  basis: string;
}

/**
 * How accurately a supplier billed a month (invoices whose billing period starts in it, once
 * reconciled): the share of invoice lines with no overcharge finding, where an invoice-wide
 * overcharge (a missing service credit) counts as one more wrong item.
 */
export async function billingAccuracy(
  ctx: RequestContext,
  supplierId: number,
  organisationIds: readonly number[],
  period: string,
): Promise<BillingAccuracy> {
  const monthStart = firstDayOf(period);
  const invoices = await ctx
    .repository(Invoice)
    .createQueryBuilder('invoice')
    .innerJoin(InvoiceReconciliation, 'reconciliation', 'reconciliation.invoiceId = invoice.id')
    .select('invoice.id', 'id')
    .where('invoice.supplierId = :supplierId AND invoice.organisationId IN (:...organisationIds)', { supplierId, organisationIds })
    .andWhere('invoice.periodStart >= :monthStart AND invoice.periodStart <= :monthEnd', { monthStart, monthEnd: lastDayOf(period) })
    .getRawMany<{ id: number }>();
  if (invoices.length === 0) return { value: null, basis: 'No invoice for the month has been reconciled' };
  const ids = invoices.map((row) => Number(row.id));
  const lines = await ctx.repository(InvoiceLine).createQueryBuilder('line').where('line.invoiceId IN (:...ids)', { ids }).getCount();
  const wrong: { lineId: number | null; n: string | number }[] = await ctx
    .repository(ReconciliationFinding)
    .createQueryBuilder('finding')
    .select('finding.lineId', 'lineId')
    .addSelect('COUNT(*)', 'n')
    .where('finding.invoiceId IN (:...ids) AND finding.disputable = :yes AND finding.difference > 0', { ids, yes: true })
    .groupBy('finding.lineId')
    .getRawMany();
  const wrongLines = wrong.filter((row) => row.lineId !== null).length;
  const invoiceWide = wrong.filter((row) => row.lineId === null).reduce((sum, row) => sum + Number(row.n), 0);
  const items = lines + invoiceWide;
  const right = items - wrongLines - invoiceWide;
  const value = items === 0 ? null : new Decimal(right).times(100).dividedBy(items).toDecimalPlaces(1).toFixed(1);
  return { value, basis: `${right} of ${items} charges on ${ids.length} reconciled invoice${ids.length === 1 ? '' : 's'} billed right` };
}
