import { Arg, Args, Ctx, FieldResolver, GraphQLISODateTime, Int, Resolver, Root } from 'type-graphql';
import { ConnectionType, type Connection } from '../../graphql/connection.type';
import type { GraphContext } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import { toSqlDate } from '../../db/sql-date';
import { SortDirection } from '../../common/enums';
import { PageArgs } from '../../graphql/page-args';
import { paginate } from '../../graphql/paginate';
import { Segment } from '../segment.entity';
import { SegmentChange } from './segment-change.entity';
import { SegmentChangeCounts } from './segment-change-counts';
import { SegmentSize } from './segment-size.entity';

export const SegmentChangeConnection = ConnectionType(SegmentChange, 'SegmentChange');

const HISTORY_MAX = 1000;

/** How a segment moved: its size at each refresh, and who entered and left. */
@Resolver(() => Segment)
export class SegmentHistoryResolver {
  @FieldResolver(() => [SegmentSize], {
    description: `The segment's size recorded after each metric refresh (and each change of its rule), oldest first: the last \`last\` points (default 100, at most ${HISTORY_MAX}) in [from, to).`,
  })
  history(
    @Root() s: Segment,
    @Arg('from', () => GraphQLISODateTime, { nullable: true }) from: Date | null,
    @Arg('to', () => GraphQLISODateTime, { nullable: true }) to: Date | null,
    @Arg('last', () => Int, { defaultValue: 100 }) last: number,
    @Ctx() ctx: GraphContext,
  ): Promise<SegmentSize[]> {
    if (last < 0 || last > HISTORY_MAX) throw badInput(`must be between 0 and ${HISTORY_MAX}`, { field: 'last' }, 'args');
    if (last === 0) return Promise.resolve([]);
    return ctx.loaders.segmentHistory.load({ segmentId: s.id, from, to, last });
  }

  @FieldResolver(() => SegmentChangeCounts, { description: 'How many customers entered and left since a time (the changes kept SEGMENT_CHANGES_RETENTION_DAYS days), counted in the database.' })
  changeCounts(@Root() s: Segment, @Arg('since', () => GraphQLISODateTime) since: Date, @Ctx() ctx: GraphContext): Promise<SegmentChangeCounts> {
    return ctx.loaders.segmentChangeCounts.load({ segmentId: s.id, since });
  }

  @FieldResolver(() => SegmentChangeConnection, {
    description: 'Customers who entered or left since a time, oldest first (STATIC and RULE segments; kept SEGMENT_CHANGES_RETENTION_DAYS days). Page with `after` to follow a segment.',
  })
  changes(
    @Root() s: Segment,
    @Arg('since', () => GraphQLISODateTime) since: Date,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Connection<SegmentChange>> {
    const qb = ctx.ds.getRepository(SegmentChange).createQueryBuilder('sc')
      .where('sc.segmentId = :segmentId AND sc.at >= :since', { segmentId: s.id, since: toSqlDate(since) });
    return paginate(qb, { key: 'AT', column: 'sc.at', nullable: false, value: (r) => toSqlDate(r.at) }, SortDirection.ASC, 'sc.id', page, ctx.config);
  }
}
