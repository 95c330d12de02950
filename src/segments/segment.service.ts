import type { DataSource, EntityManager } from 'typeorm';
import { writeTransaction } from '../common/concurrent-write';
import { SegmentKind } from '../common/enums';
import { batchError } from '../common/validate-batch';
import { badInput, conflict, notFound } from '../graphql/errors';
import { Segment } from './segment.entity';
import type { SegmentInput } from './segment.input';
import { segmentInputSchema } from './segment-input.schema';
import { reservedKeyError, type SegmentKeyOwner } from './reserved-segment-key';
import { isMysql } from '../db/dialect';
import { defineRuleSegment, type RuleDefinitionContext } from './rules/rule-segment-definition';
import { referencedSegments } from './rules/rule.types';
import type { RuleSegment } from './rules/rule-segments';

const notStatic = (s: Segment) => `segment "${s.key}" is ${s.kind}; ${s.kind === SegmentKind.RULE ? 'its members follow its rule: change the rule instead' : 'only STATIC segments are changed through this API'}`;

/** What a change does to a segment: `grow` adds members; `shrink` removes members or deletes it. */
export type SegmentChange = 'grow' | 'shrink';

/**
 * The STATIC segment named by `key`, or NOT_FOUND, or BAD_USER_INPUT for a segment of another
 * kind. A STATIC segment whose key a plugin has since reserved (it predates the reservation) may
 * only shrink: emptied or deleted, so that the plugin can publish its own segment under the key.
 *
 * The segment row is locked for the caller's transaction (`FOR UPDATE` on MySQL/MariaDB): edits of
 * one segment's members queue behind each other instead of deadlocking over its member rows.
 */
export async function segmentForUpdate(m: EntityManager, key: string, owner: SegmentKeyOwner, change: SegmentChange, kinds: SegmentKind[] = [SegmentKind.STATIC]): Promise<Segment> {
  const mysql = isMysql(m);
  const found = await m.getRepository(Segment).findOne({ where: { key }, ...(mysql ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!found) throw notFound(`no segment has key "${key}"`, { field: 'key' }, 'args');
  const plugin = owner(key);
  if (plugin && found.kind !== SegmentKind.STATIC) throw reservedKeyError(key, plugin, 'args', notStatic(found));
  if (plugin && change === 'grow') {
    throw reservedKeyError(key, plugin, 'args', 'this STATIC segment predates the reservation: its members can be removed and it can be deleted, but none added');
  }
  if (!kinds.includes(found.kind)) throw badInput(notStatic(found), { field: 'key' }, 'args');
  return found;
}

/**
 * Creates a STATIC segment (a RULE segment when the input has a rule, see defineRuleSegment), or
 * updates the name and description of the one with this key. A key reserved to a plugin (see
 * SegmentKeyOwner) is refused, whatever is stored under it.
 */
export async function upsertSegment(ds: DataSource, now: Date, input: SegmentInput, owner: SegmentKeyOwner, rules?: RuleDefinitionContext): Promise<Segment> {
  const r = segmentInputSchema.safeParse(input);
  if (!r.success) throw batchError(r.error.issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message })));
  const v = r.data;
  const plugin = owner(v.key);
  if (plugin) throw reservedKeyError(v.key, plugin, 'input');
  const kind = (await ds.getRepository(Segment).findOne({ select: { kind: true }, where: { key: v.key } }))?.kind;
  if (input.rule || kind === SegmentKind.RULE) {
    if (!rules) throw new Error('rule segments are defined through the server, which keeps them current');
    return defineRuleSegment(ds, now, v, input.rule, rules);
  }
  // A segment created by a concurrent request under the same key is found by the next attempt.
  return writeTransaction(ds, { what: 'segments', field: 'key' }, async (m) => {
    const repo = m.getRepository(Segment);
    const existing = await repo.findOneBy({ key: v.key });
    if (!existing) {
      await repo.insert({ key: v.key, name: v.name, description: v.description ?? null, kind: SegmentKind.STATIC, createdAt: now, updatedAt: now });
      return repo.findOneByOrFail({ key: v.key });
    }
    if (existing.kind !== SegmentKind.STATIC) throw badInput(notStatic(existing), { field: 'key' });
    const description = v.description === undefined ? existing.description : v.description;
    if (existing.name === v.name && existing.description === description) return existing;
    await repo.update({ id: existing.id }, { name: v.name, description, updatedAt: now });
    return repo.findOneByOrFail({ id: existing.id });
  });
}

/**
 * Deletes a STATIC or RULE segment with its memberships, history and rules; CONFLICT while a
 * rule reads it (edit or delete those rules first).
 */
export async function deleteSegment(ds: DataSource, key: string, owner: SegmentKeyOwner, ruleSegments: RuleSegment[]): Promise<boolean> {
  const readers = ruleSegments.filter((s) => s.key !== key && referencedSegments(s.rule).includes(key)).map((s) => s.key);
  if (readers.length) throw conflict(`the rules of segments ${readers.map((k) => `"${k}"`).join(', ')} read segment "${key}"; change or delete them first`, { field: 'key' }, 'args');
  return writeTransaction(ds, { what: 'segments', arg: 'args' }, async (m) => {
    const segment = await segmentForUpdate(m, key, owner, 'shrink', [SegmentKind.STATIC, SegmentKind.RULE]);
    // Explicitly, though the foreign keys cascade: SQLite enforces them only when asked to.
    for (const table of ['segment_member', 'segment_rule', 'segment_size', 'segment_change']) await m.query(`DELETE FROM ${table} WHERE segment_id = ?`, [segment.id]);
    await m.delete(Segment, { id: segment.id });
    return true;
  });
}
