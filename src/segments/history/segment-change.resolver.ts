import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Customer } from '../../customers/customer.entity';
import type { GraphContext } from '../../graphql/context';
import { SegmentChange } from './segment-change.entity';

@Resolver(() => SegmentChange)
export class SegmentChangeResolver {
  @FieldResolver(() => Customer, { description: 'Who entered or left (an erased customer reads as its tombstone).' })
  async customer(@Root() c: SegmentChange, @Ctx() ctx: GraphContext): Promise<Customer> {
    return (await ctx.loaders.customerById.load(c.customerId))!;
  }
}
