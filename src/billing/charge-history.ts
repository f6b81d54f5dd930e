import { groupBy } from '../common/collections';
import type { ServiceTermsPeriod } from '../orders/service-history.entity';
import { oldestFirst, type ChargePeriod } from './pricing';

/**
 * Each service's charge history as the billing rules read it, oldest first: the period that
 * has applied "since the service began" (no effective date) before any dated one, whatever
 * the database's ordering of nulls.
 */
export function chargeHistories(
  periods: readonly Pick<ServiceTermsPeriod, 'serviceId' | 'effectiveFrom' | 'monthlyCharge'>[],
): Map<number, ChargePeriod[]> {
  const histories = new Map<number, ChargePeriod[]>();
  for (const [serviceId, own] of groupBy(periods, (period) => period.serviceId)) {
    const history = own.map((period) => ({ from: period.effectiveFrom, monthlyCharge: period.monthlyCharge }));
    histories.set(
      serviceId,
      oldestFirst(history, (period) => period.from),
    );
  }
  return histories;
}
