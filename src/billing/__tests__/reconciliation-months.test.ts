import { ChargeType } from '../charge-type';
import { FindingType, recurringLineFindings, type LineFacts } from '../reconciliation-rules';
import { chargeRaisedOn10November as changed, serviceFacts as service } from '../../../test/support/charging';

describe('multi-month rental lines in reconciliation, hand-worked', () => {
  const quarterly = (overrides: Partial<LineFacts> = {}): LineFacts => ({
    lineId: 10,
    lineNumber: 3,
    chargeType: ChargeType.RECURRING,
    serviceReference: 'PDN-ETH-1',
    serviceId: 1,
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    netAmount: 90_000n,
    vatRate: '20',
    vatAmount: 18_000n,
    ...overrides,
  });

  it('finds nothing on a quarterly £900 line for three months at £300 (it was a £11.62 RATE_MISMATCH)', () => {
    expect(recurringLineFindings(quarterly(), service(), [], 'INV-Q')).toEqual([]);
  });

  it('finds nothing on an annual line or a straddling line charged month by month', () => {
    expect(
      recurringLineFindings(
        quarterly({ periodStart: '2027-01-01', periodEnd: '2027-12-31', netAmount: 360_000n, vatAmount: 72_000n }),
        service(),
        [],
        'INV-Y',
      ),
    ).toEqual([]);
    expect(
      recurringLineFindings(
        quarterly({ periodStart: '2026-10-15', periodEnd: '2026-11-14', netAmount: 30_452n, vatAmount: 6_090n }),
        service(),
        [],
        'INV-S',
      ),
    ).toEqual([]);
  });

  it('prices a quarter charged at the wrong rate, naming its months and their prices', () => {
    // charged £310 × 3 = £930 + £186 VAT; due £900 + £180: £36 over
    const [finding] = recurringLineFindings(quarterly({ netAmount: 93_000n, vatAmount: 18_600n }), service(), [], 'INV-Q');
    expect(finding).toMatchObject({ type: FindingType.RATE_MISMATCH, expected: 108_000n, invoiced: 111_600n, difference: 3_600n });
    expect(finding!.explanation).toBe(
      'Line 3 charges £930.00 net for PDN-ETH-1; the contracted charge for 2026-10-01 to 2026-12-31 is £900.00 net, month by month: ' +
        '2026-10: £300.00; 2026-11: £300.00; 2026-12: £300.00; £30.00 net over, £36.00 over with VAT at 20%.',
    );
  });

  it("names each month's charges when the charge changed in the quarter", () => {
    // billed at the new £450 for all three months: £1,350 against £1,155, £195 over, £234 with VAT
    const [finding] = recurringLineFindings(quarterly({ netAmount: 135_000n, vatAmount: 27_000n }), changed, [], 'INV-Q');
    expect(finding).toMatchObject({ type: FindingType.RATE_MISMATCH, expected: 138_600n, difference: 23_400n });
    expect(finding!.explanation).toMatch(
      new RegExp(
        /2026-10: £300\.00; 2026-11: £405\.00 \(£300\.00 a month for 9 days from 2026-11-01, then £450\.00 a month for 21 days/.source +
          / from 2026-11-10\); 2026-12: £450\.00; £195\.00 net over, £234\.00 over with VAT at 20%\.$/.source,
      ),
    );
  });

  it('pro-rates a quarter in which the service was installed', () => {
    // installed 20 October: October 12/31 of £310 = £120.00, then £310 and £310: £740 + £148 VAT
    const late = service({ monthlyCharge: 31_000n, installDate: '2026-10-20' });
    const [finding] = recurringLineFindings(quarterly({ netAmount: 93_000n, vatAmount: 18_600n }), late, [], 'INV-Q');
    expect(finding).toMatchObject({ type: FindingType.PRO_RATA_ERROR, expected: 88_800n, invoiced: 111_600n, difference: 22_800n });
    expect(finding!.explanation).toBe(
      'Line 3 charges £930.00 net for PDN-ETH-1 from 2026-10-01 to 2026-12-31, live 73 of its 92 days (installed 2026-10-20): pro rata ' +
        'month by month it is £740.00 net (2026-10: £120.00 (12 of 31 days at £310.00 a month); 2026-11: £310.00; 2026-12: £310.00); £190.00 ' +
        'net over, £228.00 over with VAT at 20%.',
    );
  });
});
