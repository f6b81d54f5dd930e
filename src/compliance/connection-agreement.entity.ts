import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar } from '../graphql-types/scalars';

/** A signed version of the HSCN Connection Agreement; a newer version supersedes the one before. */
@ObjectType('ConnectionAgreement', { implements: BaseRecord })
@Entity('connection_agreement')
@Index(['organisationId', 'version'], { unique: true })
@Index(['organisationId', 'supersededById'])
export class ConnectionAgreement extends BaseRecord {
  static readonly typename = 'ConnectionAgreement';

  @Column({ type: 'int' })
  organisationId!: number;

  @Field({ description: 'The agreement\'s version, dotted numbers, e.g. "3.1".' })
  @Column({ type: 'varchar', length: 20 })
  version!: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  signedOn!: string;

  @Field({
    description: 'Whether the Representing Customers variation applies: the organisation provides IT services to other HSCN users.',
  })
  @Column({ type: 'boolean' })
  representingCustomers!: boolean;

  @Field({ description: 'The name of the person who signed it.' })
  @Column({ type: 'varchar', length: 200 })
  signedByName!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  signedByJobTitle!: string | null;

  @Field({ description: 'Who recorded it.' })
  @Column({ type: 'varchar', length: 200 })
  recordedBy!: string;

  @Column({ type: 'int', nullable: true })
  supersededById!: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the newer version that superseded it was signed.' })
  @Column({ type: 'date', nullable: true })
  supersededOn!: string | null;

  @Field(() => Boolean, { description: 'True for the version in force: none newer has been signed.' })
  get current(): boolean {
    return this.supersededById === null;
  }
}
