import Decimal from 'decimal.js';
import { addDays } from '../common/dates';
import { formatMoney, type Pence } from '../common/money';
import { ChargeType } from './charge-type';
import { priceSpan, type ChargeSegment, type ServiceFacts, type SpanPrice } from '../charging/pricing';

export enum FindingType {
  RATE_MISMATCH = 'RATE_MISMATCH',
  PRO_RATA_ERROR = 'PRO_RATA_ERROR',
  CHARGED_AFTER_CEASE = 'CHARGED_AFTER_CEASE',
  CHARGED_BEFORE_INSTALL = 'CHARGED_BEFORE_INSTALL',
  UNKNOWN_SERVICE = 'UNKNOWN_SERVICE',
  NOT_BILLED = 'NOT_BILLED',
  DUPLICATE_CHARGE = 'DUPLICATE_CHARGE',
  VAT_ERROR = 'VAT_ERROR',
  MISSING_SERVICE_CREDIT = 'MISSING_SERVICE_CREDIT',
  VARIANCE = 'VARIANCE',
  /** a one-off charge with no completed order behind it */
  ONE_OFF_WITHOUT_ORDER = 'ONE_OFF_WITHOUT_ORDER',
  /** a one-off charge above what the order was quoted */
  ONE_OFF_ABOVE_QUOTE = 'ONE_OFF_ABOVE_QUOTE',
  /** a credit line that matches nothing owed or disputed: reported, for a person to place */
  UNMATCHED_CREDIT = 'UNMATCHED_CREDIT',
}

export interface LineFacts {
  lineId: number;
  lineNumber: number;
  chargeType: ChargeType;
  serviceReference: string | null;
  serviceId: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  netAmount: Pence;
  vatRate: string;
  vatAmount: Pence;
  description?: string | null;
}

/** An order completed with the supplier, as one-off charges are matched against it. */
export interface CompletedOrderFacts {
  id: number;
  type: string;
  supplierOrderReference: string | null;
  serviceId: number | null;
  completedOn: string;
  /** quoted, net */
  oneOffCharge: Pence;
}

/** An earlier recurring charge for a service, on this invoice or an earlier one. */
export interface EarlierCharge {
  invoiceNumber: string;
  lineNumber: number;
  serviceId: number;
  periodStart: string;
  periodEnd: string;
}

export interface Finding {
  type: FindingType;
  /** stable across re-runs: disputes hold on to findings by it */
  fingerprint: string;
  lineId: number | null;
  lineNumber: number | null;
  serviceId: number | null;
  serviceReference: string | null;
  /** gross (VAT included) amounts, pence */
  expected: Pence | null;
  invoiced: Pence | null;
  /** invoiced − expected, gross: what the supplier overcharged (negative: undercharged) */
  difference: Pence;
  explanation: string;
  /** a finding worth disputing (money the supplier should not have charged) */
  disputable: boolean;
  /** MISSING_SERVICE_CREDIT: the contract and month */
  contractId?: number | null;
  period?: string | null;
}

const pounds = (pence: Pence) => `£${formatMoney(pence)}`;

/**
 * The UK standard VAT rate, percent. Only where reconciliation has no invoice line to take a
 * rate from: the gross of a live service the invoice leaves out (NOT_BILLED) and of a service
 * credit it leaves out (MISSING_SERVICE_CREDIT). Every line's own VAT is checked at the rate
 * the line states.
 */
export const STANDARD_VAT_RATE = '20';

