import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';

// The host-owned GraphQL type of the rfm kind: swapping the plugin never changes it.

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
