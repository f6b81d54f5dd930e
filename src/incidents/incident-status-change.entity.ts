import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { IncidentStatus } from './incident-status';
import { Incident } from './incident.entity';

/** One entry of an incident's status history; a re-sent entry is recognised, never repeated. */
@ObjectType('IncidentStatusChange', { implements: BaseRecord })
@Entity('incident_status_change')
@Index(['incidentId', 'changedAt', 'status'], { unique: true })
export class IncidentStatusChange extends BaseRecord {
  static readonly typename = 'IncidentStatusChange';

  @Column({ type: 'int' })
  incidentId!: number;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incidentId' })
  incident?: Incident;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => IncidentStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: IncidentStatus;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  changedAt!: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  /** the feed run that brought the entry in; null for an entry made through the API (logging an incident) */
  @Column({ type: 'int', nullable: true })
  feedRunId!: number | null;

  /** where in that run's document: the ticket's CSV "line N" or TMF621 JSON path */
  @Column({ type: 'varchar', length: 200, nullable: true })
  feedLocation!: string | null;
}
