import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { IncidentStatus } from '../feeds/records';

registerEnumType(IncidentStatus, { name: 'IncidentStatus', description: 'TMF621-aligned; PENDING and HELD stop the SLA clock.' });

export enum IncidentOrigin {
  /** arrived in a supplier's incident feed */
  SUPPLIER_FEED = 'SUPPLIER_FEED',
  /** logged by the consumer */
  CONSUMER = 'CONSUMER',
}
registerEnumType(IncidentOrigin, { name: 'IncidentOrigin' });

/** An incident (trouble ticket) on one of the organisation's services. */
@ObjectType('Incident', { implements: BaseRecord })
@Entity('incident')
@Index(['supplierId', 'organisationId', 'supplierRef'], { unique: true })
@Index(['organisationId', 'status', 'severity'])
@Index(['serviceId', 'openedAt'])
export class Incident extends BaseRecord {
  static readonly typename = 'Incident';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int' })
  serviceId!: number;

  @Field(() => String, { nullable: true, description: 'The supplier\'s ticket reference.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  supplierRef!: string | null;

  @Field(() => String, { nullable: true, description: 'Our reference for the ticket, when the supplier echoes it.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  externalId!: string | null;

  @Field(() => IncidentOrigin)
  @Column({ type: 'varchar', length: 20 })
  origin!: IncidentOrigin;

  @Field(() => Int, { description: '1 (highest) to 5.' })
  @Column({ type: 'int' })
  severity!: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  priority!: string | null;

  @Field(() => IncidentStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: IncidentStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  summary!: string | null;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  openedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the supplier responded.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the CN-SP notified the Service Co-ordinator (Severity 1); null when not reported.' })
  @Column({ type: 'boolean', nullable: true })
  serviceCoordinatorNotified!: boolean | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  serviceCoordinatorNotifiedAt!: Date | null;

  /** the last feed run that changed the incident */
  @Column({ type: 'int', nullable: true })
  lastFeedRunId!: number | null;
}
