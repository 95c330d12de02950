import { Field, Float, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

// The host-owned GraphQL type of the churn kind: swapping the plugin never changes it.

@ObjectType({ description: 'Churn risk.' })
export class ChurnMetric {
  @Field(() => Float, { description: 'Probability that the customer has churned, 0..1.' }) probability!: number;
  @Field(() => Float, { nullable: true, description: 'Probability that the customer is still alive, where the model has one.' }) pAlive!: number | null;
  @Field(() => String, { nullable: true, description: "The model's reason in words, where it gives one (e.g. 'contract ended')." }) reason!: string | null;
  @Field(() => String) model!: string;
  @Field(() => ID) modelRunId!: string;
  @Field(() => GraphQLISODateTime) asOf!: Date;
}
