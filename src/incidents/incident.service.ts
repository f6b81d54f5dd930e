import { findVisible, withinScope } from '../auth/tenancy';
import { paginate, type Connection, type PageArgs } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import type { IncidentStatus } from '../feeds/records';
import { Incident } from './incident.entity';

export interface IncidentFilter {
  supplierId?: number;
  serviceId?: number;
  status?: IncidentStatus[];
  severity?: number[];
}

export class IncidentService {
  list(ctx: RequestContext, filter: IncidentFilter, page: PageArgs): Promise<Connection<Incident>> {
    const query = withinScope(ctx, ctx.repository(Incident).createQueryBuilder('incident'));
    if (filter.supplierId !== undefined) query.andWhere('incident.supplierId = :supplierId', { supplierId: filter.supplierId });
    if (filter.serviceId !== undefined) query.andWhere('incident.serviceId = :serviceId', { serviceId: filter.serviceId });
    if (filter.status?.length) query.andWhere('incident.status IN (:...statuses)', { statuses: filter.status });
    if (filter.severity?.length) query.andWhere('incident.severity IN (:...severities)', { severities: filter.severity });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  get(ctx: RequestContext, id: number): Promise<Incident> {
    return findVisible(ctx, Incident, id, Incident.typename);
  }
}
