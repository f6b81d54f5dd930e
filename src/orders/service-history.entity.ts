import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';

/**
 * What a service was, from a date: its monthly charge, bandwidth and site. A period runs
 * until the next one starts. A service with no periods has always been as it is now; the
 * first completed CHANGE or MOVE writes the period before it as well as its own.
 */
@ObjectType('ServiceTermsPeriod', { implements: BaseRecord })
@Entity('service_terms_period')
@Index(['serviceId', 'effectiveFrom'], { unique: true })
@Index(['organisationId'])
export class ServiceTermsPeriod extends BaseRecord {
  static readonly typename = 'ServiceTermsPeriod';

  @Column({ type: 'int' })
  serviceId!: number;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the period; null: since the service began.' })
  @Column({ type: 'date', nullable: true })
  effectiveFrom!: string | null;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: penceTransformer })
  monthlyCharge!: Pence;

  @Field(() => Int)
  @Column({ type: 'int' })
  bandwidthMbps!: number;

  @Column({ type: 'int' })
  siteId!: number;

  /** the order that brought the period in; null for the period before the first order */
  @Column({ type: 'int', nullable: true })
  orderId!: number | null;
}

/** A legacy (TN-SP continuing) service and the HSCN service that replaces it. */
@Entity('service_replacement')
@Index(['replacementServiceId'])
@Index(['organisationId'])
export class ServiceReplacement {
  @Column({ type: 'int', primary: true })
  legacyServiceId!: number;

  @Column({ type: 'int' })
  replacementServiceId!: number;

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'datetime', precision: 3 })
  linkedAt!: Date;

  @Column({ type: 'varchar', length: 200 })
  linkedBy!: string;
}
