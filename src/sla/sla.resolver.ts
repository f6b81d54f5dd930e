import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Info,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import type { Pence } from '../common/money';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { Contract } from '../contracts/contract.entity';
import type { RequestContext } from '../request/context';
import { Clearable } from '../graphql-types/clearable';
import { idOf } from '../common/global-id';
import { selects } from '../graphql-types/selection';
import { MoneyScalar } from '../graphql-types/scalars';
import { Incident } from '../incidents/incident.entity';
import { ServiceOrder } from '../orders/order.entity';
import { NetworkService, Resilience } from '../services/network-service.entity';
import { CreditPolicy } from './credit-policy.entity';
import { ExclusionKind, ExclusionWindow } from './exclusion-window.entity';
import { SlaConfigService } from './sla-config.service';
import { ServiceCalendarRecord } from './service-calendar.entity';
import { In } from 'typeorm';
import { Granularity, PerformanceQueries } from './performance-queries.service';
import { SlaReportService } from './sla-report.service';
import { IncidentEvidence, OrderEvidence, ServiceCreditLine, SlaReport, SlaTermResult } from './sla-report.types';
import { SlaStatistic, SlaTerm, SlaTermKind } from './sla-term.entity';

@InputType()
export class SlaTermInput {
  @Field(() => SlaTermKind) kind!: SlaTermKind;
  @Field(() => Int, { nullable: true, description: 'Incident terms: the severity the term is for.' }) @Clearable() severity?: number | null;
  @Field(() => Resilience, { nullable: true, description: 'Availability terms: the resilience the term is for; none for every service.' })
  @Clearable()
  resilience?: Resilience | null;
  @Field(() => String, {
    nullable: true,
    description: 'Left out, an existing term keeps its target; likewise targetMinutes, threshold and statistic.',
  })
  @Clearable()
  @IsOptional()
  @MaxLength(12)
  targetPercent?: string | null;
  @Field(() => Int, { nullable: true }) @Clearable() targetMinutes?: number | null;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(12) threshold?: string | null;
  @Field(() => SlaStatistic, { nullable: true, description: 'Latency, jitter and packet loss: MEAN when none is given.' })
  @Clearable()
  statistic?: SlaStatistic | null;
}

@InputType()
export class CreditBandInput {
  @Field(() => String, { nullable: true, description: 'Upper bound of the shortfall in points; none for the open-ended last band.' })
  @Clearable()
  shortfallUpTo!: string | null;
  @Field() creditPercent!: string;
}

@InputType()
export class CreditPolicyInput {
  @Field(() => [CreditBandInput]) @ArrayMaxSize(10) availabilityBands!: CreditBandInput[];
  @Field(() => String, { nullable: true, description: 'Left out, the policy keeps its current value; likewise capPercent and capAmount.' })
  @Clearable()
  resolutionBreachPercent?: string | null;
  @Field(() => String, { nullable: true }) @Clearable() capPercent?: string | null;
  @Field(() => MoneyScalar, { nullable: true }) @Clearable() capAmount?: Pence | null;
}

@InputType()
export class ExclusionWindowInput {
  @Field(() => ID) serviceId!: string;
  @Field(() => ExclusionKind) kind!: ExclusionKind;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field() @Length(1, 1000) reason!: string;
}

registerEnumType(Granularity, { name: 'Granularity', description: 'UTC hours, or UK calendar days or months.' });

@ObjectType('AvailabilityPoint', {
  description:
    "A bucket of a service's availability in two figures: availabilityPercent as measured (every reported second), and slaAvailabilityPercent as the SLA counts it (exclusion windows taken out), which for a MONTH point is the figure slaReport judges.",
})
export class AvailabilityPointType {
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
  @Field(() => Int, { description: 'Seconds with availability data, as measured: exclusion windows included.' }) coveredSeconds!: number;
  @Field(() => Int, { description: 'Seconds up, as measured: exclusion windows included.' }) upSeconds!: number;
  @Field(() => String, {
    nullable: true,
    description:
      'As measured: upSeconds ÷ coveredSeconds, percent to three places (rounded down), planned maintenance and consumer-attributed exclusion windows included; null without data. Not the SLA figure: see slaAvailabilityPercent.',
  })
  availabilityPercent!: string | null;
  @Field({ description: 'As measured: share of the live part of the bucket with data, percent.' }) coveragePercent!: string;
  @Field(() => Int, {
    description:
      'Live seconds of the bucket inside exclusion windows (planned maintenance, consumer-attributed), which the SLA does not count.',
  })
  excludedSeconds!: number;
  @Field(() => Int, { description: 'coveredSeconds less the reported seconds inside exclusion windows.' }) slaCoveredSeconds!: number;
  @Field(() => Int, { description: 'upSeconds less the up seconds inside exclusion windows.' }) slaUpSeconds!: number;
  @Field(() => String, {
    nullable: true,
    description:
      "The SLA availability: slaUpSeconds ÷ slaCoveredSeconds, percent to three places (rounded down), exclusion windows taken out. For a MONTH point, the same figure as the AVAILABILITY term's achieved in slaReport for that service and month; null without data.",
  })
  slaAvailabilityPercent!: string | null;
  @Field({
    description:
      "The SLA coverage: slaCoveredSeconds ÷ (live seconds − excludedSeconds), percent; for a MONTH point, the AVAILABILITY term's coveragePercent in slaReport.",
  })
  slaCoveragePercent!: string;
}

@ObjectType('CapacityAlert')
export class CapacityAlertType {
  @Field(() => NetworkService) service!: NetworkService;
  @Field(() => Int, { description: 'Days whose 95th-percentile utilisation (in or out) exceeded the threshold.' }) daysOver!: number;
  @Field({ description: 'Highest daily 95th-percentile utilisation in the month, percent.' }) peakP95Percent!: string;
  @Field(() => Int, { nullable: true, description: 'The next bandwidth tier up, as the upgrade to discuss with the CN-SP.' })
  suggestedBandwidthMbps!: number | null;
}

@InputType()
export class WeeklyWindowInput {
  @Field(() => Int) weekday!: number;
  @Field() @MaxLength(5) from!: string;
  @Field() @MaxLength(5) to!: string;
}

@InputType()
export class ServiceCalendarInput {
  @Field() @Length(1, 100) name!: string;
  @Field(() => [WeeklyWindowInput]) @ArrayMaxSize(50) windows!: WeeklyWindowInput[];
  @Field({ defaultValue: true }) excludeBankHolidays!: boolean;
}

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
    return ctx.repository(ServiceCalendarRecord).find({ where: { organisationId: In([...ctx.organisationIds]) }, order: { name: 'ASC' } });
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
