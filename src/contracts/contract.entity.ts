import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';

/**
 * Days after an invoice's date within which it may be disputed, when a contract says nothing
 * else (and for an invoice no contract can be found for). Billing reads it from here: contracts
 * sit below billing, so the contract's default is the one place the figure is written.
 */
export const DEFAULT_DISPUTE_WINDOW_DAYS = 90;

export enum ContractStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  IN_NOTICE = 'IN_NOTICE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(ContractStatus, { name: 'ContractStatus' });

export enum ProcurementRoute {
  FRAMEWORK_CALL_OFF = 'FRAMEWORK_CALL_OFF',
  DYNAMIC_PURCHASING_SYSTEM = 'DYNAMIC_PURCHASING_SYSTEM',
  DIRECT_AWARD = 'DIRECT_AWARD',
  OPEN_TENDER = 'OPEN_TENDER',
  OTHER = 'OTHER',
}
registerEnumType(ProcurementRoute, { name: 'ProcurementRoute' });

export enum ServiceWrap {
  MINIMUM = 'MINIMUM',
  ENHANCED = 'ENHANCED',
}
registerEnumType(ServiceWrap, { name: 'ServiceWrap', description: 'HSCN Obligations Framework service wrap level.' });

export enum ServiceHours {
  TWENTY_FOUR_SEVEN = 'TWENTY_FOUR_SEVEN',
  BUSINESS_HOURS = 'BUSINESS_HOURS',
}
registerEnumType(ServiceHours, { name: 'ServiceHours', description: "When the contract's service levels apply." });

/** A contract between an organisation (the HSCN consumer) and a supplier. */
@ObjectType('Contract', { implements: BaseRecord, simpleResolvers: true })
@Entity('contract')
@Index(['organisationId', 'reference'], { unique: true })
@Index(['organisationId', 'status', 'noticeDate'])
@Index(['supplierId'])
export class Contract extends BaseRecord {
  static readonly typename = 'Contract';

  @Column({ type: 'int' })
  organisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: Organisation;

  @Column({ type: 'int' })
  supplierId!: number;

  @ManyToOne(() => Supplier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplierId' })
  supplier?: Supplier;

  @Field({ description: "The organisation's reference for the contract; unique within the organisation." })
  @Column({ type: 'varchar', length: 64 })
  reference!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => ProcurementRoute)
  @Column({ type: 'varchar', length: 30 })
  procurementRoute!: ProcurementRoute;

  @Field(() => String, { nullable: true, description: 'e.g. the framework or DPS the contract was called off.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  procurementVehicle!: string | null;

  @Field(() => ContractStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: ContractStatus;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of the current term.' })
  @Column({ type: 'date' })
  endDate!: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  initialTermMonths!: number;

  @Field(() => Int, { nullable: true, description: 'Length of each renewal; null when the contract does not renew.' })
  @Column({ type: 'int', nullable: true })
  renewalTermMonths!: number | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  noticePeriodDays!: number;

  /** derived on every write (end date less the notice period), stored so that it can be indexed */
  @Field(() => LocalDateScalar, { description: 'Last day on which notice can be given for the current term (endDate − noticePeriodDays).' })
  @Column({ type: 'date' })
  noticeDate!: string;

  @Field(() => ServiceWrap)
  @Column({ type: 'varchar', length: 20 })
  serviceWrap!: ServiceWrap;

  @Field(() => ServiceHours)
  @Column({ type: 'varchar', length: 20 })
  serviceHours!: ServiceHours;

  @Field(() => String, { nullable: true, description: 'Named business-hours calendar, when serviceHours is BUSINESS_HOURS.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  serviceHoursCalendar!: string | null;

  @Field({ description: 'ISO 4217 currency; always GBP.' })
  @Column({ type: 'varchar', length: 3, default: 'GBP' })
  currency!: string;

  @Field(() => MoneyScalar, { nullable: true })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  totalContractValue!: Pence | null;

  @Field(() => Int, { description: "Days after an invoice's date within which it may be disputed." })
  @Column({ type: 'int', default: DEFAULT_DISPUTE_WINDOW_DAYS })
  disputeWindowDays!: number;
}
