import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';

export enum InvoiceStatus {
  RECEIVED = 'RECEIVED',
  RECONCILED = 'RECONCILED',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
  ON_HOLD = 'ON_HOLD',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

/**
 * What a supplier's document is: an invoice charges, a credit note gives money back. A
 * credit note is not a month's bill, so reconciliation must not read the services it leaves
 * out as unbilled, nor compare its total with the last invoice's.
 */
export enum InvoiceKind {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
}
registerEnumType(InvoiceKind, {
  name: 'InvoiceKind',
  description:
    'An invoice or a credit note: declared by the feed (CSV document_type, TMF678 category or billType), else inferred from the lines.',
});

/** A supplier's invoice to the organisation, as received; accepted whole or not at all. */
@ObjectType('Invoice', { implements: BaseRecord, simpleResolvers: true })
@Entity('invoice')
@Index(['organisationId', 'supplierId', 'invoiceNumber'], { unique: true })
@Index(['organisationId', 'status', 'invoiceDate'])
export class Invoice extends BaseRecord {
  static readonly typename = 'Invoice';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  invoiceNumber!: string;

  @Field(() => InvoiceKind, {
    description:
      'INVOICE or CREDIT_NOTE, as the feed declared it; when it did not, CREDIT_NOTE only for a negative document of credit lines alone.',
  })
  @Column({ type: 'varchar', length: 12, default: InvoiceKind.INVOICE })
  kind!: InvoiceKind;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  invoiceDate!: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  periodStart!: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  periodEnd!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Field()
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Field(() => MoneyScalar, { description: 'Total excluding VAT.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  netTotal!: Pence;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: penceTransformer })
  vatTotal!: Pence;

  @Field(() => MoneyScalar, { description: 'Total including VAT.' })
  @Column({ type: 'bigint', transformer: penceTransformer })
  grossTotal!: Pence;

  @Field(() => InvoiceStatus)
  @Column({ type: 'varchar', length: 12 })
  status!: InvoiceStatus;

  /** SHA-256 of the invoice's content as received: a re-sent, identical invoice changes nothing */
  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  /** the feed run that stored this content (a re-sent, identical invoice leaves it) */
  @Column({ type: 'int' })
  feedRunId!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Where the invoice stood in its feed run\'s document: CSV "line 7" or "lines 7–9"; TMF678 a JSON path such as "$[0]". Null for ' +
      'invoices stored before it was recorded.',
  })
  @Column({ type: 'varchar', length: 200, nullable: true })
  sourceLocation!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Gross amount approved for payment: the invoice less what is in dispute.' })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  approvedAmount!: Pence | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'The VAT within the approved amount.' })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  approvedVat!: Pence | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  approvedAt!: Date | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  paidOn!: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  paidAmount!: Pence | null;

  @Field(() => String, { nullable: true, description: "The accounts-payable system's payment reference." })
  @Column({ type: 'varchar', length: 64, nullable: true })
  paymentReference!: string | null;

  /** the status an invoice on hold returns to when released */
  @Column({ type: 'varchar', length: 12, nullable: true })
  heldFrom!: InvoiceStatus | null;
}
