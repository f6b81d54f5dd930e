import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { BaseRecord } from '../db/base-record';
import { TransitionRecord, type TransitionColumns } from '../db/transitions';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';

export enum DisputeState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  /** the supplier agreed: a credit is due */
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  /** the credit was found on a later invoice */
  CREDITED = 'CREDITED',
}
registerEnumType(DisputeState, { name: 'DisputeState' });

/** A challenge to a supplier's invoice, raised from one or more reconciliation findings. */
@ObjectType('Dispute', { implements: BaseRecord })
@Entity('dispute')
@Index(['organisationId', 'state', 'deadline'])
@Index(['supplierId', 'state'])
export class Dispute extends BaseRecord {
  static readonly typename = 'Dispute';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int' })
  invoiceId!: number;

  @Field(() => DisputeState)
  @Column({ type: 'varchar', length: 12 })
  state!: DisputeState;

  @Field(() => MoneyScalar, { description: 'Gross amount disputed.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  disputedAmount!: Pence;

  @Field(() => MoneyScalar, { description: 'Credit received against it so far, gross.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  creditedAmount!: Pence;

  @Field()
  @Column({ type: 'text' })
  evidence!: string;

  @Field(() => LocalDateScalar, {
    description: "Last day to raise it with the supplier: the invoice date plus the contract's dispute window.",
  })
  @Column({ type: 'date' })
  deadline!: string;
}

/** Which findings a dispute stands on. */
@Entity('dispute_finding')
@Index(['findingId'], { unique: true })
export class DisputeFinding {
  @Column({ type: 'int', primary: true })
  disputeId!: number;

  @Column({ type: 'int', primary: true })
  findingId!: number;

  @ManyToOne(() => Dispute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'disputeId' })
  dispute?: Dispute;
}

/** One step of a dispute's life: who moved it, when, why. Credits matched record the line. */
@ObjectType('DisputeTransition', { implements: BaseRecord })
@Entity('dispute_transition')
@Index(['disputeId'])
export class DisputeTransition extends TransitionRecord {
  static readonly typename = 'DisputeTransition';
  static readonly transition = {
    subject: 'disputeId',
    from: 'fromState',
    to: 'toState',
    automatic: 'automatic',
    reasonLength: 1000,
  } as const satisfies TransitionColumns<DisputeTransition>;

  @Column({ type: 'int' })
  disputeId!: number;

  @ManyToOne(() => Dispute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'disputeId' })
  dispute?: Dispute;

  @Field(() => DisputeState, { nullable: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromState!: DisputeState | null;

  @Field(() => DisputeState)
  @Column({ type: 'varchar', length: 12 })
  toState!: DisputeState;

  @Field({ description: 'Who moved it: a person\'s subject, or "system" for an automatic move.' })
  @Column({ type: 'varchar', length: 200 })
  override changedBy!: string;

  @Field({ description: 'True when the system made the move (a credit matched), not a person.' })
  @Column({ type: 'boolean', default: false })
  automatic!: boolean;
}

/** A credit line on a later invoice, matched to a dispute (all or part of it). */
@ObjectType('DisputeCredit', { implements: BaseRecord })
@Entity('dispute_credit')
@Index(['invoiceLineId', 'disputeId'], { unique: true })
@Index(['disputeId'])
export class DisputeCredit extends BaseRecord {
  static readonly typename = 'DisputeCredit';

  @Column({ type: 'int' })
  disputeId!: number;

  @ManyToOne(() => Dispute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'disputeId' })
  dispute?: Dispute;

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  invoiceLineId!: number;

  /** the ledger receipt it came through, for a dispute that claimed credits owed (null: matched to the dispute itself) */
  @Column({ type: 'int', nullable: true })
  receiptId!: number | null;

  @Field(() => MoneyScalar, { description: 'Gross amount of the line applied to this dispute.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  amount!: Pence;
}
