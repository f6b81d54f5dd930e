import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { READ_INCIDENTS } from '../auth/roles';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { NotificationFilterInput, NotificationWindowsInput } from './notification.input';
import { NotificationService } from './notification.service';
import { Notification, NotificationConnection } from './notification.types';

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly notificationService: NotificationService) {}

  @Authorized(READ_INCIDENTS)
  @Query(() => NotificationConnection, {
    description:
      "What needs attention in the viewer's organisations (a CSU: its own and its trusts'): contracts near their notice date, " +
      'stale contacts, overdue review actions and escalation updates, Severity 1 incidents with no Service Co-ordinator ' +
      'notification, late orders, disputes near their deadline, invoices awaiting approval, DSPT expiry and late feeds — each ' +
      'kind for the roles it concerns. Worked out when asked; nothing to dismiss.',
  })
  notifications(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => NotificationFilterInput, { nullable: true }) filter?: NotificationFilterInput,
    @Arg('windows', () => NotificationWindowsInput, { nullable: true }) windows?: NotificationWindowsInput,
  ): Promise<NotificationConnection> {
    return this.notificationService.connection(
      ctx,
      {
        kinds: filter?.kinds,
        severities: filter?.severities,
        organisationId: optionalIdOf(filter?.organisationId, Organisation.typename, 'filter.organisationId'),
        windows: { ...windows },
      },
      page,
    );
  }

  @FieldResolver(() => Organisation, { description: 'The organisation the condition belongs to.' })
  async organisation(@Root() notification: Notification, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(notification.organisationId);
  }
}
