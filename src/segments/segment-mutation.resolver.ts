import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ingestOptions } from '../common/ingest-options';
import type { GraphContext } from '../graphql/context';
import { Segment } from './segment.entity';
import { SegmentInput } from './segment.input';
import { RemoveSegmentMembersPayload, SegmentMembersPayload } from './segment-members.payload';
import { addSegmentMembers, removeSegmentMembers } from './segment-members.service';
import { deleteSegment, upsertSegment } from './segment.service';
import type { SegmentKeyOwner } from './reserved-segment-key';

/** Keys reserved to the loaded plugins that publish segments. */
const keyOwner = (ctx: GraphContext): SegmentKeyOwner => (key) => ctx.metrics.segmentKeyOwner(key);

@Resolver()
export class SegmentMutationResolver {
  @Mutation(() => Segment, { description: 'Creates a STATIC segment, or renames / re-describes the one with this key. An omitted description is kept, null clears it.' })
  upsertSegment(@Arg('input', () => SegmentInput) input: SegmentInput, @Ctx() ctx: GraphContext): Promise<Segment> {
    return upsertSegment(ctx.ds, ctx.now, input, keyOwner(ctx));
  }

  @Mutation(() => Boolean, { description: 'Deletes a STATIC segment and its memberships (not the customers). NOT_FOUND if there is no such segment.' })
  deleteSegment(@Arg('key', () => String) key: string, @Ctx() ctx: GraphContext): Promise<boolean> {
    return deleteSegment(ctx.ds, key, keyOwner(ctx));
  }

  @Mutation(() => SegmentMembersPayload, { description: 'Adds existing customers (by externalId) to a STATIC segment. Idempotent; all or nothing.' })
  addSegmentMembers(
    @Arg('key', () => String) key: string,
    @Arg('customerExternalIds', () => [String]) customerExternalIds: string[],
    @Ctx() ctx: GraphContext,
  ): Promise<SegmentMembersPayload> {
    return addSegmentMembers(ctx.ds, ingestOptions(ctx.config, ctx.now), key, customerExternalIds, keyOwner(ctx));
  }

  @Mutation(() => RemoveSegmentMembersPayload, { description: 'Removes customers (by externalId) from a STATIC segment. All or nothing; non-members are not an error.' })
  removeSegmentMembers(
    @Arg('key', () => String) key: string,
    @Arg('customerExternalIds', () => [String]) customerExternalIds: string[],
    @Ctx() ctx: GraphContext,
  ): Promise<RemoveSegmentMembersPayload> {
    return removeSegmentMembers(ctx.ds, ingestOptions(ctx.config, ctx.now), key, customerExternalIds, keyOwner(ctx));
  }
}
