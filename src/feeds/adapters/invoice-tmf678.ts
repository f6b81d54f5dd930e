import Decimal from 'decimal.js';
import { ukDateOf, ukDayStart } from '../../common/calendar';
import { addDays, type LocalDate } from '../../common/dates';
import { formatMoney, type Pence } from '../../common/money';
import type { ChargeType } from '../../billing/charge-type';
import { type InvoiceLineRecord, type InvoiceRecord } from '../../feed-records/records';
import { FeedFormatError, type FeedAdapter, type ParsedItem } from '../feed-adapter';
import { checkChargeSign, checkPeriodOrder, parseChargeType, SERVICE_REFERENCE_MAX_LENGTH } from './invoice-csv';
import { documentKind, parseDocumentKind, type DocumentKind } from './invoice-kind';
import { readJsonElements } from './json-stream';
import { pick, rawJson } from './readers';
import {
  clip,
  FieldError,
  isBlank,
  optionalIdentifier,
  optionalLocalDate,
  optionalString,
  parseDecimal,
  parseInstant,
  parseLocalDate,
  parseMoneyValue,
  requiredIdentifier,
  squash,
} from './values';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Located {
  item: unknown;
  path: string;
}

const locate = (values: unknown[], path: string): Located[] => values.map((item, index) => ({ item, path: `${path}[${index}]` }));

/** Where a bill may carry its own lines, most to least standard. */
const EMBEDDED_LINE_KEYS = ['appliedCustomerBillingRate', 'billItem', 'lines'] as const;

const BILLS = 'customerBill';
const RATES = 'appliedCustomerBillingRate';

/**
 * The bills and the separately listed rates of a top-level object, once it has been read:
 * `{ customerBill, appliedCustomerBillingRate }` as two TMF678 list responses (either may
 * be one object rather than a list), or else one CustomerBill, whose own
 * appliedCustomerBillingRate are its lines.
 */
function partsOf(
  rest: JsonObject,
  lists: string[],
  listedBills: Located[],
  listedRates: Located[],
): { bills: Located[]; rates: Located[] } {
  if (!lists.includes(BILLS) && rest[BILLS] === undefined) {
    const bill = lists.includes(RATES) ? { ...rest, [RATES]: listedRates.map((rate) => rate.item) } : rest;
    return { bills: [{ item: bill, path: '$' }], rates: [] };
  }
  const bills = lists.includes(BILLS) ? listedBills : [{ item: rest[BILLS], path: `$.${BILLS}` }];
  if (lists.includes(RATES)) return { bills, rates: listedRates };
  const rates = rest[RATES];
  if (rates === undefined || rates === null) return { bills, rates: [] };
  if (isObject(rates)) return { bills, rates: [{ item: rates, path: `$.${RATES}` }] };
  throw new FeedFormatError(`${RATES} is neither an array nor an object`, `$.${RATES}`);
}

/** The bill a separately listed rate belongs to: `bill.id`, else the last segment of `bill.href`. */
function billIdOf(rate: unknown): string | null {
  if (!isObject(rate) || !isObject(rate.bill)) return null;
  if (!isBlank(rate.bill.id)) return String(rate.bill.id);
  return typeof rate.bill.href === 'string' ? (rate.bill.href.replace(/\/+$/, '').split('/').pop() ?? null) : null;
}

/**
 * The last day a TMF period covers. Its end is an instant: one at midnight covers nothing
 * of that day, and an end of day written in UTC ("…T23:59:59Z") falls in the first hour of
 * the next UK day during British Summer Time; both close the day before. A plain date is
 * the last day itself.
 */
function lastDayOf(value: unknown, field: string): LocalDate {
  if (typeof value !== 'string' || !/\d:\d{2}/.test(value)) return parseLocalDate(value, field);
  const end = parseInstant(value, field);
  const day = ukDateOf(end);
  return end.getTime() <= ukDayStart(day) + 3_600_000 ? addDays(day, -1) : day;
}

function readPeriod(value: unknown, field: string, required: true): { start: LocalDate; end: LocalDate };
function readPeriod(value: unknown, field: string, required: false): { start: LocalDate | null; end: LocalDate | null };
function readPeriod(value: unknown, field: string, required: boolean) {
  // TM Forum's own samples send an empty `{}` for a period they do not give
  const empty = isBlank(value) || (isObject(value) && isBlank(value.startDateTime) && isBlank(value.endDateTime));
  if (empty && !required) return { start: null, end: null };
  if (!isObject(value))
    throw new FieldError(field, isBlank(value) ? 'is required' : 'expected an object with startDateTime and endDateTime');
  const start = parseLocalDate(value.startDateTime, `${field}.startDateTime`);
  const end = lastDayOf(value.endDateTime, `${field}.endDateTime`);
  checkPeriodOrder(start, end, `${field}.startDateTime`, `${field}.endDateTime`);
  return { start, end };
}

