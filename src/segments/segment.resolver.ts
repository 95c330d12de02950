import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { SegmentKind } from '../common/enums';
import { CustomerConnection } from '../customers/customer.connection';
import type { Customer } from '../customers/customer.entity';
import { CustomerFilter } from '../customers/customer-filter.input';
import { listCustomers } from '../customers/customer-list';
import { CustomerOrder } from '../customers/customer-order.input';
import type { Connection } from '../graphql/connection.type';
import type { GraphContext } from '../graphql/context';
import { PageArgs } from '../graphql/page-args';
import { Segment } from './segment.entity';

@Resolver(() => Segment)
export class SegmentResolver {
  @Query(() => [Segment], { description: 'All segments, optionally of one kind, ordered by key.' })
  segments(
    @Arg('kind', () => SegmentKind, { nullable: true }) kind: SegmentKind | null,
    @Ctx() ctx: GraphContext,
  ): Promise<Segment[]> {
    return ctx.ds.getRepository(Segment).find({ where: kind ? { kind } : {}, order: { key: 'ASC' } });
  }

  @Query(() => Segment, { nullable: true, description: 'One segment by key; null if there is none.' })
  segment(@Arg('key', () => String) key: string, @Ctx() ctx: GraphContext): Promise<Segment | null> {
    return ctx.ds.getRepository(Segment).findOneBy({ key });
  }

  @FieldResolver(() => Int, { description: 'Current members (erased customers not counted).' })
  size(@Root() s: Segment, @Ctx() ctx: GraphContext): Promise<number> {
    return ctx.loaders.segmentSize.load(s.id);
  }

  @FieldResolver(() => CustomerConnection, { description: 'Members of this segment, filtered and paged like `customers`.' })
  async members(
    @Root() s: Segment,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Arg('orderBy', () => CustomerOrder, { nullable: true }) orderBy: CustomerOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Connection<Customer>> {
    // The segment overrides any segmentKeys in the filter: these are its members only.
    return listCustomers(ctx, { ...filter, segmentKeys: [s.key] }, orderBy, page);
  }
}
