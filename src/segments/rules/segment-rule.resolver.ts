import { GraphQLJSON } from 'graphql-scalars';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphContext } from '../../graphql/context';
import { Segment } from '../segment.entity';
import type { Rule } from './rule.types';
import { SegmentRuleVersion } from './segment-rule.entity';

/** A RULE segment's rule, its version and the versions before it. */
@Resolver(() => Segment)
export class SegmentRuleResolver {
  @FieldResolver(() => GraphQLJSON, { nullable: true, description: 'RULE segments: the rule in force, in the shape of SegmentRuleInput; null for other kinds.' })
  async rule(@Root() s: Segment, @Ctx() ctx: GraphContext): Promise<Rule | null> {
    if (s.ruleVersion === null) return null;
    return (await ctx.loaders.segmentRuleVersions.load(s.id)).find((v) => v.version === s.ruleVersion)?.rule ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'RULE segments: the version of the rule in force (1 for the first).' })
  ruleVersion(@Root() s: Segment): number | null {
    return s.ruleVersion;
  }

  @FieldResolver(() => [SegmentRuleVersion], { description: 'RULE segments: every version of the rule, newest first; empty for other kinds.' })
  ruleVersions(@Root() s: Segment, @Ctx() ctx: GraphContext): Promise<SegmentRuleVersion[]> | SegmentRuleVersion[] {
    return s.ruleVersion === null ? [] : ctx.loaders.segmentRuleVersions.load(s.id);
  }
}
