import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar } from '../graphql-types/scalars';

/**
 * A service management review meeting on one contract: when, who attended, the months it
 * reviewed, and the figures it looked at, captured as they were at the time.
 */
@ObjectType('ServiceReview', { implements: BaseRecord })
@Entity('service_review')
@Index(['contractId', 'heldOn'])
@Index(['organisationId', 'heldOn'])
export class ServiceReview extends BaseRecord {
  static readonly typename = 'ServiceReview';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  contractId!: number;

  @Field(() => LocalDateScalar, { description: 'The day the meeting was held.' })
  @Column({ type: 'date' })
  heldOn!: string;

  @Field({ description: 'First month reviewed, "YYYY-MM".' })
  @Column({ type: 'varchar', length: 7 })
  periodFrom!: string;

  @Field({ description: 'Last month reviewed, "YYYY-MM".' })
  @Column({ type: 'varchar', length: 7 })
  periodTo!: string;

  @Field(() => [String], { description: 'Who attended, e.g. "Jo Bloggs (PDN service manager)".' })
  @Column({ type: 'simple-json' })
  attendees!: string[];

  @Field(() => String, { nullable: true, description: 'Minutes or notes of the meeting.' })
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Field({ description: 'Subject of the user who recorded it.' })
  @Column({ type: 'varchar', length: 200 })
  recordedBy!: string;

  @Field(() => Date, { description: 'When the figures were captured.' })
  @Column({ type: 'datetime', precision: 3 })
  evidenceCapturedAt!: Date;

  @Field({ description: "SHA-256 over the evidence items' own hashes, in order: one value that changes if any captured figure does." })
  @Column({ type: 'varchar', length: 64 })
  evidenceSha256!: string;
}

export enum ReviewEvidenceKind {
  /** the contract's SLA report for one month */
  SLA_REPORT = 'SLA_REPORT',
  /** one of the contract's invoices for the period, with its reconciliation summary */
  INVOICE_RECONCILIATION = 'INVOICE_RECONCILIATION',
}
registerEnumType(ReviewEvidenceKind, { name: 'ReviewEvidenceKind' });

/** One figure a review looked at, frozen as JSON with its hash. */
@ObjectType('ReviewEvidence', { implements: BaseRecord })
@Entity('service_review_evidence')
@Index(['reviewId', 'position'], { unique: true })
export class ReviewEvidence extends BaseRecord {
  static readonly typename = 'ReviewEvidence';

  @Column({ type: 'int' })
  reviewId!: number;

  @ManyToOne(() => ServiceReview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewId' })
  review?: ServiceReview;

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  position!: number;

  @Field(() => ReviewEvidenceKind)
  @Column({ type: 'varchar', length: 24 })
  kind!: ReviewEvidenceKind;

  @Field({ description: 'The month ("2026-10") or the invoice number.' })
  @Column({ type: 'varchar', length: 64 })
  label!: string;

  @Field({ description: 'The figures as captured, as JSON.' })
  @Column({ type: 'text' })
  document!: string;

  @Field({ description: 'SHA-256 of document.' })
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;
}

export enum ReviewActionStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ReviewActionStatus, { name: 'ReviewActionStatus' });

/** An action agreed at a review, with its owner and due date. */
@ObjectType('ReviewAction', { implements: BaseRecord })
@Entity('service_review_action')
@Index(['reviewId'])
@Index(['organisationId', 'status', 'dueDate'])
export class ReviewAction extends BaseRecord {
  static readonly typename = 'ReviewAction';

  @Column({ type: 'int' })
  reviewId!: number;

  @ManyToOne(() => ServiceReview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewId' })
  review?: ServiceReview;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field()
  @Column({ type: 'varchar', length: 2000 })
  description!: string;

  /** the owner, when a contact (e.g. the supplier's service manager) */
  @Column({ type: 'int', nullable: true })
  ownerContactId!: number | null;

  @Field(() => String, { nullable: true, description: 'The owner, when one of our users: their subject.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  ownerUser!: string | null;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  dueDate!: string;

  @Field(() => ReviewActionStatus)
  @Column({ type: 'varchar', length: 10 })
  status!: ReviewActionStatus;

  @Field(() => Date, { nullable: true, description: 'When it was marked DONE or CANCELLED.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  statusChangedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  statusChangedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was closed or cancelled.' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  statusNote!: string | null;
}
