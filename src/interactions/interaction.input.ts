import { Field, Float, GraphQLISODateTime, InputType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Channel, ContactLevel, InteractionType } from '../common/enums';

/** One touchpoint to record. Immutable once recorded: the same externalId with other content is a conflict. */
@InputType()
export class InteractionInput {
  @Field(() => String) externalId!: string;
  @Field(() => String, { description: 'externalId of an existing customer.' }) customerExternalId!: string;
  @Field(() => GraphQLISODateTime) occurredAt!: Date;
  @Field(() => InteractionType) type!: InteractionType;
  @Field(() => Channel, { nullable: true, description: 'Default OTHER.' }) channel?: Channel | null;
  @Field(() => ContactLevel, { nullable: true }) contactLevel?: ContactLevel | null;
  @Field(() => Float, { nullable: true, description: 'Required for PURCHASE and REFUND; never negative.' }) amount?: number | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217; defaults to the base currency when an amount is given.' })
  currency?: string | null;
  @Field(() => Float, { nullable: true }) margin?: number | null;
  @Field(() => Float, { nullable: true, description: 'Survey expectation score E on any scale from 0 to 100 (e.g. 1-10); use one scale consistently.' }) expectationScore?: number | null;
  @Field(() => Float, { nullable: true, description: 'Survey perception score P, on the same scale as E.' }) perceptionScore?: number | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown> | null;
}
