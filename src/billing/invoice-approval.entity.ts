import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { BaseRecord } from '../db/base-record';
import { TransitionRecord, type TransitionColumns } from '../db/transitions';
import { MoneyScalar } from '../graphql-types/scalars';
import { Invoice, InvoiceStatus } from './invoice.entity';

/**
 * One move of an invoice through RECEIVED → RECONCILED → APPROVED → PAID (or ON_HOLD), and
 * every re-run of its reconciliation: who, when and why. Never edited; it is the record
 * segregation of duties is checked against.
 */
@ObjectType('InvoiceStatusChange', { implements: BaseRecord })
@Entity('invoice_status_change')
@Index(['invoiceId', 'id'])
export class InvoiceStatusChange extends TransitionRecord {
  static readonly typename = 'InvoiceStatusChange';
  static readonly transition = {
    subject: 'invoiceId',
    from: 'fromStatus',
    to: 'toStatus',
    automatic: 'automatic',
    reasonLength: 1000,
  } as const satisfies TransitionColumns<InvoiceStatusChange>;

  @Column({ type: 'int' })
  invoiceId!: number;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoiceId' })
  invoice?: Invoice;

  @Field(() => InvoiceStatus, { nullable: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus!: InvoiceStatus | null;

  @Field(() => InvoiceStatus)
  @Column({ type: 'varchar', length: 12 })
  toStatus!: InvoiceStatus;

  @Field({ description: 'Subject of the user (or system process) that made the change.' })
  @Column({ type: 'varchar', length: 200 })
  override changedBy!: string;

  @Field({
    description:
      'True when the system made the move (a stale reconciliation withdrawing an approval), not a person: changedBy is then "system".',
  })
  @Column({ type: 'boolean', default: false })
  automatic!: boolean;
}

/**
 * A finance approver's approval of an invoice for payment. Above the organisation's
 * second-approval threshold an invoice needs two, by different people; an approval made
 * void (the invoice was put on hold, or the amount changed before the second) stays on
 * record with the reason.
 */
@ObjectType('InvoiceApproval', { implements: BaseRecord })
@Entity('invoice_approval')
@Index(['invoiceId', 'id'])
export class InvoiceApproval extends BaseRecord {
  static readonly typename = 'InvoiceApproval';

  @Column({ type: 'int' })
  invoiceId!: number;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoiceId' })
  invoice?: Invoice;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => Int, { description: '1 for the first approval, 2 for the second.' })
  @Column({ type: 'int' })
  stage!: number;

  @Field(() => MoneyScalar, { description: 'The gross amount approved.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  amount!: Pence;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  approvedBy!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'Why this approval no longer counts, if it does not.' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  voidReason!: string | null;
}

/** An organisation's rules for paying invoices. */
@ObjectType('BillingPolicy', { implements: BaseRecord })
@Entity('billing_policy')
@Index(['organisationId'], { unique: true })
export class BillingPolicy extends BaseRecord {
  static readonly typename = 'BillingPolicy';

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => MoneyScalar, { description: 'An approval of more than this (gross) needs a second approver.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  secondApprovalAbove!: Pence;

  @Field(() => String, {
    nullable: true,
    description: 'The cost centre its network costs are charged to in the accounts-payable export; the ODS code when not set.',
  })
  @Column({ type: 'varchar', length: 40, nullable: true })
  costCentre!: string | null;
}
