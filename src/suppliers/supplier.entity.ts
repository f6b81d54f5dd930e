import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar } from '../graphql/scalars';

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

  @Field()
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => SupplierKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: SupplierKind;

  @Field(() => String, { nullable: true, description: 'CN-SP ID: 8 characters, upper-case letters and digits.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 8, nullable: true })
  cnspId!: string | null;

  @Field(() => ComplianceStatus)
  @Column({ type: 'varchar', length: 20 })
  complianceStatus!: ComplianceStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the compliance status was last confirmed.' })
  @Column({ type: 'date', nullable: true })
  complianceDate!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes!: string | null;
}
