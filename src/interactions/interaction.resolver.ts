import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { SortDirection } from '../common/enums';
import { Customer } from '../customers/customer.entity';
import type { Connection } from '../graphql/connection.type';
import type { GraphContext } from '../graphql/context';
import { PageArgs } from '../graphql/page-args';
import { paginate } from '../graphql/paginate';
import { InteractionConnection } from './interaction.connection';
import { Interaction } from './interaction.entity';
import { InteractionListFilter, InteractionOrder, InteractionOrderField } from './interaction-filter.input';
import { applyInteractionFilter, interactionSort } from './interaction-query';

@Resolver(() => Interaction)
export class InteractionResolver {
  @Query(() => InteractionConnection, { description: 'All interactions in a stable keyset order (default: newest first).' })
  async interactions(
    @Arg('filter', () => InteractionListFilter, { nullable: true }) filter: InteractionListFilter | null,
    @Arg('orderBy', () => InteractionOrder, { nullable: true }) orderBy: InteractionOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Connection<Interaction>> {
    const field = orderBy?.field ?? InteractionOrderField.OCCURRED_AT;
    const direction = orderBy?.direction ?? (field === InteractionOrderField.ID ? SortDirection.ASC : SortDirection.DESC);
    const qb = ctx.ds.getRepository(Interaction).createQueryBuilder('i');
    applyInteractionFilter(qb, 'i', filter);
    if (filter?.customerExternalIds) {
      qb.andWhere(
        filter.customerExternalIds.length
          ? 'i.customerId IN (SELECT c.id FROM customer c WHERE c.external_id IN (:...customerExternalIds))'
          : '1 = 0',
        { customerExternalIds: filter.customerExternalIds },
      );
    }
    return paginate(qb, interactionSort(field, 'i'), direction, 'i.id', page, ctx.config);
  }

  @FieldResolver(() => Customer)
  async customer(@Root() i: Interaction, @Ctx() ctx: GraphContext): Promise<Customer> {
    const c = await ctx.loaders.customerById.load(i.customerId);
    if (!c) throw new Error(`interaction ${i.id} points at missing customer ${i.customerId}`);
    return c;
  }
}
