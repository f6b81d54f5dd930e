import type { ServiceFacts } from '../../src/charging/pricing';

/** A service as the charging module sees it: £300 a month since 1 January 2025, not ceased. */
export const serviceFacts = (overrides: Partial<ServiceFacts> = {}): ServiceFacts => ({
  id: 1,
  reference: 'PDN-ETH-1',
  monthlyCharge: 30_000n,
  installDate: '2025-01-01',
  ceaseDate: null,
  ...overrides,
});

/** £300 a month until 9 November 2026, £450 from the 10th */
export const chargeRaisedOn10November: ServiceFacts = serviceFacts({
  monthlyCharge: 45_000n,
  chargePeriods: [
    { from: null, monthlyCharge: 30_000n },
    { from: '2026-11-10', monthlyCharge: 45_000n },
  ],
});
