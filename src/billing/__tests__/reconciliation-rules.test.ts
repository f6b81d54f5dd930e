import { ChargeType } from '../charge-type';
import { expectedRental, type ServiceFacts } from '../../charging/pricing';
import {
  FindingType,
  oneOffLineFindings,
  ordersBilledBefore,
  recurringLineFindings,
  vatOn,
  type CompletedOrderFacts,
  type LineFacts,
} from '../reconciliation-rules';
import { serviceFacts as service } from '../../../test/support/charging';

const line = (overrides: Partial<LineFacts> = {}): LineFacts => ({
  lineId: 10,
  lineNumber: 1,
  chargeType: ChargeType.RECURRING,
  serviceReference: 'PDN-ETH-1',
  serviceId: 1,
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  netAmount: 30_000n,
  vatRate: '20',
  vatAmount: 6_000n,
  ...overrides,
});
const only = (findings: ReturnType<typeof recurringLineFindings>) =>
  findings.map((f) => ({ type: f.type, expected: f.expected, invoiced: f.invoiced, difference: f.difference }));

describe('reconciliation rules, hand-worked', () => {
  it('finds nothing when a whole month is charged at the contracted rate with the right VAT', () => {
    expect(recurringLineFindings(line(), service(), [], 'INV-1')).toEqual([]);
  });

  it('pro-rates a service ceased on the 17th of a 30-day month by days (16 of 30)', () => {
    const ceased = service({ ceaseDate: '2026-11-17' });
    expect(expectedRental(ceased, '2026-11-01', '2026-11-30')).toEqual({ amount: 16_000n, liveDays: 16, periodDays: 30 });
    // invoiced the whole £300 + £60 VAT; due £160 + £32
    expect(only(recurringLineFindings(line(), ceased, [], 'INV-1'))).toEqual([
      { type: FindingType.PRO_RATA_ERROR, expected: 19_200n, invoiced: 36_000n, difference: 16_800n },
    ]);
    expect(recurringLineFindings(line({ netAmount: 16_000n, vatAmount: 3_200n }), ceased, [], 'INV-1')).toEqual([]);
  });

  it('pro-rates a leap-year February install by its 29 days', () => {
    const installed = service({ monthlyCharge: 29_000n, installDate: '2028-02-15' });
    expect(expectedRental(installed, '2028-02-01', '2028-02-29')).toEqual({ amount: 15_000n, liveDays: 15, periodDays: 29 });
    const findings = recurringLineFindings(
      line({ periodStart: '2028-02-01', periodEnd: '2028-02-29', netAmount: 29_000n, vatAmount: 5_800n }),
      installed,
      [],
      'INV-2',
    );
    expect(only(findings)).toEqual([{ type: FindingType.PRO_RATA_ERROR, expected: 18_000n, invoiced: 34_800n, difference: 16_800n }]);
  });

  it('explains a rate mismatch in net amounts, saying so, and quotes the gross difference the finding carries', () => {
    // £325 net invoiced for a £300 circuit: £25 net over, £30 with VAT, and `difference` is the gross £30
    const [over] = recurringLineFindings(line({ lineNumber: 3, netAmount: 32_500n, vatAmount: 6_500n }), service(), [], 'INV-7');
    expect(over).toMatchObject({ type: FindingType.RATE_MISMATCH, expected: 36_000n, invoiced: 39_000n, difference: 3_000n });
    expect(over.explanation).toBe(
      'Line 3 charges £325.00 net for PDN-ETH-1; the contracted charge for 2026-11-01 to 2026-11-30 is £300.00 net; £25.00 net over, £30.00 ' +
        'over with VAT at 20%.',
    );
    // undercharged: the same, the other way
    const [under] = recurringLineFindings(line({ netAmount: 29_000n, vatAmount: 5_800n }), service(), [], 'INV-7');
    expect(under.difference).toBe(-1_200n);
    expect(under.explanation).toMatch(/£290\.00 net .* £300\.00 net; £10\.00 net under, £12\.00 under with VAT at 20%\.$/);
  });

  it("quotes every recurring finding's gross difference in its explanation, whatever its cause", () => {
    const cases: [LineFacts, ServiceFacts | undefined][] = [
      [line({ netAmount: 32_500n, vatAmount: 6_500n }), service()], // rate
      [line(), service({ ceaseDate: '2026-11-17' })], // pro rata
      [line({ periodStart: '2026-10-01', periodEnd: '2026-12-31', netAmount: 93_000n, vatAmount: 18_600n }), service()], // rate over a quarter
      [line({ serviceReference: 'PDN-ETH-404' }), undefined], // unknown service
    ];
    for (const [facts, held] of cases) {
      const [finding] = recurringLineFindings(facts, held, [], 'INV-8');
      const gross = `£${(Number(finding.difference) / 100).toFixed(2)}`;
      expect(finding.explanation).toContain(`${gross} ${finding.type === FindingType.UNKNOWN_SERVICE ? '' : 'over '}with VAT at 20%`);
    }
  });

  it('catches VAT wrong by one penny, as its own finding', () => {
    const findings = recurringLineFindings(
      line({ netAmount: 179_200n, vatAmount: 35_841n }),
      service({ monthlyCharge: 179_200n }),
      [],
      'INV-3',
    );
    expect(only(findings)).toEqual([{ type: FindingType.VAT_ERROR, expected: 215_040n, invoiced: 215_041n, difference: 1n }]);
    expect(findings[0].explanation).toMatch(/£358\.41 on £1792\.00 at 20% should be £358\.40/);
  });

  it('splits a line that is wrong twice into findings that add up to the whole overcharge', () => {
    const findings = recurringLineFindings(line({ netAmount: 31_000n, vatAmount: 6_300n }), service(), [], 'INV-4');
    expect(findings.map((f) => f.type)).toEqual([FindingType.VAT_ERROR, FindingType.RATE_MISMATCH]);
    expect(findings.reduce((sum, f) => sum + f.difference, 0n)).toBe(31_000n + 6_300n - 36_000n);
  });

  it("refuses charges outside the service's dates and for services we do not hold", () => {
    expect(only(recurringLineFindings(line(), service({ ceaseDate: '2026-10-31' }), [], 'X'))[0]).toMatchObject({
      type: FindingType.CHARGED_AFTER_CEASE,
      expected: 0n,
      difference: 36_000n,
    });
    expect(only(recurringLineFindings(line(), service({ installDate: '2026-12-03' }), [], 'X'))[0]).toMatchObject({
      type: FindingType.CHARGED_BEFORE_INSTALL,
      difference: 36_000n,
    });
    expect(only(recurringLineFindings(line({ serviceId: null, serviceReference: 'PDN-PHANTOM-9' }), undefined, [], 'X'))[0]).toMatchObject({
      type: FindingType.UNKNOWN_SERVICE,
      expected: 0n,
      difference: 36_000n,
    });
  });

  it('flags the same service and period charged again', () => {
    const earlier = [{ invoiceNumber: 'INV-0', lineNumber: 4, serviceId: 1, periodStart: '2026-11-01', periodEnd: '2026-11-30' }];
    const [finding] = recurringLineFindings(line(), service(), earlier, 'INV-5');
    expect(finding).toMatchObject({ type: FindingType.DUPLICATE_CHARGE, difference: 36_000n, fingerprint: 'DUPLICATE_CHARGE|INV-5|1' });
    expect(finding.explanation).toMatch(/already charged on invoice INV-0 line 4/);
  });

  it('rounds VAT half up to the penny', () => {
    expect(vatOn(2n, '20')).toBe(0n); // 0.4p
    expect(vatOn(3n, '20')).toBe(1n); // 0.6p
    expect(vatOn(-16_800n, '20')).toBe(-3_360n);
  });
});

