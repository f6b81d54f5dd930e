import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NetworkService } from '../services/network-service.entity';
import { Granularity } from './performance-queries.service';

/** The SLA domain's GraphQL types besides the SLA report's (sla-report.types.ts): availability, capacity and the supplier scorecard. */

registerEnumType(Granularity, { name: 'Granularity', description: 'UTC hours, or UK calendar days or months.' });

@ObjectType('AvailabilityPoint', {
  description:
    "A bucket of a service's availability in two figures: availabilityPercent as measured (every reported second), and " +
    'slaAvailabilityPercent as the SLA counts it (exclusion windows taken out), which for a MONTH point is the figure slaReport judges.',
})
export class AvailabilityPointType {
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
  @Field(() => Int, { description: 'Seconds with availability data, as measured: exclusion windows included.' }) coveredSeconds!: number;
  @Field(() => Int, { description: 'Seconds up, as measured: exclusion windows included.' }) upSeconds!: number;
  @Field(() => String, {
    nullable: true,
    description:
      'As measured: upSeconds ÷ coveredSeconds, percent to three places (rounded down), planned maintenance and consumer-attributed ' +
      'exclusion windows included; null without data. Not the SLA figure: see slaAvailabilityPercent.',
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
      'The SLA availability: slaUpSeconds ÷ slaCoveredSeconds, percent to three places (rounded down), exclusion windows taken out. For a ' +
      "MONTH point, the same figure as the AVAILABILITY term's achieved in slaReport for that service and month; null without data.",
  })
  slaAvailabilityPercent!: string | null;
  @Field({
    description:
      "The SLA coverage: slaCoveredSeconds ÷ (live seconds − excludedSeconds), percent; for a MONTH point, the AVAILABILITY term's " +
      'coveragePercent in slaReport.',
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
