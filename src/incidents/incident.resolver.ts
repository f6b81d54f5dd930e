import { ArrayMaxSize, Max, Min } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { READ_INVENTORY } from '../auth/roles';
import { IncidentStatus } from '../feeds/records';
import { ConnectionType, PageArgs } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { idOf, optionalIdOf } from '../graphql/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService } from '../services/network-service.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { IncidentStatusChange } from './incident-status-change.entity';
import { Incident } from './incident.entity';
import { IncidentService } from './incident.service';
import { SlaStage } from '../sla/incident-clock';
import { IncidentSlaService } from '../sla/incident-sla.service';

registerEnumType(SlaStage, { name: 'SlaStage', description: 'Where an incident stands against its resolution target.' });

export const IncidentConnection = ConnectionType(Incident, 'Incident');

@InputType()
export class IncidentFilterInput {
  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => ID, { nullable: true })
  serviceId?: string;

  @Field(() => [IncidentStatus], { nullable: true })
  @ArrayMaxSize(9)
  status?: IncidentStatus[];

  @Field(() => [Int], { nullable: true })
  @ArrayMaxSize(5)
  @Min(1, { each: true })
  @Max(5, { each: true })
  severity?: number[];
}

@Resolver(() => Incident)
export class IncidentResolver {
  constructor(
    private readonly incidentService: IncidentService,
    private readonly incidentSla: IncidentSlaService,
  ) {}

  @Authorized(READ_INVENTORY)
  @Query(() => IncidentConnection, { description: 'Incidents on the viewer\'s organisations\' services, newest first.' })
  incidents(@Ctx() ctx: RequestContext, @Args() page: PageArgs, @Arg('filter', () => IncidentFilterInput, { nullable: true }) filter?: IncidentFilterInput) {
    return this.incidentService.list(
      ctx,
      {
        status: filter?.status,
        severity: filter?.severity,
        supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId'),
        serviceId: optionalIdOf(filter?.serviceId, NetworkService.typename, 'filter.serviceId'),
      },
      page,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Incident)
  incident(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.incidentService.get(ctx, idOf(id, Incident.typename));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [Incident], { description: 'Open incidents at 75 % of their resolution target or past it, most urgent first.' })
  async incidentsAtRisk(@Ctx() ctx: RequestContext) {
    return (await this.incidentSla.atRisk(ctx)).map(({ incident }) => incident);
  }

  @FieldResolver(() => Int, { description: 'Service-hours minutes from opening to acknowledgement (to now while unacknowledged).' })
  async responseBusinessMinutes(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).responseMinutes;
  }

  @FieldResolver(() => Int, { description: 'Service-hours minutes from opening to resolution (to now while open), pauses not counted.' })
  async resolutionBusinessMinutes(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).resolutionMinutes;
  }

  @FieldResolver(() => Int, { description: 'Service-hours minutes the clock stood still (awaiting customer or third party).' })
  async pausedMinutes(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).pausedMinutes;
  }

  @FieldResolver(() => Int, { description: 'The contract\'s response target for the severity (or the default for its service wrap).' })
  async responseTargetMinutes(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).responseTargetMinutes;
  }

  @FieldResolver(() => Int)
  async resolutionTargetMinutes(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).resolutionTargetMinutes;
  }

  @FieldResolver(() => Boolean)
  async responseBreached(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).responseBreached;
  }

  @FieldResolver(() => Boolean)
  async resolutionBreached(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).resolutionBreached;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'For an open incident: when its resolution target falls due (pauses so far allowed for).' })
  async resolutionDueAt(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).resolutionDueAt;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'For an open incident: share of the resolution target used, percent.' })
  async percentOfTargetElapsed(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).percentOfTargetElapsed;
  }

  @FieldResolver(() => SlaStage)
  async slaStage(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).stage;
  }

  @FieldResolver(() => Boolean, { description: 'The clock is stopped now (PENDING or HELD).' })
  async clockPaused(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return (await this.incidentSla.clock(ctx, incident)).paused;
  }

  @FieldResolver(() => NetworkService)
  service(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(NetworkService).load(incident.serviceId);
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
    return ctx.loaders.manyBy(IncidentStatusChange, 'incidentId', {}, { changedAt: 'ASC' }).load(incident.id);
  }
}
