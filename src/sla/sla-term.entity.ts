import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import { BaseRecord } from '../db/base-record';
import { Resilience } from '../services/network-service.entity';

export enum SlaTermKind {
  AVAILABILITY = 'AVAILABILITY',
  INCIDENT_RESPONSE = 'INCIDENT_RESPONSE',
  INCIDENT_RESOLUTION = 'INCIDENT_RESOLUTION',
  LATENCY = 'LATENCY',
  JITTER = 'JITTER',
  PACKET_LOSS = 'PACKET_LOSS',
  ORDER_DELIVERY = 'ORDER_DELIVERY',
}
registerEnumType(SlaTermKind, { name: 'SlaTermKind' });

export enum SlaStatistic {
  MEAN = 'MEAN',
  P95 = 'P95',
}
registerEnumType(SlaStatistic, { name: 'SlaStatistic' });

/**
 * One obligation a contract holds its supplier to. A contract without a term of some kind
 * (and severity, and resilience) falls back to the HSCN defaults (sla-defaults.ts).
 */
@ObjectType('SlaTerm', { implements: BaseRecord })
@Entity('sla_term')
@Index(['contractId', 'kind', 'severity', 'resilience'], { unique: true })
export class SlaTerm extends BaseRecord {
  static readonly typename = 'SlaTerm';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  contractId!: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  @Field(() => SlaTermKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: SlaTermKind;

  @Field(() => Int, { nullable: true, description: 'For incident terms: the severity (1–5) it applies to.' })
  @Column({ type: 'int', nullable: true })
  severity!: number | null;

  @Field(() => Resilience, { nullable: true, description: 'For availability: the services it applies to; null for all.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  resilience!: Resilience | null;

  @Field(() => String, {
    nullable: true,
    description: 'Availability target, or the share of incidents that must meet their target, in percent (exact decimal).',
  })
  @Column({ type: 'varchar', length: 12, nullable: true })
  targetPercent!: string | null;

  @Field(() => Int, { nullable: true, description: 'For incident terms: the target, in minutes of service hours.' })
  @Column({ type: 'int', nullable: true })
  targetMinutes!: number | null;

  @Field(() => String, { nullable: true, description: 'For latency and jitter (ms) or packet loss (%): the threshold (exact decimal).' })
  @Column({ type: 'varchar', length: 12, nullable: true })
  threshold!: string | null;

  @Field(() => SlaStatistic, { nullable: true })
  @Column({ type: 'varchar', length: 6, nullable: true })
  statistic!: SlaStatistic | null;
}
