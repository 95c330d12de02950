import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CustomerMeasure {
  COUNT = 'COUNT', REVENUE = 'REVENUE', MARGIN = 'MARGIN', AVERAGE_CLV = 'AVERAGE_CLV', TOTAL_CLV = 'TOTAL_CLV',
  AVERAGE_CHURN_PROBABILITY = 'AVERAGE_CHURN_PROBABILITY', AVERAGE_SATISFACTION_GAP = 'AVERAGE_SATISFACTION_GAP',
}
registerEnumType(CustomerMeasure, {
  name: 'CustomerMeasure',
  description: 'COUNT: customers; REVENUE and MARGIN: net, base currency; AVERAGE_CLV / TOTAL_CLV and AVERAGE_CHURN_PROBABILITY: over customers with a served value; '
    + 'AVERAGE_SATISFACTION_GAP: the mean of customers\' average gaps (P - E), over customers with scored surveys.',
});

@ObjectType({ description: 'The mean of a metric over a group\'s customers that have a value.' })
export class MetricAggregate {
  @Field(() => String) key!: string;
  @Field(() => Float, { nullable: true }) average!: number | null;
  @Field(() => Int, { description: 'Customers with a value.' }) count!: number;
}

/** The customer dimensions of a grouped row: null where not grouped by, or for customers without a value. */
@ObjectType()
export class CustomerDimensionColumns {
  @Field(() => String, { nullable: true }) segment!: string | null;
  @Field(() => String, { nullable: true }) rfmSegment!: string | null;
  @Field(() => String, { nullable: true }) valueTier!: string | null;
  @Field(() => String, { nullable: true }) country!: string | null;
  @Field(() => String, { nullable: true }) party!: string | null;
  @Field(() => String, { nullable: true }) relationship!: string | null;
  @Field(() => String, { nullable: true }) channelRole!: string | null;
  @Field(() => String, { nullable: true }) origin!: string | null;
  @Field(() => String, { nullable: true }) gender!: string | null;
  @Field(() => String, { nullable: true }) incomeBand!: string | null;
  @Field(() => String, { nullable: true }) acquisitionSource!: string | null;
  @Field(() => String, { nullable: true, description: 'The acquisition period, labelled as Granularity says.' }) acquisitionCohort!: string | null;
  @Field(() => Int, { nullable: true, description: 'The served rfm model\'s recency score (RFM_R).' }) rfmR!: number | null;
  @Field(() => Int, { nullable: true, description: 'The served rfm model\'s frequency score (RFM_F).' }) rfmF!: number | null;
}

@ObjectType({ description: 'One group of customerStats: the dimensions grouped by (null where not grouped, or for customers without a value), then the measures asked for (null where not asked).' })
export class CustomerStatsRow extends CustomerDimensionColumns {
  @Field(() => Int, { nullable: true }) count!: number | null;
  @Field(() => Float, { nullable: true }) revenue!: number | null;
  @Field(() => Float, { nullable: true }) margin!: number | null;
  @Field(() => Float, { nullable: true }) averageClv!: number | null;
  @Field(() => Float, { nullable: true }) totalClv!: number | null;
  @Field(() => Float, { nullable: true }) averageChurnProbability!: number | null;
  @Field(() => Float, { nullable: true }) averageSatisfactionGap!: number | null;
  @Field(() => [MetricAggregate], { description: 'One per key of `metricAverages`, in that order.' }) metricAverages!: MetricAggregate[];
}
