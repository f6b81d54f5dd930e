import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { toGlobalId } from '../common/global-id';

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, { name: 'AuditAction' });

/**
 * One change to one record, written in the same transaction as the change: who (and how
 * they signed in), for which organisation, when, through which entry point, and the record
 * before and after. Nothing in the API edits or deletes it.
 */
@ObjectType('AuditEntry', { implements: BaseRecord })
@Entity('audit_entry')
@Index(['organisationId', 'id'])
@Index(['entityType', 'entityId'])
export class AuditEntry extends BaseRecord {
  static readonly typename = 'AuditEntry';

  /** the organisation whose record changed (the actor's, for records no organisation owns) */
  @Column({ type: 'int', nullable: true })
  organisationId!: number | null;

  @Field({ description: 'Subject of the user, API key or process that made the change.' })
  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ type: 'int', nullable: true })
  actorOrganisationId!: number | null;

  @Field({ description: 'How the actor signed in: JWT, API_KEY or SYSTEM.' })
  @Column({ type: 'varchar', length: 16 })
  via!: string;

  @Field({
    description: 'Where the change came in, e.g. graphql:approveInvoice, http:POST /feeds/invoices, cli:ingest, pull:FeedEndpoint 4.',
  })
  @Column({ type: 'varchar', length: 120 })
  entryPoint!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Field({ description: 'The GraphQL type (or table) of the record.' })
  @Column({ type: 'varchar', length: 60 })
  entityType!: string;

  @Column({ type: 'int', nullable: true })
  entityId!: number | null;

  @Field(() => AuditAction)
  @Column({ type: 'varchar', length: 8 })
  action!: AuditAction;

  @Field(() => String, {
    nullable: true,
    description: 'The record before, as JSON; null for a creation, or for an update made by a bulk statement that names no row.',
  })
  @Column({ type: 'text', nullable: true })
  before!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The record after (for a bulk update, the values set), as JSON; null for a deletion.',
  })
  @Column({ type: 'text', nullable: true })
  after!: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the record, when it has one.' })
  get recordId(): string | null {
    return this.entityId === null ? null : toGlobalId(this.entityType, this.entityId);
  }

  @Field(() => Int, { nullable: true })
  get recordNumber(): number | null {
    return this.entityId;
  }
}
