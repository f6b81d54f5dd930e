import { createHash } from 'node:crypto';
import { formatMoney, type Pence } from '../common/money';
import {
  ACCEPTED,
  rejected,
  UNCHANGED,
  type AcceptedItem,
  type FeedWriteContext,
  type FeedWriter,
  type NaturalKey,
  type WriteOutcome,
} from '../feed-records/feed-writer';
import type { FeedRun } from '../feed-records/feed-run.entity';
import { FeedRecordKind, FeedRunRecord } from '../feed-records/feed-run-record.entity';
import type { RequestContext } from '../request/context';
import type { ServiceDirectory } from '../feed-records/service-directory';
import type { ChargeType } from './charge-type';
import type { InvoiceRecord } from '../feed-records/records';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice, InvoiceKind, InvoiceStatus } from './invoice.entity';

/**
 * Stores invoices whole: one invoice per transaction, its lines with it, or nothing. An
 * invoice whose totals do not agree with its lines is refused with the differences stated.
 * Lines for references we do not hold are kept (with no service): reconciliation reports
 * them as phantom charges rather than losing them.
 */
export class InvoiceWriter implements FeedWriter<InvoiceRecord<ChargeType>> {
  readonly batchSize = 1;

  /** `arrived`: what must follow a run's invoices (stale reconciliations marked, credits matched), in the run's last transaction */
  constructor(private readonly arrived?: (ctx: RequestContext, run: FeedRun) => Promise<void>) {}

  async finish({ ctx, run }: FeedWriteContext): Promise<void> {
    await this.arrived?.(ctx, run);
  }

  /** One invoice per organisation, supplier and number, case ignored as MySQL's collation ignores it. */
  naturalKey(record: InvoiceRecord<ChargeType>, { services, run }: { services: ServiceDirectory; run: FeedRun }): NaturalKey {
    const { organisationId } = ownerOf(record, services, run);
    return {
      key: `${organisationId}|${record.invoiceNumber.trim().toUpperCase()}`,
      field: 'invoiceNumber',
      describe: () => `invoice ${record.invoiceNumber}`,
    };
  }

  async write({ ctx, run, services }: FeedWriteContext, items: AcceptedItem<InvoiceRecord<ChargeType>>[]): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    for (const { record, location, seq } of items) {
      const disagreement = totalsDisagreement(record);
      if (disagreement) {
        outcomes.push(rejected(`Invoice ${record.invoiceNumber}: ${disagreement}`, 'totals'));
        continue;
      }
      const { lineServices, organisationId } = ownerOf(record, services, run);
      const contentHash = hashInvoice(record);

      const invoices = ctx.repository(Invoice);
      const existing = await invoices.findOneBy({ organisationId, supplierId: run.supplierId, invoiceNumber: record.invoiceNumber });
      // the same content and kind is the same invoice, wherever it stood in the new document
      if (existing?.contentHash === contentHash && existing.kind === InvoiceKind[record.kind]) {
        outcomes.push(UNCHANGED);
        continue;
      }
      if (existing && existing.status !== InvoiceStatus.RECEIVED) {
        outcomes.push(
          rejected(
            `Invoice ${record.invoiceNumber} is already ${existing.status} and cannot be replaced; a correction must come as a credit note or a new invoice`,
            'invoiceNumber',
          ),
        );
        continue;
      }
      const invoice = invoices.merge(existing ?? invoices.create(), {
        organisationId,
        supplierId: run.supplierId,
        invoiceNumber: record.invoiceNumber,
        kind: InvoiceKind[record.kind],
        invoiceDate: record.invoiceDate,
        periodStart: record.periodStart,
        periodEnd: record.periodEnd,
        dueDate: record.dueDate,
        currency: record.currency,
        netTotal: record.netTotal,
        vatTotal: record.vatTotal,
        grossTotal: record.grossTotal,
        status: InvoiceStatus.RECEIVED,
        contentHash,
        feedRunId: run.id,
        sourceLocation: location,
      });
      const saved = await invoices.save(invoice);
      if (existing) await ctx.repository(InvoiceLine).delete({ invoiceId: saved.id });
      await ctx.repository(InvoiceLine).save(
        record.lines.map((line, index) =>
          ctx.repository(InvoiceLine).create({
            invoiceId: saved.id,
            organisationId: lineServices[index]?.organisationId ?? organisationId,
            lineNumber: line.lineNumber,
            serviceReference: line.serviceReference,
            serviceId: lineServices[index]?.id ?? null,
            chargeType: line.chargeType,
            description: line.description,
            periodStart: line.periodStart,
            periodEnd: line.periodEnd,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            netAmount: line.netAmount,
            vatRate: line.vatRate,
            vatAmount: line.vatAmount,
            sourceLocation: line.sourceLocation,
          }),
        ),
        { chunk: 200 },
      );
      await ctx.repository(FeedRunRecord).insert({
        feedRunId: run.id,
        organisationId,
        kind: FeedRecordKind.INVOICE,
        invoiceId: saved.id,
        incidentId: null,
        position: seq,
        created: !existing,
      });
      outcomes.push(ACCEPTED);
    }
    return outcomes;
  }
}

