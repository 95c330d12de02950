import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ingestOptions } from '../common/ingest-options';
import type { GraphContext } from '../graphql/context';
import { servedMetricKeys } from '../metrics/host/metric-sources';
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
  @Mutation(() => Segment, {
    description: 'Creates a segment, or renames / re-describes the one with this key (an omitted description is kept, null clears it). '
      + 'With a `rule`, a RULE segment whose members the server keeps current (computed before this returns); a changed rule is a new version. Without, a STATIC list.',
  })
  upsertSegment(@Arg('input', () => SegmentInput) input: SegmentInput, @Ctx() ctx: GraphContext): Promise<Segment> {
    return upsertSegment(ctx.ds, ctx.now, input, keyOwner(ctx), {
      segments: ctx.segments, metricKeys: new Set(servedMetricKeys(ctx.metrics.setup)), createdBy: ctx.caller.label,
    });
  }

  @Mutation(() => Boolean, { description: 'Deletes a STATIC or RULE segment with its memberships and history (not the customers). NOT_FOUND if there is no such segment; CONFLICT while another segment\'s rule reads it.' })
  async deleteSegment(@Arg('key', () => String) key: string, @Ctx() ctx: GraphContext): Promise<boolean> {
    return deleteSegment(ctx.ds, key, keyOwner(ctx), await ctx.segments.ruleSegments());
  }

  @Mutation(() => SegmentMembersPayload, { description: 'Adds existing customers (by externalId) to a STATIC segment. Idempotent; all or nothing.' })
  async addSegmentMembers(
    @Arg('key', () => String) key: string,
    @Arg('customerExternalIds', () => [String]) customerExternalIds: string[],
    @Ctx() ctx: GraphContext,
  ): Promise<SegmentMembersPayload> {
    const result = await addSegmentMembers(ctx.ds, ingestOptions(ctx.config, ctx.now), key, customerExternalIds, keyOwner(ctx));
    await ctx.segments.afterChange(result.changedCustomerIds);
    return result;
  }

  @Mutation(() => RemoveSegmentMembersPayload, { description: 'Removes customers (by externalId) from a STATIC segment. All or nothing; non-members are not an error.' })
  async removeSegmentMembers(
    @Arg('key', () => String) key: string,
    @Arg('customerExternalIds', () => [String]) customerExternalIds: string[],
    @Ctx() ctx: GraphContext,
  ): Promise<RemoveSegmentMembersPayload> {
    const result = await removeSegmentMembers(ctx.ds, ingestOptions(ctx.config, ctx.now), key, customerExternalIds, keyOwner(ctx));
    await ctx.segments.afterChange(result.changedCustomerIds);
    return result;
  }
}
