import type { IncidentStatus } from '../../incidents/incident-status';
import type { IncidentRecord, IncidentStatusRecord } from '../../feed-records/records';
import type { FeedAdapter } from '../feed-adapter';
import { incidentRecord, parseIncidentStatus, parseSeverity, type IncidentFieldNames } from './incident-record';
import { jsonItems } from './json-stream';
import { rawJson, readItem } from './readers';
import {
  FieldError,
  isBlank,
  optionalBoolean,
  optionalIdentifier,
  optionalInstant,
  optionalString,
  parseInstant,
  requiredIdentifier,
  squash,
} from './values';

/**
 * TMF621 Trouble Ticket v4 JSON (docs/feeds/incidents.md): one ticket, an array of them, or
 * an array under `troubleTicket`, `items` or `data`, read a ticket at a time as it streams.
 * Each ticket becomes a record or a rejection naming the property at fault.
 */
export const incidentTmf: FeedAdapter<IncidentRecord<IncidentStatus>> = async function* incidentTmf(input, limits) {
  for await (const { item, path } of jsonItems(input, ['troubleTicket', 'items', 'data'], limits)) {
    const raw = rawJson(item);
    if (!isObject(item)) {
      yield {
        ok: false,
        location: path,
        raw,
        reason: `The item is not a trouble ticket object (got ${item === null ? 'null' : typeof item})`,
      };
      continue;
    }
    yield readItem(path, raw, () => incidentFromTicket(item));
  }
};

const TMF_FIELDS: IncidentFieldNames = {
  openedAt: 'creationDate',
  acknowledgedAt: 'statusChange',
  resolvedAt: 'resolutionDate',
  closedAt: 'statusChange',
  notified: 'serviceCoordinatorNotified',
  notifiedAt: 'serviceCoordinatorNotifiedAt',
  history: 'statusChange',
};

function incidentFromTicket(ticket: Record<string, unknown>): IncidentRecord<IncidentStatus> {
  return incidentRecord(
    {
      supplierRef: requiredIdentifier(ticket.id, 'id'),
      externalId: externalIdOf(ticket.externalId),
      serviceReference: serviceReferenceOf(ticket.relatedEntity),
      severity: parseSeverity(ticket.severity, 'severity'),
      priority: optionalString(ticket.priority, 'priority', 50),
      status: statusOf(ticket, ''),
      summary: isBlank(ticket.name) ? optionalString(ticket.description, 'description') : optionalString(ticket.name, 'name'),
      openedAt: parseInstant(ticket.creationDate, 'creationDate'),
      ...coordinatorNotificationOf(ticket),
      acknowledgedAt: null,
      resolvedAt: optionalInstant(ticket.resolutionDate, 'resolutionDate'),
      closedAt: null,
    },
    (openedAt) => statusChangesOf(ticket.statusChange, openedAt),
    TMF_FIELDS,
  );
}

/** The spec says `status`; some providers send `state`, as in their other APIs. */
function statusOf(item: Record<string, unknown>, prefix: string): IncidentRecord<IncidentStatus>['status'] {
  return isBlank(item.status) && !isBlank(item.state)
    ? parseIncidentStatus(item.state, `${prefix}state`)
    : parseIncidentStatus(item.status, `${prefix}status`);
}

/** v4 sends a string; v5 a list of identifiers, of which the first is ours. */
function externalIdOf(value: unknown): string | null {
  if (!Array.isArray(value)) return optionalIdentifier(value, 'externalId', 200);
  const first: unknown = value[0];
  return isObject(first) ? optionalIdentifier(first.id, 'externalId[0].id', 200) : optionalIdentifier(first, 'externalId[0]', 200);
}

const SERVICE_ROLES = new Set(['service', 'affectedservice']);

/**
 * The affected service among the related entities: the one whose role or @referredType is
 * service or affectedService, else the only entity there is. Its id, or failing that its
 * name, is the service reference. v5 nests the entity under `entity`.
 */
