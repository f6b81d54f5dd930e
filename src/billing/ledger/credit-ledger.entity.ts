import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../../common/money';
import { BaseRecord } from '../../db/base-record';
import { MoneyScalar } from '../../graphql-types/scalars';
import { SlaTermKind } from '../../sla/sla-term.entity';

/**
 * A contract's month, frozen once it is over and its grace period for late feeds has passed:
 * the SLA report as it stood, as canonical JSON, and its SHA-256. Disputes and reviews cite
 * the hash. A later feed that changes the month makes a new revision beside it, listing the
 * differences; an earlier revision is never changed.
 */
@ObjectType('SlaMonthSnapshot', { implements: BaseRecord, description: "A contract's month of SLA figures, frozen and hashed." })
@Entity('sla_month_snapshot')
@Index(['contractId', 'period', 'revision'], { unique: true })
@Index(['organisationId', 'period'])
export class SlaMonthSnapshot extends BaseRecord {
  static readonly typename = 'SlaMonthSnapshot';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int' })
  contractId!: number;

  @Field({ description: '"YYYY-MM".' })
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Field(() => Int, { description: '1 when the month closed; each later correction from a feed adds one.' })
  @Column({ type: 'int' })
  revision!: number;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  closedAt!: Date;

  @Field({ description: 'SHA-256 (hex) of `content`, exactly as served.' })
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Field(() => MoneyScalar, { description: 'The credits owed for the month, net of VAT, after the cap.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  creditsOwed!: Pence;

  @Field(() => String, {
    nullable: true,
    description: 'For a revision: what changed from the one before, as JSON (entry key, before, after).',
  })
  @Column({ type: 'text', nullable: true })
  differences!: string | null;

  @Field(() => Int, { description: 'Bytes of content.' })
  @Column({ type: 'int' })
  contentBytes!: number;
}

/** The snapshot's canonical JSON in pieces (a MySQL TEXT holds 64 KiB; a national contract's month is megabytes). */
@Entity('sla_month_snapshot_part')
export class SlaMonthSnapshotPart {
  @Column({ type: 'int', primary: true })
  snapshotId!: number;

  @Column({ type: 'int', primary: true })
  position!: number;

  @ManyToOne(() => SlaMonthSnapshot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'snapshotId' })
  snapshot?: SlaMonthSnapshot;

  @Column({ type: 'text' })
  content!: string;
}

export enum CreditEntryState {
  /** the month is not over (or is within its grace period): the figure may still change */
  PROVISIONAL = 'PROVISIONAL',
  /** final, and nobody has asked the supplier for it yet */
  OWED = 'OWED',
  /** on an invoice's findings or in a dispute, not yet received in full */
  CLAIMED = 'CLAIMED',
  /** received in full (credit lines matched to it) */
  RECEIVED = 'RECEIVED',
  /** given up by a person, with a reason */
  WAIVED = 'WAIVED',
}
registerEnumType(CreditEntryState, { name: 'CreditEntryState' });

/**
 * One credit the supplier owes: a contract's month, one service and one SLA term (one
 * incident, for resolution breaches). What was claimed, received and waived is kept on it,
 * so each credit is asked for once and cleared once. Amounts are net of VAT, pence.
 */
@ObjectType('CreditLedgerEntry', { implements: BaseRecord })
@Entity('credit_ledger_entry')
@Index(['contractId', 'period', 'entryKey'], { unique: true })
@Index(['organisationId', 'supplierId', 'period'])
@Index(['claimedInvoiceId'])
@Index(['claimedDisputeId'])
export class CreditLedgerEntry extends BaseRecord {
  static readonly typename = 'CreditLedgerEntry';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int' })
  contractId!: number;

  @Field({ description: '"YYYY-MM".' })
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  /** what the entry is for, stable across recomputations: term|service|severity|incident */
  @Field({ description: 'What the credit is for, stable across revisions: term, service, severity and incident.' })
  @Column({ type: 'varchar', length: 100 })
  entryKey!: string;

  @Column({ type: 'int', nullable: true })
  serviceId!: number | null;

  @Field(() => SlaTermKind)
  @Column({ type: 'varchar', length: 24 })
  termKind!: SlaTermKind;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  severity!: number | null;

  @Column({ type: 'int', nullable: true })
  incidentId!: number | null;

  @Field({ description: 'Why it is owed, as the SLA report says.' })
  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Field(() => MoneyScalar, {
    description: "Owed, net, after the contract's monthly cap (shared across the month's credits in proportion).",
  })
  @Column({ type: 'bigint', transformer: penceTransformer })
  owed!: Pence;

  @Field(() => MoneyScalar, { description: 'Owed before the cap.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  owedBeforeCap!: Pence;

  @Field({ description: 'False while the month is open: the figure may still change.' })
  @Column({ type: 'boolean' })
  final!: boolean;

  /** the snapshot the figure is final in (null while provisional) */
  @Column({ type: 'int', nullable: true })
  snapshotId!: number | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: "A later revision's figure, when it differs from a figure already claimed or received (which is never changed silently).",
  })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  revisedOwed!: Pence | null;

  @Column({ type: 'int', nullable: true })
  claimedInvoiceId!: number | null;

  @Column({ type: 'int', nullable: true })
  claimedFindingId!: number | null;

  @Column({ type: 'int', nullable: true })
  claimedDisputeId!: number | null;

  @Field(() => MoneyScalar, { description: 'Credit lines matched to it, net.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  received!: Pence;

  @Field(() => MoneyScalar, { description: 'Given up, net.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  waived!: Pence;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  waivedBy!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  waivedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  waivedReason!: string | null;

  /** owed less received and waived, never below nothing */
  get outstanding(): Pence {
    const left = this.owed - this.received - this.waived;
    return left > 0n ? left : 0n;
  }
}

/** A credit line (or part of one) matched to a ledger entry. */
@ObjectType('CreditReceipt', { implements: BaseRecord })
@Entity('credit_receipt')
@Index(['invoiceLineId', 'entryId'], { unique: true })
@Index(['entryId'])
export class CreditReceipt extends BaseRecord {
  static readonly typename = 'CreditReceipt';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  entryId!: number;

  @ManyToOne(() => CreditLedgerEntry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entryId' })
  entry?: CreditLedgerEntry;

  @Column({ type: 'int' })
  invoiceId!: number;

  @Column({ type: 'int' })
  invoiceLineId!: number;

  @Field(() => MoneyScalar, { description: 'Net amount of the line applied to the entry.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  amount!: Pence;
}