/** A percent as an exact decimal string; a rate of at most 1 is a fraction (0.2 is 20 %). */
function percentOf(value: unknown, field: string): string {
  const rate = new Decimal(parseDecimal(value, field, { min: '0' }));
  const percent = rate.lessThanOrEqualTo(1) ? rate.times(100) : rate;
  if (percent.greaterThan(100)) throw new FieldError(field, `${rate.toFixed()} is above 100 percent`);
  return percent.toFixed();
}

function readVat(rate: JsonObject, netAmount: Pence): { vatRate: string; vatAmount: Pence } {
  const taxes = rate.appliedTax;
  if (!Array.isArray(taxes) || taxes.length === 0) throw new FieldError('appliedTax', 'is required: the line gives no VAT rate');
  const percents = taxes.map((tax, index) => {
    const field = `appliedTax[${index}]`;
    if (!isObject(tax)) throw new FieldError(field, 'expected an object with taxCategory, taxRate and taxAmount');
    if (!isBlank(tax.taxCategory) && squash(String(tax.taxCategory)) !== 'vat') {
      throw new FieldError(`${field}.taxCategory`, `"${String(tax.taxCategory)}" is not VAT`);
    }
    return percentOf(tax.taxRate, `${field}.taxRate`);
  });
  const distinct = [...new Set(percents)];
  if (distinct.length > 1) throw new FieldError('appliedTax', `has several VAT rates (${distinct.join(', ')}); send one line per rate`);

  const amounts: unknown[] = taxes.map((tax) => tax.taxAmount);
  const vatAmount = amounts.every((amount) => !isBlank(amount))
    ? amounts.reduce<Pence>((sum, amount, index) => sum + parseMoneyValue(amount, `appliedTax[${index}].taxAmount`), 0n)
    : parseMoneyValue(rate.taxIncludedAmount, 'taxIncludedAmount') - netAmount;
  return { vatRate: distinct[0], vatAmount };
}

/** The value of a named characteristic (names compared as parseEnum does), if there is one. */
function characteristicValue(characteristics: unknown, name: string): unknown {
  if (!Array.isArray(characteristics)) return undefined;
  const found = characteristics.find(
    (characteristic) => isObject(characteristic) && squash(String(characteristic.name ?? '')) === squash(name),
  );
  return isObject(found) ? found.value : undefined;
}

function readServiceReference(rate: JsonObject): string | null {
  if (isObject(rate.product)) {
    const product = optionalIdentifier(pick(rate.product, 'id', 'name'), 'product.id', SERVICE_REFERENCE_MAX_LENGTH);
    if (product) return product;
  }
  return optionalIdentifier(
    characteristicValue(rate.characteristic, 'serviceReference'),
    'characteristic.serviceReference',
    SERVICE_REFERENCE_MAX_LENGTH,
  );
}

/** A quantity: a plain number, or a TMF Quantity `{ amount, units }`. */
function readQuantity(rate: JsonObject): string | null {
  if (!isBlank(rate.quantity)) return parseDecimal(isObject(rate.quantity) ? rate.quantity.amount : rate.quantity, 'quantity');
  if (isObject(rate.unitOfMeasure)) return parseDecimal(rate.unitOfMeasure.amount, 'unitOfMeasure.amount');
  return null;
}

/** A unit price: a plain number, or a Money object, which must be in GBP. */
function readUnitPrice(rate: JsonObject): string | null {
  const field = isBlank(rate.unitPrice) ? 'price' : 'unitPrice';
  const price = rate[field];
  if (isBlank(price)) return null;
  if (!isObject(price)) return parseDecimal(price, field, { maxPlaces: 4 });
  if (!isBlank(price.unit) && String(price.unit).toUpperCase() !== 'GBP')
    throw new FieldError(field, `currency ${String(price.unit)} is not GBP`);
  return parseDecimal(price.value, `${field}.value`, { maxPlaces: 4 });
}

