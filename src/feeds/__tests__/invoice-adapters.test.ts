import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { invoiceCsv } from '../adapters/invoice-csv';
import { invoiceTmf } from '../adapters/invoice-tmf678';
import { ChargeType } from '../../billing/charge-type';
import { type InvoiceRecord } from '../../feed-records/records';
import { FeedFormatError, type FeedAdapter, type ParsedItem } from '../feed-adapter';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/feeds/invoices');

async function read(adapter: FeedAdapter<InvoiceRecord>, input: AsyncIterable<Buffer | string>): Promise<ParsedItem<InvoiceRecord>[]> {
  const items: ParsedItem<InvoiceRecord>[] = [];
  for await (const item of adapter(input)) items.push(item);
  return items;
}

const readFixture = (adapter: FeedAdapter<InvoiceRecord>, name: string) => read(adapter, fs.createReadStream(path.join(FIXTURES, name)));
const readText = (adapter: FeedAdapter<InvoiceRecord>, text: string) => read(adapter, Readable.from([text]));

function accepted(item: ParsedItem<InvoiceRecord> | undefined): InvoiceRecord {
  if (!item?.ok) throw new Error(`expected an accepted invoice, got ${JSON.stringify(item)}`);
  return item.record;
}

function rejected(item: ParsedItem<InvoiceRecord> | undefined) {
  if (!item || item.ok) throw new Error(`expected a rejected invoice, got ${item ? 'an accepted one' : 'nothing'}`);
  return item;
}

const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);

const HEADER =
  'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,description,quantity,unit_price,net_amount,vat_rate,' +
  'vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total';

