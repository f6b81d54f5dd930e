import type { IncidentStatus } from '../../incidents/incident-status';
import type { IncidentRecord, IncidentStatusRecord } from '../../feed-records/records';
import type { FeedAdapter } from '../feed-adapter';
import { incidentRecord, parseIncidentStatus, parseSeverity, type IncidentFieldNames } from './incident-record';
import { readCsv, readItem } from './readers';
import {
  FieldError,
  isBlank,
  optionalBoolean,
  optionalIdentifier,
  optionalInstant,
  optionalString,
  parseInstant,
  requiredIdentifier,
} from './values';

/**
 * The incident CSV template (docs/feeds/incidents.md): one row per ticket, its status
 * history in one cell. Columns may come in any order and their names match ignoring case,
 * spaces, hyphens and underscores.
 */
const INCIDENT_CSV_COLUMNS = {
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
  return incidentRecord(
    {
      supplierRef: requiredIdentifier(values.ticket_reference, 'ticket_reference'),
      externalId: optionalIdentifier(values.external_id, 'external_id', 200),
      serviceReference: requiredIdentifier(values.service_reference, 'service_reference'),
      severity: parseSeverity(values.severity, 'severity'),
      priority: optionalString(values.priority, 'priority', 50),
      status: parseIncidentStatus(values.status, 'status'),
      summary: optionalString(values.summary, 'summary'),
      openedAt: parseInstant(values.opened_at, 'opened_at'),
      acknowledgedAt: optionalInstant(values.acknowledged_at, 'acknowledged_at'),
      resolvedAt: optionalInstant(values.resolved_at, 'resolved_at'),
      closedAt: optionalInstant(values.closed_at, 'closed_at'),
      serviceCoordinatorNotified: optionalBoolean(values.sc_notified, 'sc_notified'),
      serviceCoordinatorNotifiedAt: optionalInstant(values.sc_notified_at, 'sc_notified_at'),
    },
    (openedAt) => parseStatusHistory(values.status_history, openedAt),
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
