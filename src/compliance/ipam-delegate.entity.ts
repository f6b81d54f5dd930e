import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar } from '../graphql-types/scalars';

/** A person (one of the organisation's contacts) holding IPAM delegate access under the organisation's ODS code. */
@ObjectType('IpamDelegate', { implements: BaseRecord })
@Entity('ipam_delegate')
@Index(['organisationId', 'revokedOn'])
@Index(['contactId'])
export class IpamDelegate extends BaseRecord {
  static readonly typename = 'IpamDelegate';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  contactId!: number;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  grantedOn!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  revokedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  revokeReason!: string | null;

  @Field({ description: 'Who recorded the grant.' })
  @Column({ type: 'varchar', length: 200 })
  grantedBy!: string;

  @Field(() => String, { nullable: true, description: 'Who recorded the revocation.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  revokedBy!: string | null;

  @Field(() => Boolean, { description: 'True until the access is revoked.' })
  get active(): boolean {
    return this.revokedOn === null;
  }
}
