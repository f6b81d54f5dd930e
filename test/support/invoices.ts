import { formatMoney } from '../../src/common/money';

const vat = (net: bigint) => (net * 20n + 50n) / 100n;

/** A one-invoice CSV whose totals add up, from [reference, net] lines charged at 20 % VAT. */
export function invoiceCsv(number: string, month: string, lines: [string, bigint][]): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  const dated = new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
  const net = lines.reduce((sum, [, n]) => sum + n, 0n);
  const tax = lines.reduce((sum, [, n]) => sum + vat(n), 0n);
  return [
    'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,' +
      'invoice_net_total,invoice_vat_total,invoice_gross_total',
    ...lines.map(
      ([ref, n]) =>
        `${number},${dated},${month}-01,${last},${ref},RECURRING,1,${formatMoney(n)},${formatMoney(n)},20,${formatMoney(vat(n))},` +
        `${formatMoney(net)},${formatMoney(tax)},${formatMoney(net + tax)}`,
    ),
  ].join('\n');
}
