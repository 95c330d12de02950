import { In, Like, type EntityManager } from 'typeorm';
import { SegmentKind } from '../../common/enums';
import { Segment } from '../../segments/segment.entity';
import { SegmentMember } from '../../segments/segment-member.entity';
import { bulkInsert } from '../../db/bulk-insert';
import { toSqlDate } from '../../db/sql-date';
import { quoteIdent } from '../../db/sql-text';
import type { MetricPlugin } from '../../plugin-api/plugin.contract';
import type { LoadedPlugin } from '../host/metrics-setup';

/** The start of every segment key plugin `plugin` publishes: `rfm-`. */
export function pluginSegmentPrefix(plugin: string): string {
  return `${plugin}-`;
}

/** `rfm` + "Can't Lose Them" -> `rfm-cant-lose-them`. */
export function pluginSegmentKey(plugin: string, label: string): string {
  return `${pluginSegmentPrefix(plugin)}${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 100);
}

/**
 * The plugin, among `plugins`, that publishes segments (declares `segments`) under keys starting
 * like `key` (`rfm` for `rfm-champions`, or for any `rfm-*` key, published yet or not): such keys
 * are reserved to it. The longest matching name wins.
 */
export function segmentKeyOwner(plugins: readonly Pick<MetricPlugin<unknown>, 'name' | 'segments'>[], key: string): string | undefined {
  let owner: string | undefined;
  for (const p of plugins) {
    if (p.segments && key.startsWith(pluginSegmentPrefix(p.name)) && p.name.length > (owner?.length ?? -1)) owner = p.name;
  }
  return owner;
}

/**
 * Mirrors a plugin's labels (e.g. RFM segment names) into segments of kind PLUGIN, so they are
 * listed, sized, paged and filtered like any other segment. Runs inside the publishing
 * transaction; with `customerIds` it only re-files those customers (after a re-score).
 *
 * A key the plugin publishes may be held by a segment of another kind, created before such keys
 * were reserved (see segmentKeyOwner). A full publish then throws a SEGMENT_KEY_TAKEN error (its
 * message says what to do), so the run fails and nothing of it is served; a re-score skips those
 * labels. Returns the keys skipped so.
 */
export async function syncPluginSegments(m: EntityManager, lp: LoadedPlugin, runId: number, customerIds?: number[]): Promise<string[]> {
  const metricKey = lp.plugin.segments?.metricKey;
  if (!metricKey || customerIds?.length === 0) return [];
  const now = new Date();
  const prefix = pluginSegmentPrefix(lp.plugin.name);
  // After a re-score only these customers' labels can be new: read once, by primary key.
  const relabelled = customerIds ? await labelsOf(m, runId, metricKey, customerIds) : undefined;
  const labels = relabelled?.map((r) => r.label) ?? (await m.query(
    'SELECT DISTINCT label FROM metric_value WHERE run_id = ? AND metric_key = ? AND label IS NOT NULL', [runId, metricKey],
  ) as { label: string }[]).map((r) => r.label);
  const segments = m.getRepository(Segment);
  const existing = await segments.find({ where: { key: Like(`${prefix}%`) } });
  const mine = existing.filter((s) => s.kind === SegmentKind.PLUGIN);
  const missing = [...new Set(labels)].map((label) => ({ label, key: pluginSegmentKey(lp.plugin.name, label) })).filter(({ key }) => !mine.some((s) => s.key === key));
  const taken = existing.filter((s) => s.kind !== SegmentKind.PLUGIN && missing.some(({ key }) => key === s.key));
  if (taken.length && !customerIds) throw segmentKeysTaken(lp.plugin.name, taken);
  for (const { label, key } of missing) {
    if (taken.some((s) => s.key === key)) continue;
    const created = await segments.save(segments.create({
      key, name: label, description: `Computed by plugin ${lp.plugin.name} (${metricKey}).`, kind: SegmentKind.PLUGIN, createdAt: now, updatedAt: now,
    }));
    mine.push(created);
  }
  const skipped = taken.map((s) => s.key);
  if (!mine.length) return skipped;
  const segIds = mine.map((s) => s.id);
  const members = m.getRepository(SegmentMember);
  if (customerIds && relabelled) {
    // A few customers re-filed: their memberships written directly.
    for (let i = 0; i < customerIds.length; i += 500) await members.delete({ segmentId: In(segIds), customerId: In(customerIds.slice(i, i + 500)) });
    const segmentOf = new Map(mine.map((seg) => [seg.name, seg.id]));
    const filed = relabelled.flatMap((r) => (segmentOf.has(r.label) ? [[segmentOf.get(r.label)!, r.customerId, toSqlDate(now)]] : []));
    await bulkInsert(m, 'segment_member', ['segment_id', 'customer_id', 'added_at'], filed, 1000);
    return skipped;
  }
  await members.delete({ segmentId: In(segIds) });
  // One INSERT ... SELECT files every labelled customer under its segment.
  const key = quoteIdent(m.connection, 'key');
  await m.query(
    `INSERT INTO segment_member (segment_id, customer_id, added_at)
     SELECT s.id, mv.customer_id, ? FROM metric_value mv
     JOIN segment s ON s.kind = 'PLUGIN' AND s.name = mv.label AND s.${key} LIKE ?
     WHERE mv.run_id = ? AND mv.metric_key = ?`,
    [toSqlDate(now), `${prefix}%`, runId, metricKey],
  );
  return skipped;
}

/** Why a publish cannot go on: user segments hold keys the plugin publishes, and what to do about it. */
function segmentKeysTaken(plugin: string, taken: Segment[]): Error {
  const which = taken.map((s) => `"${s.key}" (${s.kind})`).join(', ');
  return new Error(
    `SEGMENT_KEY_TAKEN: the refresh of plugin ${plugin} cannot publish its segment${taken.length > 1 ? 's' : ''} ${which}: `
    + `a segment that is not the plugin's holds the key, created before keys starting with "${pluginSegmentPrefix(plugin)}" were reserved for plugin ${plugin}. `
    + 'Delete it with deleteSegment (export its members first if they matter), then refresh again; the previous values stay served meanwhile.',
  );
}

/** The labels of these customers' values (those with one), by primary key, in chunks. */
async function labelsOf(m: EntityManager, runId: number, metricKey: string, customerIds: number[]): Promise<{ customerId: number; label: string }[]> {
  const out: { customerId: number; label: string }[] = [];
  for (let i = 0; i < customerIds.length; i += 1000) {
    const chunk = customerIds.slice(i, i + 1000);
    const rows = await m.query(
      `SELECT customer_id AS cid, label FROM metric_value WHERE run_id = ? AND metric_key = ? AND customer_id IN (${chunk.map(() => '?').join(', ')}) AND label IS NOT NULL`,
      [runId, metricKey, ...chunk],
    ) as { cid: number | string; label: string }[];
    for (const r of rows) out.push({ customerId: Number(r.cid), label: r.label });
  }
  return out;
}
