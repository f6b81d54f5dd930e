import { Field, InputType, Int, ObjectType } from 'type-graphql';

/** The GraphQL shapes of a supplier's scorecard (scorecard.service.ts computes it). */

@ObjectType('Kpi')
export class KpiType {
  @Field() name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Percent achieved; null when there was nothing to measure (its weight goes to the others).',
  })
  value!: string | null;
  @Field(() => Int) weight!: number;
  @Field() basis!: string;
}

@ObjectType('ScorePoint')
export class ScorePoint {
  @Field() period!: string;
  @Field(() => String, { nullable: true }) score!: string | null;
}

@ObjectType('SupplierScorecard')
export class SupplierScorecardType {
  supplierId!: number;
  @Field() period!: string;
  @Field(() => [KpiType]) kpis!: KpiType[];
  @Field(() => String, { nullable: true, description: 'Weighted mean of the measured KPIs, 0–100.' }) score!: string | null;
  @Field(() => [ScorePoint], { description: 'The twelve months to the period, oldest first.' }) trend!: ScorePoint[];
}

@InputType()
export class ScorecardWeightsInput {
  @Field(() => Int) availability!: number;
  @Field(() => Int) incidentResolution!: number;
  @Field(() => Int) orderDelivery!: number;
  @Field(() => Int) billingAccuracy!: number;
}
