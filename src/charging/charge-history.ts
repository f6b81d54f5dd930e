import { groupBy } from '../common/collections';
import type { LocalDate } from '../common/dates';
import type { Pence } from '../common/money';
import { oldestFirst, type ChargePeriod } from './pricing';

/** What a charge history is read from: a stored terms period's service, first day (null: since the service began) and charge. */
export interface ChargeRecord {
  serviceId: number;
  effectiveFrom: LocalDate | null;
  monthlyCharge: Pence;
}

/**
 * Each service's charge history as the billing rules read it, oldest first: the period that
 * has applied "since the service began" (no effective date) before any dated one, whatever
 * the database's ordering of nulls.
 */
export function chargeHistories(periods: readonly ChargeRecord[]): Map<number, ChargePeriod[]> {
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
