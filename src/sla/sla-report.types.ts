import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Pence } from '../common/money';
import { MoneyScalar } from '../graphql-types/scalars';
import { SlaTermKind } from './sla-term.entity';

export enum SlaTermStatus {
  MET = 'MET',
  BREACHED = 'BREACHED',
  /** too little data to judge: never reported as met */
  INSUFFICIENT_DATA = 'INSUFFICIENT_DATA',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(SlaTermStatus, { name: 'SlaTermStatus' });

@ObjectType('DowntimeInterval', {
  description: 'Hours a service was down in the month, merged; `sources` names the feed runs and rows behind them.',
})
export class DowntimeEvidence {
  /** the service that was down: `sources` looks its feed runs up by it */
  serviceId!: number;
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
  @Field(() => Int, { description: 'Seconds down within the interval.' }) downSeconds!: number;
}

@ObjectType('IncidentEvidence')
export class IncidentEvidence {
  incidentId!: number;
  @Field(() => String, { nullable: true }) supplierRef!: string | null;
  @Field(() => Int) severity!: number;
  @Field(() => Int) minutes!: number;
  @Field(() => Int) targetMinutes!: number;
  @Field() breached!: boolean;
}

@ObjectType('OrderEvidence', { description: 'An order completed in the month after its committed date (or with none).' })
export class OrderEvidence {
  orderId!: number;
  @Field(() => String, { nullable: true }) supplierOrderReference!: string | null;
  @Field(() => String, { nullable: true, description: 'LocalDate; null when the supplier never committed to one.' }) committedDate!:
    string | null;
  @Field({ description: 'LocalDate.' }) completedOn!: string;
  @Field(() => Int, { nullable: true, description: 'Days after the committed date.' }) daysLate!: number | null;
}

@ObjectType('ExclusionEvidence')
export class ExclusionEvidence {
  @Field() kind!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field() reason!: string;
}

@ObjectType('SlaTermResult', {
  description: 'One obligation for the month: target, what was achieved, and the evidence.',
  simpleResolvers: true,
})
export class SlaTermResult {
  @Field(() => SlaTermKind) kind!: SlaTermKind;
  @Field(() => Int, { nullable: true }) severity!: number | null;
  serviceId!: number | null;
  @Field({ description: 'The target as stated, e.g. "99.5%" or "95% within 300 min".' }) target!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'What was achieved, e.g. "99.212%" or "4 of 5 (80.0%)". AVAILABILITY: the SLA availability, with exclusion windows (planned ' +
      "maintenance, consumer-attributed) taken out; serviceAvailability's MONTH point gives the same figure as slaAvailabilityPercent, and " +
      'the figure as measured as availabilityPercent.',
  })
  achieved!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Data coverage, percent; below the threshold the term is INSUFFICIENT_DATA. AVAILABILITY: the exclusion windows left out of both ' +
      "sides, as serviceAvailability's slaCoveragePercent.",
  })
  coveragePercent!: string | null;
  @Field(() => SlaTermStatus) status!: SlaTermStatus;
  @Field({ description: "Whether the term is the contract's own or the HSCN default." }) contractual!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => [DowntimeEvidence]) downtime!: DowntimeEvidence[];
  @Field(() => [ExclusionEvidence]) exclusions!: ExclusionEvidence[];
  @Field(() => [IncidentEvidence]) incidents!: IncidentEvidence[];
  @Field(() => [OrderEvidence], { description: 'ORDER_DELIVERY: the orders completed late.' }) orders!: OrderEvidence[];
}

@ObjectType('ServiceCredit', { description: 'A credit the supplier owes for the month, with the term behind it.' })
export class ServiceCreditLine {
  @Field(() => SlaTermKind, { nullable: true }) kind!: SlaTermKind | null;
  serviceId!: number | null;
  /** INCIDENT_RESOLUTION: the incident whose breach earned it, and its severity (the ledger keys credits by them) */
  incidentId?: number | null;
  severity?: number | null;
  @Field(() => MoneyScalar) amount!: Pence;
  @Field() reason!: string;
}

@ObjectType('SlaReportTotals', { simpleResolvers: true })
export class SlaReportTotals {
  @Field(() => Int) met!: number;
  @Field(() => Int) breached!: number;
  @Field(() => Int) insufficientData!: number;
  @Field(() => Int) notApplicable!: number;
  @Field(() => MoneyScalar, { description: 'Credits before the monthly cap.' }) creditsBeforeCap!: Pence;
  @Field(() => MoneyScalar, { description: 'Credits owed: the expected credits billing reconciliation looks for.' }) creditsOwed!: Pence;
  @Field(() => MoneyScalar, { nullable: true }) cap!: Pence | null;
}

@ObjectType('SlaReport', { simpleResolvers: true })
export class SlaReport {
  contractId!: number;
  @Field() period!: string;
  @Field(() => Date) generatedAt!: Date;
  @Field({ description: 'Coverage below this percent makes a term INSUFFICIENT_DATA.' }) coverageThresholdPercent!: string;
  @Field(() => [SlaTermResult]) terms!: SlaTermResult[];
  @Field(() => [ServiceCreditLine]) credits!: ServiceCreditLine[];
  @Field(() => SlaReportTotals) totals!: SlaReportTotals;
}
