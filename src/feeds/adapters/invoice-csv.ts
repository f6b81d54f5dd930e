import Decimal from 'decimal.js';
import type { LocalDate } from '../../common/dates';
import { formatMoney, type Pence } from '../../common/money';
import { ChargeType } from '../../billing/charge-type';
import { type InvoiceLineRecord, type InvoiceRecord } from '../../feed-records/records';
import { RAW_SHOWN, type FeedAdapter, type ParsedItem } from '../feed-adapter';
import { documentKind, type DocumentKind } from './invoice-kind';
import { readCsv, type CsvRow } from './readers';
import {
  FieldError,
  isBlank,
  optionalEnum,
  optionalIdentifier,
  optionalLocalDate,
  optionalNumber,
  optionalString,
  parseDecimal,
  parseEnum,
  parseLocalDate,
  parseMoneyValue,
  requiredIdentifier,
} from './values';

/**
 * The invoice CSV template (docs/feeds/invoices.md): one row per invoice line, the invoice's
 * own columns repeated on every row. Optional columns may be left out of the header or left
 * blank.
 */
const INVOICE_CSV_COLUMNS = {
  required: [
    'invoice_number',
    'invoice_date',
    'period_start',
    'period_end',
    'charge_type',
    'unit_price',
    'net_amount',
    'vat_rate',
    'vat_amount',
    'invoice_net_total',
    'invoice_vat_total',
    'invoice_gross_total',
  ],
  optional: [
    'due_date',
    'currency',
    'line_number',
    'service_reference',
    'description',
    'line_period_start',
    'line_period_end',
    'quantity',
    'document_type',
  ],
} as const;

/** The longest service reference we hold (the service table's column). */
export const SERVICE_REFERENCE_MAX_LENGTH = 64;

/** Suppliers' words for charge types, squashed as parseEnum compares them. */
const CHARGE_TYPE_WORDS: Record<string, ChargeType> = {
  rental: ChargeType.RECURRING,
  monthly: ChargeType.RECURRING,
  quarterly: ChargeType.RECURRING,
  annual: ChargeType.RECURRING,
  recurringcharge: ChargeType.RECURRING,
  onetime: ChargeType.ONE_OFF,
  onetimecharge: ChargeType.ONE_OFF,
  nonrecurring: ChargeType.ONE_OFF,
  nonrecurringcharge: ChargeType.ONE_OFF,
  installation: ChargeType.ONE_OFF,
  connection: ChargeType.ONE_OFF,
  setup: ChargeType.ONE_OFF,
  usagecharge: ChargeType.USAGE,
  creditnote: ChargeType.CREDIT,
  servicecredit: ChargeType.CREDIT,
  discount: ChargeType.CREDIT,
  refund: ChargeType.CREDIT,
};

export function parseChargeType(value: unknown, field: string): ChargeType {
  return parseEnum(value, field, Object.values(ChargeType), CHARGE_TYPE_WORDS);
}

const CHARGES_THAT_ADD = [ChargeType.RECURRING, ChargeType.ONE_OFF, ChargeType.USAGE];

/**
 * A line whose sign contradicts its type is refused rather than guessed at: the audit
 * matches credits to earlier disputes, so a refund must say it is one.
 */
export function checkChargeSign(chargeType: ChargeType, netAmount: Pence, field: string): void {
  if (chargeType === ChargeType.CREDIT && netAmount > 0n) {
    throw new FieldError(field, `${formatMoney(netAmount)} is positive on a CREDIT line; credits are sent as negative amounts`);
  }
  if (CHARGES_THAT_ADD.includes(chargeType) && netAmount < 0n) {
    throw new FieldError(
      field,
      `${formatMoney(netAmount)} is negative on a ${chargeType} line; send a refund as a CREDIT or ADJUSTMENT line`,
    );
  }
}

export function checkPeriodOrder(start: LocalDate, end: LocalDate, startField: string, endField: string): void {
  if (end < start) throw new FieldError(endField, `${end} is before ${startField} ${start}`);
}

/**
 * A VAT rate in percent ("20", "20.0", "20%"). A bare value between 0 and 1 could be a
 * fraction or a fraction of a percent, so it is refused rather than read either way.
 */
function parseVatPercent(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : value;
  const hasPercentSign = typeof text === 'string' && text.endsWith('%');
  const rate = new Decimal(parseDecimal(typeof text === 'string' ? text.replace(/%$/, '') : text, field, { min: '0' }));
  if (rate.greaterThan(100)) throw new FieldError(field, `${rate.toFixed()} is above 100 percent`);
  if (!hasPercentSign && rate.greaterThan(0) && rate.lessThan(1)) {
    throw new FieldError(
      field,
      `${rate.toFixed()} is ambiguous: the rate is a percent (20 for 20%); write "${rate.toFixed()}%" if that is meant`,
    );
  }
  return rate.toFixed();
}

function parseCurrency(value: unknown): string {
  if (isBlank(value)) return 'GBP';
  const currency = String(value).trim().toUpperCase();
  if (currency !== 'GBP') throw new FieldError('currency', `${currency} is not GBP`);
  return currency;
}

