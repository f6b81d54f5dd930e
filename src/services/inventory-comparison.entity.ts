import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';

/**
 * A supplier's view of the organisation's services set against ours, from one inventory
 * feed. It never changes our records: it says what to look into.
 */
@ObjectType('InventoryComparison', { implements: BaseRecord })
@Entity('inventory_comparison')
@Index(['organisationId', 'supplierId', 'createdAt'])
export class InventoryComparison extends BaseRecord {
  static readonly typename = 'InventoryComparison';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int' })
  feedRunId!: number;

  @Field(() => Int, { description: "Services in the supplier's inventory." })
  @Column({ type: 'int' })
  supplierServices!: number;

  @Field(() => Int, { description: 'Our services with the supplier that are not ceased.' })
  @Column({ type: 'int' })
  ourServices!: number;

  @Field(() => Int, { description: 'Services in both that agree on every field compared.' })
  @Column({ type: 'int' })
  matching!: number;
}

export enum InventoryDifferenceKind {
  /** the supplier lists a service we do not hold */
  SUPPLIER_ONLY = 'SUPPLIER_ONLY',
  /** we hold a live service the supplier does not list */
  OURS_ONLY = 'OURS_ONLY',
  /** both hold it, but a field differs */
  FIELD_DIFFERS = 'FIELD_DIFFERS',
}
registerEnumType(InventoryDifferenceKind, { name: 'InventoryDifferenceKind' });

@ObjectType('InventoryDifference', { implements: BaseRecord })
@Entity('inventory_difference')
@Index(['comparisonId'])
export class InventoryDifference extends BaseRecord {
  static readonly typename = 'InventoryDifference';

  @Column({ type: 'int' })
  comparisonId!: number;

  @ManyToOne(() => InventoryComparison, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comparisonId' })
  comparison?: InventoryComparison;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => InventoryDifferenceKind)
  @Column({ type: 'varchar', length: 15 })
  kind!: InventoryDifferenceKind;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  serviceReference!: string;

  @Column({ type: 'int', nullable: true })
  serviceId!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'For FIELD_DIFFERS: bandwidthMbps, status, installDate, ceaseDate, monthlyCharge or site.',
  })
  @Column({ type: 'varchar', length: 30, nullable: true })
  field!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  supplierValue!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  ourValue!: string | null;
}