describe('invoice CSV adapter', () => {
  it('groups the rows of the valid file into two invoices, in order of first appearance, with exact pence', async () => {
    const items = await readFixture(invoiceCsv, 'invoices.csv');

    expect(items).toHaveLength(2);
    const [first, second] = items.map(accepted);
    expect(items[0].location).toBe('lines 2–11');
    expect(items[1].location).toBe('lines 6–10');
    expect(first).toMatchObject({
      invoiceNumber: 'PDN-INV-2026-1101',
      invoiceDate: '2026-11-01',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      dueDate: '2026-12-01',
      currency: 'GBP',
      netTotal: 765800n,
      vatTotal: 153160n,
      grossTotal: 918960n,
    });
    expect(first.lines.map((line) => [line.lineNumber, line.serviceReference])).toEqual([
      [1, 'PDN-ETH-100037'],
      [2, 'PDN-ETH-100074'],
      [3, 'PDN-ETH-100111'],
      [4, 'PDN-INT-100629'],
      [5, 'PDN-ETH-100185'],
    ]);
    expect(first.lines[4]).toEqual({
      lineNumber: 5,
      serviceReference: 'PDN-ETH-100185',
      chargeType: ChargeType.ONE_OFF,
      description: 'Out-of-hours engineer visit',
      periodStart: null,
      periodEnd: null,
      quantity: '2',
      unitPrice: '175',
      netAmount: 35000n,
      vatRate: '20',
      vatAmount: 7000n,
      sourceLocation: 'line 11',
    });
    expect(first.lines.map((line) => line.sourceLocation)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 11']);
    expect(second.lines.find((line) => line.chargeType === ChargeType.USAGE)).toMatchObject({
      quantity: '12.5',
      unitPrice: '4',
      netAmount: 5000n,
    });
    expect(second.lines.find((line) => line.chargeType === ChargeType.CREDIT)).toMatchObject({
      serviceReference: 'PDN-ETH-100259',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
      netAmount: -7630n,
      vatAmount: -1526n,
    });
  });

  it('keeps the valid file consistent: each invoice’s totals are the sums of its lines, at 20% VAT', async () => {
    for (const invoice of (await readFixture(invoiceCsv, 'invoices.csv')).map(accepted)) {
      expect(sum(invoice.lines.map((line) => line.netAmount))).toBe(invoice.netTotal);
      expect(sum(invoice.lines.map((line) => line.vatAmount))).toBe(invoice.vatTotal);
      expect(invoice.netTotal + invoice.vatTotal).toBe(invoice.grossTotal);
      expect(invoice.lines.every((line) => line.vatRate === '20' && line.vatAmount * 5n === line.netAmount)).toBe(true);
    }
  });

  it('passes on an invoice whose totals disagree with its lines, for the pipeline to reject', async () => {
    const invoice = accepted((await readFixture(invoiceCsv, 'invoices-totals-mismatch.csv'))[0]);

    expect(invoice.netTotal).toBe(376800n);
    expect(sum(invoice.lines.map((line) => line.netAmount))).toBe(366800n);
  });

  it('passes on a line for a service we do not hold, and a charge tied to no service', async () => {
    const invoice = accepted((await readFixture(invoiceCsv, 'invoices-phantom-service.csv'))[0]);

    expect(invoice.lines.map((line) => line.serviceReference)).toEqual(['PDN-ETH-100481', 'PDN-PHANTOM-9999', null]);
  });

  it('fails the whole file when the columns are not the template’s, naming the missing and unknown ones', async () => {
    const reading = readFixture(invoiceCsv, 'invoices-wrong-columns.csv');

    await expect(reading).rejects.toThrow(FeedFormatError);
    await expect(reading).rejects.toThrow(/missing column\(s\) invoice_number, net_amount; unknown column\(s\) invoice_no, amount/);
  });

  it('rejects a whole invoice for one bad line, naming the line and the field, and keeps the good invoice', async () => {
    const [good, badLine, disagreeing] = await readFixture(invoiceCsv, 'invoices-bad-line.csv');

    expect(accepted(good).invoiceNumber).toBe('PDN-INV-2026-1107');
    expect(rejected(badLine)).toMatchObject({
      location: 'lines 3–4',
      field: 'net_amount',
      reason:
        'Invoice PDN-INV-2026-1108 cannot be read: line 4: net_amount: "1792.005" is not an amount in pounds with at most two decimal places',
    });
    expect(badLine.raw.split('\n')).toHaveLength(2);
    expect(badLine.raw).toContain('PDN-ETH-100037');
    expect(rejected(disagreeing)).toMatchObject({
      location: 'lines 5–6',
      field: 'invoice_gross_total',
      reason: 'Invoice PDN-INV-2026-1109 cannot be read: line 6: invoice_gross_total 3076.00 differs from 3066.00 on line 5',
    });
  });

  it('rejects impossible dates and a line period that ends before it starts', async () => {
    const [badDate, reversed] = (await readFixture(invoiceCsv, 'invoices-bad-dates.csv')).map(rejected);

    expect(badDate.field).toBe('invoice_date');
    expect(badDate.reason).toContain('line 2: invoice_date: "31/02/2026" is not a date');
    expect(reversed).toMatchObject({ location: 'lines 4–5', field: 'line_period_end' });
    expect(reversed.reason).toContain('line 5: line_period_end: 2026-10-01 is before line_period_start 2026-10-31');
  });

  it('rejects a negative recurring charge and a positive credit', async () => {
    const [negativeRental, positiveCredit] = (await readFixture(invoiceCsv, 'invoices-negative-charges.csv')).map(rejected);

    expect(negativeRental.reason).toContain('net_amount: -1792.00 is negative on a RECURRING line');
    expect(positiveCredit.reason).toContain('net_amount: 76.30 is positive on a CREDIT line; credits are sent as negative amounts');
  });

  it('reads the values real suppliers write: pounds signs, thousands separators, "20%", UK dates, charge-type words', async () => {
    const csv = [
      'Invoice Number,Invoice Date,Period Start,Period End,Charge Type,Unit Price,Net Amount,VAT Rate,VAT Amount,Invoice Net Total,Invoice ' +
        'VAT Total,Invoice Gross Total',
      'INV-9,25/11/2026,01/11/2026,30/11/2026,Rental,1234.5,"£1,234.50",20%,£246.90,"£1,484.00","£296.80","£1,780.80"',
      'INV-9,25/11/2026,01/11/2026,30/11/2026,one-off,100,100.00,20.0,20.00,"£1,484.00",£296.80,"£1,780.80"',
      'INV-9,25/11/2026,01/11/2026,30/11/2026,oneTime,50,50.00,20,10.00,1484.00,296.80,1780.80',
      'INV-9,25/11/2026,01/11/2026,30/11/2026,Installation,75,75.00,20,15.00,1484.00,296.80,1780.80',
      'INV-9,25/11/2026,01/11/2026,30/11/2026,Connection,25,25.00,20,5.00,1484.00,296.80,1780.80',
      'INV-9,25/11/2026,01/11/2026,30/11/2026,credit note,-0.5,-0.50,20,-0.10,1484.00,296.80,1780.80',
    ].join('\n');

    const invoice = accepted((await readText(invoiceCsv, csv))[0]);

    expect(invoice).toMatchObject({
      invoiceDate: '2026-11-25',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      currency: 'GBP',
      dueDate: null,
    });
    expect(invoice.netTotal).toBe(148400n);
    expect(invoice.lines[0]).toMatchObject({
      chargeType: ChargeType.RECURRING,
      netAmount: 123450n,
      unitPrice: '1234.5',
      quantity: '1',
      vatRate: '20',
    });
    expect(invoice.lines.map((line) => line.chargeType)).toEqual([
      ChargeType.RECURRING,
      ChargeType.ONE_OFF,
      ChargeType.ONE_OFF,
      ChargeType.ONE_OFF,
      ChargeType.ONE_OFF,
      ChargeType.CREDIT,
    ]);
    expect(invoice.lines[1].vatRate).toBe('20');
  });

  it('numbers lines as written, in that order, and rejects a number used twice', async () => {
    const row = (number: string, lineNumber: string) =>
      `${number},2026-11-01,2026-10-01,2026-10-31,,ONE_OFF,Fee,1,10,10.00,20,2.00,20.00,4.00,24.00,${lineNumber}`;
    const header = `${HEADER},line_number`;

    const numbered = accepted((await readText(invoiceCsv, [header, row('A', '7'), row('A', '3')].join('\n')))[0]);
    const twice = rejected((await readText(invoiceCsv, [header, row('B', '2'), row('B', '2')].join('\n')))[0]);

    expect(numbered.lines.map((line) => line.lineNumber)).toEqual([3, 7]);
    expect(twice).toMatchObject({
      field: 'line_number',
      reason: 'Invoice B cannot be read: line 3: line_number 2 is already used on line 2',
    });
  });

  it('refuses a VAT rate written as a fraction, another currency, and rows it cannot place or split', async () => {
    const line = (number: string, vatRate: string) =>
      `${number},2026-11-01,2026-10-01,2026-10-31,,ONE_OFF,Fee,1,10,10.00,${vatRate},2.00,10.00,2.00,12.00`;

    const [fraction, orphan, shortRow] = await readText(
      invoiceCsv,
      [HEADER, line('F', '0.2'), line('', '20'), 'S,2026-11-01,2026-10-01'].join('\n'),
    );
    const [dollars] = await readText(invoiceCsv, [`${HEADER},currency`, `${line('D', '20')},USD`].join('\n'));

    expect(rejected(fraction).reason).toContain('vat_rate: 0.2 is ambiguous: the rate is a percent (20 for 20%)');
    expect(rejected(orphan)).toMatchObject({ location: 'line 3', field: 'invoice_number' });
    expect(rejected(shortRow).reason).toBe('Invoice S cannot be read: line 4 has 3 cells where the header has 15');
    expect(rejected(dollars)).toMatchObject({ field: 'currency', reason: 'Invoice D cannot be read: line 2: currency: USD is not GBP' });
  });
});

describe('TMF678 invoice adapter', () => {
  it('reads bills and the rates that link to them by bill.id or bill.href', async () => {
    const items = await readFixture(invoiceTmf, 'invoices-tmf678.json');

    expect(items.map((item) => item.location)).toEqual(['$.customerBill[0]', '$.customerBill[1]']);
    const [first, second] = items.map(accepted);
    expect(first).toMatchObject({
      invoiceNumber: 'PDN-INV-2026-1001',
      invoiceDate: '2026-10-01',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
      dueDate: '2026-10-31',
      netTotal: 565600n,
      vatTotal: 113120n,
      grossTotal: 678720n,
    });
    expect(first.lines.map((line) => [line.lineNumber, line.serviceReference, line.chargeType, line.vatRate])).toEqual([
      [1, 'PDN-ETH-100037', ChargeType.RECURRING, '20'],
      [2, 'PDN-ETH-100148', ChargeType.RECURRING, '20'],
      [3, 'PDN-ETH-100185', ChargeType.ONE_OFF, '20'],
    ]);
    expect(first.lines[2]).toMatchObject({ quantity: '2', unitPrice: '175', netAmount: 35000n, vatAmount: 7000n, periodStart: null });
    expect(second.lines.map((line) => line.serviceReference)).toEqual(['PDN-ETH-100259', 'PDN-INT-100629', 'PDN-ETH-100259']);
    // the rates are listed beside the bills, so each line is traced to its place in that list
    expect(first.lines.map((line) => line.sourceLocation)).toEqual([
      '$.appliedCustomerBillingRate[0]',
      '$.appliedCustomerBillingRate[1]',
      '$.appliedCustomerBillingRate[2]',
    ]);
    expect(second.lines.map((line) => line.sourceLocation)).toEqual([
      '$.appliedCustomerBillingRate[3]',
      '$.appliedCustomerBillingRate[4]',
      '$.appliedCustomerBillingRate[5]',
    ]);
    // TMF678's "normal" category is a regular bill
    expect([first.kind, second.kind]).toEqual(['INVOICE', 'INVOICE']);
  });

  it('reads period ends at midnight or written in UTC as the last day covered', async () => {
    const [first] = (await readFixture(invoiceTmf, 'invoices-tmf678.json')).map(accepted);

    // "2026-09-30T22:59:59.999Z" and "2026-10-01T00:00:00+01:00" both close 30 September
    expect(first.lines.slice(0, 2).map((line) => [line.periodStart, line.periodEnd])).toEqual([
      ['2026-09-01', '2026-09-30'],
      ['2026-09-01', '2026-09-30'],
    ]);
  });

  it('takes VAT from gross − net when a bill lists no tax items, and a credit from a discount', async () => {
    const second = accepted((await readFixture(invoiceTmf, 'invoices-tmf678.json'))[1]);

    expect(second).toMatchObject({ netTotal: 175770n, vatTotal: 35154n, grossTotal: 210924n });
    expect(second.lines[2]).toMatchObject({
      chargeType: ChargeType.CREDIT,
      netAmount: -7630n,
      vatAmount: -1526n,
      vatRate: '20',
      unitPrice: '-76.3',
    });
  });

  it('reads a single bill with embedded items, a serviceReference characteristic and fractional rates', async () => {
    const [item] = await readFixture(invoiceTmf, 'invoices-tmf678-single.json');

    expect(item.location).toBe('$');
    const invoice = accepted(item);
    expect(invoice).toMatchObject({ invoiceNumber: 'PDN-INV-2026-1003', periodEnd: '2026-09-30', vatTotal: 25260n });
    expect(invoice.lines.map((line) => [line.serviceReference, line.chargeType, line.vatRate])).toEqual([
      ['PDN-ETH-100296', ChargeType.RECURRING, '20'],
      [null, ChargeType.ONE_OFF, '20'],
    ]);
  });

  it('rejects a bill for one bad line, naming the line, its path and the field', async () => {
    const [good, bad] = await readFixture(invoiceTmf, 'invoices-tmf678-bad-line.json');

    expect(accepted(good)).toMatchObject({ invoiceNumber: 'PDN-INV-2026-1004', vatTotal: 22260n, dueDate: null });
    expect(rejected(bad)).toMatchObject({
      location: '$[1]',
      field: 'taxExcludedAmount',
      reason:
        'Bill PDN-INV-2026-1005 cannot be read: line 1 ($[1].appliedCustomerBillingRate[0]): taxExcludedAmount: "1792.005" is not an amount ' +
        'in pounds with at most two decimal places',
    });
  });

  it('fails a truncated document whole', async () => {
    await expect(readFixture(invoiceTmf, 'invoices-tmf678-truncated.json')).rejects.toThrow(FeedFormatError);
  });

  it('rejects the published TMF678 CustomerBill example precisely: its amounts are in euros', async () => {
    // a verbatim copy of TM Forum's sample (tmforum-apis/Open_Api_And_Data_Model, apis/TMF678/samples)
    const items = await readFixture(invoiceTmf, 'tmf678-CustomerBill.example.json');

    expect(items).toHaveLength(1);
    expect(rejected(items[0])).toMatchObject({
      location: '$',
      field: 'taxExcludedAmount',
      reason: 'Bill 780123456: taxExcludedAmount: currency EUR is not GBP',
    });
  });

  it('rejects a bill with no lines and a rate whose bill is not in the document', async () => {
    const bill = (id: string) => ({
      id,
      billDate: '2026-10-01',
      billingPeriod: { startDateTime: '2026-09-01', endDateTime: '2026-09-30' },
      taxExcludedAmount: { unit: 'GBP', value: 10 },
      taxIncludedAmount: { unit: 'GBP', value: 12 },
    });
    const rate = { bill: { id: 'CB-X' }, type: 'usage', taxExcludedAmount: 10, appliedTax: [{ taxRate: 0.2 }], taxIncludedAmount: 12 };

    const [empty, orphan] = await readText(invoiceTmf, JSON.stringify({ customerBill: bill('CB-1'), appliedCustomerBillingRate: [rate] }));

    expect(rejected(empty)).toMatchObject({ location: '$.customerBill', reason: 'Bill CB-1 has no lines' });
    expect(rejected(orphan)).toMatchObject({
      location: '$.appliedCustomerBillingRate[0]',
      reason: 'The applied billing rate belongs to bill CB-X, which is not in the document',
    });
  });

  it('spreads the net amount over a quantity when no unit price is given, only when exact', async () => {
    const billWith = (net: string, quantity: number) => ({
      billNo: 'Q-1',
      billDate: '2026-10-01',
      billingPeriod: { startDateTime: '2026-09-01', endDateTime: '2026-09-30' },
      taxExcludedAmount: net,
      taxIncludedAmount: net,
      lines: [{ type: 'usage', quantity, taxExcludedAmount: net, appliedTax: [{ taxCategory: 'VAT', taxRate: 0, taxAmount: '0' }] }],
    });

    const [exact, inexact] = await readText(invoiceTmf, JSON.stringify([billWith('30.00', 3), billWith('10.00', 3)]));

    expect(accepted(exact).lines[0]).toMatchObject({ quantity: '3', unitPrice: '10', vatRate: '0', vatAmount: 0n });
    expect(rejected(inexact).reason).toContain('unitPrice: is required: 10 ÷ 3 is not exact to 4 decimal places');
  });

  it('refuses a line with two VAT rates or a tax that is not VAT', async () => {
    const billWith = (appliedTax: unknown[]) => ({
      billNo: 'T-1',
      billDate: '2026-10-01',
      billingPeriod: { startDateTime: '2026-09-01', endDateTime: '2026-09-30' },
      taxExcludedAmount: '10.00',
      taxIncludedAmount: '12.00',
      lines: [{ type: 'recurring', taxExcludedAmount: '10.00', appliedTax }],
    });

    const [twoRates, notVat] = await readText(
      invoiceTmf,
      JSON.stringify([
        billWith([
          { taxRate: 20, taxAmount: '1.00' },
          { taxRate: 0.05, taxAmount: '1.00' },
        ]),
        billWith([{ taxCategory: 'Sales tax', taxRate: 20 }]),
      ]),
    );

    expect(rejected(twoRates).reason).toContain('appliedTax: has several VAT rates (20, 5); send one line per rate');
    expect(rejected(notVat)).toMatchObject({ field: 'appliedTax[0].taxCategory' });
  });

  it('fails a document that is not a bill, an array of bills or a wrapper', async () => {
    await expect(readText(invoiceTmf, '"CB-1"')).rejects.toThrow(FeedFormatError);
  });
});

describe('invoice kind', () => {
  const KIND_HEADER = `${HEADER},document_type`;
  const creditRow = (number: string, type: string, net = '-50.00', vat = '-10.00', totals = '-50.00,-10.00,-60.00') =>
    `${number},2026-11-20,2026-10-01,2026-10-31,PDN-ETH-100037,CREDIT,Service credit,1,${net},${net},20,${vat},${totals},${type}`;

  it('reads a CSV document_type in any case, and infers a credit note only from a negative document of credits alone', async () => {
    const declared = await readText(invoiceCsv, [KIND_HEADER, creditRow('CN-1', 'credit_note'), creditRow('INV-1', 'Invoice')].join('\n'));
    const undeclared = await readText(
      invoiceCsv,
      [
        HEADER,
        creditRow('CN-2', '').replace(/,$/, ''),
        // a credit beside a charge: an invoice with a credit on it
        'MIX-1,2026-11-20,2026-10-01,2026-10-31,PDN-ETH-100037,RECURRING,Rental,1,100,100.00,20,20.00,50.00,10.00,60.00',
        'MIX-1,2026-11-20,2026-10-01,2026-10-31,PDN-ETH-100037,CREDIT,Credit,1,-50,-50.00,20,-10.00,50.00,10.00,60.00',
        // a negative adjustment is not declared a credit
        'ADJ-1,2026-11-20,2026-10-01,2026-10-31,,ADJUSTMENT,Correction,1,-5,-5.00,20,-1.00,-5.00,-1.00,-6.00',
      ].join('\n'),
    );

    expect(declared.map((item) => accepted(item).kind)).toEqual(['CREDIT_NOTE', 'INVOICE']);
    expect(undeclared.map((item) => [accepted(item).invoiceNumber, accepted(item).kind])).toEqual([
      ['CN-2', 'CREDIT_NOTE'],
      ['MIX-1', 'INVOICE'],
      ['ADJ-1', 'INVOICE'],
    ]);
  });

  it('rejects a CSV invoice whose rows disagree on document_type, naming the rows, and an unknown type', async () => {
    const [mixed, unknown] = await readText(
      invoiceCsv,
      [KIND_HEADER, creditRow('CN-3', 'CREDIT_NOTE'), creditRow('CN-3', 'INVOICE'), creditRow('CN-4', 'refund note')].join('\n'),
    );

    expect(rejected(mixed)).toMatchObject({
      field: 'document_type',
      reason: 'Invoice CN-3 cannot be read: line 3: document_type INVOICE differs from CREDIT_NOTE on line 2',
    });
    expect(rejected(unknown)).toMatchObject({
      field: 'document_type',
      reason: 'Invoice CN-4 cannot be read: line 4: document_type: "refund note" is not one of INVOICE, CREDIT_NOTE',
    });
  });

  it('rejects a declared credit note that charges, saying what contradicts it', async () => {
    const [positive, charging] = await readText(
      invoiceCsv,
      [
        KIND_HEADER,
        'CN-5,2026-11-20,2026-10-01,2026-10-31,,ONE_OFF,Fee,1,10,10.00,20,2.00,10.00,2.00,12.00,CREDIT_NOTE',
        'CN-6,2026-11-20,2026-10-01,2026-10-31,,RECURRING,Rental,1,10,10.00,20,2.00,-90.00,-18.00,-108.00,CREDIT_NOTE',
        'CN-6,2026-11-20,2026-10-01,2026-10-31,,CREDIT,Credit,1,-100,-100.00,20,-20.00,-90.00,-18.00,-108.00,CREDIT_NOTE',
      ].join('\n'),
    );

    expect(rejected(positive)).toMatchObject({
      field: 'document_type',
      reason:
        'Invoice CN-5 cannot be read: document_type: declares a credit note but the gross total £12.00 is positive; a credit note gives money back',
    });
    expect(rejected(charging).reason).toBe(
      'Invoice CN-6 cannot be read: document_type: declares a credit note but line 1 (RECURRING £10.00) charges; send charges on an invoice',
    );
  });

  const tmfBill = (id: string, declared: Record<string, string>, lines: { type: string; net: string }[]) => {
    const net = lines.reduce((total, line) => total + Number(line.net), 0);
    return {
      id,
      billDate: '2026-11-20',
      billingPeriod: { startDateTime: '2026-10-01', endDateTime: '2026-10-31' },
      taxExcludedAmount: { unit: 'GBP', value: net },
      taxIncludedAmount: { unit: 'GBP', value: net * 1.2 },
      ...declared,
      billItem: lines.map((line) => ({
        type: line.type,
        taxExcludedAmount: line.net,
        appliedTax: [{ taxCategory: 'VAT', taxRate: 20, taxAmount: String(Number(line.net) * 0.2) }],
      })),
    };
  };

  it('reads a TMF678 category or billType: credit note words, regular-bill words, and infers when neither is given', async () => {
    const credit = [{ type: 'credit', net: '-50' }];
    const items = await readText(
      invoiceTmf,
      JSON.stringify([
        tmfBill('A', { category: 'creditNote' }, credit),
        tmfBill('B', { billType: 'Credit Note' }, credit),
        tmfBill('C', { category: 'CREDIT_NOTE', billType: 'credit-note' }, credit),
        tmfBill('D', { category: 'normal' }, credit),
        tmfBill('E', {}, credit),
        tmfBill('F', { category: 'interim' }, [{ type: 'recurring', net: '100' }]),
      ]),
    );

    expect(items.map((item) => [accepted(item).invoiceNumber, accepted(item).kind])).toEqual([
      ['A', 'CREDIT_NOTE'],
      ['B', 'CREDIT_NOTE'],
      ['C', 'CREDIT_NOTE'],
      ['D', 'INVOICE'],
      ['E', 'CREDIT_NOTE'],
      ['F', 'INVOICE'],
    ]);
    expect(accepted(items[0]).lines[0].sourceLocation).toBe('$[0].billItem[0]');
  });

  it('rejects a TMF678 bill of an unknown category, one whose category and billType disagree, and a credit note that charges', async () => {
    const [unknown, disagree, charging] = await readText(
      invoiceTmf,
      JSON.stringify([
        tmfBill('U', { category: 'proforma' }, [{ type: 'credit', net: '-50' }]),
        tmfBill('V', { category: 'normal', billType: 'creditNote' }, [{ type: 'credit', net: '-50' }]),
        tmfBill('W', { category: 'credit note' }, [
          { type: 'credit', net: '-50' },
          { type: 'oneTime', net: '20' },
        ]),
      ]),
    );

    expect(rejected(unknown)).toMatchObject({
      location: '$[0]',
      field: 'category',
      reason: 'Bill U: category: "proforma" is not a document type we know: send INVOICE or CREDIT_NOTE',
    });
    expect(rejected(disagree)).toMatchObject({
      field: 'billType',
      reason: 'Bill V: billType: "creditNote" means CREDIT_NOTE but category "normal" means INVOICE',
    });
    expect(rejected(charging)).toMatchObject({
      field: 'category',
      reason: 'Bill W: category: declares a credit note but line 2 (ONE_OFF £20.00) charges; send charges on an invoice',
    });
  });
});
