import { Field, InputType } from 'type-graphql';
import { SegmentRuleInput } from './rules/segment-rule.input';

@InputType()
export class SegmentInput {
  @Field(() => String, { description: 'Lower-case letters, digits and dashes.' }) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => SegmentRuleInput, { nullable: true, description: 'Makes (or keeps) it a RULE segment: the server keeps its members current. A changed rule is a new version. Omitted on a RULE segment: the rule is kept.' })
  rule?: SegmentRuleInput | null;
}
