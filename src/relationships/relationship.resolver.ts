import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { LinkType } from '../common/enums';
import { Customer } from '../customers/customer.entity';
import type { GraphContext } from '../graphql/context';
import { pageSize } from '../graphql/page-args';
import type { LinkDirection } from './linked-customers.loader';

// Every field goes through the batched loader, so a page of customers costs one statement per field.
const linked = (ctx: GraphContext, c: Customer, type: LinkType, direction: LinkDirection): Promise<Customer[]> =>
  ctx.loaders.linkedCustomers.load({ customerId: c.id, type, direction });

/** Lists are capped like pages (and priced by `first` in the cost limit); walk big ones with `customers(filter: { linkedTo })`. */
const capped = async (ctx: GraphContext, c: Customer, type: LinkType, direction: LinkDirection, first: number | null) =>
  (await linked(ctx, c, type, direction)).slice(0, pageSize(first, ctx.config));

const FIRST = { nullable: true, description: 'At most this many, by id (default and maximum as for pages). For more, use customers(filter: { linkedTo }).' };

@Resolver(() => Customer)
export class RelationshipResolver {
  @FieldResolver(() => Customer, { nullable: true, description: 'Who referred this customer (REFERRED link to it).' })
  async referredBy(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<Customer | null> {
    const [first] = await linked(ctx, c, LinkType.REFERRED, 'IN');
    return first ?? null;
  }

  @FieldResolver(() => [Customer], { description: 'Customers this customer referred (REFERRED links from it).' })
  referrals(@Root() c: Customer, @Arg('first', () => Int, FIRST) first: number | null, @Ctx() ctx: GraphContext): Promise<Customer[]> {
    return capped(ctx, c, LinkType.REFERRED, 'OUT', first);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The organisation this customer is a member of (MEMBER_OF link from it).' })
  async organization(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<Customer | null> {
    const [first] = await linked(ctx, c, LinkType.MEMBER_OF, 'OUT');
    return first ?? null;
  }

  @FieldResolver(() => [Customer], { description: 'Members of this organisation (MEMBER_OF links to it).' })
  members(@Root() c: Customer, @Arg('first', () => Int, FIRST) first: number | null, @Ctx() ctx: GraphContext): Promise<Customer[]> {
    return capped(ctx, c, LinkType.MEMBER_OF, 'IN', first);
  }

  @FieldResolver(() => [Customer], { description: 'Others in the same household (HOUSEHOLD links, either way).' })
  household(@Root() c: Customer, @Arg('first', () => Int, FIRST) first: number | null, @Ctx() ctx: GraphContext): Promise<Customer[]> {
    return capped(ctx, c, LinkType.HOUSEHOLD, 'OUT', first);
  }

  @FieldResolver(() => [Customer], { description: 'Customers this customer buys for (BUYS_FOR links from it).' })
  buysFor(@Root() c: Customer, @Arg('first', () => Int, FIRST) first: number | null, @Ctx() ctx: GraphContext): Promise<Customer[]> {
    return capped(ctx, c, LinkType.BUYS_FOR, 'OUT', first);
  }

  @FieldResolver(() => [Customer], { description: 'Customers who buy for this customer (BUYS_FOR links to it).' })
  buyers(@Root() c: Customer, @Arg('first', () => Int, FIRST) first: number | null, @Ctx() ctx: GraphContext): Promise<Customer[]> {
    return capped(ctx, c, LinkType.BUYS_FOR, 'IN', first);
  }
}
