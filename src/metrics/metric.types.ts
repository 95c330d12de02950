import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ClvBasis { MARGIN = 'MARGIN', REVENUE = 'REVENUE' }
registerEnumType(ClvBasis, { name: 'ClvBasis', description: 'What a CLV is measured in: profit (recorded margins) or, where no margins are recorded, revenue.' });

export enum ClvInputSource { CUSTOMER = 'CUSTOMER', POPULATION = 'POPULATION', CONFIG = 'CONFIG' }
registerEnumType(ClvInputSource, {
  name: 'ClvInputSource',
  description: "Where a CLV input came from: the customer's own history, the population's average (too little history), or configuration.",
});

@ObjectType({ description: 'One input of a CLV answer (average order value, margin ratio, lifetime...) and where it came from.' })
export class ClvInput {
  @Field(() => String) name!: string;
  @Field(() => Float) value!: number;
  @Field(() => ClvInputSource) source!: ClvInputSource;
}

// Host-owned GraphQL types of the core metric kinds: swapping the plugin never changes them.

@ObjectType({ description: 'Recency, frequency and monetary value with their scores (higher is better).' })
export class RfmMetric {
  @Field(() => Float, { nullable: true, description: 'Days from the last purchase to asOf.' }) recency!: number | null;
  @Field(() => Float) frequency!: number;
  @Field(() => Float) monetary!: number;
  @Field(() => Int) r!: number;
  @Field(() => Int) f!: number;
  @Field(() => Int) m!: number;
  @Field(() => String, { description: 'Scores as "r-f-m", e.g. "5-4-3".' }) cell!: string;
  @Field(() => String, { description: 'Named segment, e.g. "Champions".' }) segment!: string;
  @Field(() => Float, { nullable: true, description: 'Weighted RFM score, when configured.' }) score!: number | null;
  @Field(() => String, { description: 'The plugin that computed it.' }) model!: string;
  @Field(() => ID) modelRunId!: string;
  @Field(() => GraphQLISODateTime) asOf!: Date;
}

@ObjectType({ description: 'Customer lifetime value.' })
export class ClvMetric {
  @Field(() => Float) value!: number;
  @Field(() => String) currency!: string;
  @Field(() => Float, { nullable: true, description: 'Months ahead the value covers; null for a lifetime (e.g. contractual DERL) or a historical value.' }) horizonMonths!: number | null;
  @Field(() => Float, { nullable: true, description: 'Per period, e.g. 0.01 = 1% a month; null when nothing is discounted.' }) discountRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Expected purchases over the horizon, undiscounted.' }) expectedPurchases!: number | null;
  @Field(() => Float, { nullable: true, description: 'Expected value of one future purchase.' }) expectedAverageOrderValue!: number | null;
  @Field(() => ClvBasis, { nullable: true, description: 'MARGIN when the value is profit, REVENUE when no margins were recorded.' }) basis!: ClvBasis | null;
  @Field(() => Float, { nullable: true, description: 'Probability that the customer is still alive, where the model has one.' }) pAlive!: number | null;
  @Field(() => [ClvInput], { description: 'The inputs of the value and where each came from (empty when the model lists none).' }) inputs!: ClvInput[];
  @Field(() => String) model!: string;
  @Field(() => ID) modelRunId!: string;
  @Field(() => GraphQLISODateTime) asOf!: Date;
}

@ObjectType({ description: 'Churn risk.' })
export class ChurnMetric {
  @Field(() => Float, { description: 'Probability that the customer has churned, 0..1.' }) probability!: number;
  @Field(() => Float, { nullable: true, description: 'Probability that the customer is still alive, where the model has one.' }) pAlive!: number | null;
  @Field(() => String, { nullable: true, description: "The model's reason in words, where it gives one (e.g. 'contract ended')." }) reason!: string | null;
  @Field(() => String) model!: string;
  @Field(() => ID) modelRunId!: string;
  @Field(() => GraphQLISODateTime) asOf!: Date;
}

@ObjectType({ description: 'A free metric added by a plugin.' })
export class MetricEntry {
  @Field(() => String) key!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field(() => String) plugin!: string;
  @Field(() => ID) modelRunId!: string;
  @Field(() => GraphQLISODateTime) asOf!: Date;
  @Field(() => String, { nullable: true, description: 'Set when the plugin failed for this customer; value is then null.' }) error!: string | null;
}

@ObjectType({ description: 'A loaded metric plugin.' })
export class PluginInfo {
  @Field(() => String) name!: string;
  @Field(() => String) version!: string;
  @Field(() => String) description!: string;
  @Field(() => [String], { description: 'Core kinds and free metric keys it provides.' }) kinds!: string[];
  @Field(() => [String], { description: 'Core kinds it is the selected provider of: "clv" for every customer, "clv:CONTRACTUAL" for one kind of customer.' }) selected!: string[];
}