/** Without a unit price, the net amount spread over the quantity, when that is exact to 4 places. */
function unitPriceFrom(netAmount: Pence, quantity: string): string {
  const net = new Decimal(formatMoney(netAmount));
  if (new Decimal(quantity).isZero()) throw new FieldError('unitPrice', 'is required when the quantity is 0');
  const price = net.dividedBy(quantity);
  if (price.decimalPlaces() > 4)
    throw new FieldError('unitPrice', `is required: ${net.toFixed()} ÷ ${quantity} is not exact to 4 decimal places`);
  return price.toFixed();
}

function readLine(rate: unknown, lineNumber: number, sourceLocation: string): InvoiceLineRecord<ChargeType> {
  if (!isObject(rate)) throw new FieldError('appliedCustomerBillingRate', 'expected an object');
  const chargeType = parseChargeType(pick(rate, 'appliedBillingRateType', 'type'), 'appliedBillingRateType');
  const netAmount = parseMoneyValue(rate.taxExcludedAmount, 'taxExcludedAmount');
  checkChargeSign(chargeType, netAmount, 'taxExcludedAmount');
  const period = readPeriod(rate.periodCoverage, 'periodCoverage', false);
  const quantity = readQuantity(rate) ?? '1';
  return {
    lineNumber,
    serviceReference: readServiceReference(rate),
    chargeType,
    description: optionalString(pick(rate, 'name', 'description'), 'name', 500),
    periodStart: period.start,
    periodEnd: period.end,
    quantity,
    unitPrice: readUnitPrice(rate) ?? unitPriceFrom(netAmount, quantity),
    netAmount,
    ...readVat(rate, netAmount),
    sourceLocation,
  };
}

type InvoiceHeader = Omit<InvoiceRecord<ChargeType>, 'lines' | 'kind'>;

/** Where a bill may say it is a credit note: TMF678's `category` ("normal", "credit note"…), or a `billType`. */
const KIND_FIELDS = ['category', 'billType'] as const;

/**
 * The kind the bill declares, if it does: `category` and `billType` read alike
 * (parseDocumentKind), and refused when they disagree.
 */
function declaredKind(bill: JsonObject): { kind: DocumentKind | null; field: string } {
  let found: { kind: DocumentKind; field: string } | null = null;
  for (const field of KIND_FIELDS) {
    const kind = parseDocumentKind(bill[field], field);
    if (kind === null) continue;
    if (found && found.kind !== kind) {
      throw new FieldError(
        field,
        `"${clip(String(bill[field]))}" means ${kind} but ${found.field} "${clip(String(bill[found.field]))}" means ${found.kind}`,
      );
    }
    found ??= { kind, field };
  }
  return found ?? { kind: null, field: KIND_FIELDS[0] };
}

function readHeader(bill: JsonObject): InvoiceHeader {
  const invoiceNumber = requiredIdentifier(pick(bill, 'billNo', 'id'), 'billNo', 100);
  // the amounts first: a bill in another currency is refused for that, whatever else it lacks
  const netTotal = parseMoneyValue(bill.taxExcludedAmount, 'taxExcludedAmount');
  const grossTotal = parseMoneyValue(bill.taxIncludedAmount, 'taxIncludedAmount');
  const taxItems = Array.isArray(bill.taxItem) && bill.taxItem.length ? bill.taxItem : null;
  const vatTotal = taxItems
    ? taxItems.reduce<Pence>(
        (sum, item, index) => sum + parseMoneyValue(isObject(item) ? item.taxAmount : item, `taxItem[${index}].taxAmount`),
        0n,
      )
    : grossTotal - netTotal;
  const period = readPeriod(bill.billingPeriod, 'billingPeriod', true);
  return {
    invoiceNumber,
    invoiceDate: parseLocalDate(bill.billDate, 'billDate'),
    periodStart: period.start,
    periodEnd: period.end,
    dueDate: optionalLocalDate(bill.paymentDueDate, 'paymentDueDate'),
    currency: 'GBP',
    netTotal,
    vatTotal,
    grossTotal,
  };
}

function embeddedLinesOf(bill: JsonObject, path: string): Located[] {
  for (const key of EMBEDDED_LINE_KEYS) {
    const lines = bill[key];
    if (Array.isArray(lines)) return locate(lines, `${path}.${key}`);
  }
  return [];
}

