import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { MANAGE_INVENTORY, MANAGE_SERVICE_DESK, RECONCILE_INVOICES, Role } from '../auth/roles';
import { assertInScope, tenancy } from '../auth/tenancy';
import type { Viewer } from '../request/viewer';
import { InvoiceApprovalService } from '../billing/invoice-approval.service';
import { DisputeService } from '../billing/dispute.service';
import { type LocalDate } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { badInput } from '../common/errors';
import { ComplianceIssueCode } from '../compliance/compliance-rules';
import { ComplianceStatusService, DEFAULT_ACCESS_REQUEST_OVERDUE_DAYS } from '../compliance/compliance-status.service';
import { Contact } from '../contacts/contact.entity';
import { ContactService } from '../contacts/contact.service';
import { Contract } from '../contracts/contract.entity';
import { ContractService } from '../contracts/contract.service';
import { EscalationService } from '../escalations/escalation.service';
import { FeedRunService } from '../feeds/feed-run.service';
import { RequestContext } from '../request/context';
import { paginateList, type PageArgs } from '../request/paging';
import { parseGlobalId } from '../common/global-id';
import { Invoice } from '../billing/invoice.entity';
import { IncidentService } from '../incidents/incident.service';
import { OrderService } from '../orders/order.service';
import { Organisation } from '../organisations/organisation.entity';
import { ServiceReview } from '../reviews/review.entity';
import { ReviewService } from '../reviews/review.service';
import { Supplier } from '../suppliers/supplier.entity';
import * as rules from './notification-rules';
import {
  Notification,
  NOTIFICATION_KINDS,
  NotificationConnection,
  NotificationKind,
  NotificationKindCount,
  NotificationSeverity,
  NotificationSeverityCount,
  NotificationWindows,
  SEVERITY_RANK,
} from './notification.types';
import { ErrorReason } from '../common/error-reasons';

/** The most of one kind a list holds; beyond it the kind is reported as truncated. */
const MAX_PER_KIND = 500;

const READERS: readonly Role[] = [Role.VIEWER, Role.REPORTING];

/**
 * Who each kind is for: the roles that act on it, and the read-only roles (people and
 * reporting integrations who watch everything they can read). Invoices awaiting approval are
 * for finance approvers and administrators only; the Service Co-ordinator hears of Severity 1
 * incidents nobody told it about, nationally, and nothing else.
 */
export const AUDIENCE: Record<NotificationKind, readonly Role[]> = {
  [NotificationKind.CONTRACT_NOTICE_DUE]: [...MANAGE_INVENTORY, ...READERS],
  [NotificationKind.CONTACT_STALE]: [...MANAGE_INVENTORY, ...READERS],
  [NotificationKind.REVIEW_ACTION_OVERDUE]: [...MANAGE_SERVICE_DESK, ...READERS],
  [NotificationKind.SEVERITY_ONE_NOT_NOTIFIED]: [...MANAGE_SERVICE_DESK, ...READERS, Role.SERVICE_COORDINATOR],
  [NotificationKind.ESCALATION_UPDATE_OVERDUE]: [...MANAGE_SERVICE_DESK, ...READERS],
  [NotificationKind.ORDER_PAST_COMMITTED_DATE]: [...MANAGE_INVENTORY, ...READERS],
  [NotificationKind.DISPUTE_DEADLINE_NEAR]: [...RECONCILE_INVOICES, ...READERS],
  [NotificationKind.INVOICE_AWAITING_APPROVAL]: [Role.FINANCE_APPROVER, Role.ADMIN],
  [NotificationKind.DSPT_EXPIRING]: [...MANAGE_INVENTORY, ...READERS],
  [NotificationKind.DSPT_EXPIRED]: [...MANAGE_INVENTORY, ...READERS],
  [NotificationKind.FEED_LATE]: [...MANAGE_INVENTORY, ...READERS],
};

/** The kinds a viewer's roles receive. */
const kindsFor = (viewer: Pick<Viewer, 'roles'>): NotificationKind[] =>
  NOTIFICATION_KINDS.filter((kind) => AUDIENCE[kind].some((role) => viewer.roles.includes(role)));

export interface NotificationQuery {
  kinds?: NotificationKind[];
  /** one of the viewer's organisations; its notifications only */
  organisationId?: number;
  severities?: NotificationSeverity[];
  windows?: Partial<NotificationWindows>;
}

export interface NotificationFeed {
  asOf: LocalDate;
  generatedAt: Date;
  windows: NotificationWindows;
  /** the kinds the viewer's roles receive */
  viewerKinds: NotificationKind[];
  /** the kinds asked for that the viewer receives: the counts cover these */
  kinds: NotificationKind[];
  /** most pressing first: severity, then the soonest (or longest past) due, then kind */
  notifications: Notification[];
  /** kinds with more than MAX_PER_KIND conditions, of which only the first are listed */
  truncatedKinds: NotificationKind[];
}

