import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { incidentsWithinScope, withinScope } from '../auth/tenancy';
import { badInput, conflict, notFound } from '../common/errors';
import { optionalText, requiredIdentifier, requiredText } from '../common/text';
import { Contact } from '../contacts/contact.entity';
import { IncidentStatus } from './incident-status';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { NetworkService } from '../services/network-service.entity';
import { FeedRunRecord } from '../feed-records/feed-run-record.entity';
import { IncidentStatusChange } from './incident-status-change.entity';
import { Incident, IncidentLink, IncidentOrigin } from './incident.entity';
import { ErrorReason } from '../common/error-reasons';

export interface IncidentFilter {
  supplierId?: number;
  serviceId?: number;
  /** incidents on the contract's services, when the contract is one of the viewer's own organisations' */
  contractId?: number;
  status?: IncidentStatus[];
  severity?: number[];
}

/** The HSCN minimum data set a consumer gives when logging an incident. */
export interface LogIncident {
  serviceId: number;
  severity: number;
  summary: string;
  occurredAt: Date;
  impact: string;
  customerImpact: string;
  workaround?: string | null;
  stepsTaken: string;
  updatesContactId: number;
  relatedIncidentIds?: number[];
  supplierRef?: string | null;
}

export interface ScNotification {
  notified: boolean;
  notifiedAt?: Date | null;
}

/** A Severity 1 incident with no notification of the Service Co-ordinator on record. */
export interface UnnotifiedSeverityOne {
  incident: Incident;
  minutesSinceOpened: number;
}

const TEXT_LIMIT = 2000;
const MAX_UNNOTIFIED = 500;
/** how far an incident's time may lie ahead of the server's clock (clients' clocks drift) */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Two records of one incident become one: `from`, the feed's, is folded into `into`, the consumer's. */
export interface IncidentMerge {
  from: Incident;
  into: Incident;
}

/**
 * Told, in the transaction that folds a feed-created incident into the consumer's record, before
 * the feed's incident is removed: a domain above incidents that names incidents in rows of its
 * own (escalations) moves them to the incident that stays. Registered in src/services.ts.
 */
export type IncidentAbsorbedListener = (ctx: RequestContext, merge: IncidentMerge) => Promise<void>;

export class IncidentService {
  private readonly absorbedListeners: IncidentAbsorbedListener[] = [];

  /** Adds a listener told whenever a feed-created incident is absorbed (see IncidentAbsorbedListener). */
  onAbsorbed(listener: IncidentAbsorbedListener): void {
    this.absorbedListeners.push(listener);
  }

