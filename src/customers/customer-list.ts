import { SortDirection } from '../common/enums';
import type { Connection } from '../graphql/connection.type';
import type { GraphContext } from '../graphql/context';
import type { PageArgs } from '../graphql/page-args';
import { paginate } from '../graphql/paginate';
import type { Customer } from './customer.entity';
import type { CustomerFilter } from './customer-filter.input';
import { type CustomerOrder, CustomerOrderField } from './customer-order.input';
import { customerQuery, customerSorts } from './customer-query';
import { metricOrderedPage } from './metric-ordered-page';
import { badInput } from '../graphql/errors';
import { resolveMetricRuns } from '../metrics/graphql/metric-run-resolution';

/** One keyset page of customers; shared by `customers` and `Segment.members`. */
export async function listCustomers(
  ctx: GraphContext,
  filter: CustomerFilter | null | undefined,
  orderBy: CustomerOrder | null | undefined,
  page: PageArgs,
): Promise<Connection<Customer>> {
  if (orderBy && (orderBy.field == null) === (orderBy.metric == null)) throw badInput('give exactly one of `field` and `metric`', { field: 'orderBy' }, 'args');
  const keys = [
    ...(filter?.metrics ?? []).map((m) => ({ key: m.key, field: 'filter.metrics' })),
    ...(orderBy?.metric ? [{ key: orderBy.metric, field: 'orderBy.metric' }] : []),
  ];
  const runs = await resolveMetricRuns(ctx, keys);
  const direction = orderBy?.direction ?? SortDirection.ASC;
  const result = orderBy?.metric
    ? await metricOrderedPage(ctx.ds, ctx.config, filter, runs, orderBy.metric, direction, page)
    : await paginate(customerQuery(ctx.ds, filter, runs), customerSorts[orderBy?.field ?? CustomerOrderField.ID], direction, 'c.id', page, ctx.config);
  // Prime the by-id loader so nested fields that look customers up by id do not read them again.
  for (const e of result.edges) ctx.loaders.customerById.prime(e.node.id, e.node);
  return result;
}