const WINDOW_LIMITS: Record<keyof NotificationWindows, [number, number]> = {
  noticeWithinDays: [0, 3650],
  contactStaleAfterDays: [1, 3650],
  disputeWithinDays: [0, 365],
  dsptReminderDays: [0, 730],
  feedLateAfterHours: [1, 8760],
};

/**
 * What needs attention, for the viewer's organisations (a CSU: its own and its trusts'),
 * worked out when asked from the services that own each fact. Every kind costs a fixed
 * number of statements, whatever the number of records or organisations: the list is the
 * same size-independent price for one trust or a CSU with twenty.
 */
export class NotificationService {
  constructor(
    private readonly contracts: ContractService,
    private readonly contacts: ContactService,
    private readonly reviews: ReviewService,
    private readonly incidents: IncidentService,
    private readonly escalations: EscalationService,
    private readonly orders: OrderService,
    private readonly disputes: DisputeService,
    private readonly approvals: InvoiceApprovalService,
    private readonly compliance: ComplianceStatusService,
    private readonly feedRuns: FeedRunService,
  ) {}

  /** The configured windows, overridden by those given (each checked, naming `windows.<name>`). */
  windows(ctx: RequestContext, given: Partial<NotificationWindows> = {}): NotificationWindows {
    const defaults = ctx.config.notifications;
    const windows = Object.assign(new NotificationWindows(), {
      noticeWithinDays: given.noticeWithinDays ?? defaults.noticeWithinDays,
      contactStaleAfterDays: given.contactStaleAfterDays ?? defaults.contactStaleAfterDays,
      disputeWithinDays: given.disputeWithinDays ?? defaults.disputeWithinDays,
      dsptReminderDays: given.dsptReminderDays ?? defaults.dsptReminderDays,
      feedLateAfterHours: given.feedLateAfterHours ?? ctx.config.feeds.lateAfterHours,
    });
    for (const [name, [min, max]] of Object.entries(WINDOW_LIMITS) as [keyof NotificationWindows, [number, number]][]) {
      const value = windows[name];
      if (!Number.isInteger(value) || value < min || value > max) {
        throw badInput(`windows.${name}`, `windows.${name}: a whole number from ${min} to ${max}`, ErrorReason.OUT_OF_RANGE);
      }
    }
    return windows;
  }

  /** A page of the viewer's notifications (forViewer), with counts across all pages, as the API shows it. */
  async connection(ctx: RequestContext, query: NotificationQuery, page: PageArgs): Promise<NotificationConnection> {
    const feed = await this.forViewer(ctx, query);
    const connection = paginateList(feed.notifications, sortKey, page, { maxPageSize: ctx.config.graphql.maxPageSize });
    return Object.assign(new NotificationConnection(), {
      edges: connection.edges,
      pageInfo: connection.pageInfo,
      totalCount: feed.notifications.length,
      ...counts(feed),
      viewerKinds: feed.viewerKinds,
      truncatedKinds: feed.truncatedKinds,
      asOf: feed.asOf,
      generatedAt: feed.generatedAt,
      windows: feed.windows,
    });
  }

  async forViewer(ctx: RequestContext, query: NotificationQuery = {}, now = new Date()): Promise<NotificationFeed> {
    const viewer = ctx.requireViewer;
    const windows = this.windows(ctx, query.windows);
    const viewerKinds = kindsFor(viewer);
    const kinds = query.kinds?.length ? viewerKinds.filter((kind) => query.kinds!.includes(kind)) : viewerKinds;
    let scoped = ctx;
    if (query.organisationId !== undefined) {
      assertInScope(ctx, query.organisationId);
      scoped = new RequestContext(ctx.requestId, { ...viewer, organisationIds: [query.organisationId] }, ctx.manager, ctx.config, ctx.log);
    }
    const today = todayInLondon(now);
    const { notifications, truncatedKinds } = await this.gather(scoped, new Set(kinds), windows, today, now);
    const listed = notifications
      .filter((n) => query.organisationId === undefined || n.organisationId === query.organisationId)
      .filter((n) => !query.severities?.length || query.severities.includes(n.severity))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    return { asOf: today, generatedAt: now, windows, viewerKinds, kinds, notifications: listed, truncatedKinds };
  }