describe('charge history and one-off charges, hand-worked', () => {
  it('pro-rates a charge change on the 10th of a 30-day month: 9 days at £300, 21 days at £450', () => {
    const changed = service({
      monthlyCharge: 45_000n,
      chargePeriods: [
        { from: null, monthlyCharge: 30_000n },
        { from: '2026-11-10', monthlyCharge: 45_000n },
      ],
    });
    // £300 × 9/30 = £90; £450 × 21/30 = £315; £405 in all
    expect(expectedRental(changed, '2026-11-01', '2026-11-30')).toEqual({ amount: 40_500n, liveDays: 30, periodDays: 30 });
    expect(recurringLineFindings(line({ netAmount: 40_500n, vatAmount: 8_100n }), changed, [], 'INV-6')).toEqual([]);
    // billed the new rate for the whole month: £45 over, £54 with VAT
    const [finding] = recurringLineFindings(line({ netAmount: 45_000n, vatAmount: 9_000n }), changed, [], 'INV-6');
    expect(finding).toMatchObject({ type: FindingType.RATE_MISMATCH, expected: 48_600n, invoiced: 54_000n, difference: 5_400n });
    expect(finding.explanation).toMatch(/£300\.00 a month for 9 days from 2026-11-01, then £450\.00 a month for 21 days from 2026-11-10/);
    // the months either side are whole months at one rate each
    expect(expectedRental(changed, '2026-10-01', '2026-10-31').amount).toBe(30_000n);
    expect(expectedRental(changed, '2026-12-01', '2026-12-31').amount).toBe(45_000n);
  });

  const order = (overrides: Partial<CompletedOrderFacts> = {}): CompletedOrderFacts => ({
    id: 7,
    type: 'NEW_SERVICE',
    supplierOrderReference: 'PDN-ORD-7781',
    serviceId: 1,
    completedOn: '2026-10-20',
    oneOffCharge: 120_000n,
    ...overrides,
  });
  const oneOff = (overrides: Partial<LineFacts> = {}) =>
    line({
      chargeType: ChargeType.ONE_OFF,
      netAmount: 120_000n,
      vatAmount: 24_000n,
      description: 'Connection charge, order PDN-ORD-7781',
      ...overrides,
    });
  const run = (l: LineFacts, orders: CompletedOrderFacts[], taken = new Set<number>()) => oneOffLineFindings(l, orders, taken, 'INV-7');

  it('finds nothing for a one-off quoting a completed order at its quoted amount', () => {
    expect(run(oneOff(), [order()])).toMatchObject({ findings: [], order: { id: 7 } });
  });

  it('matches by service and a completion date within the period or shortly before, when no reference is quoted', () => {
    const noReference = oneOff({ description: 'Connection' });
    expect(run(noReference, [order({ supplierOrderReference: null, completedOn: '2026-09-15' })]).findings).toEqual([]); // 47 days before the period
    const tooEarly = run(noReference, [order({ supplierOrderReference: null, completedOn: '2026-08-01' })]);
    expect(only(tooEarly.findings)).toEqual([
      { type: FindingType.ONE_OFF_WITHOUT_ORDER, expected: 0n, invoiced: 144_000n, difference: 144_000n },
    ]);
  });

  it('flags a one-off with no order behind it for its whole gross amount, and one above the quote for the excess', () => {
    const none = run(oneOff({ description: 'Engineer visit', serviceId: null, serviceReference: null }), [order()]);
    expect(only(none.findings)).toEqual([
      { type: FindingType.ONE_OFF_WITHOUT_ORDER, expected: 0n, invoiced: 144_000n, difference: 144_000n },
    ]);
    const above = run(oneOff({ netAmount: 130_000n, vatAmount: 26_000n }), [order()]);
    // quoted £1,200 + £240 VAT; charged £1,300 + £260
    expect(only(above.findings)).toEqual([
      { type: FindingType.ONE_OFF_ABOVE_QUOTE, expected: 144_000n, invoiced: 156_000n, difference: 12_000n },
    ]);
    expect(above.findings[0].explanation).toMatch(/NEW_SERVICE order PDN-ORD-7781 \(completed 2026-10-20\), quoted at £1200\.00/);
  });

  it('lets an order back one line only, and matches references as whole tokens', () => {
    const taken = new Set<number>();
    expect(run(oneOff(), [order()], taken).findings).toEqual([]);
    expect(run(oneOff({ lineNumber: 2 }), [order()], taken).findings.map((f) => f.type)).toEqual([FindingType.ONE_OFF_WITHOUT_ORDER]);
    expect(run(oneOff({ description: 'order PDN-ORD-77810', serviceId: null }), [order()]).order).toBeNull();
  });

  it('calls a one-off for an order already charged on an earlier invoice a duplicate', () => {
    const billed = ordersBilledBefore(
      [{ ...oneOff({ lineNumber: 3, periodStart: '2026-10-01', periodEnd: '2026-10-31' }), invoiceNumber: 'INV-6' }],
      [order()],
    );
    expect([...billed.values()]).toEqual([{ orderId: 7, invoiceNumber: 'INV-6', lineNumber: 3 }]);
    const { findings } = oneOffLineFindings(oneOff(), [order()], new Set(), 'INV-7', billed);
    expect(only(findings)).toEqual([{ type: FindingType.DUPLICATE_CHARGE, expected: 0n, invoiced: 144_000n, difference: 144_000n }]);
    expect(findings[0].explanation).toMatch(/order PDN-ORD-7781, already charged on invoice INV-6 line 3/);
    // a second order for the service, not yet billed, is matched instead
    const next = order({ id: 8, supplierOrderReference: null, completedOn: '2026-11-03' });
    expect(oneOffLineFindings(oneOff({ description: 'Connection' }), [order(), next], new Set(), 'INV-7', billed).order?.id).toBe(8);
  });

  it('keeps a wrong VAT on a one-off as its own finding, the two adding up to the overcharge', () => {
    const findings = run(oneOff({ netAmount: 130_000n, vatAmount: 26_001n }), [order()]).findings;
    expect(findings.map((f) => f.type)).toEqual([FindingType.VAT_ERROR, FindingType.ONE_OFF_ABOVE_QUOTE]);
    expect(findings.reduce((sum, f) => sum + f.difference, 0n)).toBe(130_000n + 26_001n - 144_000n);
  });
});