  list(ctx: RequestContext, filter: IncidentFilter, page: PageArgs): Promise<Connection<Incident>> {
    const query = incidentsWithinScope(ctx, ctx.repository(Incident).createQueryBuilder('incident'));
    if (filter.supplierId !== undefined) query.andWhere('incident.supplierId = :supplierId', { supplierId: filter.supplierId });
    if (filter.serviceId !== undefined) query.andWhere('incident.serviceId = :serviceId', { serviceId: filter.serviceId });
    if (filter.contractId !== undefined) {
      // held to the viewer's own organisations: the Service Co-ordinator's national view of
      // incidents does not make another organisation's contract one to search by
      const services = query
        .subQuery()
        .select('service.id')
        .from(NetworkService, 'service')
        .where('service.contractId = :contractId AND service.organisationId IN (:...contractScope)')
        .getQuery();
      query.andWhere(`incident.serviceId IN ${services}`, { contractId: filter.contractId, contractScope: [...ctx.organisationIds] });
    }
    if (filter.status?.length) query.andWhere('incident.status IN (:...statuses)', { statuses: filter.status });
    if (filter.severity?.length) query.andWhere('incident.severity IN (:...severities)', { severities: filter.severity });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  /** An incident the viewer may read (the Service Co-ordinator: Severity 1 or 2 of any organisation), or NOT_FOUND. */
  async get(ctx: RequestContext, id: number): Promise<Incident> {
    const incident = await incidentsWithinScope(ctx, ctx.repository(Incident).createQueryBuilder('incident'))
      .andWhere('incident.id = :id', { id })
      .getOne();
    if (!incident) throw notFound(Incident.typename);
    return incident;
  }

  /** An incident of the viewer's own organisations, for changing it: the Service Co-ordinator's national view never reaches here. */
  async getOwn(ctx: RequestContext, id: number): Promise<Incident> {
    const incident = await withinScope(ctx, ctx.repository(Incident).createQueryBuilder('incident'))
      .andWhere('incident.id = :id', { id })
      .getOne();
    if (!incident) throw notFound(Incident.typename);
    return incident;
  }

  /** One status-history entry, visible exactly when its incident is. */
  async getHistoryEntry(ctx: RequestContext, id: number): Promise<IncidentStatusChange> {
    const entry = await ctx.repository(IncidentStatusChange).findOneBy({ id });
    if (!entry) throw notFound(IncidentStatusChange.typename);
    try {
      await this.get(ctx, entry.incidentId);
    } catch {
      throw notFound(IncidentStatusChange.typename);
    }
    return entry;
  }

  /** Status history of incidents the viewer may read, oldest first: one statement per page of incidents. */
  history(ctx: RequestContext, incidentId: number): Promise<IncidentStatusChange[]> {
    return ctx.loaders
      .custom(
        'incidentHistory',
        () =>
          new DataLoader<number, IncidentStatusChange[]>(async (ids) => {
            const visible = await incidentsWithinScope(ctx, ctx.repository(Incident).createQueryBuilder('incident'))
              .select('incident.id', 'id')
              .andWhere('incident.id IN (:...ids)', { ids: [...ids] })
              .getRawMany<{ id: number }>();
            const visibleIds = visible.map((row) => Number(row.id));
            const rows = visibleIds.length
              ? await ctx
                  .repository(IncidentStatusChange)
                  .find({ where: { incidentId: In(visibleIds) }, order: { changedAt: 'ASC', id: 'ASC' } })
              : [];
            return ids.map((id) => rows.filter((row) => row.incidentId === id));
          }),
      )
      .load(incidentId);
  }

  /** Consumers log an incident with the HSCN minimum data set; the supplier's ticket joins it later. */
  async log(ctx: RequestContext, input: LogIncident, now = new Date()): Promise<Incident> {
    if (!Number.isInteger(input.severity) || input.severity < 1 || input.severity > 5)
      throw badInput('input.severity', 'input.severity: 1 (highest) to 5', ErrorReason.OUT_OF_RANGE);
    if (input.occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw badInput('input.occurredAt', 'input.occurredAt: must not be in the future', ErrorReason.IN_FUTURE);
    const values = {
      summary: limited(requiredText(input.summary, 'input.summary'), 'input.summary'),
      impact: limited(requiredText(input.impact, 'input.impact'), 'input.impact'),
      customerImpact: limited(requiredText(input.customerImpact, 'input.customerImpact'), 'input.customerImpact'),
      stepsTaken: limited(requiredText(input.stepsTaken, 'input.stepsTaken'), 'input.stepsTaken'),
      workaround: optionalWorkaround(input.workaround),
    };
    const supplierRef = input.supplierRef === undefined || input.supplierRef === null ? null : ticketRef(input.supplierRef);
    return ctx.transaction(async (tx) => {
      const service = await withinScope(tx, tx.repository(NetworkService).createQueryBuilder('service'))
        .andWhere('service.id = :id', { id: input.serviceId })
        .getOne();
      if (!service) throw notFound('Service');
      const contact = await withinScope(tx, tx.repository(Contact).createQueryBuilder('contact'))
        .andWhere('contact.id = :id', { id: input.updatesContactId })
        .getOne();
      if (!contact) throw notFound(Contact.typename);
      if (contact.organisationId !== service.organisationId) {
        throw badInput(
          'input.updatesContactId',
          'input.updatesContactId: the contact must belong to the organisation whose service it is',
          ErrorReason.OTHER_ORGANISATION,
        );
      }
      if (!contact.email && !contact.phone) {
        throw badInput(
          'input.updatesContactId',
          `input.updatesContactId: ${contact.name} has no email or phone to send updates to`,
          ErrorReason.UNREACHABLE_CONTACT,
        );
      }
      const relatedIds = [...new Set(input.relatedIncidentIds ?? [])];
      const related = relatedIds.length
        ? await withinScope(tx, tx.repository(Incident).createQueryBuilder('incident'))
            .andWhere('incident.id IN (:...ids)', { ids: relatedIds })
            .getMany()
        : [];
      if (related.length !== relatedIds.length) throw notFound(Incident.typename);
      const foreign = related.find((incident) => incident.organisationId !== service.organisationId);
      if (foreign)
        throw badInput(
          'input.relatedIncidentIds',
          "input.relatedIncidentIds: related incidents must be the same organisation's",
          ErrorReason.OTHER_ORGANISATION,
        );
      if (
        supplierRef !== null &&
        (await tx.repository(Incident).findOneBy({ supplierId: service.supplierId, organisationId: service.organisationId, supplierRef }))
      ) {
        throw conflict(`Supplier ticket ${supplierRef} is already held as an incident; open that one instead`, {
          reason: ErrorReason.SUPPLIER_TICKET_HELD,
        });
      }

      const viewer = tx.requireViewer;
      const incident = await tx.repository(Incident).save(
        tx.repository(Incident).create({
          organisationId: service.organisationId,
          supplierId: service.supplierId,
          serviceId: service.id,
          supplierRef,
          externalId: null,
          origin: IncidentOrigin.CONSUMER,
          severity: input.severity,
          priority: null,
          status: IncidentStatus.NEW,
          openedAt: now,
          acknowledgedAt: null,
          resolvedAt: null,
          closedAt: null,
          serviceCoordinatorNotified: null,
          serviceCoordinatorNotifiedAt: null,
          serviceCoordinatorNotificationRecordedBy: null,
          lastFeedRunId: null,
          lastFeedLocation: null,
          occurredAt: input.occurredAt,
          ...values,
          updatesContactId: contact.id,
          loggedBy: viewer.subject,
          supplierTicketLinkedAt: supplierRef === null ? null : now,
          supplierTicketLinkedBy: supplierRef === null ? null : viewer.subject,
        }),
      );
      await tx.repository(IncidentStatusChange).save(
        tx.repository(IncidentStatusChange).create({
          incidentId: incident.id,
          organisationId: incident.organisationId,
          status: IncidentStatus.NEW,
          changedAt: now,
          reason: `Logged by ${viewer.subject}`,
        }),
      );
      if (related.length) {
        await tx
          .repository(IncidentLink)
          .insert(
            related.map((other) => ({ incidentId: incident.id, relatedIncidentId: other.id, organisationId: incident.organisationId })),
          );
      }
      return incident;
    });
  }

  /**
   * Adds the supplier's ticket reference to a consumer-logged incident. When the supplier's
   * feed already brought that ticket in as an incident of its own, the two become one: the
   * consumer's record keeps its data set and takes the ticket's status, times and history.
   */
  async linkSupplierTicket(ctx: RequestContext, id: number, supplierRef: string, now = new Date()): Promise<Incident> {
    const ref = ticketRef(supplierRef);
    return ctx.transaction(async (tx) => {
      const incident = await this.getOwn(tx, id);
      if (incident.supplierRef === ref) return incident;
      if (incident.origin !== IncidentOrigin.CONSUMER) {
        throw conflict("This incident came from the supplier's feed and already carries its ticket reference", {
          reason: ErrorReason.NOT_CONSUMER_LOGGED,
        });
      }
      if (incident.supplierRef !== null) {
        throw conflict(`Already joined to supplier ticket ${incident.supplierRef}`, { reason: ErrorReason.SUPPLIER_TICKET_ALREADY_LINKED });
      }
      const held = await tx
        .repository(Incident)
        .findOneBy({ supplierId: incident.supplierId, organisationId: incident.organisationId, supplierRef: ref });
      if (held) {
        if (held.origin === IncidentOrigin.CONSUMER)
          throw conflict(`Supplier ticket ${ref} is already joined to another logged incident`, {
            reason: ErrorReason.SUPPLIER_TICKET_ALREADY_LINKED,
          });
        if (held.serviceId !== incident.serviceId)
          throw conflict(`Supplier ticket ${ref} is about another service`, { reason: ErrorReason.SUPPLIER_TICKET_OTHER_SERVICE });
        await this.absorb(tx, incident, held);
      }
      incident.supplierRef = ref;
      incident.supplierTicketLinkedAt = now;
      incident.supplierTicketLinkedBy = tx.requireViewer.subject;
      return tx.repository(Incident).save(incident);
    });
  }

  /** Records whether and when the CN-SP notified the Service Co-ordinator of a Severity 1 incident. */
  async recordScNotification(ctx: RequestContext, id: number, input: ScNotification, now = new Date()): Promise<Incident> {
    if (input.notified && !input.notifiedAt)
      throw badInput('input.notifiedAt', 'input.notifiedAt: say when the Service Co-ordinator was notified', ErrorReason.REQUIRED);
    if (!input.notified && input.notifiedAt)
      throw badInput('input.notifiedAt', 'input.notifiedAt: only when notified is true', ErrorReason.NOT_APPLICABLE);
    if (input.notifiedAt && input.notifiedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw badInput('input.notifiedAt', 'input.notifiedAt: must not be in the future', ErrorReason.IN_FUTURE);
    return ctx.transaction(async (tx) => {
      const incident = await this.getOwn(tx, id);
      if (incident.severity !== 1) {
        throw conflict(`Only Severity 1 incidents are notified to the Service Co-ordinator; this one is Severity ${incident.severity}`, {
          reason: ErrorReason.NOT_SEVERITY_ONE,
        });
      }
      incident.serviceCoordinatorNotified = input.notified;
      incident.serviceCoordinatorNotifiedAt = input.notifiedAt ?? null;
      incident.serviceCoordinatorNotificationRecordedBy = tx.requireViewer.subject;
      return tx.repository(Incident).save(incident);
    });
  }

  /** Severity 1 incidents with no notification of the Service Co-ordinator on record, longest open first. */
  async severityOneWithoutNotification(ctx: RequestContext, now = new Date()): Promise<UnnotifiedSeverityOne[]> {
    const rows = await incidentsWithinScope(ctx, ctx.repository(Incident).createQueryBuilder('incident'))
      .andWhere('incident.severity = 1')
      .andWhere('(incident.serviceCoordinatorNotified IS NULL OR incident.serviceCoordinatorNotified = 0)')
      .andWhere('incident.status NOT IN (:...withdrawn)', { withdrawn: [IncidentStatus.CANCELLED, IncidentStatus.REJECTED] })
      .orderBy('incident.openedAt', 'ASC')
      .addOrderBy('incident.id', 'ASC')
      .take(MAX_UNNOTIFIED)
      .getMany();
    return rows.map((incident) => ({
      incident,
      minutesSinceOpened: Math.max(0, Math.floor((now.getTime() - incident.openedAt.getTime()) / 60_000)),
    }));
  }

  /** Incidents the consumer named as related, as the viewer may see them. */
  async related(ctx: RequestContext, incident: Incident): Promise<Incident[]> {
    const links = await ctx.loaders.manyBy(IncidentLink, 'incidentId').load(incident.id);
    const rows = await ctx.loaders.byId(Incident).loadMany(links.map((link) => link.relatedIncidentId));
    return rows.filter((row): row is Incident => row instanceof Incident);
  }

  /** Folds a feed-created incident into the consumer's record of the same incident, then removes it. */
  private async absorb(ctx: RequestContext, consumer: Incident, feed: Incident): Promise<void> {
    Object.assign(consumer, {
      externalId: feed.externalId ?? consumer.externalId,
      severity: feed.severity,
      priority: feed.priority ?? consumer.priority,
      status: feed.status,
      summary: consumer.summary ?? feed.summary,
      openedAt: feed.openedAt,
      acknowledgedAt: feed.acknowledgedAt ?? consumer.acknowledgedAt,
      resolvedAt: feed.resolvedAt ?? consumer.resolvedAt,
      closedAt: feed.closedAt ?? consumer.closedAt,
      serviceCoordinatorNotified: feed.serviceCoordinatorNotified ?? consumer.serviceCoordinatorNotified,
      serviceCoordinatorNotifiedAt: feed.serviceCoordinatorNotifiedAt ?? consumer.serviceCoordinatorNotifiedAt,
      lastFeedRunId: feed.lastFeedRunId,
      lastFeedLocation: feed.lastFeedLocation,
    });
    const history = ctx.repository(IncidentStatusChange);
    const held = new Set(
      (await history.findBy({ incidentId: consumer.id })).map((entry) => `${entry.changedAt.getTime()}|${entry.status}`),
    );
    const moving = (await history.findBy({ incidentId: feed.id })).filter(
      (entry) => !held.has(`${entry.changedAt.getTime()}|${entry.status}`),
    );
    if (moving.length)
      await history.update({ id: In(moving.map((entry) => entry.id)) }, { incidentId: consumer.id, updatedAt: new Date() });
    for (const listener of this.absorbedListeners) await listener(ctx, { from: feed, into: consumer });
    // the runs that brought the ticket in now name the incident it became (those naming both keep the one row they have)
    const runRecords = ctx.repository(FeedRunRecord);
    const namingConsumer = new Set((await runRecords.findBy({ incidentId: consumer.id })).map((row) => row.feedRunId));
    const namingFeed = (await runRecords.findBy({ incidentId: feed.id })).filter((row) => !namingConsumer.has(row.feedRunId));
    if (namingFeed.length) await runRecords.update({ id: In(namingFeed.map((row) => row.id)) }, { incidentId: consumer.id });
    const links = ctx.repository(IncidentLink);
    const pointing = await links.findBy({ relatedIncidentId: feed.id });
    const already = new Set((await links.findBy({ relatedIncidentId: consumer.id })).map((link) => link.incidentId));
    const repointed = pointing.filter((link) => link.incidentId !== consumer.id && !already.has(link.incidentId));
    if (repointed.length)
      await links.insert(
        repointed.map((link) => ({ incidentId: link.incidentId, relatedIncidentId: consumer.id, organisationId: link.organisationId })),
      );
    await ctx.repository(Incident).delete({ id: feed.id });
  }
}

function limited(text: string, field: string): string {
  if (text.length > TEXT_LIMIT) throw badInput(field, `${field}: at most ${TEXT_LIMIT} characters`, ErrorReason.TOO_LONG);
  return text;
}

function optionalWorkaround(value: string | null | undefined): string | null {
  const text = optionalText(value);
  return text === undefined || text === null ? null : limited(text, 'input.workaround');
}

const ticketRef = (value: string) => requiredIdentifier(value, 'input.supplierRef', 64);
