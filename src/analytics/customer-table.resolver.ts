import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { CustomerFilter } from '../customers/customer-filter.input';
import { customerQuery } from '../customers/customer-query';
import { PageInfo } from '../graphql/connection.type';
import type { GraphContext } from '../graphql/context';
import { decodeCursor, encodeCursor } from '../graphql/cursor';
import { badInput } from '../graphql/errors';
import { resolveMetricRuns } from '../metrics/graphql/metric-run-resolution';
import { customerTablePage, tableColumns } from './customer-table';

export const TABLE_PAGE_MAX = 5000;
const CURSOR_KEY = 'TABLE';

@ObjectType({ description: 'A page of the flat customer table: one object per customer whose keys are `columns`, in id order.' })
export class CustomerTable {
  @Field(() => [String], { description: 'The columns of every row, in order.' }) columns!: string[];
  @Field(() => [GraphQLJSONObject], { description: 'One flat object per customer: numbers, texts, booleans, ISO-8601 times or null.' }) rows!: Record<string, unknown>[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Customers that pass the filter, across all pages (counted only when asked for).' }) totalCount!: number;
}

@Resolver()
export class CustomerTableResolver {
  @Query(() => CustomerTable, {
    description: 'The customer table for BI tools: one flat row per customer with the columns asked for (default: every customer field and summary figure the caller may read, '
      + '`metrics.<key>` for every served metric and `labels.<key>` for labelled ones; `traits.<key>` on request). Keyset-paginated by id at the same cost on every page: '
      + `pass \`pageInfo.endCursor\` as \`after\`. \`first\` defaults to 500, at most ${TABLE_PAGE_MAX}.`,
  })
  async customerTable(
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Arg('columns', () => [String], { nullable: true }) columns: string[] | null,
    @Arg('first', () => Int, { defaultValue: 500 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<CustomerTable> {
    if (first < 0 || first > TABLE_PAGE_MAX) throw badInput(`must be between 0 and ${TABLE_PAGE_MAX}`, { field: 'first' }, 'args');
    const chosen = tableColumns(ctx.metrics.setup, columns, ctx.caller, ctx.config.auth.piiKeys);
    const metricRuns = await resolveMetricRuns(ctx, (filter?.metrics ?? []).map((m) => ({ key: m.key, field: 'filter.metrics' })));
    const afterId = after ? decodeCursor(after, CURSOR_KEY).id : 0;
    const page = await customerTablePage({ ds: ctx.ds, config: ctx.config, loaders: ctx.loaders, metricRuns }, filter, chosen, afterId, first);
    const endCursor = page.lastId === null ? null : encodeCursor(CURSOR_KEY, page.lastId, page.lastId);
    return {
      columns: chosen,
      rows: page.rows,
      pageInfo: { hasNextPage: page.hasNext, hasPreviousPage: false, startCursor: null, endCursor },
      get totalCount() {
        return customerQuery(ctx.ds, filter, metricRuns).getCount() as unknown as number;
      },
    };
  }
}
