import { Field, Float, GraphQLISODateTime, InputType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ChannelRole, Gender, Origin, Party, RelationshipKind } from '../common/enums';

@InputType({ description: 'Consent flags; an omitted flag keeps its stored value (false for a new customer).' })
export class ConsentInput {
  @Field(() => Boolean, { nullable: true }) email?: boolean;
  @Field(() => Boolean, { nullable: true }) sms?: boolean;
  @Field(() => Boolean, { nullable: true }) phone?: boolean;
  @Field(() => Boolean, { nullable: true }) profiling?: boolean;
}

/**
 * One customer to create or update, keyed by `externalId`.
 * An omitted field keeps its stored value; an explicit null clears it.
 */
@InputType()
export class CustomerInput {
  @Field(() => String) externalId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => Party, { nullable: true, description: 'Default PERSON.' }) party?: Party | null;
  @Field(() => RelationshipKind, { nullable: true, description: 'Default NON_CONTRACTUAL.' }) relationship?: RelationshipKind | null;
  @Field(() => ChannelRole, { nullable: true, description: 'Default END_CONSUMER.' }) channelRole?: ChannelRole | null;
  @Field(() => Origin, { nullable: true, description: 'Default EXTERNAL.' }) origin?: Origin | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) birthDate?: string | null;
  @Field(() => Gender, { nullable: true }) gender?: Gender | null;
  @Field(() => String, { nullable: true }) incomeBand?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, e.g. "VN".' }) country?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) acquisitionSource?: string | null;
  @Field(() => Float, { nullable: true }) acquisitionCost?: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) acquiredAt?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) contractStartedAt?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) contractEndedAt?: Date | null;
  @Field(() => String, { nullable: true }) churnReason?: string | null;
  @Field(() => ConsentInput, { nullable: true }) consent?: ConsentInput | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the stored traits as a whole.' })
  traits?: Record<string, unknown> | null;
}
