import { In, IsNull } from 'typeorm';
import { tenancy } from '../auth/tenancy';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  ACCEPTED,
  UNCHANGED,
  unknownService,
  type AcceptedItem,
  type FeedWriteContext,
  type FeedWriter,
  type NaturalKey,
  type WriteOutcome,
} from '../feed-records/feed-writer';
import { FeedRecordKind, FeedRunRecord } from '../feed-records/feed-run-record.entity';
import { storedLocation } from '../feed-records/record-source';
import type { ServiceDirectory } from '../feed-records/service-directory';
import type { IncidentStatus } from './incident-status';
import type { IncidentRecord } from '../feed-records/records';
import { IncidentStatusChange } from './incident-status-change.entity';
import { Incident, IncidentOrigin } from './incident.entity';

const historyKey = (at: Date, status: string) => `${at.getTime()}|${status}`;

/** A new ticket joins a consumer-logged incident on the same service logged this close to its opening. */
const CONSUMER_MATCH_WINDOW_MS = 2 * 3_600_000;

/**
 * Stores trouble tickets. A ticket is known by (supplier, organisation, ticket reference):
 * sent again, it updates the incident and adds the history entries not yet held, so the
 * history only grows and nothing is duplicated. A time the new version leaves out is kept.
 * A ticket not yet held that opened within two hours of a consumer-logged incident on the
 * same service, with no ticket of its own, becomes that incident (the nearest in time):
 * the consumer's data set stays, the supplier's status and times come in.
 */
export class IncidentWriter implements FeedWriter<IncidentRecord<IncidentStatus>> {
  readonly batchSize = 200;

  /**
   * One incident per organisation and ticket reference. Case is ignored, as MySQL's
   * collation ignores it in the unique key: "T-1" and "t-1" are one ticket on either dialect.
   */
  naturalKey(record: IncidentRecord<IncidentStatus>, { services }: { services: ServiceDirectory }): NaturalKey | null {
    const service = services.find(record.serviceReference);
    if (!service) return null;
    return {
      key: `${service.organisationId}|${record.supplierRef.trim().toUpperCase()}`,
      field: 'supplierRef',
      describe: () => `ticket ${record.supplierRef}`,
    };
  }

  async write({ ctx, run, services }: FeedWriteContext, items: AcceptedItem<IncidentRecord<IncidentStatus>>[]): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = new Array(items.length);
    const resolved = items.map(({ record }, index) => {
      const service = services.find(record.serviceReference);
      if (!service) outcomes[index] = unknownService(record.serviceReference);
      return service;
    });
    const refs = [...new Set(items.filter((_, i) => resolved[i]).map(({ record }) => record.supplierRef))];
    if (refs.length === 0) return outcomes;

    const incidents = ctx.repository(Incident);
    const held = await incidents.find({
      where: { supplierId: run.supplierId, supplierRef: In(refs), ...tenancy.where(ctx) },
    });
    const byRef = new Map(held.map((incident) => [`${incident.organisationId}|${incident.supplierRef}`, incident]));
    const history = held.length
      ? await ctx.repository(IncidentStatusChange).find({ where: { incidentId: In(held.map((incident) => incident.id)) } })
      : [];
    // consumer-logged incidents still waiting for the supplier's ticket, on the services of tickets not yet held
    const waitingServices = [
      ...new Set(
        items.flatMap(({ record }, i) =>
          resolved[i] && !byRef.has(`${resolved[i]!.organisationId}|${record.supplierRef}`) ? [resolved[i]!.id] : [],
        ),
      ),
    ];
    const waiting = waitingServices.length
      ? await incidents.find({
          where: {
            supplierId: run.supplierId,
            serviceId: In(waitingServices),
            ...tenancy.where(ctx),
            origin: IncidentOrigin.CONSUMER,
            supplierRef: IsNull(),
          },
          order: { openedAt: 'ASC', id: 'ASC' },
        })
      : [];
    const waitingHistory = waiting.length
      ? await ctx.repository(IncidentStatusChange).find({ where: { incidentId: In(waiting.map((incident) => incident.id)) } })
      : [];
    const seen = new Set(
      [...history, ...waitingHistory].map((entry) => `${entry.incidentId}|${historyKey(entry.changedAt, entry.status)}`),
    );
    const matchConsumer = (serviceId: number, openedAt: Date): Incident | undefined => {
      const candidates = waiting.filter(
        (incident) =>
          incident.supplierRef === null &&
          incident.serviceId === serviceId &&
          Math.abs(incident.openedAt.getTime() - openedAt.getTime()) <= CONSUMER_MATCH_WINDOW_MS,
      );
      candidates.sort(
        (a, b) => Math.abs(a.openedAt.getTime() - openedAt.getTime()) - Math.abs(b.openedAt.getTime() - openedAt.getTime()) || a.id - b.id,
      );
      return candidates[0];
    };

