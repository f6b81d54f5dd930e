import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organisation } from './organisation.entity';
import { LocalDateScalar } from '../graphql-types/scalars';

export enum ActsForBasis {
  /** a CSU or ICB managing contracts on a trust's behalf */
  COMMISSIONING_SUPPORT = 'COMMISSIONING_SUPPORT',
  /** the Representing Customers variation of the HSCN Connection Agreement */
  REPRESENTING_CUSTOMERS = 'REPRESENTING_CUSTOMERS',
  OTHER = 'OTHER',
}
registerEnumType(ActsForBasis, { name: 'ActsForBasis' });

/** `managerId` acts for `managedId`: its users see and manage the managed organisation's records. */
@ObjectType('ActsFor')
@Entity('organisation_acts_for')
@Index(['managedId'])
export class ActsFor {
  @PrimaryColumn({ type: 'int' })
  managerId!: number;

  @PrimaryColumn({ type: 'int' })
  managedId!: number;

  @Field(() => ActsForBasis)
  @Column({ type: 'varchar', length: 30 })
  basis!: ActsForBasis;

  @Field(() => LocalDateScalar, { description: 'Date the arrangement started.' })
  @Column({ type: 'date' })
  since!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'managerId' })
  manager?: Organisation;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'managedId' })
  managed?: Organisation;
}
