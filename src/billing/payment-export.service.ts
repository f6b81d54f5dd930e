import { In } from 'typeorm';
import { assertInScope } from '../auth/tenancy';
import { requirePeriod, monthOf } from '../common/calendar';
import { formatMoney, type Pence } from '../common/money';
import { spreadsheetCsv, type CsvColumn } from '../common/spreadsheet';
import type { RequestContext } from '../request/context';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { BillingPolicy } from './invoice-approval.entity';
import { Invoice, InvoiceStatus } from './invoice.entity';

export interface PaymentExportRow {
  invoiceId: number;
  supplierName: string;
  supplierCnspId: string | null;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string | null;
  organisationOdsCode: string;
  organisationName: string;
  costCentre: string;
  approvedAmount: Pence;
  vat: Pence;
  net: Pence;
  currency: string;
  status: InvoiceStatus;
  approvedAt: Date;
  paidOn: string | null;
  paymentReference: string | null;
}

export interface PaymentExport {
  period: string;
  rows: PaymentExportRow[];
  totalApproved: Pence;
  totalVat: Pence;
  csv: string;
}

/** Amounts are numbers, so that the accounts-payable spreadsheet adds them up, credits included; the rest is text. */
const COLUMNS: CsvColumn<PaymentExportRow>[] = [
  { header: 'supplier', text: (r) => r.supplierName },
  { header: 'supplier_cnsp_id', text: (r) => r.supplierCnspId ?? '' },
  { header: 'invoice_number', text: (r) => r.invoiceNumber },
  { header: 'invoice_date', text: (r) => r.invoiceDate },
  { header: 'due_date', text: (r) => r.dueDate ?? '' },
  { header: 'organisation_ods', text: (r) => r.organisationOdsCode },
  { header: 'organisation', text: (r) => r.organisationName },
  { header: 'cost_centre', text: (r) => r.costCentre },
  { header: 'currency', text: (r) => r.currency },
  { header: 'approved_amount', number: (r) => formatMoney(r.approvedAmount) },
  { header: 'vat', number: (r) => formatMoney(r.vat) },
  { header: 'net', number: (r) => formatMoney(r.net) },
  { header: 'approved_at', text: (r) => r.approvedAt.toISOString() },
  { header: 'status', text: (r) => r.status },
  { header: 'paid_on', text: (r) => r.paidOn ?? '' },
  { header: 'payment_reference', text: (r) => r.paymentReference ?? '' },
];

/**
 * The accounts-payable export: every invoice approved in the month (London time) in the
 * viewer's scope — for a CSU, the trusts it acts for too — one row per invoice, charged to
 * the cost centre of the organisation that owns its services.
 */
export class PaymentExportService {
  /** The export as the API shows it: each row with its invoice, read through the request's loader. */
  async exportWithInvoices(ctx: RequestContext, period: string, organisationId?: number) {
    const result = await this.export(ctx, period, organisationId);
    const invoices = await ctx.loaders.byId(Invoice).loadMany(result.rows.map((row) => row.invoiceId));
    return { ...result, rows: result.rows.map((row, i) => ({ ...row, invoice: invoices[i] })) };
  }

  async export(ctx: RequestContext, period: string, organisationId?: number): Promise<PaymentExport> {
    requirePeriod(period, 'period');
    if (organisationId !== undefined) assertInScope(ctx, organisationId);
    const month = monthOf(period);
    const invoices = await ctx
      .repository(Invoice)
      .createQueryBuilder('invoice')
      .where('invoice.organisationId IN (:...organisations)', {
        organisations: organisationId === undefined ? ctx.organisationIds : [organisationId],
      })
      .andWhere('invoice.status IN (:...statuses)', { statuses: [InvoiceStatus.APPROVED, InvoiceStatus.PAID] })
      .andWhere('invoice.approvedAt >= :from AND invoice.approvedAt < :to', { from: new Date(month.start), to: new Date(month.end) })
      .orderBy('invoice.approvedAt', 'ASC')
      .addOrderBy('invoice.id', 'ASC')
      .getMany();

    const organisationIds = [...new Set(invoices.map((i) => i.organisationId))];
    const supplierIds = [...new Set(invoices.map((i) => i.supplierId))];
    const [organisations, suppliers, policies] = invoices.length
      ? await Promise.all([
          ctx.repository(Organisation).findBy({ id: In(organisationIds) }),
          ctx.repository(Supplier).findBy({ id: In(supplierIds) }),
          ctx.repository(BillingPolicy).findBy({ organisationId: In(organisationIds) }),
        ])
      : [[], [], []];
    const organisation = new Map(organisations.map((o) => [o.id, o]));
    const supplier = new Map(suppliers.map((s) => [s.id, s]));
    const costCentre = new Map(policies.filter((p) => p.costCentre).map((p) => [p.organisationId, p.costCentre!]));

    const rows = invoices.map((invoice): PaymentExportRow => {
      const owner = organisation.get(invoice.organisationId)!;
      const by = supplier.get(invoice.supplierId)!;
      return {
        invoiceId: invoice.id,
        supplierName: by.name,
        supplierCnspId: by.cnspId ?? null,
        invoiceNumber: invoice.invoiceNumber,
        invoiceDate: invoice.invoiceDate,
        dueDate: invoice.dueDate,
        organisationOdsCode: owner.odsCode,
        organisationName: owner.name,
        costCentre: costCentre.get(owner.id) ?? owner.odsCode,
        approvedAmount: invoice.approvedAmount!,
        vat: invoice.approvedVat!,
        net: invoice.approvedAmount! - invoice.approvedVat!,
        currency: invoice.currency,
        status: invoice.status,
        approvedAt: invoice.approvedAt!,
        paidOn: invoice.paidOn,
        paymentReference: invoice.paymentReference,
      };
    });
    return {
      period,
      rows,
      totalApproved: rows.reduce((sum, r) => sum + r.approvedAmount, 0n),
      totalVat: rows.reduce((sum, r) => sum + r.vat, 0n),
      csv: toCsv(rows),
    };
  }
}

export function toCsv(rows: PaymentExportRow[]): string {
  return spreadsheetCsv(COLUMNS, rows);
}