/** One bill with all of its lines: a record, or one rejection naming every bad line. */
function invoiceFrom(bill: Located, linkedRates: Located[]): ParsedItem<InvoiceRecord<ChargeType>> {
  const location = bill.path;
  const raw = rawJson(
    linkedRates.length ? { customerBill: bill.item, appliedCustomerBillingRate: linkedRates.map((rate) => rate.item) } : bill.item,
  );
  const reject = (reason: string, field?: string): ParsedItem<InvoiceRecord<ChargeType>> => ({ ok: false, location, raw, reason, field });
  if (!isObject(bill.item)) return reject(`${bill.path} is not a CustomerBill object`);

  const name = `Bill ${String(pick(bill.item, 'billNo', 'id') ?? bill.path)}`;
  let header: InvoiceHeader;
  let declared: { kind: DocumentKind | null; field: string };
  try {
    header = readHeader(bill.item);
    declared = declaredKind(bill.item);
  } catch (error) {
    if (error instanceof FieldError) return reject(`${name}: ${error.message}`, error.field);
    throw error;
  }

  const rates = [...embeddedLinesOf(bill.item, bill.path), ...linkedRates];
  if (!rates.length) return reject(`${name} has no lines`);
  const lines: InvoiceLineRecord<ChargeType>[] = [];
  const problems: { reason: string; field: string }[] = [];
  // a rate listed twice (in the bill and again on its own, or sent twice) would be charged twice
  const earlierWithId = new Map<string, string>();
  rates.forEach((rate, index) => {
    const id = isObject(rate.item) && !isBlank(rate.item.id) ? String(rate.item.id).trim() : null;
    if (id !== null) {
      const earlier = earlierWithId.get(id);
      if (earlier) {
        problems.push({ reason: `line ${index + 1} (${rate.path}): id ${id} duplicates ${earlier}`, field: 'id' });
        return;
      }
      earlierWithId.set(id, `line ${index + 1} (${rate.path})`);
    }
    try {
      lines.push(readLine(rate.item, index + 1, rate.path));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push({ reason: `line ${index + 1} (${rate.path}): ${error.message}`, field: error.field });
    }
  });
  if (problems.length) return reject(`${name} cannot be read: ${problems.map((problem) => problem.reason).join('; ')}`, problems[0].field);
  let kind: DocumentKind;
  try {
    kind = documentKind(declared.kind, { grossTotal: header.grossTotal, lines }, declared.field);
  } catch (error) {
    if (error instanceof FieldError) return reject(`${name}: ${error.message}`, error.field);
    throw error;
  }
  return { ok: true, location, raw, record: { ...header, kind, lines } };
}

/**
 * Reads TMF678 CustomerBill JSON: an array of bills, read one bill at a time as it streams;
 * one bill; or a wrapper holding `customerBill` and the `appliedCustomerBillingRate` list
 * that links to them by `bill`. A wrapper's rates may come before or after their bills, so
 * its lists are held until the document ends (FEED_MAX_INVOICE_BYTES bounds an invoice
 * document). Each bill is one item; a rate that names no bill in the document is rejected
 * on its own.
 */
export const invoiceTmf: FeedAdapter<InvoiceRecord<ChargeType>> = async function* (input, limits) {
  const listed: Record<string, Located[]> = { [BILLS]: [], [RATES]: [] };
  for await (const event of readJsonElements(input, { lists: [BILLS, RATES] }, limits)) {
    if (event.kind === 'rest') yield* linkedInvoices(partsOf(event.value, event.lists, listed[BILLS], listed[RATES]));
    else if (event.list === null) yield invoiceFrom({ item: event.value, path: event.path }, []);
    else listed[event.list].push({ item: event.value, path: event.path });
  }
};

function* linkedInvoices({ bills, rates }: { bills: Located[]; rates: Located[] }): Generator<ParsedItem<InvoiceRecord<ChargeType>>> {
  const ratesByBill = new Map<string, Located[]>();
  for (const rate of rates) {
    const billId = billIdOf(rate.item);
    if (billId === null) continue;
    const billRates = ratesByBill.get(billId) ?? [];
    billRates.push(rate);
    ratesByBill.set(billId, billRates);
  }

  const linkedRates = new Set<Located>();
  for (const bill of bills) {
    const keys = isObject(bill.item) ? [bill.item.id, bill.item.billNo].filter((key) => !isBlank(key)).map(String) : [];
    const linked = [...new Set(keys.flatMap((key) => ratesByBill.get(key) ?? []))];
    linked.forEach((rate) => linkedRates.add(rate));
    yield invoiceFrom(bill, linked);
  }

  for (const rate of rates.filter((rate) => !linkedRates.has(rate))) {
    const billId = billIdOf(rate.item);
    yield {
      ok: false,
      location: rate.path,
      raw: rawJson(rate.item),
      reason: billId
        ? `The applied billing rate belongs to bill ${billId}, which is not in the document`
        : 'The applied billing rate names no bill (bill.id or bill.href)',
      field: 'bill',
    };
  }
}
