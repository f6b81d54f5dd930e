import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { READ_INCIDENTS } from '../auth/roles';
import type { LocalDate } from '../common/dates';
import { PageArgs, PageInfo } from '../graphql-types/connection';
import { paginateList, type Edge } from '../request/paging';
import type { RequestContext } from '../request/context';
import { optionalIdOf } from '../common/global-id';
import { LocalDateScalar } from '../graphql-types/scalars';
import { Organisation } from '../organisations/organisation.entity';
import { NotificationService, sortKey, type NotificationFeed } from './notification.service';
import {
  Notification,
  NotificationKind,
  NotificationKindCount,
  NotificationSeverity,
  NotificationSeverityCount,
  NotificationWindows,
} from './notification.types';

@InputType()
export class NotificationFilterInput {
  @Field(() => [NotificationKind], { nullable: true, description: 'Only these kinds (of those the viewer receives).' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: NotificationKind[];

  @Field(() => ID, { nullable: true, description: "Only this organisation's (one the viewer may see, e.g. a CSU's trust)." })
  organisationId?: string;

  @Field(() => [NotificationSeverity], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  severities?: NotificationSeverity[];
}

@InputType({
  description:
    "Windows to work notifications out with; each defaults to the server's configuration (NOTIFICATION_*, FEED_LATE_AFTER_HOURS).",
})
export class NotificationWindowsInput {
  @Field(() => Int, { nullable: true, description: 'Default NOTIFICATION_NOTICE_DAYS (90).' }) noticeWithinDays?: number;
  @Field(() => Int, { nullable: true, description: 'Default NOTIFICATION_CONTACT_STALE_DAYS (365).' }) contactStaleAfterDays?: number;
  @Field(() => Int, { nullable: true, description: 'Default NOTIFICATION_DISPUTE_DAYS (14).' }) disputeWithinDays?: number;
  @Field(() => Int, { nullable: true, description: 'Default NOTIFICATION_DSPT_REMINDER_DAYS (60).' }) dsptReminderDays?: number;
  @Field(() => Int, { nullable: true, description: 'Default FEED_LATE_AFTER_HOURS (24).' }) feedLateAfterHours?: number;
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
      "The kinds the viewer's roles receive (invoices awaiting approval: finance approvers and administrators; the Service Co-ordinator: " +
      'Severity 1 incidents only).',
  })
  viewerKinds!: NotificationKind[];
  @Field(() => [NotificationKind], { description: 'Kinds with more than 500 conditions, of which only the most pressing 500 are listed.' })
  truncatedKinds!: NotificationKind[];
  @Field(() => LocalDateScalar, { description: 'The day (England) they were worked out for.' }) asOf!: LocalDate;
  @Field(() => Date) generatedAt!: Date;
  @Field(() => NotificationWindows) windows!: NotificationWindows;
}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly notificationService: NotificationService) {}

  @Authorized(READ_INCIDENTS)
  @Query(() => NotificationConnection, {
    description:
      "What needs attention in the viewer's organisations (a CSU: its own and its trusts'): contracts near their notice date, stale " +
      'contacts, overdue review actions and escalation updates, Severity 1 incidents with no Service Co-ordinator notification, late orders, ' +
      'disputes near their deadline, invoices awaiting approval, DSPT expiry and late feeds — each kind for the roles it concerns. Worked ' +
      'out when asked; nothing to dismiss.',
  })
  async notifications(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => NotificationFilterInput, { nullable: true }) filter?: NotificationFilterInput,
    @Arg('windows', () => NotificationWindowsInput, { nullable: true }) windows?: NotificationWindowsInput,
  ): Promise<NotificationConnection> {
    const feed = await this.notificationService.forViewer(ctx, {
      kinds: filter?.kinds,
      severities: filter?.severities,
      organisationId: optionalIdOf(filter?.organisationId, Organisation.typename, 'filter.organisationId'),
      windows: { ...windows },
    });
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

  @FieldResolver(() => Organisation, { description: 'The organisation the condition belongs to.' })
  async organisation(@Root() notification: Notification, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(notification.organisationId);
  }
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