/**
 * The invoice's own values, repeated on each of its rows; the kind as the rows declare it
 * (document_type), settled against the lines once they are all read.
 */
type InvoiceHeader = Omit<InvoiceRecord<ChargeType>, 'lines' | 'kind'> & { declaredKind: DocumentKind | null };

const HEADER_COLUMNS: Record<keyof InvoiceHeader, string> = {
  invoiceNumber: 'invoice_number',
  invoiceDate: 'invoice_date',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  dueDate: 'due_date',
  currency: 'currency',
  netTotal: 'invoice_net_total',
  vatTotal: 'invoice_vat_total',
  grossTotal: 'invoice_gross_total',
  declaredKind: 'document_type',
};

interface RowContent {
  header: InvoiceHeader;
  line: Omit<InvoiceLineRecord<ChargeType>, 'lineNumber' | 'sourceLocation'>;
  /** as written; blank means the row's position within its invoice */
  lineNumber: number | null;
}

function contentOf(values: Record<string, string>): RowContent {
  const header: InvoiceHeader = {
    invoiceNumber: requiredIdentifier(values.invoice_number, 'invoice_number', 100),
    invoiceDate: parseLocalDate(values.invoice_date, 'invoice_date'),
    periodStart: parseLocalDate(values.period_start, 'period_start'),
    periodEnd: parseLocalDate(values.period_end, 'period_end'),
    dueDate: optionalLocalDate(values.due_date, 'due_date'),
    currency: parseCurrency(values.currency),
    netTotal: parseMoneyValue(values.invoice_net_total, 'invoice_net_total'),
    vatTotal: parseMoneyValue(values.invoice_vat_total, 'invoice_vat_total'),
    grossTotal: parseMoneyValue(values.invoice_gross_total, 'invoice_gross_total'),
    declaredKind: optionalEnum(values.document_type, 'document_type', ['INVOICE', 'CREDIT_NOTE'] as const),
  };
  checkPeriodOrder(header.periodStart, header.periodEnd, 'period_start', 'period_end');

  const periodStart = optionalLocalDate(values.line_period_start, 'line_period_start');
  const periodEnd = optionalLocalDate(values.line_period_end, 'line_period_end');
  if (periodStart && !periodEnd) throw new FieldError('line_period_end', 'is required when line_period_start is given');
  if (periodEnd && !periodStart) throw new FieldError('line_period_start', 'is required when line_period_end is given');
  if (periodStart && periodEnd) checkPeriodOrder(periodStart, periodEnd, 'line_period_start', 'line_period_end');

  const chargeType = parseChargeType(values.charge_type, 'charge_type');
  const netAmount = parseMoneyValue(values.net_amount, 'net_amount');
  checkChargeSign(chargeType, netAmount, 'net_amount');
  return {
    header,
    lineNumber: optionalNumber(values.line_number, 'line_number', { min: 1, integer: true }),
    line: {
      serviceReference: optionalIdentifier(values.service_reference, 'service_reference', SERVICE_REFERENCE_MAX_LENGTH),
      chargeType,
      description: optionalString(values.description, 'description', 500),
      periodStart,
      periodEnd,
      quantity: isBlank(values.quantity) ? '1' : parseDecimal(values.quantity, 'quantity'),
      unitPrice: parseDecimal(values.unit_price, 'unit_price', { maxPlaces: 4 }),
      netAmount,
      vatRate: parseVatPercent(values.vat_rate, 'vat_rate'),
      vatAmount: parseMoneyValue(values.vat_amount, 'vat_amount'),
    },
  };
}

interface Problem {
  reason: string;
  field?: string;
}

/** What is kept of a row until its file has been read: its line and (some of) its text. */
type HeldRow = Pick<CsvRow, 'line' | 'raw'>;

type ReadRow = { row: HeldRow; disagreement?: Problem } & ({ ok: true; content: RowContent } | ({ ok: false } & Problem));

function readRow(row: CsvRow & { cellsMismatch?: string }): ReadRow {
  const held: HeldRow = { line: row.line, raw: row.raw };
  if (row.cellsMismatch) return { row: held, ok: false, reason: `line ${row.line} ${row.cellsMismatch}` };
  try {
    return { row: held, ok: true, content: contentOf(row.values) };
  } catch (error) {
    if (error instanceof FieldError) return { row: held, ok: false, reason: `line ${row.line}: ${error.message}`, field: error.field };
    throw error;
  }
}

/**
 * Keeps a row with its invoice until the file has been read, holding no more of it than
 * the invoice needs (an invoice document may be FEED_MAX_INVOICE_BYTES): the invoice's
 * columns are set against its first row's now, and then shared with it; the text is kept
 * only as far as a rejection shows it.
 */
function hold(invoice: { rows: ReadRow[]; first?: ReadRow & { ok: true }; rawKept: number }, read: ReadRow): void {
  if (read.ok && invoice.first) {
    read.disagreement = headerDisagreement(invoice.first, read) ?? undefined;
    read.content.header = invoice.first.content.header;
  } else if (read.ok) {
    invoice.first = read;
  }
  if (invoice.rawKept >= RAW_SHOWN) read.row.raw = '';
  invoice.rawKept += read.row.raw.length;
  invoice.rows.push(read);
}

