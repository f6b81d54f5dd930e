import { IncidentStatus } from '../../incidents/incident-status';
import { type IncidentRecord, type IncidentStatusRecord } from '../../feed-records/records';
import { type FeedAdapter } from '../feed-adapter';
import { readCsv, readItem } from './readers';
import {
  FieldError,
  isBlank,
  optionalBoolean,
  optionalIdentifier,
  optionalInstant,
  optionalString,
  parseEnum,
  parseInstant,
  requiredIdentifier,
  squash,
} from './values';

/**
 * The incident CSV template (docs/feeds/incidents.md): one row per ticket, its status
 * history in one cell. Columns may come in any order and their names match ignoring case,
 * spaces, hyphens and underscores.
 */
export const INCIDENT_CSV_COLUMNS = {
  required: ['ticket_reference', 'service_reference', 'severity', 'status', 'opened_at'],
  optional: [
    'external_id',
    'priority',
    'summary',
    'acknowledged_at',
    'resolved_at',
    'closed_at',
    'sc_notified',
    'sc_notified_at',
    'status_history',
  ],
} as const;

/** Reads the incident CSV template as it streams in; every row becomes a record or a rejection. */
export const incidentCsv: FeedAdapter<IncidentRecord<IncidentStatus>> = async function* incidentCsv(input, limits) {
  for await (const row of readCsv(input, INCIDENT_CSV_COLUMNS, limits)) {
    const location = `line ${row.line}`;
    if (row.cellsMismatch) {
      yield { ok: false, location, raw: row.raw, reason: `The row ${row.cellsMismatch}` };
      continue;
    }
    yield readItem(location, row.raw, () => incidentFromRow(row.values));
  }
};

const CSV_FIELDS: IncidentFieldNames = {
  openedAt: 'opened_at',
  acknowledgedAt: 'acknowledged_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  notified: 'sc_notified',
  notifiedAt: 'sc_notified_at',
  history: 'status_history',
};

function incidentFromRow(values: Record<string, string>): IncidentRecord<IncidentStatus> {
  const supplierRef = requiredIdentifier(values.ticket_reference, 'ticket_reference');
  const externalId = optionalIdentifier(values.external_id, 'external_id', 200);
  const serviceReference = requiredIdentifier(values.service_reference, 'service_reference');
  const severity = parseSeverity(values.severity, 'severity');
  const priority = optionalString(values.priority, 'priority', 50);
  const status = parseIncidentStatus(values.status, 'status');
  const summary = optionalString(values.summary, 'summary');
  const openedAt = parseInstant(values.opened_at, 'opened_at');
  return completeIncident(
    {
      supplierRef,
      externalId,
      serviceReference,
      severity,
      priority,
      status,
      summary,
      openedAt,
      acknowledgedAt: optionalInstant(values.acknowledged_at, 'acknowledged_at'),
      resolvedAt: optionalInstant(values.resolved_at, 'resolved_at'),
      closedAt: optionalInstant(values.closed_at, 'closed_at'),
      serviceCoordinatorNotified: optionalBoolean(values.sc_notified, 'sc_notified'),
      serviceCoordinatorNotifiedAt: optionalInstant(values.sc_notified_at, 'sc_notified_at'),
      statusHistory: parseStatusHistory(values.status_history, openedAt),
    },
    CSV_FIELDS,
  );
}

/**
 * The status_history cell: changes separated by "|", each "<date-time> <STATUS>" and
 * optionally " (<reason>)". Entries may come in any order; none may precede opened_at.
 */
function parseStatusHistory(cell: string | undefined, openedAt: Date): IncidentStatusRecord<IncidentStatus>[] {
  if (isBlank(cell)) return [];
  return cell.split('|').map((text, index) => {
    const entry = `entry ${index + 1}`;
    const parts = HISTORY_ENTRY.exec(text.trim());
    if (!parts) {
      throw new FieldError(
        CSV_FIELDS.history,
        `${entry} "${text.trim()}" is not "<date-time> <STATUS>", optionally followed by " (<reason>)"`,
      );
    }
    const [, time, statusText, reason] = parts;
    const change = {
      at: relabel(() => parseInstant(time, entry)),
      status: relabel(() => parseIncidentStatus(statusText, entry)),
      reason: reason?.trim() || null,
    };
    if (change.at < openedAt) {
      throw new FieldError(CSV_FIELDS.history, `${entry} (${text.trim()}) is before opened_at ${openedAt.toISOString()}`);
    }
    return change;
  });
}

/** A date-time (ISO 8601, with or without an offset, or dd/mm/yyyy hh:mm), a status, then (reason). */
const HISTORY_ENTRY = /^(\d{4}-\d{2}-\d{2}[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?|\d{1,2}\/\d{1,2}\/\d{4} [\d:]+)\s+([^(]+?)\s*(?:\((.*)\))?$/i;

/** Reports an error in one history entry under the status_history column it came from. */
function relabel<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FieldError) throw new FieldError(CSV_FIELDS.history, error.message);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Values and rules both incident formats share (the TMF621 adapter uses these too).
// ---------------------------------------------------------------------------------------

type Severity = IncidentRecord<IncidentStatus>['severity'];

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: 1,
  major: 2,
  high: 2,
  moderate: 3,
  medium: 3,
  minor: 4,
  low: 4,
  informational: 5,
  info: 5,
  lowest: 5,
};

/**
 * A severity, 1 (highest) to 5: the number, "Severity 1", "Sev1", "P1", or a word
 * (critical 1, major/high 2, moderate/medium 3, minor/low 4, informational/lowest 5).
 * Other words ("Urgent") are refused: a Severity 1 starts the 5-hour obligation and the
 * Service Co-ordinator notification, so it is never guessed.
 */
