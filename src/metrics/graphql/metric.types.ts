import { Field, Float, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

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
