import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { Contact } from './contact.entity';

export enum ContactRole {
  ACCOUNT_MANAGER = 'ACCOUNT_MANAGER',
  SERVICE_MANAGER = 'SERVICE_MANAGER',
  SERVICE_DESK = 'SERVICE_DESK',
  OUT_OF_HOURS = 'OUT_OF_HOURS',
  ESCALATION = 'ESCALATION',
  SITE_CONTACT = 'SITE_CONTACT',
  BILLING = 'BILLING',
}
registerEnumType(ContactRole, { name: 'ContactRole' });

export enum ContactPriority {
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
  TERTIARY = 'TERTIARY',
  INACTIVE = 'INACTIVE',
}
registerEnumType(ContactPriority, { name: 'ContactPriority' });

export enum ContactObjectType {
  SUPPLIER = 'SUPPLIER',
  CONTRACT = 'CONTRACT',
  SITE = 'SITE',
}
registerEnumType(ContactObjectType, { name: 'ContactObjectType' });

/** A contact in a role for one supplier, contract or site (NetBox-style assignment). */
@ObjectType('ContactAssignment', { implements: BaseRecord })
@Entity('contact_assignment')
@Index(['objectType', 'objectId', 'organisationId'])
@Index(['contactId', 'objectType', 'objectId', 'role'], { unique: true })
export class ContactAssignment extends BaseRecord {
  static readonly typename = 'ContactAssignment';

  @Column({ type: 'int' })
  contactId!: number;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contactId' })
  contact?: Contact;

  /** the contact's organisation, copied for tenancy filters */
  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => ContactObjectType)
  @Column({ type: 'varchar', length: 10 })
  objectType!: ContactObjectType;

  @Column({ type: 'int' })
  objectId!: number;

  @Field(() => ContactRole)
  @Column({ type: 'varchar', length: 20 })
  role!: ContactRole;

  @Field(() => ContactPriority)
  @Column({ type: 'varchar', length: 10 })
  priority!: ContactPriority;
}
