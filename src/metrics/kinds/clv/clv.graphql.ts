import { Field, Float, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';

// The host-owned GraphQL types of the clv kind: swapping the plugin never changes them.

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
