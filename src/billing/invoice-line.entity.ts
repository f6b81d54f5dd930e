import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { BaseRecord } from '../db/base-record';
import { ChargeType } from './charge-type';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { Invoice } from './invoice.entity';

registerEnumType(ChargeType, { name: 'ChargeType' });

/**
 * One line of an invoice. Quantities, unit prices and VAT rates are exact decimal strings
 * (they may carry more places than money); amounts are pence. A line whose service
 * reference we do not hold keeps `serviceId` null: reconciliation reports it.
 */
@ObjectType('InvoiceLine', { implements: BaseRecord })
@Entity('invoice_line')
@Index(['invoiceId', 'lineNumber'], { unique: true })
@Index(['serviceId', 'periodStart'])
export class InvoiceLine extends BaseRecord {
  static readonly typename = 'InvoiceLine';

  @Column({ type: 'int' })
  invoiceId!: number;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoiceId' })
  invoice?: Invoice;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  lineNumber!: number;

  @Field(() => String, { nullable: true, description: "The supplier's service reference as invoiced." })
  @Column({ type: 'varchar', length: 64, nullable: true })
  serviceReference!: string | null;

  @Column({ type: 'int', nullable: true })
  serviceId!: number | null;

  @Field(() => ChargeType)
  @Column({ type: 'varchar', length: 12 })
  chargeType!: ChargeType;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  periodStart!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  periodEnd!: string | null;

  @Field({ description: 'Exact decimal.' })
  @Column({ type: 'varchar', length: 30 })
  quantity!: string;

  @Field({ description: 'Exact decimal, pounds; may carry up to four places.' })
  @Column({ type: 'varchar', length: 30 })
  unitPrice!: string;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: penceTransformer })
  netAmount!: Pence;

  @Field({ description: 'VAT rate in percent, exact decimal (e.g. "20").' })
  @Column({ type: 'varchar', length: 12 })
  vatRate!: string;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: penceTransformer })
  vatAmount!: Pence;

  @Field(() => String, {
    nullable: true,
    description:
      'Where the line stood in its invoice\'s feed run document: CSV the file\'s line, "line 7"; TMF678 a JSON path such as ' +
      '"$[0].billItem[2]". Null for lines stored before it was recorded.',
  })
  @Column({ type: 'varchar', length: 200, nullable: true })
  sourceLocation!: string | null;
}
