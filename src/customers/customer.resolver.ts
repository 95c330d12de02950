import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Connection } from '../graphql/connection.type';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { PageArgs } from '../graphql/page-args';
import { CustomerConnection } from './customer.connection';
import { Customer } from './customer.entity';
import { CustomerFilter } from './customer-filter.input';
import { listCustomers } from './customer-list';
import { CustomerOrder } from './customer-order.input';

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
    return listCustomers(ctx, filter, orderBy, page);
  }
}
