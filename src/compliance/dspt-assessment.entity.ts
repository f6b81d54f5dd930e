import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { LocalDateScalar } from '../graphql-types/scalars';

export enum DsptStatus {
  STANDARDS_EXCEEDED = 'STANDARDS_EXCEEDED',
  STANDARDS_MET = 'STANDARDS_MET',
  APPROACHING_STANDARDS = 'APPROACHING_STANDARDS',
  STANDARDS_NOT_MET = 'STANDARDS_NOT_MET',
}
registerEnumType(DsptStatus, {
  name: 'DsptStatus',
  description: 'The status a Data Security and Protection Toolkit assessment was published with.',
});

/** One published DSPT assessment of an organisation. Every publication is kept: the latest is the current one. */
@ObjectType('DsptAssessment', { implements: BaseRecord })
@Entity('dspt_assessment')
@Index(['organisationId', 'publishedOn'])
export class DsptAssessment extends BaseRecord {
  static readonly typename = 'DsptAssessment';

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => DsptStatus)
  @Column({ type: 'varchar', length: 30 })
  status!: DsptStatus;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  publishedOn!: string;

  @Field({ description: 'The DSPT year the publication falls in (years run 1 July to 30 June), e.g. "2025-26".' })
  @Column({ type: 'varchar', length: 7 })
  assessmentYear!: string;

  @Field(() => LocalDateScalar, { description: 'The 30 June ending its DSPT year, or a later date NHS England set.' })
  @Column({ type: 'date' })
  expiresOn!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @Field({ description: 'Who recorded it.' })
  @Column({ type: 'varchar', length: 200 })
  recordedBy!: string;
}
