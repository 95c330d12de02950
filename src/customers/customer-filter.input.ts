import { Field, Float, GraphQLISODateTime, InputType, Int, registerEnumType } from 'type-graphql';
import { ChannelRole, Gender, LinkType, Origin, Party, RelationshipKind } from '../common/enums';
import { DateRange } from '../common/date-range.input';

@InputType({ description: 'Matches customers whose top-level trait `key` has this value (compared as text; true/false for booleans).' })
export class TraitFilter {
  @Field(() => String) key!: string;
  @Field(() => String) value!: string;
}

@InputType({ description: 'Customers whose served value of a metric is in range and/or has one of the labels (e.g. RFM segment names).' })
export class MetricFilter {
  @Field(() => String, { description: '"rfm", "clv", "churn" or a free metric key.' }) key!: string;
  @Field(() => Float, { nullable: true }) min?: number | null;
  @Field(() => Float, { nullable: true }) max?: number | null;
  @Field(() => [String], { nullable: true }) labels?: string[] | null;
}

export enum LinkEnd { FROM = 'FROM', TO = 'TO' }
registerEnumType(LinkEnd, { name: 'LinkEnd', description: 'Which end of the link the listed customers are.' });

@InputType({ description: 'Customers linked to the customer `externalId`: e.g. { type: MEMBER_OF, end: FROM, externalId: "ACME" } lists ACME\'s members; { type: REFERRED, end: TO, externalId: "C-1" } lists whom C-1 referred. HOUSEHOLD matches either end.' })
export class LinkFilter {
  @Field(() => LinkType) type!: LinkType;
  @Field(() => LinkEnd) end!: LinkEnd;
  @Field(() => String) externalId!: string;
}

/** All given conditions must hold (AND); list-valued conditions match any of their values (IN). */
@InputType()
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text contained in name or email.' })
  search?: string | null;
  @Field(() => [String], { nullable: true }) externalIds?: string[] | null;
  @Field(() => [Party], { nullable: true }) party?: Party[] | null;
  @Field(() => [RelationshipKind], { nullable: true }) relationship?: RelationshipKind[] | null;
  @Field(() => [ChannelRole], { nullable: true }) channelRole?: ChannelRole[] | null;
  @Field(() => [Origin], { nullable: true }) origin?: Origin[] | null;
  @Field(() => [Gender], { nullable: true }) gender?: Gender[] | null;
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes.' }) country?: string[] | null;
  @Field(() => [String], { nullable: true }) region?: string[] | null;
  @Field(() => [String], { nullable: true }) city?: string[] | null;
  @Field(() => [String], { nullable: true }) acquisitionSource?: string[] | null;
  @Field(() => DateRange, { nullable: true }) createdAt?: DateRange | null;
  @Field(() => DateRange, { nullable: true }) acquiredAt?: DateRange | null;
  @Field(() => DateRange, { nullable: true }) contractEndedAt?: DateRange | null;
  @Field(() => DateRange, { nullable: true }) lastInteractionAt?: DateRange | null;
  @Field(() => [TraitFilter], { nullable: true }) traits?: TraitFilter[] | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Made a purchase at or after this time.' })
  purchasedSince?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Has purchased before, but not since this time (lapsed).' })
  notPurchasedSince?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'true: at least one purchase; false: none.' })
  hasPurchased?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'At least this many purchases (2: returning customers).' })
  purchaseCountAtLeast?: number | null;
  @Field(() => Int, { nullable: true, description: 'At most this many purchases (1: one-off customers).' })
  purchaseCountAtMost?: number | null;
  @Field(() => Float, { nullable: true, description: 'Net revenue (purchases minus refunds, base currency) at least this.' })
  revenueAtLeast?: number | null;
  @Field(() => Float, { nullable: true }) revenueAtMost?: number | null;
  @Field(() => [String], { nullable: true, description: 'Member of any of these segments (by key).' })
  segmentKeys?: string[] | null;
  @Field(() => [MetricFilter], { nullable: true }) metrics?: MetricFilter[] | null;
  @Field(() => [LinkFilter], { nullable: true, description: 'Linked to all of these customers.' }) linkedTo?: LinkFilter[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Include customers erased by deleteCustomer (default false).' })
  includeErased?: boolean | null;
}
