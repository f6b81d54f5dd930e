import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { Organisation } from '../organisations/organisation.entity';

/** A physical location of an organisation where services are delivered. */
@ObjectType('Site', { implements: BaseRecord, simpleResolvers: true })
@Entity('site')
@Index(['organisationId', 'odsCode'], { unique: true })
@Index(['organisationId', 'name'])
export class Site extends BaseRecord {
  static readonly typename = 'Site';

  @Column({ type: 'int' })
  organisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: Organisation;

  @Field({ description: "The site's own ODS code." })
  @Column({ type: 'varchar', length: 10 })
  odsCode!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  addressLine1!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  addressLine2!: string | null;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  town!: string;

  @Field({ description: 'UK postcode, upper case with a single space, e.g. "LS1 4AP".' })
  @Index()
  @Column({ type: 'varchar', length: 8 })
  postcode!: string;
}
