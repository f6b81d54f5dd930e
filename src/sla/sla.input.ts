import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { Pence } from '../common/money';
import { Clearable } from '../graphql-types/clearable';
import { MoneyScalar } from '../graphql-types/scalars';
import { Resilience } from '../services/network-service.entity';
import { ExclusionKind } from './exclusion-window.entity';
import { SlaStatistic, SlaTermKind } from './sla-term.entity';

/** The SLA domain's GraphQL inputs (sla.resolver.ts): terms, credit policies, exclusion windows, scorecard weights, calendars. */

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
