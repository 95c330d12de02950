import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { Segment } from './segment.entity';

@ObjectType({ description: 'A customer\'s membership of a segment.' })
export class SegmentMembership {
  @Field(() => Segment) segment!: Segment;
  @Field(() => GraphQLISODateTime, { description: 'When the customer entered: added to a STATIC list, matched a RULE, or (PLUGIN segments) was filed by the run now served or re-scored into it since.' })
  since!: Date;
}
