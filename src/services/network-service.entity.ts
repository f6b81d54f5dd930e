import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { Contract } from '../contracts/contract.entity';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { Site } from '../sites/site.entity';

export enum ServiceType {
  ACCESS_CIRCUIT = 'ACCESS_CIRCUIT',
  INTERNET_BREAKOUT = 'INTERNET_BREAKOUT',
  VOICE = 'VOICE',
  VIDEO = 'VIDEO',
  LAN_OVERLAY = 'LAN_OVERLAY',
  OTHER = 'OTHER',
}
registerEnumType(ServiceType, { name: 'ServiceType' });

export enum Resilience {
  RESILIENT = 'RESILIENT',
  NON_RESILIENT = 'NON_RESILIENT',
}
registerEnumType(Resilience, { name: 'Resilience' });

export enum ServiceStatus {
  ORDERED = 'ORDERED',
  ACTIVE = 'ACTIVE',
  CEASE_REQUESTED = 'CEASE_REQUESTED',
  CEASED = 'CEASED',
}
registerEnumType(ServiceStatus, { name: 'ServiceStatus' });

/**
 * An ordered service instance (a circuit, a breakout, a voice service…) under a contract at
 * a site. Its reference is the supplier's, unique per supplier, like NetBox's circuit id.
 */
@ObjectType('Service', { implements: BaseRecord, simpleResolvers: true })
@Entity('service')
@Index(['supplierId', 'reference'], { unique: true })
@Index(['contractId', 'status'])
@Index(['siteId'])
@Index(['organisationId', 'status'])
export class NetworkService extends BaseRecord {
  static readonly typename = 'Service';

  /** the contract's organisation, copied here so that tenancy filters need no join */
  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  contractId!: number;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  /** the contract's supplier, copied here for the per-supplier unique reference */
  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int' })
  siteId!: number;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'siteId' })
  site?: Site;

  @Field({ description: "The supplier's reference (circuit id); unique per supplier." })
  @Column({ type: 'varchar', length: 64 })
  reference!: string;

  @Field(() => ServiceType)
  @Column({ type: 'varchar', length: 20 })
  type!: ServiceType;

  @Field(() => Int, { description: 'Committed bandwidth in Mbps.' })
  @Column({ type: 'int' })
  bandwidthMbps!: number;

  @Field(() => Resilience)
  @Column({ type: 'varchar', length: 20 })
  resilience!: Resilience;

  @Field(() => String, { nullable: true, description: 'QoS profile, e.g. the HSCN 6-class model.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  qosProfile!: string | null;

  @Field(() => ServiceStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: ServiceStatus;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  installDate!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  ceaseDate!: string | null;

  @Field(() => MoneyScalar, { description: 'Monthly recurring charge, excluding VAT.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  monthlyCharge!: Pence;

  @Field(() => MoneyScalar, { description: 'One-off (connection) charge, excluding VAT.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  oneOffCharge!: Pence;
}
