import { Field, InputType } from 'type-graphql';

@InputType()
export class SegmentInput {
  @Field(() => String, { description: 'Lower-case letters, digits and dashes.' }) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}
