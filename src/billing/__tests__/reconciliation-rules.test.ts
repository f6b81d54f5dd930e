import { ChargeType } from '../../feeds/records';
import { expectedRental, FindingType, recurringLineFindings, vatOn, type LineFacts, type ServiceFacts } from '../reconciliation-rules';

const service = (overrides: Partial<ServiceFacts> = {}): ServiceFacts => ({ id: 1, reference: 'PDN-ETH-1', monthlyCharge: 30_000n, installDate: '2025-01-01', ceaseDate: null, ...overrides });
const line = (overrides: Partial<LineFacts> = {}): LineFacts => ({
  lineId: 10, lineNumber: 1, chargeType: ChargeType.RECURRING, serviceReference: 'PDN-ETH-1', serviceId: 1,
  periodStart: '2026-11-01', periodEnd: '2026-11-30', netAmount: 30_000n, vatRate: '20', vatAmount: 6_000n, ...overrides,
});
const only = (findings: ReturnType<typeof recurringLineFindings>) => findings.map((f) => ({ type: f.type, expected: f.expected, invoiced: f.invoiced, difference: f.difference }));

describe('reconciliation rules, hand-worked', () => {
  it('finds nothing when a whole month is charged at the contracted rate with the right VAT', () => {
    expect(recurringLineFindings(line(), service(), [], 'INV-1')).toEqual([]);
  });

  it('pro-rates a service ceased on the 17th of a 30-day month by days (16 of 30)', () => {
    const ceased = service({ ceaseDate: '2026-11-17' });
    expect(expectedRental(ceased, '2026-11-01', '2026-11-30')).toEqual({ amount: 16_000n, liveDays: 16, periodDays: 30 });
    // invoiced the whole £300 + £60 VAT; due £160 + £32
    expect(only(recurringLineFindings(line(), ceased, [], 'INV-1'))).toEqual([{ type: FindingType.PRO_RATA_ERROR, expected: 19_200n, invoiced: 36_000n, difference: 16_800n }]);
    expect(recurringLineFindings(line({ netAmount: 16_000n, vatAmount: 3_200n }), ceased, [], 'INV-1')).toEqual([]);
  });

  it('pro-rates a leap-year February install by its 29 days', () => {
    const installed = service({ monthlyCharge: 29_000n, installDate: '2028-02-15' });
    expect(expectedRental(installed, '2028-02-01', '2028-02-29')).toEqual({ amount: 15_000n, liveDays: 15, periodDays: 29 });
    const findings = recurringLineFindings(line({ periodStart: '2028-02-01', periodEnd: '2028-02-29', netAmount: 29_000n, vatAmount: 5_800n }), installed, [], 'INV-2');
    expect(only(findings)).toEqual([{ type: FindingType.PRO_RATA_ERROR, expected: 18_000n, invoiced: 34_800n, difference: 16_800n }]);
  });

  it('catches VAT wrong by one penny, as its own finding', () => {
    const findings = recurringLineFindings(line({ netAmount: 179_200n, vatAmount: 35_841n }), service({ monthlyCharge: 179_200n }), [], 'INV-3');
    expect(only(findings)).toEqual([{ type: FindingType.VAT_ERROR, expected: 215_040n, invoiced: 215_041n, difference: 1n }]);
    expect(findings[0].explanation).toMatch(/£358\.41 on £1792\.00 at 20% should be £358\.40/);
  });

  it('splits a line that is wrong twice into findings that add up to the whole overcharge', () => {
    const findings = recurringLineFindings(line({ netAmount: 31_000n, vatAmount: 6_300n }), service(), [], 'INV-4');
    expect(findings.map((f) => f.type)).toEqual([FindingType.VAT_ERROR, FindingType.RATE_MISMATCH]);
    expect(findings.reduce((sum, f) => sum + f.difference, 0n)).toBe(31_000n + 6_300n - 36_000n);
  });

  it('refuses charges outside the service\'s dates and for services we do not hold', () => {
    expect(only(recurringLineFindings(line(), service({ ceaseDate: '2026-10-31' }), [], 'X'))[0]).toMatchObject({ type: FindingType.CHARGED_AFTER_CEASE, expected: 0n, difference: 36_000n });
    expect(only(recurringLineFindings(line(), service({ installDate: '2026-12-03' }), [], 'X'))[0]).toMatchObject({ type: FindingType.CHARGED_BEFORE_INSTALL, difference: 36_000n });
    expect(only(recurringLineFindings(line({ serviceId: null, serviceReference: 'PDN-PHANTOM-9' }), undefined, [], 'X'))[0]).toMatchObject({ type: FindingType.UNKNOWN_SERVICE, expected: 0n, difference: 36_000n });
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
