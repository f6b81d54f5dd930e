import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';

export enum ExclusionKind {
  /** planned maintenance agreed in advance */
  PLANNED_MAINTENANCE = 'PLANNED_MAINTENANCE',
  /** downtime the consumer caused (power at site, access refused…) */
  CONSUMER_ATTRIBUTED = 'CONSUMER_ATTRIBUTED',
}
registerEnumType(ExclusionKind, { name: 'ExclusionKind' });

/** A span of time a service's availability is not measured over, with the reason on record. */
@ObjectType('ExclusionWindow', { implements: BaseRecord })
@Entity('exclusion_window')
@Index(['serviceId', 'startsAt'])
export class ExclusionWindow extends BaseRecord {
  static readonly typename = 'ExclusionWindow';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  serviceId!: number;

  @Field(() => ExclusionKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: ExclusionKind;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  startsAt!: Date;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  endsAt!: Date;

  @Field()
  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Field({ description: 'Subject of the user who recorded it.' })
  @Column({ type: 'varchar', length: 200 })
  recordedBy!: string;
}
