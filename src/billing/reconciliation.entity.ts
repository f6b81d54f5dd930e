import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { BaseRecord } from '../db/base-record';
import { MoneyScalar } from '../graphql-types/scalars';
import { FindingType } from './reconciliation-rules';

registerEnumType(FindingType, { name: 'FindingType' });

/**
 * An invoice checked line by line against our records. Gross amounts throughout: the sum of
 * the findings' differences plus the agreed amount is the invoice's gross total, exactly.
 */
@ObjectType('InvoiceReconciliation', { implements: BaseRecord, simpleResolvers: true })
@Entity('invoice_reconciliation')
@Index(['invoiceId'], { unique: true })
export class InvoiceReconciliation extends BaseRecord {
  static readonly typename = 'InvoiceReconciliation';

  @Column({ type: 'int' })
  invoiceId!: number;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  reconciledAt!: Date;

  @Field({ description: 'Subject of the user who last ran it.' })
  @Column({ type: 'varchar', length: 200 })
  reconciledBy!: string;

  @Field(() => MoneyScalar, { description: "The invoice's gross total." })
  @Column({ type: 'bigint', transformer: penceTransformer })
  invoicedTotal!: Pence;

  @Field(() => MoneyScalar, { description: 'What our records say it should have been: the agreed amount.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  agreedAmount!: Pence;

  @Field(() => MoneyScalar, { description: "Sum of the findings' differences (invoiced − expected)." })
  @Column({ type: 'bigint', transformer: penceTransformer })
  differenceTotal!: Pence;

  @Field(() => Int)
  @Column({ type: 'int' })
  findingCount!: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'When a later document (an earlier-dated invoice, a credit, a revised month) changed what this reconciliation would find; null while ' +
      'it is current. A stale reconciliation is not approved: run it again.',
  })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  staleSince!: Date | null;

  @Field(() => String, { nullable: true, description: 'What made it stale.' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  staleReason!: string | null;
}

@ObjectType('ReconciliationFinding', { implements: BaseRecord })
@Entity('reconciliation_finding')
@Index(['invoiceId', 'fingerprint'], { unique: true })
export class ReconciliationFinding extends BaseRecord {
  static readonly typename = 'ReconciliationFinding';

  @Column({ type: 'int' })
  reconciliationId!: number;

  @ManyToOne(() => InvoiceReconciliation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reconciliationId' })
  reconciliation?: InvoiceReconciliation;

  @Column({ type: 'int' })
  invoiceId!: number;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => FindingType)
  @Column({ type: 'varchar', length: 30 })
  type!: FindingType;

  /** stable across re-runs, so a dispute raised on a finding keeps to it */
  @Column({ type: 'varchar', length: 200 })
  fingerprint!: string;

  @Column({ type: 'int', nullable: true })
  lineId!: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  lineNumber!: number | null;

  @Column({ type: 'int', nullable: true })
  serviceId!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  serviceReference!: string | null;

  /** MISSING_SERVICE_CREDIT: the contract whose credits are missing */
  @Column({ type: 'int', nullable: true })
  contractId!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'MISSING_SERVICE_CREDIT and UNMATCHED_CREDIT: the month the credit is for, "YYYY-MM".',
  })
  @Column({ type: 'varchar', length: 7, nullable: true })
  period!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Gross (VAT included).' })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  expectedAmount!: Pence | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Gross (VAT included).' })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  invoicedAmount!: Pence | null;

  @Field(() => MoneyScalar, { description: 'Invoiced − expected, gross: positive is an overcharge.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  difference!: Pence;

  @Field()
  @Column({ type: 'text' })
  explanation!: string;

  @Field({ description: 'Worth disputing: money the supplier should not have charged.' })
  @Column({ type: 'boolean' })
  disputable!: boolean;
}
