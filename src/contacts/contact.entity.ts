import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { Organisation } from '../organisations/organisation.entity';

/**
 * A person the organisation deals with: a supplier's account manager, a service desk, a
 * site's caretaker. Contacts belong to the organisation that keeps them and are attached
 * to suppliers, contracts or sites through role assignments.
 */
@ObjectType('Contact', { implements: BaseRecord })
@Entity('contact')
@Index(['organisationId', 'lastVerifiedAt'])
export class Contact extends BaseRecord {
  static readonly typename = 'Contact';

  @Column({ type: 'int' })
  organisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: Organisation;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  jobTitle!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'When the contact can be reached, e.g. "24x7" or "Mon–Fri 08:00–18:00".' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hours!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Field(() => Date, { nullable: true, description: 'When someone last confirmed these details were right.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastVerifiedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Subject of the user who last verified the contact.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  lastVerifiedBy!: string | null;
}
