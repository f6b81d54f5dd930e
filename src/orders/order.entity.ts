import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { BaseRecord } from '../db/base-record';
import { TransitionRecord, type TransitionColumns } from '../db/transitions';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { Resilience, ServiceType } from '../services/network-service.entity';

export enum OrderType {
  /** a new connection (circuit, breakout…) at a site */
  NEW_SERVICE = 'NEW_SERVICE',
  /** another service added alongside what a site already has */
  ADD = 'ADD',
  /** the service moves to another site */
  MOVE = 'MOVE',
  /** bandwidth and/or monthly charge change */
  CHANGE = 'CHANGE',
  CEASE = 'CEASE',
}
registerEnumType(OrderType, { name: 'OrderType' });

/** TMF641 service order states, as a contract manager tracks them. */
export enum OrderStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  IN_PROGRESS = 'IN_PROGRESS',
  HELD = 'HELD',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus' });

/** Placed with the supplier and not yet finished. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.SUBMITTED,
  OrderStatus.ACKNOWLEDGED,
  OrderStatus.IN_PROGRESS,
  OrderStatus.HELD,
];

/** Not finished: drafts and the orders placed with the supplier. */
export const UNFINISHED_ORDER_STATUSES: readonly OrderStatus[] = [OrderStatus.DRAFT, ...OPEN_ORDER_STATUSES];

/**
 * An order placed with a supplier under a contract: a new service, a move, an addition, a
 * change or a cease, for one service at one site. Completing it changes the inventory in
 * the same transaction.
 */
@ObjectType('Order', { implements: BaseRecord })
@Entity('service_order')
@Index(['organisationId', 'status', 'committedDate'])
@Index(['supplierId', 'status'])
@Index(['supplierId', 'supplierOrderReference'], { unique: true })
@Index(['contractId', 'status', 'completedOn'])
@Index(['serviceId', 'status'])
@Index(['siteId'])
export class ServiceOrder extends BaseRecord {
  static readonly typename = 'Order';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int' })
  contractId!: number;

  /** the site the order is for; for a MOVE, the site the service moves to */
  @Column({ type: 'int' })
  siteId!: number;

  /** for a MOVE, the site the service leaves */
  @Column({ type: 'int', nullable: true })
  fromSiteId!: number | null;

  /** the service ordered, changed or ceased; a NEW_SERVICE or ADD gets it on completion */
  @Column({ type: 'int', nullable: true })
  serviceId!: number | null;

  @Field(() => OrderType)
  @Column({ type: 'varchar', length: 12 })
  type!: OrderType;

  @Field(() => OrderStatus)
  @Column({ type: 'varchar', length: 12 })
  status!: OrderStatus;

  @Field(() => String, { nullable: true, description: "The supplier's order reference." })
  @Column({ type: 'varchar', length: 64, nullable: true })
  supplierOrderReference!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Field(() => LocalDateScalar, { description: 'The date we asked for.' })
  @Column({ type: 'date' })
  requestedDate!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was placed with the supplier.' })
  @Column({ type: 'date', nullable: true })
  submittedOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "The supplier's committed delivery date, as it stands." })
  @Column({ type: 'date', nullable: true })
  committedDate!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The first date the supplier committed to; later slips do not change it.' })
  @Column({ type: 'date', nullable: true })
  originalCommittedDate!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The day it was completed: the effective date of its change to the inventory.',
  })
  @Column({ type: 'date', nullable: true })
  completedOn!: string | null;

  @Field(() => MoneyScalar, { description: 'One-off charge quoted, excluding VAT.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  oneOffCharge!: Pence;

  // --- what the order asks for -------------------------------------------------------

  @Field(() => String, { nullable: true, description: "NEW_SERVICE/ADD: the supplier's reference for the new service, once known." })
  @Column({ type: 'varchar', length: 64, nullable: true })
  serviceReference!: string | null;

  @Field(() => ServiceType, { nullable: true, description: 'NEW_SERVICE/ADD: the kind of service.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  serviceType!: ServiceType | null;

  @Field(() => Resilience, { nullable: true, description: 'NEW_SERVICE/ADD.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  resilience!: Resilience | null;

  @Field(() => String, { nullable: true, description: 'NEW_SERVICE/ADD.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  qosProfile!: string | null;

  @Field(() => Int, { nullable: true, description: 'NEW_SERVICE/ADD: the bandwidth ordered; CHANGE: the new bandwidth, when it changes.' })
  @Column({ type: 'int', nullable: true })
  bandwidthMbps!: number | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'NEW_SERVICE/ADD: the monthly charge; CHANGE: the new monthly charge, when it changes.',
  })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  monthlyCharge!: Pence | null;

  @Field(() => Int, { nullable: true, description: 'CHANGE: the bandwidth before the change, kept for the record.' })
  @Column({ type: 'int', nullable: true })
  previousBandwidthMbps!: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'CHANGE: the monthly charge before the change, kept for the record.' })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  previousMonthlyCharge!: Pence | null;
}

/** One step of an order's life: who moved it, when, why (committed-date changes included). */
@ObjectType('OrderTransition', { implements: BaseRecord })
@Entity('service_order_transition')
@Index(['orderId'])
export class OrderTransition extends TransitionRecord {
  static readonly typename = 'OrderTransition';
  static readonly transition = {
    subject: 'orderId',
    from: 'fromStatus',
    to: 'toStatus',
    reasonLength: 1000,
  } as const satisfies TransitionColumns<OrderTransition>;

  @Column({ type: 'int' })
  orderId!: number;

  @ManyToOne(() => ServiceOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'orderId' })
  order?: ServiceOrder;

  @Field(() => OrderStatus, { nullable: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus!: OrderStatus | null;

  @Field(() => OrderStatus)
  @Column({ type: 'varchar', length: 12 })
  toStatus!: OrderStatus;

  @Field(() => LocalDateScalar, { description: 'The day it happened (may be before the day it was recorded).' })
  @Column({ type: 'date' })
  effectiveOn!: string;
}
