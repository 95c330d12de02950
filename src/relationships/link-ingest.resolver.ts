import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ingestOptions } from '../common/ingest-options';
import type { GraphContext } from '../graphql/context';
import { LinkInput } from './link.input';
import { linkCustomers, unlinkCustomers } from './link.service';

@ObjectType()
class LinkCustomersPayload {
  @Field(() => Int, { description: 'Links stored by this request.' }) created!: number;
  @Field(() => Int, { description: 'Already linked (or repeated in the batch): nothing changed.' }) unchanged!: number;
}

@ObjectType()
class UnlinkCustomersPayload {
  @Field(() => Int, { description: 'Links deleted; links that did not exist are not counted.' }) removed!: number;
}

@Resolver()
export class LinkIngestResolver {
  @Mutation(() => LinkCustomersPayload, {
    description: 'Links existing customers (by externalId). Idempotent; all or nothing. A customer has at most one referrer and one organisation.',
  })
  async linkCustomers(
    @Arg('input', () => [LinkInput]) input: LinkInput[],
    @Ctx() ctx: GraphContext,
  ): Promise<LinkCustomersPayload> {
    const result = await linkCustomers(ctx.ds, ingestOptions(ctx.config, ctx.now), input);
    await ctx.segments.afterChange(result.linkedCustomerIds);
    return result;
  }

  @Mutation(() => UnlinkCustomersPayload, { description: 'Removes links between existing customers. All or nothing; missing links are not an error.' })
  async unlinkCustomers(
    @Arg('input', () => [LinkInput]) input: LinkInput[],
    @Ctx() ctx: GraphContext,
  ): Promise<UnlinkCustomersPayload> {
    const result = await unlinkCustomers(ctx.ds, ingestOptions(ctx.config, ctx.now), input);
    await ctx.segments.afterChange(result.linkedCustomerIds);
    return result;
  }
}
