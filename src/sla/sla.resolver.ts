import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { Contract } from '../contracts/contract.entity';
import type { RequestContext } from '../request/context';
import { idOf } from '../common/global-id';
import { selects } from '../graphql-types/selection';
import { Incident } from '../incidents/incident.entity';
import { ServiceOrder } from '../orders/order.entity';
import { NetworkService } from '../services/network-service.entity';
import { CreditPolicy } from './credit-policy.entity';
import { ExclusionWindow } from './exclusion-window.entity';
import { SlaConfigService } from './sla-config.service';
import { ServiceCalendarRecord } from './service-calendar.entity';
import { Granularity, PerformanceQueries } from './performance-queries.service';
import { SlaReportService } from './sla-report.service';
import { IncidentEvidence, OrderEvidence, ServiceCreditLine, SlaReport, SlaTermResult } from './sla-report.types';
import { CreditPolicyInput, ExclusionWindowInput, ServiceCalendarInput, SlaTermInput } from './sla.input';
import { AvailabilityPointType, CapacityAlertType } from './sla.types';
import { SlaTerm } from './sla-term.entity';

@Resolver()
export class SlaResolver {
  constructor(
    private readonly reports: SlaReportService,
    private readonly config: SlaConfigService,
    private readonly performance: PerformanceQueries,
  ) {}

  @Authorized(READ_INVENTORY)
  @Query(() => [ServiceCalendarRecord], {
    description:
      "The organisations' own service-hours calendars (besides the built-in twenty-four-seven and england-and-wales-business-hours).",
  })
  serviceCalendars(@Ctx() ctx: RequestContext) {
    return this.config.calendars(ctx);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ServiceCalendarRecord, {
    description: "Creates or replaces one of the viewer's organisation's calendars; contracts name it in serviceHoursCalendar.",
  })
  defineServiceCalendar(@Ctx() ctx: RequestContext, @Arg('input') input: ServiceCalendarInput) {
    return this.config.defineCalendar(ctx, input);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [AvailabilityPointType], {
    description: "A service's availability over time, each point with its data coverage (at most 2,000 points).",
  })
  serviceAvailability(
    @Ctx() ctx: RequestContext,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('granularity', () => Granularity) granularity: Granularity,
  ) {
    return this.performance.availabilitySeries(ctx, idOf(serviceId, NetworkService.typename, 'serviceId'), from, to, granularity);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [CapacityAlertType], {
    description: 'Services running hot: daily 95th-percentile utilisation over the threshold on at least minDays days of the month.',
  })
  capacityAlerts(
    @Ctx() ctx: RequestContext,
    @Arg('period', { description: '"YYYY-MM"' }) period: string,
    @Arg('thresholdPercent', () => Float, { defaultValue: 80 }) thresholdPercent: number,
    @Arg('minDays', () => Int, { defaultValue: 3 }) minDays: number,
  ) {
    return this.performance.capacityAlerts(ctx, period, thresholdPercent, minDays);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => SlaReport, { description: "A contract's month against its service levels, with evidence and the credits owed." })
  slaReport(
    @Ctx() ctx: RequestContext,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('period', { description: '"YYYY-MM"' }) period: string,
    @Info() info: GraphQLResolveInfo,
  ) {
    // the down hours are read only when the query asks for them
    return this.reports.report(ctx, idOf(contractId, Contract.typename, 'contractId'), period, new Date(), {
      evidence: selects(info, ['terms', 'downtime']),
    });
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => SlaTerm, { description: "Sets one of a contract's service levels, replacing the HSCN default or an earlier term." })
  setSlaTerm(@Ctx() ctx: RequestContext, @Arg('contractId', () => ID) contractId: string, @Arg('input') input: SlaTermInput) {
    return this.config.setTerm(ctx, idOf(contractId, Contract.typename, 'contractId'), input);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ID, { description: 'Removes a term: the HSCN default applies again. Returns its id.' })
  async removeSlaTerm(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    await this.config.removeTerm(ctx, idOf(id, SlaTerm.typename));
    return id;
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => CreditPolicy)
  setCreditPolicy(@Ctx() ctx: RequestContext, @Arg('contractId', () => ID) contractId: string, @Arg('input') input: CreditPolicyInput) {
    return this.config.setCreditPolicy(ctx, idOf(contractId, Contract.typename, 'contractId'), input);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ExclusionWindow, {
    description: 'Records planned maintenance or consumer-caused downtime, which availability does not count.',
  })
  recordExclusionWindow(@Ctx() ctx: RequestContext, @Arg('input') input: ExclusionWindowInput) {
    return this.config.recordExclusion(ctx, idOf(input.serviceId, NetworkService.typename, 'input.serviceId'), input);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ID)
  async removeExclusionWindow(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    await this.config.removeExclusion(ctx, idOf(id, ExclusionWindow.typename));
    return id;
  }
}

@Resolver(() => Contract)
export class ContractSlaResolver {
  @FieldResolver(() => [SlaTerm], { description: "The contract's own service levels; anything not set here is the HSCN default." })
  slaTerms(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(SlaTerm, 'contractId').load(contract.id);
  }

  @FieldResolver(() => CreditPolicy, {
    nullable: true,
    description: 'Null: the default bands (5 %, 10 %, 20 %), 5 % per late resolution, capped at 20 %.',
  })
  async creditPolicy(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    const [policy] = await ctx.loaders.manyBy(CreditPolicy, 'contractId').load(contract.id);
    return policy ?? null;
  }
}

@Resolver(() => SlaTermResult)
export class SlaTermResultResolver {
  @FieldResolver(() => NetworkService, { nullable: true })
  service(@Root() result: SlaTermResult, @Ctx() ctx: RequestContext) {
    return result.serviceId === null ? null : ctx.loaders.byId(NetworkService).load(result.serviceId);
  }
}

@Resolver(() => ServiceCreditLine)
export class ServiceCreditResolver {
  @FieldResolver(() => NetworkService, { nullable: true })
  service(@Root() line: ServiceCreditLine, @Ctx() ctx: RequestContext) {
    return line.serviceId === null ? null : ctx.loaders.byId(NetworkService).load(line.serviceId);
  }
}

@Resolver(() => IncidentEvidence)
export class IncidentEvidenceResolver {
  @FieldResolver(() => Incident)
  incident(@Root() evidence: IncidentEvidence, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Incident).load(evidence.incidentId);
  }
}

@Resolver(() => OrderEvidence)
export class OrderEvidenceResolver {
  @FieldResolver(() => ServiceOrder, { nullable: true })
  order(@Root() evidence: OrderEvidence, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(ServiceOrder).load(evidence.orderId);
  }
}
