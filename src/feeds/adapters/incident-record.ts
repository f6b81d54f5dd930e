import { IncidentStatus } from '../../incidents/incident-status';
import type { IncidentRecord, IncidentStatusRecord } from '../../feed-records/records';
import { FieldError, isBlank, parseEnum, squash } from './values';

/**
 * What both incident formats (incident-csv.ts, incident-tmf621.ts) share: the severity and
 * state spellings, and the assembly of the record from the values a format parsed, with the
 * rules that tie a ticket's dates together.
 */

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

/** The values a format parsed from one ticket, in the record's terms; the history comes after. */
export type IncidentValues = Omit<IncidentRecord<IncidentStatus>, 'statusHistory'>;

/**
 * Builds the incident record from the values a format parsed, whatever the format. The
 * status history is read last, once the values (opening time included) are known. Then the
 * rules that tie a ticket's dates together: history in time order,
 * no milestone before the ticket was opened, a resolved or closed ticket has a resolution
 * time; milestones not given are taken from the history (acknowledged: the first
 * ACKNOWLEDGED or IN_PROGRESS change; resolved: the last RESOLVED change; closed: the last
 * CLOSED change), and a notification time implies the Service Co-ordinator was notified.
 */
export function incidentRecord(
  values: IncidentValues,
  readHistory: (openedAt: Date) => IncidentStatusRecord<IncidentStatus>[],
  fields: IncidentFieldNames,
): IncidentRecord<IncidentStatus> {
  const history = readHistory(values.openedAt).sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastOf = (status: IncidentStatus) => history.filter((change) => change.status === status).at(-1)?.at ?? null;
  const notBeforeOpened = (at: Date | null, field: string) => {
    if (at && at < values.openedAt)
      throw new FieldError(field, `${at.toISOString()} is before ${fields.openedAt} ${values.openedAt.toISOString()}`);
  };

  notBeforeOpened(values.acknowledgedAt, fields.acknowledgedAt);
  notBeforeOpened(values.resolvedAt, fields.resolvedAt);
  notBeforeOpened(values.closedAt, fields.closedAt);
  notBeforeOpened(values.serviceCoordinatorNotifiedAt, fields.notifiedAt);

  const resolvedAt = values.resolvedAt ?? (ENDED.includes(values.status) ? lastOf(IncidentStatus.RESOLVED) : null);
  if (!resolvedAt && ENDED.includes(values.status)) {
    throw new FieldError(
      fields.resolvedAt,
      `is required when the status is ${values.status} (or give a RESOLVED change in ${fields.history})`,
    );
  }
  const closedAt = values.closedAt ?? (values.status === IncidentStatus.CLOSED ? lastOf(IncidentStatus.CLOSED) : null);
  if (resolvedAt && closedAt && closedAt < resolvedAt) {
    throw new FieldError(fields.closedAt, `${closedAt.toISOString()} is before ${fields.resolvedAt} ${resolvedAt.toISOString()}`);
  }

  if (values.serviceCoordinatorNotified === false && values.serviceCoordinatorNotifiedAt) {
    throw new FieldError(
      fields.notified,
      `says not notified, but ${fields.notifiedAt} gives ${values.serviceCoordinatorNotifiedAt.toISOString()}`,
    );
  }

  return {
    ...values,
    statusHistory: history,
    acknowledgedAt: values.acknowledgedAt ?? history.find((change) => ACKNOWLEDGING.includes(change.status))?.at ?? null,
    resolvedAt,
    closedAt,
    serviceCoordinatorNotified: values.serviceCoordinatorNotified ?? (values.serviceCoordinatorNotifiedAt ? true : null),
  };
}
