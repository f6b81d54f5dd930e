import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_SERVICE_DESK, READ_INCIDENTS } from '../auth/roles';
import { Contact } from '../contacts/contact.entity';
import { Contract } from '../contracts/contract.entity';
import { RecordSource, rowSource } from '../feed-records/record-source';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService } from '../services/network-service.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { IncidentStatusChange } from './incident-status-change.entity';
import { Incident } from './incident.entity';
import { IncidentFilterInput, LinkSupplierTicketInput, LogIncidentInput, ServiceCoordinatorNotificationInput } from './incident.input';
import { IncidentService } from './incident.service';
import { IncidentConnection, UnnotifiedSeverityOne } from './incident.types';

@Resolver(() => Incident)
export class IncidentResolver {
  constructor(private readonly incidentService: IncidentService) {}

  @Authorized(READ_INCIDENTS)
  @Query(() => IncidentConnection, {
    description:
      "Incidents on the viewer's organisations' services, newest first. The Service Co-ordinator sees Severity 1 and 2 incidents of every " +
      'organisation, and no others.',
  })
  incidents(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => IncidentFilterInput, { nullable: true }) filter?: IncidentFilterInput,
  ) {
    return this.incidentService.list(
      ctx,
      {
        status: filter?.status,
        severity: filter?.severity,
        supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId'),
        serviceId: optionalIdOf(filter?.serviceId, NetworkService.typename, 'filter.serviceId'),
        contractId: optionalIdOf(filter?.contractId, Contract.typename, 'filter.contractId'),
      },
      page,
    );
  }

  @Authorized(READ_INCIDENTS)
  @Query(() => Incident)
  incident(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.incidentService.get(ctx, idOf(id, Incident.typename));
  }

  @Authorized(READ_INCIDENTS)
  @Query(() => [UnnotifiedSeverityOne], {
    description:
      'Severity 1 incidents with no notification of the Service Co-ordinator recorded (not reported, or reported as not made), longest open ' +
      'first; cancelled and rejected tickets left out.',
  })
  async severityOneWithoutNotification(@Ctx() ctx: RequestContext) {
    return this.incidentService.severityOneWithoutNotification(ctx);
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => Incident, {
    description:
      "Logs an incident against one of the organisation's services (status NEW, origin CONSUMER). The supplier's ticket joins it later, by " +
      'linkSupplierTicket or automatically from the incident feed (same service, opened within two hours).',
  })
  logIncident(@Ctx() ctx: RequestContext, @Arg('input') input: LogIncidentInput) {
    return this.incidentService.log(ctx, {
      serviceId: idOf(input.serviceId, NetworkService.typename, 'input.serviceId'),
      severity: input.severity,
      summary: input.summary,
      occurredAt: input.occurredAt,
      impact: input.impact,
      customerImpact: input.customerImpact,
      workaround: input.workaround,
      stepsTaken: input.stepsTaken,
      updatesContactId: idOf(input.updatesContactId, Contact.typename, 'input.updatesContactId'),
      relatedIncidentIds: (input.relatedIncidentIds ?? []).map((id, i) => idOf(id, Incident.typename, `input.relatedIncidentIds.${i}`)),
      supplierRef: input.supplierRef,
    });
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => Incident, {
    description:
      "Joins a consumer-logged incident to the supplier's ticket; if the feed already brought that ticket in, the two become one.",
  })
  linkSupplierTicket(@Ctx() ctx: RequestContext, @Arg('input') input: LinkSupplierTicketInput) {
    return this.incidentService.linkSupplierTicket(ctx, idOf(input.incidentId, Incident.typename, 'input.incidentId'), input.supplierRef);
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => Incident, {
    description: 'Records whether and when the CN-SP notified the Service Co-ordinator of a Severity 1 incident.',
  })
  recordServiceCoordinatorNotification(@Ctx() ctx: RequestContext, @Arg('input') input: ServiceCoordinatorNotificationInput) {
    return this.incidentService.recordScNotification(ctx, idOf(input.incidentId, Incident.typename, 'input.incidentId'), {
      notified: input.notified,
      notifiedAt: input.notifiedAt,
    });
  }

  @FieldResolver(() => NetworkService, {
    nullable: true,
    description:
      "The service; null for a viewer who may read the incident but not the organisation's inventory (the Service Co-ordinator).",
  })
  service(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(NetworkService).load(incident.serviceId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact for updates, given when the incident was logged.' })
  updatesContact(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return incident.updatesContactId === null ? null : ctx.loaders.byId(Contact).load(incident.updatesContactId);
  }

  @FieldResolver(() => [Incident], { description: 'Incidents named as related when it was logged.' })
  relatedIncidents(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return this.incidentService.related(ctx, incident);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(incident.supplierId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(incident.organisationId);
  }

  @FieldResolver(() => [IncidentStatusChange], { description: 'Status history, oldest first.' })
  statusHistory(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return this.incidentService.history(ctx, incident.id);
  }

  @FieldResolver(() => RecordSource, {
    nullable: true,
    description:
      "The supplier feed run that last changed the incident, and the ticket's row (CSV) or item (TMF621) in its document. Null when no feed " +
      'has changed it: a consumer-logged incident names who logged it in loggedBy.',
  })
  source(@Root() incident: Incident): RecordSource | null {
    return incident.lastFeedRunId === null ? null : rowSource(incident.lastFeedRunId, incident.lastFeedLocation);
  }
}

/** Where a status history entry came from. */
@Resolver(() => IncidentStatusChange)
export class IncidentStatusChangeResolver {
  @FieldResolver(() => RecordSource, {
    nullable: true,
    description:
      "The supplier feed run that brought the entry in, and the ticket's row or item in its document. Null for an entry made through the API.",
  })
  source(@Root() entry: IncidentStatusChange): RecordSource | null {
    return entry.feedRunId === null ? null : rowSource(entry.feedRunId, entry.feedLocation);
  }
}
