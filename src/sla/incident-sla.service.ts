import DataLoader from 'dataloader';
import { In, Not } from 'typeorm';
import { Contract, type ServiceWrap } from '../contracts/contract.entity';
import { IncidentStatus } from '../incidents/incident-status';
import type { RequestContext } from '../request/context';
import { paginateList, type Connection, type PageArgs } from '../request/paging';
import { IncidentStatusChange } from '../incidents/incident-status-change.entity';
import { Incident } from '../incidents/incident.entity';
import { NetworkService } from '../services/network-service.entity';
import { incidentClock, SlaStage, type IncidentClock } from './incident-clock';
import { DEFAULT_INCIDENT_TARGETS } from './sla-defaults';
import { SlaTerm, SlaTermKind } from './sla-term.entity';
import { calendarOfContract } from './calendars';
import { contextForIncidents, tenancy } from '../auth/tenancy';

const CLOSED = [IncidentStatus.RESOLVED, IncidentStatus.CLOSED, IncidentStatus.CANCELLED, IncidentStatus.REJECTED];

/** The contract's own response and resolution targets for a severity, else the defaults for its wrap. */
export function incidentTargets(contract: Contract, terms: readonly SlaTerm[], severity: number) {
  const defaults = DEFAULT_INCIDENT_TARGETS[contract.serviceWrap as ServiceWrap][severity as 1 | 2 | 3 | 4 | 5];
  const own = (kind: SlaTermKind) => terms.find((term) => term.kind === kind && term.severity === severity)?.targetMinutes;
  return {
    responseMinutes: own(SlaTermKind.INCIDENT_RESPONSE) ?? defaults.responseMinutes,
    resolutionMinutes: own(SlaTermKind.INCIDENT_RESOLUTION) ?? defaults.resolutionMinutes,
  };
}

/**
 * Incidents against their contract's service levels. Clocks are worked out per request in
 * one batch: the services, contracts, terms and histories of every incident asked about
 * are loaded together, whatever the number of incidents.
 */
export class IncidentSlaService {
  clock(ctx: RequestContext, incident: Incident): Promise<IncidentClock> {
    return this.clocks(ctx).load(incident);
  }

  /** A page of the incidents at risk (atRisk); a cursor holds the share of the target the incident had used when read. */
  async atRiskPage(ctx: RequestContext, page: PageArgs): Promise<Connection<Incident>> {
    const atRisk = (await this.atRisk(ctx)).map(({ incident, clock }) => ({
      incident,
      key: urgencyKey(incident.id, clock.percentOfTargetElapsed),
    }));
    atRisk.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const connection = paginateList(atRisk, (entry) => entry.key, page, { maxPageSize: ctx.config.graphql.maxPageSize });
    return { ...connection, edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: node.incident })) };
  }

  /** Open incidents at three quarters of their resolution target or past it, most urgent first. */
  async atRisk(ctx: RequestContext): Promise<{ incident: Incident; clock: IncidentClock }[]> {
    const open = await ctx.repository(Incident).find({
      where: { ...tenancy.where(ctx), status: Not(In(CLOSED)) },
      order: { openedAt: 'ASC' },
    });
    const clocks = await Promise.all(
      open
        .filter((incident) => incident.resolvedAt === null)
        .map(async (incident) => ({ incident, clock: await this.clock(ctx, incident) })),
    );
    return clocks
      .filter(({ clock }) => clock.stage === SlaStage.WARNING_75 || clock.stage === SlaStage.BREACHED)
      .sort((a, b) => (b.clock.percentOfTargetElapsed ?? 0) - (a.clock.percentOfTargetElapsed ?? 0));
  }

  private clocks(ctx: RequestContext): DataLoader<Incident, IncidentClock, number> {
    return ctx.loaders.custom(
      'incidentClock',
      () =>
        new DataLoader<Incident, IncidentClock, number>(
          async (incidents) => {
            const now = new Date();
            // the Service Co-ordinator reads other organisations' Severity 1 and 2 incidents: their
            // clocks need those organisations' contracts and calendars, read for this figure only
            const scope = contextForIncidents(ctx, incidents);
            const services = await scope.loaders.byId(NetworkService).loadMany(incidents.map((incident) => incident.serviceId));
            const contractIds = services.map((service) => (service instanceof NetworkService ? service.contractId : -1));
            const contracts = await scope.loaders.byId(Contract).loadMany(contractIds);
            const terms = await scope.loaders.manyBy(SlaTerm, 'contractId').loadMany(contractIds);
            const histories = await scope.loaders
              .manyBy(IncidentStatusChange, 'incidentId')
              .loadMany(incidents.map((incident) => incident.id));
            const calendars = await Promise.all(
              contracts.map((contract) => (contract instanceof Contract ? calendarOfContract(scope, contract) : null)),
            );
            return incidents.map((incident, index) => {
              const contract = contracts[index];
              if (!(contract instanceof Contract)) return new Error(`incident ${incident.id} has no contract in scope`);
              const history = histories[index];
              const ownTerms = terms[index];
              return incidentClock(
                {
                  openedAt: incident.openedAt,
                  acknowledgedAt: incident.acknowledgedAt,
                  resolvedAt: incident.resolvedAt,
                  history: Array.isArray(history) ? history : [],
                },
                calendars[index]!,
                incidentTargets(contract, Array.isArray(ownTerms) ? ownTerms : [], incident.severity),
                now,
              );
            });
          },
          { cacheKeyFn: (incident) => incident.id },
        ),
    );
  }
}

/**
 * A key that sorts the most urgent incident first: the share of its target used, descending
 * (in thousandths of a percent, so keys compare as text), then the incident, for ties.
 */
function urgencyKey(incidentId: number, percent: number | null): string {
  const used = Math.min(Math.max(Math.round((percent ?? 0) * 1000), 0), 999_999_999_999);
  return `${String(999_999_999_999 - used).padStart(12, '0')}|${String(incidentId).padStart(10, '0')}`;
}