/** The services of an invoice's lines, and the organisation the invoice belongs to. */
function ownerOf(record: InvoiceRecord<ChargeType>, services: ServiceDirectory, run: FeedRun) {
  const lineServices = record.lines.map((line) => (line.serviceReference ? services.find(line.serviceReference) : undefined));
  const owners = new Set(lineServices.filter((service) => service !== undefined).map((service) => service!.organisationId));
  // an invoice for one organisation's services belongs to it; one spanning several (a CSU's) to the sender
  return { lineServices, organisationId: owners.size === 1 ? [...owners][0]! : run.organisationId };
}

/** How the invoice's stated totals differ from its lines, or null when they agree to the penny. */
function totalsDisagreement(record: InvoiceRecord<ChargeType>): string | null {
  const sum = (pick: (line: InvoiceRecord<ChargeType>['lines'][number]) => Pence) =>
    record.lines.reduce((total, line) => total + pick(line), 0n);
  const problems: string[] = [];
  const compare = (what: string, fromLines: Pence, stated: Pence) => {
    if (fromLines !== stated) {
      problems.push(
        `${what} of the lines is £${formatMoney(fromLines)} but the invoice states £${formatMoney(stated)} (difference £${formatMoney(stated - fromLines)})`,
      );
    }
  };
  compare(
    'the net total',
    sum((line) => line.netAmount),
    record.netTotal,
  );
  compare(
    'the VAT total',
    sum((line) => line.vatAmount),
    record.vatTotal,
  );
  if (record.netTotal + record.vatTotal !== record.grossTotal) {
    problems.push(
      `net £${formatMoney(record.netTotal)} plus VAT £${formatMoney(record.vatTotal)} is £${formatMoney(record.netTotal + record.vatTotal)} ` +
        `but the gross total is £${formatMoney(record.grossTotal)}`,
    );
  }
  if (record.lines.length === 0) problems.push('it has no lines');
  return problems.length ? problems.join('; ') : null;
}

/**
 * The hash of what the invoice says. Where it stood in the document (sourceLocation) is left
 * out, so a re-sent invoice is UNCHANGED when only its rows moved, keeping the feed run and
 * locations it was first stored from, which agree with each other. The kind is left out too,
 * so that invoices hashed before there was one still match: it is compared on its own.
 */
function hashInvoice({ kind: _kind, lines, ...invoice }: InvoiceRecord<ChargeType>): string {
  const content = { ...invoice, lines: lines.map(({ sourceLocation: _location, ...line }) => line) };
  return createHash('sha256')
    .update(JSON.stringify(content, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)))
    .digest('hex');
}
