import Decimal from 'decimal.js';
import { addDays, daysBetween } from '../common/dates';
import { formatMoney, type Pence } from '../common/money';
import { ChargeType } from '../feeds/records';

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
}

export interface ServiceFacts {
  id: number;
  reference: string;
  monthlyCharge: Pence;
  installDate: string | null;
  ceaseDate: string | null;
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
}

const pounds = (pence: Pence) => `£${formatMoney(pence)}`;

/** VAT on a net amount at a percent rate, to the penny, half up (HMRC allows either way per line; we use half up). */
export function vatOn(net: Pence, ratePercent: string): Pence {
  return BigInt(new Decimal(net.toString()).times(ratePercent).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/**
 * What a month's rental should be for a service over [from, to] (inclusive dates within
 * one calendar month): the monthly charge pro-rated by the days it was live, to the penny.
 */
export function expectedRental(service: ServiceFacts, from: string, to: string): { amount: Pence; liveDays: number; periodDays: number } {
  const periodDays = daysBetween(from, to) + 1;
  const liveFrom = service.installDate && service.installDate > from ? service.installDate : from;
  // the cease date is the first day without service
  const liveTo = service.ceaseDate && addDays(service.ceaseDate, -1) < to ? addDays(service.ceaseDate, -1) : to;
  const liveDays = liveTo < liveFrom ? 0 : daysBetween(liveFrom, liveTo) + 1;
  const monthDays = daysInMonth(from);
  const wholeMonth = periodDays === monthDays;
  const amount =
    liveDays === periodDays && wholeMonth
      ? service.monthlyCharge
      : BigInt(new Decimal(service.monthlyCharge.toString()).times(liveDays).dividedBy(monthDays).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
  return { amount, liveDays, periodDays };
}

export const daysInMonth = (date: string) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();

/**
 * The findings for one recurring line: at most one about its net amount (unknown service,
 * outside the service's dates, pro rata, rate, duplicate) and one about its VAT. The two
 * differences add up to the line's gross overcharge exactly.
 */
export function recurringLineFindings(line: LineFacts, service: ServiceFacts | undefined, earlier: EarlierCharge[], invoiceNumber: string): Finding[] {
  const findings: Finding[] = vatFindings(line, invoiceNumber, service?.id ?? null);
  const correctVat = vatOn(line.netAmount, line.vatRate);
  const base = { lineId: line.lineId, lineNumber: line.lineNumber, serviceId: service?.id ?? null, serviceReference: line.serviceReference };
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
    if (line.serviceReference) net(FindingType.UNKNOWN_SERVICE, 0n, `Line ${line.lineNumber} charges ${pounds(line.netAmount)} for ${line.serviceReference}, a service we do not hold with this supplier.`);
    return findings;
  }
  if (!line.periodStart || !line.periodEnd) return findings;
  const duplicate = earlier.find((charge) => charge.serviceId === service.id && charge.periodStart <= line.periodEnd! && charge.periodEnd >= line.periodStart!);
  if (duplicate) {
    net(FindingType.DUPLICATE_CHARGE, 0n, `Line ${line.lineNumber} charges ${service.reference} for ${line.periodStart} to ${line.periodEnd}, already charged on invoice ${duplicate.invoiceNumber} line ${duplicate.lineNumber} (${duplicate.periodStart} to ${duplicate.periodEnd}).`);
    return findings;
  }
  if (service.ceaseDate && service.ceaseDate <= line.periodStart) {
    net(FindingType.CHARGED_AFTER_CEASE, 0n, `Line ${line.lineNumber} charges ${service.reference} for ${line.periodStart} to ${line.periodEnd}; the service ceased on ${service.ceaseDate}.`);
    return findings;
  }
  if (!service.installDate || service.installDate > line.periodEnd) {
    net(FindingType.CHARGED_BEFORE_INSTALL, 0n, `Line ${line.lineNumber} charges ${service.reference} for ${line.periodStart} to ${line.periodEnd}; the service was ${service.installDate ? `installed on ${service.installDate}` : 'not yet installed'}.`);
    return findings;
  }
  const expected = expectedRental(service, line.periodStart, line.periodEnd);
  if (expected.amount === line.netAmount) return findings;
  if (expected.liveDays < expected.periodDays) {
    net(
      FindingType.PRO_RATA_ERROR,
      expected.amount,
      `Line ${line.lineNumber} charges ${pounds(line.netAmount)} for ${service.reference}, live ${expected.liveDays} of ${daysInMonth(line.periodStart)} days (${service.installDate && service.installDate > line.periodStart ? `installed ${service.installDate}` : `ceased ${service.ceaseDate}`}): pro rata it is ${pounds(expected.amount)}.`,
    );
  } else {
    net(FindingType.RATE_MISMATCH, expected.amount, `Line ${line.lineNumber} charges ${pounds(line.netAmount)} for ${service.reference}; the contracted charge for ${line.periodStart} to ${line.periodEnd} is ${pounds(expected.amount)}.`);
  }
  return findings;
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
      explanation: `Line ${line.lineNumber}: VAT of ${pounds(line.vatAmount)} on ${pounds(line.netAmount)} at ${line.vatRate}% should be ${pounds(correctVat)}.`,
      disputable: true,
    },
  ];
}
