import { groupBy } from '../common/collections';
import type { ServiceTermsPeriod } from '../orders/service-history.entity';
import type { ChargePeriod } from './pricing';

/**
 * Each service's charge history as the billing rules read it, oldest first: the period that
 * has applied "since the service began" (no effective date) before any dated one, whatever
 * the database's ordering of nulls.
 */
export function chargeHistories(periods: readonly Pick<ServiceTermsPeriod, 'serviceId' | 'effectiveFrom' | 'monthlyCharge'>[]): Map<number, ChargePeriod[]> {
  const histories = new Map<number, ChargePeriod[]>();
  for (const [serviceId, own] of groupBy(periods, (period) => period.serviceId)) {
    const history = own.map((period) => ({ from: period.effectiveFrom, monthlyCharge: period.monthlyCharge }));
    history.sort((a, b) => (a.from === b.from ? 0 : a.from === null ? -1 : b.from === null ? 1 : a.from < b.from ? -1 : 1));
    histories.set(serviceId, history);
  }
  return histories;
}