  private async gather(ctx: RequestContext, wanted: Set<NotificationKind>, windows: NotificationWindows, today: LocalDate, now: Date) {
    const truncatedKinds: NotificationKind[] = [];
    /** the rows of one kind, at most MAX_PER_KIND, noting when there were more */
    const capped = <T>(kind: NotificationKind, rows: T[]): T[] => {
      if (rows.length >= MAX_PER_KIND) truncatedKinds.push(kind);
      return rows.slice(0, MAX_PER_KIND);
    };
    const wants = (kind: NotificationKind) => wanted.has(kind);
    const none = Promise.resolve([] as never[]);

    // one statement (or a fixed few) per kind, however many rows or organisations
    const contracts = capped(
      NotificationKind.CONTRACT_NOTICE_DUE,
      wants(NotificationKind.CONTRACT_NOTICE_DUE)
        ? await this.contracts
            .dueForRenewalQuery(ctx, windows.noticeWithinDays, today)
            .orderBy('contract.noticeDate', 'ASC')
            .addOrderBy('contract.id', 'ASC')
            .take(MAX_PER_KIND + 1)
            .getMany()
        : [],
    );
    const contacts = capped(
      NotificationKind.CONTACT_STALE,
      wants(NotificationKind.CONTACT_STALE)
        ? await this.contacts
            .dueForReviewQuery(ctx, windows.contactStaleAfterDays, now)
            .orderBy('contact.lastVerifiedAt', 'ASC')
            .addOrderBy('contact.id', 'ASC')
            .take(MAX_PER_KIND + 1)
            .getMany()
        : [],
    );
    const actions = capped(
      NotificationKind.REVIEW_ACTION_OVERDUE,
      await (wants(NotificationKind.REVIEW_ACTION_OVERDUE) ? this.reviews.overdueActions(ctx, today) : none),
    );
    const unnotified = capped(
      NotificationKind.SEVERITY_ONE_NOT_NOTIFIED,
      await (wants(NotificationKind.SEVERITY_ONE_NOT_NOTIFIED) ? this.incidents.severityOneWithoutNotification(ctx, now) : none),
    );
    const escalations = capped(
      NotificationKind.ESCALATION_UPDATE_OVERDUE,
      await (wants(NotificationKind.ESCALATION_UPDATE_OVERDUE) ? this.escalations.overdueForUpdate(ctx, now) : none),
    );
    const orders = capped(
      NotificationKind.ORDER_PAST_COMMITTED_DATE,
      await (wants(NotificationKind.ORDER_PAST_COMMITTED_DATE) ? this.orders.pastCommittedDate(ctx, today) : none),
    );
    const disputes = capped(
      NotificationKind.DISPUTE_DEADLINE_NEAR,
      await (wants(NotificationKind.DISPUTE_DEADLINE_NEAR) ? this.disputes.nearingDeadline(ctx, windows.disputeWithinDays) : none),
    );
    const invoices = capped(
      NotificationKind.INVOICE_AWAITING_APPROVAL,
      await (wants(NotificationKind.INVOICE_AWAITING_APPROVAL) ? this.approvals.awaitingApproval(ctx, MAX_PER_KIND + 1) : none),
    );
    const dsptWanted = wants(NotificationKind.DSPT_EXPIRING) || wants(NotificationKind.DSPT_EXPIRED);
    const reports = dsptWanted
      ? await this.compliance.overview(ctx, {
          dsptReminderDays: windows.dsptReminderDays,
          accessRequestOverdueDays: DEFAULT_ACCESS_REQUEST_OVERDUE_DAYS,
        })
      : [];
    const lateFeeds = wants(NotificationKind.FEED_LATE)
      ? (await this.feedRuns.healthByOrganisation(ctx, windows.feedLateAfterHours, now)).filter((entry) => entry.late)
      : [];

    // the names the messages need, one statement per table for all of them
    const supplierIds = [
      ...contracts.map((c) => c.supplierId),
      ...unnotified.map((u) => u.incident.supplierId),
      ...escalations.map((e) => e.supplierId),
      ...orders.map((o) => o.supplierId),
      ...disputes.map((d) => d.supplierId),
      ...invoices.map((i) => i.invoice.supplierId),
      ...lateFeeds.map((f) => f.supplierId),
    ];
    const [suppliers, organisations, reviews, owners, disputedInvoices] = await Promise.all([
      byId(ctx, Supplier, supplierIds, false),
      byId(
        ctx,
        Organisation,
        unnotified.map((u) => u.incident.organisationId),
        false,
      ),
      byId(
        ctx,
        ServiceReview,
        actions.map((a) => a.reviewId),
        true,
      ),
      byId(
        ctx,
        Contact,
        actions.map((a) => a.ownerContactId),
        true,
      ),
      byId(
        ctx,
        Invoice,
        disputes.map((d) => d.invoiceId),
        true,
      ),
    ]);
    const reviewedContracts = await byId(
      ctx,
      Contract,
      [...reviews.values()].map((r) => r.contractId),
      true,
    );
    const supplierName = (id: number) => suppliers.get(id)?.name ?? 'the supplier';

    const notifications: Notification[] = [
      ...contracts.map((contract) => rules.contractNoticeDue(contract, supplierName(contract.supplierId), today)),
      ...contacts.map((contact) => rules.contactStale(contact, windows.contactStaleAfterDays, now)),
      ...actions.map((action) => {
        const review = reviews.get(action.reviewId);
        return rules.reviewActionOverdue(
          action,
          review ? { heldOn: review.heldOn, contractReference: reviewedContracts.get(review.contractId)?.reference ?? null } : null,
          action.ownerContactId === null ? null : (owners.get(action.ownerContactId)?.name ?? null),
          today,
        );
      }),
      ...unnotified.map(({ incident }) =>
        rules.severityOneNotNotified(incident, organisations.get(incident.organisationId) ?? null, supplierName(incident.supplierId), now),
      ),
      ...escalations.map((escalation) => rules.escalationUpdateOverdue(escalation, supplierName(escalation.supplierId), now)),
      ...orders.map((order) => rules.orderPastCommittedDate(order, supplierName(order.supplierId), today)),
      ...disputes.map((dispute) =>
        rules.disputeDeadlineNear(
          dispute,
          disputedInvoices.get(dispute.invoiceId)?.invoiceNumber ?? null,
          supplierName(dispute.supplierId),
          today,
        ),
      ),
      ...invoices.map((item) =>
        rules.invoiceAwaitingApproval(
          item.invoice,
          supplierName(item.invoice.supplierId),
          item.withheld,
          item.firstApproval,
          item.secondApprovalAbove,
          today,
        ),
      ),
      ...reports.flatMap((report) =>
        [...report.expiring, ...report.overdue]
          .filter(
            (issue) =>
              report.dspt !== null && (issue.code === ComplianceIssueCode.DSPT_EXPIRING || issue.code === ComplianceIssueCode.DSPT_EXPIRED),
          )
          .map((issue) => {
            const kind = issue.code === ComplianceIssueCode.DSPT_EXPIRED ? NotificationKind.DSPT_EXPIRED : NotificationKind.DSPT_EXPIRING;
            return {
              kind,
              notification: rules.dspt(
                kind,
                report.organisationId,
                { id: parseGlobalId(issue.subjectId ?? '')?.id ?? report.dspt!.id, expiresOn: report.dspt!.expiresOn },
                issue.message,
              ),
            };
          })
          .filter(({ kind }) => wants(kind))
          .map(({ notification }) => notification),
      ),
      ...lateFeeds.map((entry) => rules.feedLate(entry, supplierName(entry.supplierId), windows.feedLateAfterHours, now)),
    ];
    return { notifications, truncatedKinds };
  }
}