function serviceReferenceOf(relatedEntity: unknown): string {
  if (!Array.isArray(relatedEntity) || relatedEntity.length === 0) {
    throw new FieldError('relatedEntity', 'is required: expected an entity whose role or @referredType is service or affectedService');
  }
  const entities = relatedEntity.map((entry: unknown, index) => {
    if (!isObject(entry)) throw new FieldError(`relatedEntity[${index}]`, 'expected an object');
    const entity = isObject(entry.entity) ? entry.entity : entry;
    const roles = [entry.role, entry['@referredType'], entity['@referredType']]
      .filter((role) => !isBlank(role))
      .map((role) => squash(String(role)));
    return { entity, field: `relatedEntity[${index}]`, isService: roles.some((role) => SERVICE_ROLES.has(role)) };
  });
  const services = entities.filter(({ isService }) => isService);
  const chosen = services.length > 0 ? services : entities.length === 1 ? entities : [];
  if (chosen.length === 0) {
    throw new FieldError(
      'relatedEntity',
      `none of its ${entities.length} entities has role or @referredType service or affectedService, so the affected service is unknown`,
    );
  }
  const references = [...new Set(chosen.map(referenceOf))];
  if (references.length > 1)
    throw new FieldError(
      'relatedEntity',
      `names ${references.length} services (${references.join(', ')}); a ticket must affect exactly one`,
    );
  return references[0]!;
}

function referenceOf({ entity, field }: { entity: Record<string, unknown>; field: string }): string {
  if (!isBlank(entity.id)) return requiredIdentifier(entity.id, `${field}.id`);
  if (!isBlank(entity.name)) return requiredIdentifier(entity.name, `${field}.name`);
  throw new FieldError(field, 'has neither an id nor a name to identify the service');
}

function statusChangesOf(statusChange: unknown, openedAt: Date): IncidentStatusRecord<IncidentStatus>[] {
  if (isBlank(statusChange)) return [];
  if (!Array.isArray(statusChange)) throw new FieldError('statusChange', 'expected an array of {changeDate, status, changeReason}');
  return statusChange.map((change: unknown, index) => {
    const field = `statusChange[${index}]`;
    if (!isObject(change)) throw new FieldError(field, 'expected an object {changeDate, status, changeReason}');
    const at = parseInstant(change.changeDate, `${field}.changeDate`);
    if (at < openedAt) throw new FieldError(`${field}.changeDate`, `${at.toISOString()} is before creationDate ${openedAt.toISOString()}`);
    return { at, status: statusOf(change, `${field}.`), reason: optionalString(change.changeReason, `${field}.changeReason`) };
  });
}

type CoordinatorNotification = Pick<IncidentRecord<IncidentStatus>, 'serviceCoordinatorNotified' | 'serviceCoordinatorNotifiedAt'>;

const NOTIFIED_NOTE = /service\s+co-?ordinator\s+(?:was\s+|has\s+been\s+)?notified/i;

/**
 * Whether the CN-SP told the Service Co-ordinator, and when: characteristics named
 * serviceCoordinatorNotified (true/false) and serviceCoordinatorNotifiedAt, or else the
 * first note saying "Service Co-ordinator notified", dated by the note.
 */
function coordinatorNotificationOf(ticket: Record<string, unknown>): CoordinatorNotification {
  const listName = ['characteristic', 'ticketCharacteristic'].find((name) => Array.isArray(ticket[name]));
  const characteristics = listName ? (ticket[listName] as unknown[]) : [];
  let notified: boolean | null = null;
  let at: Date | null = null;
  characteristics.forEach((characteristic, index) => {
    if (!isObject(characteristic) || isBlank(characteristic.name)) return;
    const name = squash(String(characteristic.name));
    if (name === 'servicecoordinatornotified') notified = optionalBoolean(characteristic.value, `${listName}[${index}].value`);
    if (name === 'servicecoordinatornotifiedat') at = optionalInstant(characteristic.value, `${listName}[${index}].value`);
  });
  if (notified !== null || at !== null) return { serviceCoordinatorNotified: notified, serviceCoordinatorNotifiedAt: at };

  const notes = Array.isArray(ticket.note) ? ticket.note : [];
  const index = notes.findIndex((note: unknown) => isObject(note) && typeof note.text === 'string' && NOTIFIED_NOTE.test(note.text));
  if (index < 0) return { serviceCoordinatorNotified: null, serviceCoordinatorNotifiedAt: null };
  return {
    serviceCoordinatorNotified: true,
    serviceCoordinatorNotifiedAt: optionalInstant((notes[index] as Record<string, unknown>).date, `note[${index}].date`),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
