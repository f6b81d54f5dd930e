// The SQL behind the SLA report (docs/ARCHITECTURE.md, "Reaching the database"): plain rows
// and entities for sla-report.service.ts, which holds the report's rules.
import type { EntityManager } from 'typeorm';
import { tenancy } from '../auth/tenancy';
import { sqlTimestamp } from '../common/dates';
import type { Month } from '../common/calendar';
import { plainSelect } from '../db/plain-select';
import { Incident } from '../incidents/incident.entity';
import { OrderStatus, ServiceOrder } from '../orders/order.entity';
import { ServiceTermsPeriod } from '../orders/service-history.entity';
import { inContract, type ContractScope } from './availability-reads';

/** The contract's incidents opened in the month (of the reader's organisations), by opening then id. */
export function readIncidentsOpenedIn(manager: EntityManager, scope: ContractScope, month: Month): Promise<Incident[]> {
  const ofContract = inContract(scope);
  return plainSelect(
    manager,
    Incident,
    {},
    [
      ['openedAt', 'ASC'],
      ['id', 'ASC'],
    ],
    {
      sql: `${ofContract.sql} AND openedAt >= ? AND openedAt < ?`,
      params: [...ofContract.params, sqlTimestamp(new Date(month.start)), sqlTimestamp(new Date(month.end))],
    },
  );
}

/** The contract's orders completed in the month (of the reader's organisations), by completion then id. */
export function readOrdersCompletedIn(manager: EntityManager, scope: ContractScope, month: Month): Promise<ServiceOrder[]> {
  return plainSelect(
    manager,
    ServiceOrder,
    { contractId: scope.contractId, ...tenancy.plain(scope.organisationIds), status: OrderStatus.COMPLETED },
    [
      ['completedOn', 'ASC'],
      ['id', 'ASC'],
    ],
    {
      sql: 'completedOn >= ? AND completedOn <= ?',
      params: [month.firstDay, month.lastDay],
    },
  );
}

/** Each service's monthly sums and counts of latency, jitter and packet loss, from the daily rollups. */
export async function readMonthlyMeans(
  manager: EntityManager,
  serviceIds: number[],
  month: Month,
): Promise<Map<number, Record<string, string | number>>> {
  const rows: Record<string, string | number>[] = await manager.query(
    `SELECT serviceId, SUM(latencySumUs) AS latencySum, SUM(latencyCount) AS latencyCount, SUM(jitterSumUs) AS jitterSum, SUM(jitterCount) AS jitterCount,
            SUM(packetLossSumPpm) AS packetLossSum, SUM(packetLossCount) AS packetLossCount
     FROM performance_daily WHERE qosClass = '' AND day >= ? AND day <= ? AND serviceId IN (${serviceIds.map(() => '?').join(', ')}) GROUP BY serviceId`,
    [month.firstDay, month.lastDay, ...serviceIds],
  );
  return new Map(rows.map((row) => [Number(row.serviceId), row]));
}

/** The charge histories of all the contract's services (of the reader's organisations), in one statement. */
export function readContractChargePeriods(manager: EntityManager, scope: ContractScope): Promise<ServiceTermsPeriod[]> {
  return plainSelect(
    manager,
    ServiceTermsPeriod,
    {},
    [
      ['serviceId', 'ASC'],
      ['effectiveFrom', 'ASC'],
    ],
    inContract(scope),
  );
}