/** Records by id, in one statement; `scoped` keeps them to the viewer's organisations. */
async function byId<T extends ObjectLiteral & { id: number }>(
  ctx: RequestContext,
  target: EntityTarget<T>,
  ids: (number | null)[],
  scoped: boolean,
): Promise<Map<number, T>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const where = scoped ? { id: In(wanted), ...tenancy.where(ctx) } : { id: In(wanted) };
  const rows = await ctx.repository(target).findBy(where as never);
  return new Map(rows.map((row) => [row.id, row]));
}

const KIND_ORDER = new Map(NOTIFICATION_KINDS.map((kind, index) => [kind, String(index).padStart(2, '0')]));

/** Most pressing first: severity, then the earliest due (undated last), then kind; the fingerprint breaks ties. */
export function sortKey(notification: Notification): string {
  const due =
    notification.dueAt?.toISOString() ?? (notification.dueOn ? `${notification.dueOn}T00:00:00.000Z` : '9999-12-31T00:00:00.000Z');
  return `${SEVERITY_RANK[notification.severity]}|${due}|${KIND_ORDER.get(notification.kind)}|${notification.fingerprint}`;
}

function counts(feed: NotificationFeed): Pick<NotificationConnection, 'countsByKind' | 'countsBySeverity'> {
  const byKind = new Map<NotificationKind, number>(feed.kinds.map((kind) => [kind, 0]));
  const bySeverity = new Map<NotificationSeverity, number>(Object.values(NotificationSeverity).map((severity) => [severity, 0]));
  for (const notification of feed.notifications) {
    byKind.set(notification.kind, (byKind.get(notification.kind) ?? 0) + 1);
    bySeverity.set(notification.severity, bySeverity.get(notification.severity)! + 1);
  }
  return {
    countsByKind: [...byKind].map(([kind, count]) => Object.assign(new NotificationKindCount(), { kind, count })),
    countsBySeverity: [...bySeverity].map(([severity, count]) => Object.assign(new NotificationSeverityCount(), { severity, count })),
  };
}
