import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar } from '../graphql-types/scalars';

export enum IpVersion {
  IPV4 = 'IPV4',
  IPV6 = 'IPV6',
}
registerEnumType(IpVersion, { name: 'IpVersion' });

export enum IpRegistration {
  /** registered with RIPE NCC through a CN-SP: it stays with that CN-SP when the organisation leaves */
  RIPE = 'RIPE',
  /** RFC 1918 (IPv4) or unique local (IPv6) space: it follows the organisation */
  PRIVATE = 'PRIVATE',
}
registerEnumType(IpRegistration, {
  name: 'IpRegistration',
  description: 'Where an IP range comes from, which decides who keeps it when a CN-SP changes.',
});

/** An IP range allocated to one of an organisation's sites. */
@ObjectType('IpAllocation', { implements: BaseRecord })
@Entity('ip_allocation')
@Index(['organisationId', 'releasedOn'])
@Index(['siteId'])
@Index(['supplierId', 'organisationId'])
export class IpAllocation extends BaseRecord {
  static readonly typename = 'IpAllocation';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  siteId!: number;

  /** the CN-SP that allocated it; required for RIPE ranges */
  @Column({ type: 'int', nullable: true })
  supplierId!: number | null;

  @Field({ description: 'The range in canonical form, e.g. "10.20.0.0/16" or "2001:db8:1::/48".' })
  @Column({ type: 'varchar', length: 49 })
  cidr!: string;

  @Field(() => IpVersion)
  @Column({ type: 'varchar', length: 4 })
  ipVersion!: IpVersion;

  @Field(() => IpRegistration)
  @Column({ type: 'varchar', length: 10 })
  registration!: IpRegistration;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  allocatedOn!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'When it was released (returned to the CN-SP, or given up); null while in use.',
  })
  @Column({ type: 'date', nullable: true })
  releasedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  releaseReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was allowed to overlap ranges already allocated, when it was.' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  overlapException!: string | null;

  @Field({ description: 'Who recorded it.' })
  @Column({ type: 'varchar', length: 200 })
  recordedBy!: string;
}
