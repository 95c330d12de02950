import { Field, Int, ObjectType } from 'type-graphql';
import { Segment } from './segment.entity';

@ObjectType({ description: 'Result of addSegmentMembers.' })
export class SegmentMembersPayload {
  @Field(() => Int, { description: 'Customers newly added.' }) added!: number;
  @Field(() => Int, { description: 'Already members (or repeated in the list): nothing changed.' }) alreadyMembers!: number;
  @Field(() => Segment, { description: 'The segment after the change.' }) segment!: Segment;
}

@ObjectType({ description: 'Result of removeSegmentMembers.' })
export class RemoveSegmentMembersPayload {
  @Field(() => Int, { description: 'Memberships deleted; customers who were not members are not counted.' }) removed!: number;
  @Field(() => Segment, { description: 'The segment after the change.' }) segment!: Segment;
}
