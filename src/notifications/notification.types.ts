import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { LocalDate } from '../common/dates';
import { PageInfo } from '../graphql-types/connection';
import { LocalDateScalar } from '../graphql-types/scalars';
import type { Edge } from '../request/paging';

/** Each kind of thing that needs someone's attention. The names are stable: webhooks and clients branch on them. */
export enum NotificationKind {
  CONTRACT_NOTICE_DUE = 'CONTRACT_NOTICE_DUE',
  CONTACT_STALE = 'CONTACT_STALE',
  REVIEW_ACTION_OVERDUE = 'REVIEW_ACTION_OVERDUE',
  SEVERITY_ONE_NOT_NOTIFIED = 'SEVERITY_ONE_NOT_NOTIFIED',
  ESCALATION_UPDATE_OVERDUE = 'ESCALATION_UPDATE_OVERDUE',
  ORDER_PAST_COMMITTED_DATE = 'ORDER_PAST_COMMITTED_DATE',
  DISPUTE_DEADLINE_NEAR = 'DISPUTE_DEADLINE_NEAR',
  INVOICE_AWAITING_APPROVAL = 'INVOICE_AWAITING_APPROVAL',
  DSPT_EXPIRING = 'DSPT_EXPIRING',
  DSPT_EXPIRED = 'DSPT_EXPIRED',
  FEED_LATE = 'FEED_LATE',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  valuesConfig: {
    CONTRACT_NOTICE_DUE: { description: "An ACTIVE contract's notice date is near, or has passed while the term runs on." },
    CONTACT_STALE: { description: "Nobody has confirmed a contact's details for too long, or ever." },
    REVIEW_ACTION_OVERDUE: { description: 'An open service review action is past its due date.' },
    SEVERITY_ONE_NOT_NOTIFIED: { description: 'A Severity 1 incident has no notification of the Service Co-ordinator on record.' },
    ESCALATION_UPDATE_OVERDUE: { description: 'An open escalation or complaint has had no update within the agreed interval.' },
    ORDER_PAST_COMMITTED_DATE: { description: 'An order not yet finished is past the date the supplier committed to.' },
    DISPUTE_DEADLINE_NEAR: { description: 'A draft dispute must be raised with the supplier soon, or its deadline has passed.' },
    INVOICE_AWAITING_APPROVAL: { description: 'A reconciled invoice awaits approval for payment (or its second approval).' },
    DSPT_EXPIRING: { description: "The organisation's DSPT assessment expires soon." },
    DSPT_EXPIRED: { description: "The organisation's DSPT assessment has expired." },
    FEED_LATE: { description: "A supplier's feed has not arrived within the lateness threshold (or never has)." },
  },
});

export const NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

export enum NotificationSeverity {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(NotificationSeverity, { name: 'NotificationSeverity' });

export const SEVERITY_RANK: Record<NotificationSeverity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** The windows a notification list was worked out with. */
@ObjectType('NotificationWindows')
export class NotificationWindows {
  @Field(() => Int, { description: 'CONTRACT_NOTICE_DUE: notice dates within this many days (or past, while the term runs).' })
  noticeWithinDays!: number;

  @Field(() => Int, { description: 'CONTACT_STALE: contacts not verified for this many days (or ever).' })
  contactStaleAfterDays!: number;

  @Field(() => Int, { description: 'DISPUTE_DEADLINE_NEAR: draft disputes whose deadline is within this many days (or past).' })
  disputeWithinDays!: number;

  @Field(() => Int, { description: 'DSPT_EXPIRING: assessments expiring within this many days.' })
  dsptReminderDays!: number;

  @Field(() => Int, { description: 'FEED_LATE: feeds with no good run for this many hours.' })
  feedLateAfterHours!: number;
}

/** One thing that needs attention. */
@ObjectType('Notification', { description: 'One thing that needs attention, worked out from the records when asked (nothing is stored).' })
export class Notification {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => NotificationSeverity)
  severity!: NotificationSeverity;

  /** the organisation the condition belongs to */
  organisationId!: number;

  @Field({ description: 'What needs doing, in plain English.' })
  message!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The day it falls (or fell) due, where there is one: notice date, action due date, dispute deadline, DSPT expiry…',
  })
  dueOn!: LocalDate | null;

  @Field(() => Date, {
    nullable: true,
    description: 'The moment it fell (or falls) due, for conditions timed to the minute: an escalation update, a late feed.',
  })
  dueAt!: Date | null;

  @Field(() => ID, { description: 'Global id of the record it is about (for FEED_LATE, the supplier); open it with node(id).' })
  subjectId!: string;

  @Field({ description: 'GraphQL type of the subject, e.g. "Contract".' })
  subjectType!: string;

  @Field({
    description:
      'A stable identity for the condition: the kind, the organisation, the subject and its due date or state. The same condition keeps the ' +
      'same fingerprint from one request to the next; a new due date (a renewed contract, a re-verified contact gone stale again) gives a ' +
      'new one.',
  })
  fingerprint!: string;
}

@ObjectType('NotificationKindCount')
export class NotificationKindCount {
  @Field(() => NotificationKind) kind!: NotificationKind;
  @Field(() => Int) count!: number;
}

@ObjectType('NotificationSeverityCount')
export class NotificationSeverityCount {
  @Field(() => NotificationSeverity) severity!: NotificationSeverity;
  @Field(() => Int) count!: number;
}

@ObjectType('NotificationEdge')
class NotificationEdge {
  @Field() cursor!: string;
  @Field(() => Notification) node!: Notification;
}

@ObjectType('NotificationConnection', {
  description: "What needs the viewer's attention, most pressing first, with counts across all pages.",
})
export class NotificationConnection {
  @Field(() => [NotificationEdge]) edges!: Edge<Notification>[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Notifications across all pages.' }) totalCount!: number;
  @Field(() => [NotificationKindCount], {
    description: 'How many of each kind, across all pages: every kind asked for that the viewer receives, zeros included.',
  })
  countsByKind!: NotificationKindCount[];
  @Field(() => [NotificationSeverityCount]) countsBySeverity!: NotificationSeverityCount[];
  @Field(() => [NotificationKind], {
    description:
      "The kinds the viewer's roles receive (invoices awaiting approval: finance approvers and administrators; the Service " +
      'Co-ordinator: Severity 1 incidents only).',
  })
  viewerKinds!: NotificationKind[];
  @Field(() => [NotificationKind], { description: 'Kinds with more than 500 conditions, of which only the most pressing 500 are listed.' })
  truncatedKinds!: NotificationKind[];
  @Field(() => LocalDateScalar, { description: 'The day (England) they were worked out for.' }) asOf!: LocalDate;
  @Field(() => Date) generatedAt!: Date;
  @Field(() => NotificationWindows) windows!: NotificationWindows;
}
