import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { In } from 'typeorm';
import { assertInScope } from '../auth/tenancy';
import { badInput } from '../common/errors';
import { formatMoney, type Pence } from '../common/money';
import type { RequestContext } from '../graphql/context';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { BillingPolicy } from './invoice-approval.entity';
import { Invoice, InvoiceStatus } from './invoice.entity';

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

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

const COLUMNS: [header: string, value: (row: PaymentExportRow) => string][] = [
  ['supplier', (r) => r.supplierName],
  ['supplier_cnsp_id', (r) => r.supplierCnspId ?? ''],
  ['invoice_number', (r) => r.invoiceNumber],
  ['invoice_date', (r) => r.invoiceDate],
  ['due_date', (r) => r.dueDate ?? ''],
  ['organisation_ods', (r) => r.organisationOdsCode],
  ['organisation', (r) => r.organisationName],
  ['cost_centre', (r) => r.costCentre],
  ['currency', (r) => r.currency],
  ['approved_amount', (r) => formatMoney(r.approvedAmount)],
  ['vat', (r) => formatMoney(r.vat)],
  ['net', (r) => formatMoney(r.net)],
  ['approved_at', (r) => r.approvedAt.toISOString()],
  ['status', (r) => r.status],
  ['paid_on', (r) => r.paidOn ?? ''],
  ['payment_reference', (r) => r.paymentReference ?? ''],
];
const MONEY_COLUMNS = new Set(['approved_amount', 'vat', 'net']);

/**
 * The accounts-payable export: every invoice approved in the month (London time) in the
 * viewer's scope — for a CSU, the trusts it acts for too — one row per invoice, charged to
 * the cost centre of the organisation that owns its services.
 */
export class PaymentExportService {
  async export(ctx: RequestContext, period: string, organisationId?: number): Promise<PaymentExport> {
    if (!PERIOD_PATTERN.test(period)) throw badInput('period', 'period: a month, "YYYY-MM"', 'INVALID_PERIOD');
    if (organisationId !== undefined) assertInScope(ctx, organisationId);
    const month = DateTime.fromISO(`${period}-01`, { zone: 'Europe/London' });
    const invoices = await ctx.repository(Invoice).createQueryBuilder('invoice')
      .where('invoice.organisationId IN (:...organisations)', { organisations: organisationId === undefined ? ctx.organisationIds : [organisationId] })
      .andWhere('invoice.status IN (:...statuses)', { statuses: [InvoiceStatus.APPROVED, InvoiceStatus.PAID] })
      .andWhere('invoice.approvedAt >= :from AND invoice.approvedAt < :to', { from: month.toUTC().toJSDate(), to: month.plus({ months: 1 }).toUTC().toJSDate() })
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
  return stringify([COLUMNS.map(([header]) => header), ...rows.map((row) => COLUMNS.map(([header, value]) => (MONEY_COLUMNS.has(header) ? value(row) : defuse(value(row)))))], {
    record_delimiter: '\r\n',
  });
}

/**
 * A text cell a spreadsheet would run as a formula (supplier-sent names and numbers can
 * start with = + - @) is prefixed with an apostrophe, as OWASP advises for CSV exports.
 */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
