import { Field, GraphQLISODateTime, InputType } from 'type-graphql';

@InputType({ description: 'Inclusive `from`, exclusive `to`; either may be omitted.' })
export class DateRange {
  @Field(() => GraphQLISODateTime, { nullable: true }) from?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) to?: Date | null;
}
