import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { IncidentStatus } from './incident-status';

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
@Index(['severity', 'openedAt'])
export class Incident extends BaseRecord {
  static readonly typename = 'Incident';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int' })
  serviceId!: number;

  @Field(() => String, { nullable: true, description: "The supplier's ticket reference." })
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

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the CN-SP notified the Service Co-ordinator (Severity 1); null when not reported.',
  })
  @Column({ type: 'boolean', nullable: true })
  serviceCoordinatorNotified!: boolean | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  serviceCoordinatorNotifiedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Who recorded the Service Co-ordinator notification by hand (null when it came in the supplier's feed).",
  })
  @Column({ type: 'varchar', length: 200, nullable: true })
  serviceCoordinatorNotificationRecordedBy!: string | null;

  /** the last feed run that changed the incident: with `lastFeedLocation`, the incident's `source` */
  @Column({ type: 'int', nullable: true })
  lastFeedRunId!: number | null;

  /** where in that run's document the ticket was: a CSV "line N" or a TMF621 JSON path */
  @Column({ type: 'varchar', length: 200, nullable: true })
  lastFeedLocation!: string | null;

  // The HSCN minimum data set, when the consumer logs the incident.

  @Field(() => Date, {
    nullable: true,
    description: 'When the incident began, as the consumer reports it (openedAt is when the ticket was opened).',
  })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  occurredAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What is affected and how (the technical impact).' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  impact!: string | null;

  @Field(() => String, { nullable: true, description: 'The effect on patients, staff and services.' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  customerImpact!: string | null;

  @Field(() => String, { nullable: true, description: 'The workaround in place, if any.' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  workaround!: string | null;

  @Field(() => String, { nullable: true, description: 'What the consumer has already tried.' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  stepsTaken!: string | null;

  /** the Contact the supplier sends updates to */
  @Column({ type: 'int', nullable: true })
  updatesContactId!: number | null;

  @Field(() => String, { nullable: true, description: 'Subject of the user who logged it (consumer-logged incidents).' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  loggedBy!: string | null;

  @Field(() => Date, { nullable: true, description: "When the supplier's ticket reference was joined to a consumer-logged incident." })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  supplierTicketLinkedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who joined it: a user\'s subject, or "feed" when matched automatically from the supplier\'s incident feed.',
  })
  @Column({ type: 'varchar', length: 200, nullable: true })
  supplierTicketLinkedBy!: string | null;
}

/** Incidents the consumer named as related when logging one (each link recorded once). */
@Entity('incident_link')
@Index(['relatedIncidentId'])
export class IncidentLink {
  @Column({ type: 'int', primary: true })
  incidentId!: number;

  @Column({ type: 'int', primary: true })
  relatedIncidentId!: number;

  @Column({ type: 'int' })
  organisationId!: number;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incidentId' })
  incident?: Incident;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'relatedIncidentId' })
  related?: Incident;
}
