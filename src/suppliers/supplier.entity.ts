import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BeforeInsert, BeforeUpdate, Column, Entity, Index, type EntityManager } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar } from '../graphql-types/scalars';
import { organisationsDealingWith } from './supplier-audience-reads';
import { supplierNameKey } from './supplier-identity';

export enum SupplierKind {
  /** Consumer Network Service Provider: sells HSCN connectivity */
  CN_SP = 'CN_SP',
  /** Transition Network Service Provider: legacy N3 continuing orders */
  TN_SP = 'TN_SP',
  CENTRAL_COMPONENT = 'CENTRAL_COMPONENT',
  OTHER = 'OTHER',
}
registerEnumType(SupplierKind, { name: 'SupplierKind' });

export enum ComplianceStatus {
  COMPLIANT = 'COMPLIANT',
  IN_PROGRESS = 'IN_PROGRESS',
  LAPSED = 'LAPSED',
  WITHDRAWN = 'WITHDRAWN',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(ComplianceStatus, { name: 'ComplianceStatus', description: 'HSCN Compliance accreditation status.' });

/**
 * A network supplier. Suppliers form a national catalogue shared by every organisation;
 * what an organisation buys from one lives on its contracts.
 */
@ObjectType('Supplier', { implements: BaseRecord, simpleResolvers: true })
@Entity('supplier')
export class Supplier extends BaseRecord {
  static readonly typename = 'Supplier';

  /** a change to a catalogue entry is written to the audit trail of every organisation that deals with the supplier */
  static auditAudience(manager: EntityManager, supplier: { id?: unknown }): Promise<number[]> {
    return typeof supplier.id === 'number' ? organisationsDealingWith(manager, supplier.id) : Promise.resolve([]);
  }

  @Field()
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /**
   * The name as compared for uniqueness (supplierNameKey: case, spacing and width folded), so
   * that "Albion Connect plc" and " ALBION  connect PLC" are one supplier on either database,
   * under any collation, and a lost race still meets the unique index. Kept by the listener
   * below: a bulk `update()` that changes a name must set it too.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  nameKey!: string;

  @Field(() => SupplierKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: SupplierKind;

  @Field(() => String, { nullable: true, description: 'CN-SP ID: 8 characters, upper-case letters and digits.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 8, nullable: true })
  cnspId!: string | null;

  /**
   * When the supplier took its current CN-SP ID (null: before this was recorded). A
   * SUPPLIER_FEED token issued earlier was meant for whoever held the ID then, and is refused.
   */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  cnspIdAssignedAt!: Date | null;

  @Field(() => ComplianceStatus)
  @Column({ type: 'varchar', length: 20 })
  complianceStatus!: ComplianceStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the compliance status was last confirmed.' })
  @Column({ type: 'date', nullable: true })
  complianceDate!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @BeforeInsert()
  @BeforeUpdate()
  protected keyName(): void {
    if (typeof this.name === 'string') this.nameKey = supplierNameKey(this.name);
  }
}
