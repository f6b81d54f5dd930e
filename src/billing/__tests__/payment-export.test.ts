import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { vatWithin } from '../invoice-approval.service';
import { toCsv, type PaymentExportRow } from '../payment-export.service';
import { InvoiceStatus } from '../invoice.entity';

describe('the VAT within an approved amount', () => {
  it('is the invoice VAT when the whole invoice is approved, and in proportion to the penny otherwise', () => {
    expect(vatWithin({ grossTotal: 12_000n, vatTotal: 2_000n }, 12_000n)).toBe(2_000n);
    // £100 of £120 approved: 100/120 of £20 = £16.666… → £16.67
    expect(vatWithin({ grossTotal: 12_000n, vatTotal: 2_000n }, 10_000n)).toBe(1_667n);
    expect(vatWithin({ grossTotal: 12_000n, vatTotal: 2_000n }, 0n)).toBe(0n);
  });

  it('never exceeds the invoice VAT nor the amount approved, for any part of any invoice', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 10_000 }),
        (net, ratePercent, share) => {
          const vat = (net * BigInt(ratePercent)) / 100n;
          const gross = net + vat;
          const approved = (gross * BigInt(share)) / 10_000n;
          const within = vatWithin({ grossTotal: gross, vatTotal: vat }, approved);
          return within >= 0n && within <= vat && within <= approved;
        },
      ),
    );
  });
});

describe('the accounts-payable CSV', () => {
  const row: PaymentExportRow = {
    invoiceId: 1,
    supplierName: '=HYPERLINK("http://evil.example","Pennine, Digital")',
    supplierCnspId: 'PDN00001',
    invoiceNumber: '+INV-1',
    invoiceDate: '2026-11-01',
    dueDate: null,
    organisationOdsCode: 'RX1',
    organisationName: 'Northshire "Acute" Trust',
    costCentre: 'NET-4410',
    approvedAmount: -1_234n,
    vat: -206n,
    net: -1_028n,
    currency: 'GBP',
    status: InvoiceStatus.APPROVED,
    approvedAt: new Date('2026-11-20T10:00:00Z'),
    paidOn: null,
    paymentReference: null,
  };

  it('quotes commas and quotes, keeps negative amounts as numbers, and defuses cells a spreadsheet would run as formulas', () => {
    const [record] = parse(toCsv([row]), { columns: true });
    expect(record).toMatchObject({
      supplier: `'=HYPERLINK("http://evil.example","Pennine, Digital")`,
      invoice_number: "'+INV-1",
      organisation: 'Northshire "Acute" Trust',
      approved_amount: '-12.34',
      vat: '-2.06',
      net: '-10.28',
      due_date: '',
    });
  });
});
