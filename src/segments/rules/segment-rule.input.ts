import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { Channel, ContactLevel, InteractionType, LinkType } from '../../common/enums';
import { LinkEnd } from '../../customers/customer-filter.input';
import { RULE_OPERATORS, type RuleOperator } from './rule.types';

export const RuleOperatorEnum = Object.fromEntries(RULE_OPERATORS.map((o) => [o, o])) as { [K in RuleOperator]: K };
registerEnumType(RuleOperatorEnum, {
  name: 'RuleOperator',
  description: 'Comparisons: BETWEEN takes [low, high] (both included), IN / NOT_IN a list, IS_NULL / IS_NOT_NULL no value. A comparison with a missing value is false (use IS_NULL).',
});

@InputType({ description: 'Customers with interactions matching every given list: at least `countAtLeast` (default 1) and at most `countAtMost`, within the last `withinDays` days. E.g. { types: [COMPLAINT], withinDays: 90 }; { types: [PURCHASE], channels: [MOBILE_APP] }.' })
export class InteractionRuleInput {
  @Field(() => [InteractionType], { nullable: true }) types?: InteractionType[] | null;
  @Field(() => [Channel], { nullable: true }) channels?: Channel[] | null;
  @Field(() => [ContactLevel], { nullable: true }) contactLevels?: ContactLevel[] | null;
  @Field(() => Int, { nullable: true }) withinDays?: number | null;
  @Field(() => Int, { nullable: true }) countAtLeast?: number | null;
  @Field(() => Int, { nullable: true }) countAtMost?: number | null;
}

@InputType({ description: 'Customers at `end` of a `type` link whose other end is a member of segment `inSegment`, or is customer `externalId`, or (neither given) anyone. "Referred by a member of vip": { type: REFERRED, end: TO, inSegment: "vip" }. HOUSEHOLD matches either end.' })
export class LinkRuleInput {
  @Field(() => LinkType) type!: LinkType;
  @Field(() => LinkEnd) end!: LinkEnd;
  @Field(() => String, { nullable: true }) inSegment?: string | null;
  @Field(() => String, { nullable: true }) externalId?: string | null;
}

@InputType({
  description: 'A segment rule: exactly one of and / or / not (combining rules), field + op + value (a comparison), interaction, linked, inSegment. '
    + 'Fields: the Customer and CustomerSummary field names (country, party, revenue, purchaseCount, daysSinceLastPurchase, averageSatisfactionGap, age...), '
    + 'traits.<key>, metrics.<key> (the served value: CLV, churn probability, RFM score, free metrics) and labels.<key> (RFM segment, value tier). See the README for the list.',
})
export class SegmentRuleInput {
  @Field(() => [SegmentRuleInput], { nullable: true, description: 'All of these.' }) and?: SegmentRuleInput[] | null;
  @Field(() => [SegmentRuleInput], { nullable: true, description: 'Any of these.' }) or?: SegmentRuleInput[] | null;
  @Field(() => SegmentRuleInput, { nullable: true, description: 'Not this.' }) not?: SegmentRuleInput | null;
  @Field(() => String, { nullable: true }) field?: string | null;
  @Field(() => RuleOperatorEnum, { nullable: true }) op?: RuleOperator | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'A number, text, boolean or ISO-8601 date; a list for BETWEEN, IN, NOT_IN.' }) value?: unknown;
  @Field(() => InteractionRuleInput, { nullable: true }) interaction?: InteractionRuleInput | null;
  @Field(() => LinkRuleInput, { nullable: true }) linked?: LinkRuleInput | null;
  @Field(() => String, { nullable: true, description: 'Member of the segment with this key (of any kind).' }) inSegment?: string | null;
}