export function parseSeverity(value: unknown, field: string): Severity {
  if (isBlank(value)) throw new FieldError(field, 'is required');
  const key = squash(String(value));
  const numbered = /^(?:severity|sev|p)?([1-5])$/.exec(key);
  const severity = numbered ? (Number(numbered[1]) as Severity) : SEVERITY_WORDS[key];
  if (!severity) {
    throw new FieldError(
      field,
      `"${String(value)}" is not a severity: expected 1 to 5 (or "Severity 1", "Sev1", "P1"), critical, major/high, moderate/medium, ` +
        `minor/low or informational/lowest`,
    );
  }
  return severity;
}

/** Spellings of ticket states in real feeds (squashed), beyond the states' own names. */
const STATUS_ALIASES: Record<string, IncidentStatus> = {
  open: IncidentStatus.NEW,
  opened: IncidentStatus.NEW,
  logged: IncidentStatus.NEW,
  ack: IncidentStatus.ACKNOWLEDGED,
  accepted: IncidentStatus.ACKNOWLEDGED,
  wip: IncidentStatus.IN_PROGRESS,
  workinprogress: IncidentStatus.IN_PROGRESS,
  investigating: IncidentStatus.IN_PROGRESS,
  awaitingcustomer: IncidentStatus.PENDING,
  pendingcustomer: IncidentStatus.PENDING,
  waitingoncustomer: IncidentStatus.PENDING,
  awaitinginformation: IncidentStatus.PENDING,
  onhold: IncidentStatus.HELD,
  hold: IncidentStatus.HELD,
  awaitingthirdparty: IncidentStatus.HELD,
  fixed: IncidentStatus.RESOLVED,
  restored: IncidentStatus.RESOLVED,
  servicerestored: IncidentStatus.RESOLVED,
  complete: IncidentStatus.CLOSED,
  completed: IncidentStatus.CLOSED,
  canceled: IncidentStatus.CANCELLED,
  withdrawn: IncidentStatus.CANCELLED,
  declined: IncidentStatus.REJECTED,
};

/**
 * A ticket state, ignoring case, spaces, hyphens and underscores ("In Progress",
 * "inProgress", "IN_PROGRESS"), with the aliases above. PENDING is waiting on the customer,
 * HELD on anyone else; both stop the SLA clock.
 */
export function parseIncidentStatus(value: unknown, field: string): IncidentStatus {
  return parseEnum(value, field, Object.values(IncidentStatus), STATUS_ALIASES);
}

/** What each format calls the fields the shared rules talk about, for precise rejections. */
export interface IncidentFieldNames {
  openedAt: string;
  acknowledgedAt: string;
  resolvedAt: string;
  closedAt: string;
  notified: string;
  notifiedAt: string;
  history: string;
}

const ENDED = [IncidentStatus.RESOLVED, IncidentStatus.CLOSED];
const ACKNOWLEDGING = [IncidentStatus.ACKNOWLEDGED, IncidentStatus.IN_PROGRESS];

/**
 * The rules that tie a ticket's dates together, whatever the format: history in time order,
 * no milestone before the ticket was opened, a resolved or closed ticket has a resolution
 * time; milestones not given are taken from the history (acknowledged: the first
 * ACKNOWLEDGED or IN_PROGRESS change; resolved: the last RESOLVED change; closed: the last
 * CLOSED change), and a notification time implies the Service Co-ordinator was notified.
 */
export function completeIncident(ticket: IncidentRecord<IncidentStatus>, fields: IncidentFieldNames): IncidentRecord<IncidentStatus> {
  const history = [...ticket.statusHistory].sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastOf = (status: IncidentStatus) => history.filter((change) => change.status === status).at(-1)?.at ?? null;
  const notBeforeOpened = (at: Date | null, field: string) => {
    if (at && at < ticket.openedAt)
      throw new FieldError(field, `${at.toISOString()} is before ${fields.openedAt} ${ticket.openedAt.toISOString()}`);
  };

  notBeforeOpened(ticket.acknowledgedAt, fields.acknowledgedAt);
  notBeforeOpened(ticket.resolvedAt, fields.resolvedAt);
  notBeforeOpened(ticket.closedAt, fields.closedAt);
  notBeforeOpened(ticket.serviceCoordinatorNotifiedAt, fields.notifiedAt);

  const resolvedAt = ticket.resolvedAt ?? (ENDED.includes(ticket.status) ? lastOf(IncidentStatus.RESOLVED) : null);
  if (!resolvedAt && ENDED.includes(ticket.status)) {
    throw new FieldError(
      fields.resolvedAt,
      `is required when the status is ${ticket.status} (or give a RESOLVED change in ${fields.history})`,
    );
  }
  const closedAt = ticket.closedAt ?? (ticket.status === IncidentStatus.CLOSED ? lastOf(IncidentStatus.CLOSED) : null);
  if (resolvedAt && closedAt && closedAt < resolvedAt) {
    throw new FieldError(fields.closedAt, `${closedAt.toISOString()} is before ${fields.resolvedAt} ${resolvedAt.toISOString()}`);
  }

  if (ticket.serviceCoordinatorNotified === false && ticket.serviceCoordinatorNotifiedAt) {
    throw new FieldError(
      fields.notified,
      `says not notified, but ${fields.notifiedAt} gives ${ticket.serviceCoordinatorNotifiedAt.toISOString()}`,
    );
  }

  return {
    ...ticket,
    acknowledgedAt: ticket.acknowledgedAt ?? history.find((change) => ACKNOWLEDGING.includes(change.status))?.at ?? null,
    resolvedAt,
    closedAt,
    serviceCoordinatorNotified: ticket.serviceCoordinatorNotified ?? (ticket.serviceCoordinatorNotifiedAt ? true : null),
    statusHistory: history,
  };
}