/** VAT on a net amount at a percent rate, to the penny, half up (HMRC allows either way per line; we use half up). */
export function vatOn(net: Pence, ratePercent: string): Pence {
  return BigInt(new Decimal(net.toString()).times(ratePercent).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/**
 * The findings for one recurring line: at most one about its net amount (unknown service,
 * outside the service's dates, pro rata, rate, duplicate) and one about its VAT. The two
 * differences add up to the line's gross overcharge exactly. The line is priced by
 * `priceSpan`, month by month, whatever its period: a quarterly or annual line, or one from
 * the 15th to the 14th, is its months' prices added up, and a finding on it names them.
 */
export function recurringLineFindings(
  line: LineFacts,
  service: ServiceFacts | undefined,
  earlier: EarlierCharge[],
  invoiceNumber: string,
): Finding[] {
  const findings: Finding[] = vatFindings(line, invoiceNumber, service?.id ?? null);
  const correctVat = vatOn(line.netAmount, line.vatRate);
  const base = {
    lineId: line.lineId,
    lineNumber: line.lineNumber,
    serviceId: service?.id ?? null,
    serviceReference: line.serviceReference,
  };
  const invoicedGross = line.netAmount + line.vatAmount;
  const net = (type: FindingType, expectedNet: Pence, explanation: string) => {
    const expected = expectedNet + vatOn(expectedNet, line.vatRate);
    findings.push({
      ...base,
      type,
      fingerprint: `${type}|${invoiceNumber}|${line.lineNumber}`,
      expected,
      invoiced: invoicedGross,
      // the VAT error (if any) is its own finding: this one is the rest of the gross difference
      difference: line.netAmount + correctVat - expected,
      explanation,
      disputable: true,
    });
  };

  if (!service) {
    if (line.serviceReference)
      net(
        FindingType.UNKNOWN_SERVICE,
        0n,
        `Line ${line.lineNumber} charges ${pounds(line.netAmount)} net (${pounds(line.netAmount + correctVat)} with VAT ` +
          `at ${line.vatRate}%) for ${line.serviceReference}, a service we do not hold with this supplier.`,
      );
    return findings;
  }
  if (!line.periodStart || !line.periodEnd) return findings;
  const duplicate = earlier.find(
    (charge) => charge.serviceId === service.id && charge.periodStart <= line.periodEnd! && charge.periodEnd >= line.periodStart!,
  );
  if (duplicate) {
    net(
      FindingType.DUPLICATE_CHARGE,
      0n,
      `Line ${line.lineNumber} charges ${service.reference} for ${line.periodStart} to ${line.periodEnd}, already charged on ` +
        `invoice ${duplicate.invoiceNumber} line ${duplicate.lineNumber} (${duplicate.periodStart} to ${duplicate.periodEnd}).`,
    );
    return findings;
  }
  if (service.ceaseDate && service.ceaseDate <= line.periodStart) {
    net(
      FindingType.CHARGED_AFTER_CEASE,
      0n,
      `Line ${line.lineNumber} charges ${service.reference} for ${line.periodStart} to ${line.periodEnd}; the service ceased on ${service.ceaseDate}.`,
    );
    return findings;
  }
  if (!service.installDate || service.installDate > line.periodEnd) {
    net(
      FindingType.CHARGED_BEFORE_INSTALL,
      0n,
      `Line ${line.lineNumber} charges ${service.reference} for ${line.periodStart} to ${line.periodEnd}; the service ` +
        `was ${service.installDate ? `installed on ${service.installDate}` : 'not yet installed'}.`,
    );
    return findings;
  }
  const expected = priceSpan(service, line.periodStart, line.periodEnd);
  if (expected.amount === line.netAmount) return findings;
  const oneMonth = expected.months.length === 1;
  if (expected.liveDays < expected.periodDays) {
    const dates = [
      service.installDate && service.installDate > line.periodStart ? `installed ${service.installDate}` : null,
      service.ceaseDate && service.ceaseDate <= line.periodEnd ? `ceased ${service.ceaseDate}` : null,
    ]
      .filter((date) => date !== null)
      .join(', ');
    net(
      FindingType.PRO_RATA_ERROR,
      expected.amount,
      oneMonth
        ? `Line ${line.lineNumber} charges ${pounds(line.netAmount)} net for ${service.reference}, live ${expected.liveDays} ` +
            `of ${expected.months[0]!.monthDays} days (${dates}): pro rata it is ${pounds(expected.amount)} net; ${gap(line, expected.amount)}.`
        : `Line ${line.lineNumber} charges ${pounds(line.netAmount)} net for ${service.reference} from ${line.periodStart} ` +
            `to ${line.periodEnd}, live ${expected.liveDays} of its ${expected.periodDays} days (${dates}): pro rata month by month it ` +
            `is ${pounds(expected.amount)} net (${monthByMonth(expected)}); ${gap(line, expected.amount)}.`,
    );
  } else {
    const segments = oneMonth ? expected.months[0]!.charges : [];
    const changed = segments.length > 1 ? ` (${segments.map(chargeText).join(', then ')})` : '';
    net(
      FindingType.RATE_MISMATCH,
      expected.amount,
      oneMonth
        ? `Line ${line.lineNumber} charges ${pounds(line.netAmount)} net for ${service.reference}; the contracted charge ` +
            `for ${line.periodStart} to ${line.periodEnd} is ${pounds(expected.amount)} net${changed}; ${gap(line, expected.amount)}.`
        : `Line ${line.lineNumber} charges ${pounds(line.netAmount)} net for ${service.reference}; the contracted charge ` +
            `for ${line.periodStart} to ${line.periodEnd} is ${pounds(expected.amount)} net, month by ` +
            `month: ${monthByMonth(expected)}; ${gap(line, expected.amount)}.`,
    );
  }
  return findings;
}

/**
 * How far a line's net amount is from the expected net, and the same gap with VAT: the
 * finding's `difference` is gross, and its explanation quotes it, so the two never disagree.
 */
function gap(line: LineFacts, expectedNet: Pence): string {
  const net = line.netAmount - expectedNet;
  const gross = line.netAmount + vatOn(line.netAmount, line.vatRate) - (expectedNet + vatOn(expectedNet, line.vatRate));
  const side = (amount: Pence) => (amount < 0n ? 'under' : 'over');
  const abs = (amount: Pence) => (amount < 0n ? -amount : amount);
  return `${pounds(abs(net))} net ${side(net)}, ${pounds(abs(gross))} ${side(gross)} with VAT at ${line.vatRate}%`;
}

const chargeText = (segment: ChargeSegment) => `${pounds(segment.monthlyCharge)} a month for ${segment.days} days from ${segment.from}`;

/**
 * A span's months as an explanation names them: "2026-10: £300.00; 2026-11: £164.52 (16 of
 * 30 days at £300.00 a month)", each month's charges where more than one applied.
 */
function monthByMonth(price: SpanPrice): string {
  return price.months
    .map((month) => {
      const [only] = month.charges;
      const detail =
        month.charges.length === 0
          ? ' (not live)'
          : month.charges.length > 1
            ? ` (${month.charges.map(chargeText).join(', then ')})`
            : month.liveDays < month.monthDays
              ? ` (${month.liveDays} of ${month.monthDays} days at ${pounds(only!.monthlyCharge)} a month)`
              : '';
      return `${month.period}: ${pounds(month.amount)}${detail}`;
    })
    .join('; ');
}

/** Any line: its VAT must be its net amount at its rate, to the penny. */
export function vatFindings(line: LineFacts, invoiceNumber: string, serviceId: number | null): Finding[] {
  const correctVat = vatOn(line.netAmount, line.vatRate);
  if (line.vatAmount === correctVat) return [];
  return [
    {
      type: FindingType.VAT_ERROR,
      fingerprint: `${FindingType.VAT_ERROR}|${invoiceNumber}|${line.lineNumber}`,
      lineId: line.lineId,
      lineNumber: line.lineNumber,
      serviceId,
      serviceReference: line.serviceReference,
      expected: line.netAmount + correctVat,
      invoiced: line.netAmount + line.vatAmount,
      difference: line.vatAmount - correctVat,
      explanation:
        `Line ${line.lineNumber}: VAT of ${pounds(line.vatAmount)} on ${pounds(line.netAmount)} at ${line.vatRate}% should ` +
        `be ${pounds(correctVat)}.`,
      disputable: true,
    },
  ];
}

/** How long before the billing period an order may have completed for its one-off charge to be on this invoice. */
const ONE_OFF_LOOKBACK_DAYS = 62;

/**
 * A one-off line must stand on a completed order: the order whose supplier reference the
 * line quotes, else an order for the line's service completed within the billing period or
 * up to ONE_OFF_LOOKBACK_DAYS before it. Without one the whole charge is in question; with
 * one, anything above the quote is. An order backs one line only: `taken` holds the orders
 * already matched on this invoice, `billedBefore` those charged on earlier invoices (a
 * line that matches only one of those is a duplicate charge). VAT is checked as on any line, and the findings' gross
 * differences add up to the line's overcharge exactly.
 */
export function oneOffLineFindings(
  line: LineFacts,
  orders: readonly CompletedOrderFacts[],
  taken: Set<number>,
  invoiceNumber: string,
  billedBefore: ReadonlyMap<number, EarlierOneOff> = new Map(),
): { findings: Finding[]; order: CompletedOrderFacts | null } {
  const findings = vatFindings(line, invoiceNumber, line.serviceId);
  const order = matchOrder(
    line,
    orders.filter((o) => !taken.has(o.id) && !billedBefore.has(o.id)),
  );
  if (order) taken.add(order.id);
  if (line.netAmount <= 0n) return { findings, order };
  const correctVat = vatOn(line.netAmount, line.vatRate);
  const base = {
    lineId: line.lineId,
    lineNumber: line.lineNumber,
    serviceId: line.serviceId,
    serviceReference: line.serviceReference,
    invoiced: line.netAmount + line.vatAmount,
    disputable: true,
  };
  const billed = order
    ? null
    : matchOrder(
        line,
        orders.filter((o) => billedBefore.has(o.id)),
      );
  if (billed) {
    const earlier = billedBefore.get(billed.id)!;
    findings.push({
      ...base,
      type: FindingType.DUPLICATE_CHARGE,
      fingerprint: `${FindingType.DUPLICATE_CHARGE}|${invoiceNumber}|${line.lineNumber}`,
      expected: 0n,
      difference: line.netAmount + correctVat,
      explanation:
        `Line ${line.lineNumber} charges ${pounds(line.netAmount)} for ${billed.type} order ${billed.supplierOrderReference ?? billed.id}, ` +
        `already charged on invoice ${earlier.invoiceNumber} line ${earlier.lineNumber}.`,
    });
  } else if (!order) {
    findings.push({
      ...base,
      type: FindingType.ONE_OFF_WITHOUT_ORDER,
      fingerprint: `${FindingType.ONE_OFF_WITHOUT_ORDER}|${invoiceNumber}|${line.lineNumber}`,
      expected: 0n,
      difference: line.netAmount + correctVat,
      explanation:
        `Line ${line.lineNumber} is a one-off charge of ${pounds(line.netAmount)}${line.description ? ` ("${line.description}")` : ''} with ` +
        `no completed order behind it${
          line.serviceReference && line.periodStart && line.periodEnd
            ? ` for ${line.serviceReference} between ${addDays(line.periodStart, -ONE_OFF_LOOKBACK_DAYS)} and ${line.periodEnd}`
            : ''
        }, and it quotes no order reference of ours.`,
    });
  } else if (line.netAmount > order.oneOffCharge) {
    const expected = order.oneOffCharge + vatOn(order.oneOffCharge, line.vatRate);
    findings.push({
      ...base,
      type: FindingType.ONE_OFF_ABOVE_QUOTE,
      fingerprint: `${FindingType.ONE_OFF_ABOVE_QUOTE}|${invoiceNumber}|${line.lineNumber}`,
      expected,
      difference: line.netAmount + correctVat - expected,
      explanation:
        `Line ${line.lineNumber} charges ${pounds(line.netAmount)} for ${order.type} order ${order.supplierOrderReference ?? order.id} ` +
        `(completed ${order.completedOn}), quoted at ${pounds(order.oneOffCharge)}.`,
    });
  }
  return { findings, order };
}

/** A one-off line on an earlier invoice, and the order it was matched to. */
export interface EarlierOneOff {
  orderId: number;
  invoiceNumber: string;
  lineNumber: number;
}

/**
 * Matches earlier invoices' one-off lines (oldest first) to orders, as each invoice was
 * matched: the orders already billed, so that a second charge for one is a duplicate.
 */
export function ordersBilledBefore(
  lines: readonly (LineFacts & { invoiceNumber: string })[],
  orders: readonly CompletedOrderFacts[],
): Map<number, EarlierOneOff> {
  const billed = new Map<number, EarlierOneOff>();
  for (const line of lines) {
    if (line.netAmount <= 0n) continue;
    const order = matchOrder(
      line,
      orders.filter((o) => !billed.has(o.id)),
    );
    if (order) billed.set(order.id, { orderId: order.id, invoiceNumber: line.invoiceNumber, lineNumber: line.lineNumber });
  }
  return billed;
}

function matchOrder(line: LineFacts, free: readonly CompletedOrderFacts[]): CompletedOrderFacts | null {
  const text = (line.description ?? '').toUpperCase();
  const byReference = free.find((order) => order.supplierOrderReference && mentions(text, order.supplierOrderReference.toUpperCase()));
  if (byReference) return byReference;
  if (line.serviceId === null || !line.periodStart || !line.periodEnd) return null;
  const earliest = addDays(line.periodStart, -ONE_OFF_LOOKBACK_DAYS);
  const candidates = free
    .filter((order) => order.serviceId === line.serviceId && order.completedOn >= earliest && order.completedOn <= line.periodEnd!)
    .sort((a, b) => (a.completedOn < b.completedOn ? -1 : a.completedOn > b.completedOn ? 1 : a.id - b.id));
  return candidates[0] ?? null;
}

/** `text` names `reference` as a whole token, not as part of a longer one. */
function mentions(text: string, reference: string): boolean {
  let at = text.indexOf(reference);
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + reference.length] ?? '';
    if (!/[A-Z0-9]/.test(before) && !/[A-Z0-9]/.test(after)) return true;
    at = text.indexOf(reference, at + 1);
  }
  return false;
}
