import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Connection } from '../graphql/connection.type';
import type { GraphContext } from '../graphql/context';
import { decodeCursor, encodeCursor } from '../graphql/cursor';
import { toConnection } from '../graphql/connection.type';
import { PageArgs, pageSize } from '../graphql/page-args';
import { InteractionConnection } from '../interactions/interaction.connection';
import type { Interaction } from '../interactions/interaction.entity';
import { InteractionFilter } from '../interactions/interaction-filter.input';
import { Segment } from '../segments/segment.entity';
import { SegmentMembership } from '../segments/segment-membership.type';
import type { Membership } from '../segments/segment.loaders';
import { CustomerSummary } from '../summaries/customer-summary.type';
import { toSqlDate } from '../db/sql-date';
import { Customer } from './customer.entity';

const NEWEST_FIRST = 'OCCURRED_AT:DESC';

/** Per-customer fields, each read through a request-scoped loader so a page costs a fixed number of statements. */
@Resolver(() => Customer)
export class CustomerFieldsResolver {
  @FieldResolver(() => CustomerSummary, { description: 'Behaviour computed from all of the customer\'s interactions.' })
  summary(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<CustomerSummary> {
    return ctx.loaders.summary.load(c.id);
  }

  @FieldResolver(() => InteractionConnection, { description: 'The customer\'s interactions, newest first.' })
  async interactions(
    @Root() c: Customer,
    @Arg('filter', () => InteractionFilter, { nullable: true }) filter: InteractionFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Connection<Interaction>> {
    const first = pageSize(page.first, ctx.config);
    const after = page.after ? decodeCursor(page.after, NEWEST_FIRST) : undefined;
    const rows = first === 0 ? [] : await ctx.loaders.customerInteractions.load({ customerId: c.id, filter, limit: first + 1, after });
    return toConnection(
      rows,
      first,
      (i) => encodeCursor(NEWEST_FIRST, toSqlDate(i.occurredAt), i.id),
      () => ctx.loaders.customerInteractionCount.load({ customerId: c.id, filter }),
    );
  }

  @FieldResolver(() => [Segment], { description: 'Segments the customer belongs to, of every kind, by key.' })
  async segments(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<Segment[]> {
    return (await ctx.loaders.customerMemberships.load(c.id)).map((m) => m.segment);
  }

  @FieldResolver(() => [SegmentMembership], { description: 'Segments the customer belongs to, of every kind, by key, with since when.' })
  segmentMemberships(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<Membership[]> {
    return ctx.loaders.customerMemberships.load(c.id);
  }
}