const printed = (value: string | Pence | null) => (value === null ? 'blank' : typeof value === 'bigint' ? formatMoney(value) : value);

/** The first header value in which a row disagrees with the invoice's first row. */
function headerDisagreement(first: { row: HeldRow; content: RowContent }, other: { row: HeldRow; content: RowContent }): Problem | null {
  for (const [key, column] of Object.entries(HEADER_COLUMNS) as [keyof InvoiceHeader, string][]) {
    const expected = printed(first.content.header[key]);
    const found = printed(other.content.header[key]);
    if (found !== expected) {
      return { reason: `line ${other.row.line}: ${column} ${found} differs from ${expected} on line ${first.row.line}`, field: column };
    }
  }
  return null;
}

/** The record's own columns, without the kind as declared (the record holds the kind as settled). */
function headerOf({ declaredKind: _declared, ...header }: InvoiceHeader): Omit<InvoiceRecord<ChargeType>, 'lines' | 'kind'> {
  return header;
}

/** One invoice from all of its rows: a record, or one rejection naming every bad row. */
function invoiceFrom(invoiceNumber: string, rows: ReadRow[]): ParsedItem<InvoiceRecord<ChargeType>> {
  const first = rows[0].row.line;
  const last = rows[rows.length - 1].row.line;
  const location = first === last ? `line ${first}` : `lines ${first}–${last}`;
  const kept = rows.map((read) => read.row.raw).filter(Boolean);
  const raw = kept.join('\n') + (kept.length < rows.length ? '\n…' : '');

  const problems: Problem[] = rows.filter((read): read is ReadRow & { ok: false } => !read.ok);
  const readable = rows.filter((read): read is ReadRow & { ok: true } => read.ok);
  for (const other of readable.slice(1)) {
    if (other.disagreement) problems.push(other.disagreement);
  }
  const lines = readable.map((read, index) => ({
    ...read.content.line,
    lineNumber: read.content.lineNumber ?? index + 1,
    sourceLocation: `line ${read.row.line}`,
  }));
  const fileLineOf = new Map<number, number>();
  readable.forEach((read, index) => {
    const lineNumber = lines[index].lineNumber;
    const earlier = fileLineOf.get(lineNumber);
    if (earlier !== undefined) {
      problems.push({
        reason: `line ${read.row.line}: line_number ${lineNumber} is already used on line ${earlier}`,
        field: 'line_number',
      });
    }
    fileLineOf.set(lineNumber, read.row.line);
  });

  let kind: DocumentKind = 'INVOICE';
  if (readable.length && !problems.length) {
    const { declaredKind, grossTotal } = readable[0].content.header;
    try {
      kind = documentKind(declaredKind, { grossTotal, lines }, 'document_type');
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push({ reason: error.message, field: error.field });
    }
  }

  if (problems.length) {
    return {
      ok: false,
      location,
      raw,
      reason: `Invoice ${invoiceNumber} cannot be read: ${problems.map((problem) => problem.reason).join('; ')}`,
      field: problems[0].field,
    };
  }
  return {
    ok: true,
    location,
    raw,
    record: { ...headerOf(readable[0].content.header), kind, lines: lines.sort((a, b) => a.lineNumber - b.lineNumber) },
  };
}

/**
 * Reads the invoice CSV template. Rows are grouped by invoice_number, wherever they stand
 * in the file, and each invoice is yielded once the whole file is read, in the order of
 * its first row: one bad row rejects its whole invoice, since a part-invoice cannot be
 * checked against its totals.
 */
export const invoiceCsv: FeedAdapter<InvoiceRecord<ChargeType>> = async function* (input, limits) {
  const invoices = new Map<string, { rows: ReadRow[]; first?: ReadRow & { ok: true }; rawKept: number }>();
  const entries: Array<{ invoiceNumber: string; rows: ReadRow[] } | { unattached: ReadRow }> = [];
  for await (const row of readCsv(input, INVOICE_CSV_COLUMNS, limits)) {
    const read = readRow(row);
    const invoiceNumber = row.values.invoice_number.trim();
    if (!invoiceNumber) {
      entries.push({ unattached: read });
      continue;
    }
    let invoice = invoices.get(invoiceNumber);
    if (!invoice) {
      invoice = { rows: [], rawKept: 0 };
      invoices.set(invoiceNumber, invoice);
      entries.push({ invoiceNumber, rows: invoice.rows });
    }
    hold(invoice, read);
  }

  for (const entry of entries) {
    if ('rows' in entry) {
      yield invoiceFrom(entry.invoiceNumber, entry.rows);
      continue;
    }
    const { row } = entry.unattached;
    yield {
      ok: false,
      location: `line ${row.line}`,
      raw: row.raw,
      reason: `line ${row.line}: invoice_number is required to put the row with its invoice`,
      field: 'invoice_number',
    };
  }
};
