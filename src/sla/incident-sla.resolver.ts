import { Args, Authorized, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { READ_INVENTORY } from '../auth/roles';
import { PageArgs } from '../graphql-types/connection';
import { Incident } from '../incidents/incident.entity';
import { IncidentConnection } from '../incidents/incident.types';
import type { RequestContext } from '../request/context';
import { IncidentSlaService } from './incident-sla.service';
import { SlaStage } from './incident-sla.types';

/**
 * An incident's fields against its contract's SLA (the service-hours clock, the targets and
 * where it stands) and the incidents at risk of breaching. The SLA domain adds them to the
 * `Incident` type (incidents rank below sla, so incidents/incident.resolver.ts does not know
 * them); each field reads the incident's clock through IncidentSlaService.
 */
@Resolver(() => Incident)
export class IncidentSlaResolver {
  constructor(private readonly incidentSla: IncidentSlaService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => IncidentConnection, {
    description:
      'Open incidents at 75 % of their resolution target or past it, most urgent (largest share of the target used) first. A cursor holds ' +
      'the share it was read at: clocks run on, so a later page may repeat or skip an incident that moved.',
  })
  incidentsAtRisk(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.incidentSla.atRiskPage(ctx, page);
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

  @FieldResolver(() => Int, { description: "The contract's response target for the severity (or the default for its service wrap)." })
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

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'For an open incident: when its resolution target falls due (pauses so far allowed for).',
  })
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
}
