import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ingestOptions } from '../common/ingest-options';
import type { GraphContext } from '../graphql/context';
import { Interaction } from './interaction.entity';
import { InteractionInput } from './interaction.input';
import { recordInteractions } from './interaction-ingest.service';

@ObjectType()
class RecordInteractionsPayload {
  @Field(() => Int) created!: number;
  @Field(() => Int, { description: 'Already recorded with identical content: not counted again.' }) unchanged!: number;
  @Field(() => [Interaction], { description: 'In input order (read only when selected).' }) interactions!: Promise<Interaction[]> | Interaction[];
}

@Resolver()
export class InteractionIngestResolver {
  @Mutation(() => RecordInteractionsPayload, {
    description: 'Records touchpoints for existing customers (by customerExternalId). Idempotent by externalId; all or nothing.',
  })
  async recordInteractions(
    @Arg('input', () => [InteractionInput]) input: InteractionInput[],
    @Ctx() ctx: GraphContext,
  ): Promise<RecordInteractionsPayload> {
    const result = await recordInteractions(ctx.ds, ingestOptions(ctx.config, ctx.now), input);
    // Touched customers get fresh metric values now rather than at the next refresh.
    // The ingest is committed either way; a re-scoring failure is logged and the next refresh catches up.
    await ctx.metrics.rescore(result.touchedCustomerIds).catch((err) => ctx.log.error({ err }, 'metric re-scoring after ingest failed'));
    // Then rule segments, which read the new summaries and values.
    await ctx.segments.afterChange(result.touchedCustomerIds);
    return result;
  }
}
