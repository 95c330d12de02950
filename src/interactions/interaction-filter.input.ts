import { Field, InputType, registerEnumType } from 'type-graphql';
import { Channel, ContactLevel, InteractionType, SortDirection } from '../common/enums';
import { DateRange } from '../common/date-range.input';

/** All given conditions must hold; list-valued ones match any of their values. */
@InputType()
export class InteractionFilter {
  @Field(() => [InteractionType], { nullable: true }) types?: InteractionType[] | null;
  @Field(() => [Channel], { nullable: true }) channels?: Channel[] | null;
  @Field(() => [ContactLevel], { nullable: true }) contactLevels?: ContactLevel[] | null;
  @Field(() => DateRange, { nullable: true }) occurredAt?: DateRange | null;
  @Field(() => [String], { nullable: true, description: 'ISO 4217 codes.' }) currencies?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only interactions with both survey scores.' }) scored?: boolean | null;
}

@InputType({ description: 'Filter for the top-level `interactions` list: adds which customers.' })
export class InteractionListFilter extends InteractionFilter {
  @Field(() => [String], { nullable: true }) customerExternalIds?: string[] | null;
}

export enum InteractionOrderField { OCCURRED_AT = 'OCCURRED_AT', ID = 'ID', AMOUNT = 'AMOUNT' }
registerEnumType(InteractionOrderField, { name: 'InteractionOrderField', description: 'Ties are broken by id.' });

@InputType()
export class InteractionOrder {
  @Field(() => InteractionOrderField) field!: InteractionOrderField;
  @Field(() => SortDirection, { nullable: true, description: 'Default DESC for OCCURRED_AT and AMOUNT, ASC for ID.' })
  direction?: SortDirection | null;
}
