import { Field, Float, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Channel, ContactLevel, InteractionType } from '../common/enums';
import type * as Plain from './customer-summary';

// The GraphQL object types serving the plain summary of customer-summary.ts (same names in the
// schema). Plugins and the host's summary code use the plain interfaces, never these classes.

@ObjectType()
export class TypeCount implements Plain.TypeCount {
  @Field(() => InteractionType) type!: InteractionType;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ChannelCount implements Plain.ChannelCount {
  @Field(() => Channel) channel!: Channel;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ContactLevelCount implements Plain.ContactLevelCount {
  @Field(() => ContactLevel, { nullable: true, description: 'null: interactions recorded without a contact level.' })
  contactLevel!: ContactLevel | null;
  @Field(() => Int) count!: number;
}

/** The GraphQL type of `Customer.summary`: the plain CustomerSummary (see customer-summary.ts). */
@ObjectType({ description: "A customer's behaviour computed exactly from its interactions." })
export class CustomerSummary implements Plain.CustomerSummary {
  @Field(() => String, { description: 'Currency of every money field: the configured base currency.' }) currency!: string;
  @Field(() => Int, { description: 'PURCHASE interactions.' }) purchaseCount!: number;
  @Field(() => Int, { description: 'purchaseCount - 1 (0 without purchases): purchases after the first.' }) repeatPurchases!: number;
  @Field(() => Int) refundCount!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) firstPurchaseAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastPurchaseAt!: Date | null;
  @Field(() => Float, { description: 'Sum of purchase amounts.' }) grossRevenue!: number;
  @Field(() => Float, { description: 'Sum of refunded amounts.' }) refundedAmount!: number;
  @Field(() => Float, { description: 'grossRevenue - refundedAmount.' }) revenue!: number;
  @Field(() => Float, { description: 'Purchase margins minus refund margins.' }) totalMargin!: number;
  @Field(() => Int, { description: 'Purchases with a margin recorded (base currency): 0 means totalMargin is not known, rather than zero.' }) marginedPurchaseCount!: number;
  @Field(() => Float, { nullable: true, description: 'grossRevenue / purchases in the base currency; null without any.' })
  averageOrderValue!: number | null;
  @Field(() => Int, { nullable: true, description: 'Whole days from the last purchase to now (for metric plugins: to asOf).' }) daysSinceLastPurchase!: number | null;
  @Field(() => Int, { nullable: true, description: 'Whole days from the first purchase to now (for metric plugins: to asOf).' }) daysSinceFirstPurchase!: number | null;
  @Field(() => Int) interactionCount!: number;
  @Field(() => [TypeCount], { description: 'Only types that occur, most frequent first.' }) interactionsByType!: TypeCount[];
  @Field(() => [ChannelCount], { description: 'Only channels that occur, most frequent first.' }) interactionsByChannel!: ChannelCount[];
  @Field(() => [ContactLevelCount]) interactionsByContactLevel!: ContactLevelCount[];
  @Field(() => GraphQLISODateTime, { nullable: true }) firstInteractionAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastInteractionAt!: Date | null;
  @Field(() => Int, { description: 'Interactions carrying both an expectation and a perception score.' }) scoredSurveyCount!: number;
  @Field(() => Float, { nullable: true, description: 'Mean of perception - expectation; >= 0 means satisfied on average.' })
  averageSatisfactionGap!: number | null;
  @Field(() => Int, { description: 'Money amounts in another currency, left out of the money fields.' }) foreignCurrencyAmounts!: number;
  @Field(() => Int, { description: 'Distinct UTC calendar days with a purchase: several purchases on one day are one purchase occasion.' }) purchaseDays!: number;
  /** For plugins; not a GraphQL field. */
  purchaseDayTotals!: Plain.PurchaseDayTotals;
}
