import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ingestOptions } from '../common/ingest-options';
import type { GraphContext } from '../graphql/context';
import { badInput, notFound } from '../graphql/errors';
import { Customer } from './customer.entity';
import { CustomerInput } from './customer.input';
import { eraseCustomer } from './customer-erasure.service';
import { upsertCustomers } from './customer-ingest.service';

@ObjectType()
class UpsertCustomersPayload {
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int, { description: 'Sent again with the same content: nothing changed.' }) unchanged!: number;
  @Field(() => [Customer], { description: 'In input order (read only when selected).' }) customers!: Promise<Customer[]> | Customer[];
}

@Resolver()
export class CustomerIngestResolver {
  @Mutation(() => UpsertCustomersPayload, {
    description: 'Creates or updates customers by externalId. All or nothing; omitted fields keep their values, null clears them.',
  })
  async upsertCustomers(
    @Arg('input', () => [CustomerInput]) input: CustomerInput[],
    @Ctx() ctx: GraphContext,
  ): Promise<UpsertCustomersPayload> {
    const result = await upsertCustomers(ctx.ds, ingestOptions(ctx.config, ctx.now), input);
    // Metrics read the customer's type fields, contract dates and traits: new customers and those changed are re-scored now.
    await ctx.metrics.rescore(result.rescoreCustomerIds).catch((err) => ctx.log.error({ err }, 'metric re-scoring after upsert failed'));
    // Rules read every field (country, consent...), not only those metrics read.
    await ctx.segments.afterChange(result.changedCustomerIds);
    return result;
  }

  @Mutation(() => Customer, {
    description: 'Erases the personal data of a customer (see the README): the record stays as an anonymous tombstone so aggregates stay true.',
  })
  async deleteCustomer(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('externalId', () => String, { nullable: true }) externalId: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<Customer> {
    if ((id == null) === (externalId == null)) throw badInput('give exactly one of `id` and `externalId`', {}, 'args');
    const repo = ctx.ds.getRepository(Customer);
    const found = id != null
      ? /^\d{1,15}$/.test(id) ? await repo.findOneBy({ id: Number(id) }) : null
      : await repo.findOneBy({ externalId: externalId as string });
    const field = id != null ? 'id' : 'externalId';
    if (!found || found.erasedAt) throw notFound('no such customer (or already erased)', { field }, 'args');
    const erased = await eraseCustomer(ctx.ds, found.id, ctx.now, field);
    // An erased customer leaves every rule segment (and counts in no segment's size meanwhile).
    await ctx.segments.afterChange([found.id]);
    return erased;
  }
}
