import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import type { TransitionColumns } from '../db/transitions';

export enum EscalationKind {
  /** a service problem pushed up the supplier's management chain */
  ESCALATION = 'ESCALATION',
  /** a formal complaint about the supplier's service */
  COMPLAINT = 'COMPLAINT',
}
registerEnumType(EscalationKind, { name: 'EscalationKind' });

/** Where an escalation stands, lowest first. */
export enum EscalationLevel {
  CNSP_SERVICE_DESK = 'CNSP_SERVICE_DESK',
  CNSP_SERVICE_MANAGER = 'CNSP_SERVICE_MANAGER',
  /** NHS England's Service Co-ordinator: for failures against the HSCN Obligations Framework only */
  SERVICE_COORDINATOR = 'SERVICE_COORDINATOR',
}
registerEnumType(EscalationLevel, {
  name: 'EscalationLevel',
  description: 'CNSP_SERVICE_DESK → CNSP_SERVICE_MANAGER → SERVICE_COORDINATOR (obligation-level failures only).',
});

export const ESCALATION_LEVELS: readonly EscalationLevel[] = [
  EscalationLevel.CNSP_SERVICE_DESK,
  EscalationLevel.CNSP_SERVICE_MANAGER,
  EscalationLevel.SERVICE_COORDINATOR,
];

export enum EscalationStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(EscalationStatus, { name: 'EscalationStatus' });

/**
 * An escalation or complaint raised with a supplier: kept informed at the agreed interval,
 * closed only with the raiser's agreement, and kept for two years after closure.
 */
@ObjectType('Escalation', { implements: BaseRecord })
@Entity('escalation')
@Index(['organisationId', 'status', 'nextUpdateDueAt'])
@Index(['supplierId', 'status'])
@Index(['incidentId'])
export class Escalation extends BaseRecord {
  static readonly typename = 'Escalation';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  supplierId!: number;

  @Column({ type: 'int', nullable: true })
  contractId!: number | null;

  @Column({ type: 'int', nullable: true })
  incidentId!: number | null;

  @Field(() => EscalationKind)
  @Column({ type: 'varchar', length: 12 })
  kind!: EscalationKind;

  @Field()
  @Column({ type: 'varchar', length: 2000 })
  summary!: string;

  @Field({ description: 'Subject of the user who raised it: only they can agree to its closure.' })
  @Column({ type: 'varchar', length: 200 })
  raisedBy!: string;

  /** the raiser's own organisation (a CSU user raising for a trust keeps the CSU here) */
  @Column({ type: 'int' })
  raisedByOrganisationId!: number;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  raisedAt!: Date;

  @Field(() => Int, { description: 'Hours agreed between updates from the supplier.' })
  @Column({ type: 'int' })
  updateIntervalHours!: number;

  @Field(() => EscalationLevel)
  @Column({ type: 'varchar', length: 24 })
  level!: EscalationLevel;

  @Field(() => EscalationStatus)
  @Column({ type: 'varchar', length: 8 })
  status!: EscalationStatus;

  @Field(() => Date, { description: 'When the raiser was last updated (the raise itself before the first update).' })
  @Column({ type: 'datetime', precision: 3 })
  lastUpdateAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next update is due: the last update plus the agreed interval; null once closed.',
  })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  nextUpdateDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the raiser agreed that it may be closed.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  closureAgreedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  closureAgreedBy!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  closedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The resolution, as recorded at closure.' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolution!: string | null;
}

/** An update given to the raiser: who gave it, when, what it said. */
@ObjectType('EscalationUpdate', { implements: BaseRecord })
@Entity('escalation_update')
@Index(['escalationId', 'givenAt'])
export class EscalationUpdate extends BaseRecord {
  static readonly typename = 'EscalationUpdate';

  @Column({ type: 'int' })
  escalationId!: number;

  @ManyToOne(() => Escalation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalationId' })
  escalation?: Escalation;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field({ description: "Who gave the update, e.g. the supplier's service manager." })
  @Column({ type: 'varchar', length: 200 })
  givenBy!: string;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  givenAt!: Date;

  @Field()
  @Column({ type: 'varchar', length: 4000 })
  text!: string;

  @Field({ description: 'Subject of the user who recorded it.' })
  @Column({ type: 'varchar', length: 200 })
  recordedBy!: string;
}

/** A move up the escalation levels, with why. */
@ObjectType('EscalationLevelChange', { implements: BaseRecord })
@Entity('escalation_level_change')
@Index(['escalationId'])
export class EscalationLevelChange extends BaseRecord {
  static readonly typename = 'EscalationLevelChange';
  static readonly transition = {
    subject: 'escalationId',
    from: 'fromLevel',
    to: 'toLevel',
    reasonLength: 2000,
  } as const satisfies TransitionColumns<EscalationLevelChange>;

  @Column({ type: 'int' })
  escalationId!: number;

  @ManyToOne(() => Escalation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalationId' })
  escalation?: Escalation;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => EscalationLevel, { nullable: true, description: 'Null for the level it was raised at.' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  fromLevel!: EscalationLevel | null;

  @Field(() => EscalationLevel)
  @Column({ type: 'varchar', length: 24 })
  toLevel!: EscalationLevel;

  @Field()
  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'The HSCN obligation that was not met (escalations to the Service Co-ordinator).' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  obligation!: string | null;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  changedBy!: string;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  changedAt!: Date;
}
