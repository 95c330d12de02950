import type { DataSource } from 'typeorm';
import { writeTransaction } from '../../common/concurrent-write';
import { SegmentKind } from '../../common/enums';
import { batchError } from '../../common/validate-batch';
import { isMysql } from '../../db/dialect';
import { badInput } from '../../graphql/errors';
import { recordSegmentSizes } from '../history/segment-history';
import { SizeCause } from '../history/segment-size.entity';
import { Segment } from '../segment.entity';
import type { ValidSegmentInput } from '../segment-input.schema';
import { findCycle, type RuleSegments } from './rule-segments';
import { parseRule } from './rule-validation';
import { type Rule, referencedSegments } from './rule.types';
import { SegmentRuleVersion } from './segment-rule.entity';

/** What defining a rule segment needs besides the input. */
export interface RuleDefinitionContext {
  segments: RuleSegments;
  /** The metric keys readers can get now (rules may name only those). */
  metricKeys: ReadonlySet<string>;
  /** Recorded with each version: the caller's key or token subject. */
  createdBy: string;
}

/**
 * Creates a RULE segment, or renames it and (when the rule differs) stores its new rule as the
 * next version. The rule is checked whole first (every problem named by its path, nothing
 * written), then the segment's membership is computed before this returns, together with the
 * rule segments that read it, and their sizes recorded in their history.
 */
export async function defineRuleSegment(ds: DataSource, now: Date, v: ValidSegmentInput, ruleInput: unknown, ctx: RuleDefinitionContext): Promise<Segment> {
  const others = await ds.getRepository(Segment).find({ select: { key: true } });
  let rule: Rule | undefined;
  if (ruleInput !== undefined && ruleInput !== null) {
    const parsed = parseRule(ruleInput, { metricKeys: ctx.metricKeys, segmentKeys: new Set(others.map((s) => s.key).filter((k) => k !== v.key)) });
    if ('problems' in parsed) throw batchError(parsed.problems);
    rule = parsed.rule;
    const cycle = findCycle(v.key, rule, await ctx.segments.ruleSegments());
    if (cycle) throw badInput(`the rule would read itself: ${cycle.join(' -> ')}`, { field: 'rule' });
  }

  const { segment, ruleChanged } = await writeTransaction(ds, { what: 'segments', field: 'key' }, async (m) => {
    const repo = m.getRepository(Segment);
    const existing = await repo.findOne({ where: { key: v.key }, ...(isMysql(m) ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (existing && existing.kind !== SegmentKind.RULE) {
      throw badInput(`segment "${v.key}" is ${existing.kind}; a segment keeps its kind: delete it first, or choose another key`, { field: 'rule' });
    }
    if (!existing && !rule) throw badInput('a new RULE segment needs a rule', { field: 'rule' });
    const description = v.description === undefined ? existing?.description ?? null : v.description;
    const versions = m.getRepository(SegmentRuleVersion);
    if (!existing) {
      await repo.insert({ key: v.key, name: v.name, description, kind: SegmentKind.RULE, ruleVersion: 1, evaluatedAt: null, createdAt: now, updatedAt: now });
      const created = await repo.findOneByOrFail({ key: v.key });
      await versions.insert({ segmentId: created.id, version: 1, rule, createdAt: now, createdBy: ctx.createdBy });
      return { segment: created, ruleChanged: true };
    }
    const current = await versions.findOneBy({ segmentId: existing.id, version: existing.ruleVersion ?? 0 });
    const changed = rule !== undefined && JSON.stringify(rule) !== JSON.stringify(current?.rule);
    const version = changed ? (existing.ruleVersion ?? 0) + 1 : existing.ruleVersion;
    if (changed) await versions.insert({ segmentId: existing.id, version: version!, rule, createdAt: now, createdBy: ctx.createdBy });
    if (changed || existing.name !== v.name || existing.description !== description) {
      await repo.update({ id: existing.id }, { name: v.name, description, ruleVersion: version, updatedAt: now });
    }
    return { segment: await repo.findOneByOrFail({ id: existing.id }), ruleChanged: changed };
  });

  if (!ruleChanged) return segment;
  const all = await ctx.segments.ruleSegments();
  const affected = [segment.key, ...dependents(segment.key, all)];
  await ctx.segments.evaluateAll(affected);
  await recordSegmentSizes(ds, new Date(), SizeCause.RULE_CHANGED, all.filter((s) => affected.includes(s.key)).map((s) => s.id));
  return ds.getRepository(Segment).findOneByOrFail({ id: segment.id });
}

/** The keys of the rule segments that read `key`, directly or through others. */
function dependents(key: string, all: { key: string; rule: Rule }[]): string[] {
  const out = new Set<string>();
  const add = (k: string) => {
    for (const s of all) {
      if (!out.has(s.key) && s.key !== key && referencedSegments(s.rule).includes(k)) {
        out.add(s.key);
        add(s.key);
      }
    }
  };
  add(key);
  return [...out];
}

/**
 * Stores a RULE segment without evaluating it (the demo seed, which runs before the server): the
 * server evaluates rule segments never evaluated when it starts. A key already taken is left as
 * it is (the seed runs again to finish an interrupted run). Throws on an invalid rule.
 */
export async function storeRuleSegment(ds: DataSource, now: Date, input: { key: string; name: string; description: string; rule: unknown }, metricKeys: ReadonlySet<string>): Promise<void> {
  const segmentKeys = new Set((await ds.getRepository(Segment).find({ select: { key: true } })).map((s) => s.key));
  if (segmentKeys.has(input.key)) return;
  const parsed = parseRule(input.rule, { metricKeys, segmentKeys });
  if ('problems' in parsed) throw new Error(`rule of ${input.key}: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  await ds.transaction(async (m) => {
    await m.getRepository(Segment).insert({ key: input.key, name: input.name, description: input.description, kind: SegmentKind.RULE, ruleVersion: 1, evaluatedAt: null, createdAt: now, updatedAt: now });
    const { id } = await m.getRepository(Segment).findOneByOrFail({ key: input.key });
    await m.getRepository(SegmentRuleVersion).insert({ segmentId: id, version: 1, rule: parsed.rule, createdAt: now, createdBy: 'demo seed' });
  });
}
