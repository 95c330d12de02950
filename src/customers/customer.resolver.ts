import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { SortDirection } from '../common/enums';
import type { Connection } from '../graphql/connection.type';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { PageArgs } from '../graphql/page-args';
import { paginate } from '../graphql/paginate';
import { CustomerConnection } from './customer.connection';
import { Customer } from './customer.entity';
import { CustomerFilter } from './customer-filter.input';
import { CustomerOrder, CustomerOrderField } from './customer-order.input';
import { customerQuery, customerSorts } from './customer-query';

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { nullable: true, description: 'One customer by `id` or by `externalId` (exactly one of them).' })
  async customer(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('externalId', () => String, { nullable: true }) externalId: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<Customer | null> {
    if ((id == null) === (externalId == null)) throw badInput('give exactly one of `id` and `externalId`', {}, 'args');
    if (id != null) {
      if (!/^\d{1,15}$/.test(id)) return null;
      return ctx.loaders.customerById.load(Number(id));
    }
    return ctx.ds.getRepository(Customer).findOneBy({ externalId: externalId as string });
  }

  @Query(() => CustomerConnection, { description: 'Customers in a stable keyset order (default: by id ascending). Erased customers are left out unless asked for.' })
  async customers(
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Arg('orderBy', () => CustomerOrder, { nullable: true }) orderBy: CustomerOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Connection<Customer>> {
    const spec = customerSorts[orderBy?.field ?? CustomerOrderField.ID];
    const result = await paginate(customerQuery(ctx.ds, filter), spec, orderBy?.direction ?? SortDirection.ASC, 'c.id', page, ctx.config);
    // Pre-seed the by-id loader so nested fields that look customers up by id do not re-read them.
    for (const e of result.edges) ctx.loaders.customerById.prime(e.node.id, e.node);
    return result;
  }
}
