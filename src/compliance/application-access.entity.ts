import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { TransitionRecord, type TransitionColumns } from '../db/transitions';
import { LocalDateScalar } from '../graphql-types/scalars';

export enum AccessRequestStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(AccessRequestStatus, { name: 'AccessRequestStatus' });

/** A request for access to an application over HSCN (NHS England's own or a third party's). */
@ObjectType('ApplicationAccessRequest', { implements: BaseRecord })
@Entity('application_access_request')
@Index(['organisationId', 'status', 'requestedOn'])
export class ApplicationAccessRequest extends BaseRecord {
  static readonly typename = 'ApplicationAccessRequest';

  @Column({ type: 'int' })
  organisationId!: number;

  @Field({ description: 'The application, e.g. "NHS Spine (SCR)".' })
  @Column({ type: 'varchar', length: 200 })
  application!: string;

  /** the contact who asked for it */
  @Column({ type: 'int' })
  requestedById!: number;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  requestedOn!: string;

  @Field(() => AccessRequestStatus)
  @Column({ type: 'varchar', length: 12 })
  status!: AccessRequestStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When it left REQUESTED.' })
  @Column({ type: 'date', nullable: true })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;
}

/** One move of an access request: who, when (`createdAt`), why. */
@ObjectType('ApplicationAccessTransition', { implements: BaseRecord })
@Entity('application_access_transition')
@Index(['requestId'])
export class ApplicationAccessTransition extends TransitionRecord {
  static readonly typename = 'ApplicationAccessTransition';
  static readonly transition = {
    subject: 'requestId',
    from: 'fromStatus',
    to: 'toStatus',
    reasonLength: 1000,
  } as const satisfies TransitionColumns<ApplicationAccessTransition>;

  @Column({ type: 'int' })
  requestId!: number;

  @ManyToOne(() => ApplicationAccessRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requestId' })
  request?: ApplicationAccessRequest;

  @Field(() => AccessRequestStatus, { nullable: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus!: AccessRequestStatus | null;

  @Field(() => AccessRequestStatus)
  @Column({ type: 'varchar', length: 12 })
  toStatus!: AccessRequestStatus;
}