    // first every ticket's own fields, saved together; then the history entries, saved together
    const touched = new Map<string, { incident: Incident; isNew: boolean; changed: boolean }>();
    for (const [index, { record, location }] of items.entries()) {
      const service = resolved[index];
      if (!service) continue;
      const key = `${service.organisationId}|${record.supplierRef}`;
      const current = touched.get(key);
      let existing = current?.incident ?? byRef.get(key);
      let joined = false;
      if (!existing) {
        existing = matchConsumer(service.id, record.openedAt);
        if (existing) {
          existing.supplierRef = record.supplierRef;
          existing.supplierTicketLinkedAt = new Date();
          existing.supplierTicketLinkedBy = 'feed';
          joined = true;
        }
      }
      const incident =
        existing ??
        incidents.create({
          organisationId: service.organisationId,
          supplierId: run.supplierId,
          supplierRef: record.supplierRef,
          origin: IncidentOrigin.SUPPLIER_FEED,
        });
      const changed = applyRecord(incident, record, service.id) || joined;
      if (changed) {
        // the incident's source: this run, and the ticket's row or item in its document
        incident.lastFeedRunId = run.id;
        incident.lastFeedLocation = storedLocation(location);
      }
      touched.set(key, {
        incident,
        isNew: current?.isNew ?? (!byRef.has(key) && !joined),
        changed: (current?.changed ?? false) || changed,
      });
    }
    await incidents.save([...touched.values()].filter((entry) => entry.isNew || entry.changed).map((entry) => entry.incident));

    const additions: IncidentStatusChange[] = [];
    const stored: QueryDeepPartialEntity<FeedRunRecord>[] = [];
    for (const [index, { record, location, seq }] of items.entries()) {
      const service = resolved[index];
      if (!service) continue;
      const { incident, isNew, changed } = touched.get(`${service.organisationId}|${record.supplierRef}`)!;
      let added = 0;
      for (const entry of record.statusHistory) {
        const key = `${incident.id}|${historyKey(entry.at, entry.status)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        added += 1;
        additions.push(
          ctx.repository(IncidentStatusChange).create({
            incidentId: incident.id,
            organisationId: incident.organisationId,
            status: entry.status,
            changedAt: entry.at,
            reason: entry.reason,
            feedRunId: run.id,
            feedLocation: storedLocation(location),
          }),
        );
      }
      outcomes[index] = isNew || changed || added > 0 ? ACCEPTED : UNCHANGED;
      if (outcomes[index] === ACCEPTED) {
        stored.push({
          feedRunId: run.id,
          organisationId: incident.organisationId,
          kind: FeedRecordKind.INCIDENT,
          invoiceId: null,
          incidentId: incident.id,
          position: seq,
          created: isNew,
        });
      }
    }
    if (additions.length) await ctx.repository(IncidentStatusChange).save(additions, { chunk: 200 });
    if (stored.length) await ctx.repository(FeedRunRecord).insert(stored);
    return outcomes;
  }
}

/** Copies what the supplier says onto the incident; answers whether anything changed. */
function applyRecord(incident: Incident, record: IncidentRecord<IncidentStatus>, serviceId: number): boolean {
  const next: Partial<Incident> = {
    serviceId,
    externalId: record.externalId ?? incident.externalId ?? null,
    severity: record.severity,
    priority: record.priority ?? incident.priority ?? null,
    status: record.status,
    // a consumer-logged incident keeps the consumer's own description
    summary:
      incident.origin === IncidentOrigin.CONSUMER
        ? (incident.summary ?? record.summary ?? null)
        : (record.summary ?? incident.summary ?? null),
    openedAt: record.openedAt,
    acknowledgedAt: record.acknowledgedAt ?? incident.acknowledgedAt ?? null,
    resolvedAt: record.resolvedAt ?? incident.resolvedAt ?? null,
    closedAt: record.closedAt ?? incident.closedAt ?? null,
    serviceCoordinatorNotified: record.serviceCoordinatorNotified ?? incident.serviceCoordinatorNotified ?? null,
    serviceCoordinatorNotifiedAt: record.serviceCoordinatorNotifiedAt ?? incident.serviceCoordinatorNotifiedAt ?? null,
  };
  let changed = false;
  for (const [field, value] of Object.entries(next) as [keyof Incident, unknown][]) {
    if (!sameValue((incident as unknown as Record<string, unknown>)[field], value)) {
      (incident as unknown as Record<string, unknown>)[field] = value;
      changed = true;
    }
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}
