import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';

/** How an organisation weighs its suppliers' KPIs in their scorecards (relative weights). */
@ObjectType('ScorecardWeights', { implements: BaseRecord })
@Entity('scorecard_weights')
@Index(['organisationId'], { unique: true })
export class ScorecardWeights extends BaseRecord {
  static readonly typename = 'ScorecardWeights';

  @Column({ type: 'int' })
  organisationId!: number;

  @Field(() => Int) @Column({ type: 'int' }) availability!: number;
  @Field(() => Int) @Column({ type: 'int' }) incidentResolution!: number;
  @Field(() => Int) @Column({ type: 'int' }) orderDelivery!: number;
  @Field(() => Int) @Column({ type: 'int' }) billingAccuracy!: number;
}

export interface KpiWeights {
  availability: number;
  incidentResolution: number;
  orderDelivery: number;
  billingAccuracy: number;
}

export const DEFAULT_SCORECARD_WEIGHTS: KpiWeights = { availability: 40, incidentResolution: 30, orderDelivery: 15, billingAccuracy: 15 };
