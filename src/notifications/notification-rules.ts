import { sha256 } from '../common/hashing';
import { UK_ZONE } from '../common/calendar';
import { daysBetween, type LocalDate } from '../common/dates';
import { formatMoney, type Pence } from '../common/money';
import { toGlobalId } from '../common/global-id';
import { Notification, NotificationKind, NotificationSeverity } from './notification.types';

/**
 * How each condition reads: its severity, its message, its due date and its fingerprint,
 * from facts the service has gathered. Pure, so that every message can be tested without a
 * database.
 */

const HOUR_MS = 3_600_000;
const { HIGH, MEDIUM, LOW } = NotificationSeverity;

export const longDate = (date: LocalDate) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** "15:05 on 3 June 2026", as the clock reads in England. */
const londonTime = (instant: Date) => {
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: UK_ZONE }).format(
    instant,
  );
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: UK_ZONE }).format(instant);
  return `${time} on ${day}`;
};

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "today", "in 5 days" or "5 days ago", from `today` to `date`. */
export function relativeDay(today: LocalDate, date: LocalDate): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  return days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
}

/** A span of time as a person would say it: minutes under an hour, hours under two days, then days. */
export function span(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** A stable identity for one condition: the same facts always give the same 64 hex digits. */
export function fingerprintOf(kind: NotificationKind, organisationId: number, subjectId: string, state: string): string {
  return sha256(`${kind}|${organisationId}|${subjectId}|${state}`);
}

interface Draft {
  kind: NotificationKind;
  severity: NotificationSeverity;
  organisationId: number;
  message: string;
  dueOn?: LocalDate | null;
  dueAt?: Date | null;
  subject: { typename: string; id: number };
  /** what, besides the subject, makes this the same condition: a due date, a stage */
  state: string;
}

function notificationOf(draft: Draft): Notification {
  const subjectId = toGlobalId(draft.subject.typename, draft.subject.id);
  return Object.assign(new Notification(), {
    kind: draft.kind,
    severity: draft.severity,
    organisationId: draft.organisationId,
    message: draft.message,
    dueOn: draft.dueOn ?? null,
    dueAt: draft.dueAt ?? null,
    subjectId,
    subjectType: draft.subject.typename,
    fingerprint: fingerprintOf(draft.kind, draft.organisationId, subjectId, draft.state),
  });
}

export function contractNoticeDue(
  contract: {
    id: number;
    organisationId: number;
    reference: string;
    title: string;
    noticeDate: LocalDate;
    endDate: LocalDate;
    renewalTermMonths: number | null;
  },
  supplierName: string,
  today: LocalDate,
): Notification {
  const days = daysBetween(today, contract.noticeDate);
  const what = `Contract ${contract.reference} (${contract.title}) with ${supplierName}`;
  const after = contract.renewalTermMonths
    ? `it renews for ${plural(contract.renewalTermMonths, 'month')} unless notice is given`
    : 'the term ends then';
  const message =
    days >= 0
      ? `${what}: the last day to give notice is ${longDate(contract.noticeDate)}, ${relativeDay(today, contract.noticeDate)}; the term ends ` +
        `on ${longDate(contract.endDate)} and ${after}.`
      : `${what}: the last day to give notice was ${longDate(contract.noticeDate)}, ${relativeDay(today, contract.noticeDate)}; the term runs ` +
        `to ${longDate(contract.endDate)}. Renegotiate, re-procure or agree notice with the supplier now.`;
  return notificationOf({
    kind: NotificationKind.CONTRACT_NOTICE_DUE,
    severity: days <= 30 ? HIGH : MEDIUM,
    organisationId: contract.organisationId,
    message,
    dueOn: contract.noticeDate,
    subject: { typename: 'Contract', id: contract.id },
    state: contract.noticeDate,
  });
}

export function contactStale(
  contact: { id: number; organisationId: number; name: string; jobTitle: string | null; lastVerifiedAt: Date | null },
  staleAfterDays: number,
  now: Date,
): Notification {
  const who = contact.jobTitle ? `${contact.name} (${contact.jobTitle})` : contact.name;
  let message: string;
  let dueAt: Date | null = null;
  if (contact.lastVerifiedAt === null) {
    message = `Contact ${who} has never been verified; confirm their details are right.`;
  } else {
    const ago = Math.floor((now.getTime() - contact.lastVerifiedAt.getTime()) / 86_400_000);
    dueAt = new Date(contact.lastVerifiedAt.getTime() + staleAfterDays * 86_400_000);
    message =
      `Contact ${who} was last verified ${plural(ago, 'day')} ago, on ${longDate(contact.lastVerifiedAt.toISOString().slice(0, 10))} (more ` +
      `than ${plural(staleAfterDays, 'day')}); confirm their details are still right.`;
  }
  return notificationOf({
    kind: NotificationKind.CONTACT_STALE,
    severity: LOW,
    organisationId: contact.organisationId,
    message,
    dueAt,
    subject: { typename: 'Contact', id: contact.id },
    state: contact.lastVerifiedAt?.toISOString() ?? 'never',
  });
}

export function reviewActionOverdue(
  action: { id: number; organisationId: number; description: string; dueDate: LocalDate; ownerUser: string | null },
  review: { heldOn: LocalDate; contractReference: string | null } | null,
  ownerContactName: string | null,
  today: LocalDate,
): Notification {
  const owner = ownerContactName ?? action.ownerUser;
  const from = review
    ? ` from the ${longDate(review.heldOn)} review${review.contractReference ? ` of ${review.contractReference}` : ''}`
    : '';
  return notificationOf({
    kind: NotificationKind.REVIEW_ACTION_OVERDUE,
    severity: MEDIUM,
    organisationId: action.organisationId,
    message:
      `Review action "${clip(action.description, 200)}"${owner ? ` (owner: ${owner})` : ''}${from} was due ` +
      `on ${longDate(action.dueDate)}, ${relativeDay(today, action.dueDate)}.`,
    dueOn: action.dueDate,
    subject: { typename: 'ReviewAction', id: action.id },
    state: action.dueDate,
  });
}

export function severityOneNotNotified(
  incident: {
    id: number;
    organisationId: number;
    supplierRef: string | null;
    summary: string | null;
    openedAt: Date;
    serviceCoordinatorNotified: boolean | null;
  },
  organisation: { name: string; odsCode: string } | null,
  supplierName: string,
  now: Date,
): Notification {
  const ticket = incident.supplierRef ? ` ${incident.supplierRef}` : '';
  const summary = incident.summary ? ` ("${clip(incident.summary, 200)}")` : '';
  const where = organisation ? ` at ${organisation.name} (${organisation.odsCode})` : '';
  const gap =
    incident.serviceCoordinatorNotified === false
      ? 'the Service Co-ordinator was not notified'
      : 'no notification of the Service Co-ordinator is recorded';
  return notificationOf({
    kind: NotificationKind.SEVERITY_ONE_NOT_NOTIFIED,
    severity: HIGH,
    organisationId: incident.organisationId,
    message:
      `Severity 1 incident${ticket}${summary}${where} with ${supplierName}, opened ${span(now.getTime() - incident.openedAt.getTime())} ago ` +
      `at ${londonTime(incident.openedAt)}: ${gap}. The CN-SP must notify the Service Co-ordinator of every Severity 1 incident.`,
    dueAt: incident.openedAt,
    subject: { typename: 'Incident', id: incident.id },
    state: incident.openedAt.toISOString(),
  });
}

export function escalationUpdateOverdue(
  escalation: {
    id: number;
    organisationId: number;
    kind: string;
    summary: string;
    nextUpdateDueAt: Date | null;
    updateIntervalHours: number;
    level: string;
  },
  supplierName: string,
  now: Date,
): Notification {
  const due = escalation.nextUpdateDueAt ?? now;
  const what = escalation.kind === 'COMPLAINT' ? 'Complaint' : 'Escalation';
  const hoursLate = (now.getTime() - due.getTime()) / HOUR_MS;
  return notificationOf({
    kind: NotificationKind.ESCALATION_UPDATE_OVERDUE,
    severity: hoursLate >= escalation.updateIntervalHours ? HIGH : MEDIUM,
    organisationId: escalation.organisationId,
    message:
      `${what} "${clip(escalation.summary, 200)}" with ${supplierName} (${escalation.level}) was due an update ` +
      `by ${londonTime(due)}, ${span(now.getTime() - due.getTime())} ago; updates were agreed ` +
      `every ${plural(escalation.updateIntervalHours, 'hour')}.`,
    dueAt: due,
    subject: { typename: 'Escalation', id: escalation.id },
    state: due.toISOString(),
  });
}

export function orderPastCommittedDate(
  order: {
    id: number;
    organisationId: number;
    type: string;
    status: string;
    supplierOrderReference: string | null;
    serviceReference: string | null;
    committedDate: LocalDate | null;
  },
  supplierName: string,
  today: LocalDate,
): Notification {
  const committed = order.committedDate ?? today;
  const reference = order.supplierOrderReference ? ` ${order.supplierOrderReference}` : '';
  const service = order.serviceReference ? ` for ${order.serviceReference}` : '';
  return notificationOf({
    kind: NotificationKind.ORDER_PAST_COMMITTED_DATE,
    severity: MEDIUM,
    organisationId: order.organisationId,
    message:
      `${humanise(order.type)} order${reference}${service} with ${supplierName} was committed for ${longDate(committed)} and is ` +
      `still ${order.status}, ${plural(daysBetween(committed, today), 'day')} late.`,
    dueOn: committed,
    subject: { typename: 'Order', id: order.id },
    state: committed,
  });
}

export function disputeDeadlineNear(
  dispute: { id: number; organisationId: number; deadline: LocalDate; disputedAmount: Pence },
  invoiceNumber: string | null,
  supplierName: string,
  today: LocalDate,
): Notification {
  const days = daysBetween(today, dispute.deadline);
  const on = invoiceNumber ? ` on invoice ${invoiceNumber}` : '';
  const what = `The draft dispute${on} from ${supplierName} (£${formatMoney(dispute.disputedAmount)})`;
  return notificationOf({
    kind: NotificationKind.DISPUTE_DEADLINE_NEAR,
    severity: days <= 7 ? HIGH : MEDIUM,
    organisationId: dispute.organisationId,
    message:
      days >= 0
        ? `${what} must be submitted to the supplier by ${longDate(dispute.deadline)}, ${relativeDay(today, dispute.deadline)}.`
        : `${what} was not submitted by its deadline, ${longDate(dispute.deadline)} (${relativeDay(today, dispute.deadline)}); the supplier may refuse it now.`,
    dueOn: dispute.deadline,
    subject: { typename: 'Dispute', id: dispute.id },
    state: dispute.deadline,
  });
}

export function invoiceAwaitingApproval(
  invoice: { id: number; organisationId: number; invoiceNumber: string; grossTotal: Pence; dueDate: LocalDate | null },
  supplierName: string,
  withheld: Pence,
  firstApproval: { approvedBy: string; amount: Pence } | null,
  secondApprovalAbove: Pence,
  today: LocalDate,
): Notification {
  const held = withheld > 0n ? `, £${formatMoney(withheld)} withheld for disputes` : '';
  const what = `Invoice ${invoice.invoiceNumber} from ${supplierName} (£${formatMoney(invoice.grossTotal)} gross${held})`;
  const due = invoice.dueDate ? `; payment is due ${invoice.dueDate < today ? 'since' : 'on'} ${longDate(invoice.dueDate)}` : '';
  const message = firstApproval
    ? `${what} has a first approval by ${firstApproval.approvedBy} for £${formatMoney(firstApproval.amount)} and needs a second, different ` +
      `finance approver (above £${formatMoney(secondApprovalAbove)})${due}.`
    : `${what} is reconciled and awaits approval for payment of £${formatMoney(invoice.grossTotal - withheld)}${due}.`;
  return notificationOf({
    kind: NotificationKind.INVOICE_AWAITING_APPROVAL,
    severity: invoice.dueDate !== null && daysBetween(today, invoice.dueDate) <= 7 ? HIGH : MEDIUM,
    organisationId: invoice.organisationId,
    message,
    dueOn: invoice.dueDate,
    subject: { typename: 'Invoice', id: invoice.id },
    state: firstApproval ? 'SECOND_APPROVAL' : 'FIRST_APPROVAL',
  });
}

export function dspt(
  kind: NotificationKind.DSPT_EXPIRING | NotificationKind.DSPT_EXPIRED,
  organisationId: number,
  assessment: { id: number; expiresOn: LocalDate },
  message: string,
): Notification {
  return notificationOf({
    kind,
    severity: kind === NotificationKind.DSPT_EXPIRED ? HIGH : MEDIUM,
    organisationId,
    message,
    dueOn: assessment.expiresOn,
    subject: { typename: 'DsptAssessment', id: assessment.id },
    state: assessment.expiresOn,
  });
}

export function feedLate(
  entry: { organisationId: number; supplierId: number; kind: string; lastGoodRunAt: Date | null },
  supplierName: string,
  lateAfterHours: number,
  now: Date,
): Notification {
  const feed = `${entry.kind.toLowerCase()} feed from ${supplierName}`;
  const message =
    entry.lastGoodRunAt === null
      ? `The ${feed} has never arrived; ask the supplier to start sending it.`
      : `The ${feed} has not arrived for ${span(now.getTime() - entry.lastGoodRunAt.getTime())}: the last good run finished ` +
        `at ${londonTime(entry.lastGoodRunAt)} (late after ${plural(lateAfterHours, 'hour')}). Treat it as an incident with the supplier.`;
  return notificationOf({
    kind: NotificationKind.FEED_LATE,
    severity: MEDIUM,
    organisationId: entry.organisationId,
    message,
    dueAt: entry.lastGoodRunAt === null ? null : new Date(entry.lastGoodRunAt.getTime() + lateAfterHours * HOUR_MS),
    subject: { typename: 'Supplier', id: entry.supplierId },
    state: `${entry.kind}|${entry.lastGoodRunAt?.toISOString() ?? 'never'}`,
  });
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** NEW_SERVICE → "New service" */
const humanise = (code: string) => {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
