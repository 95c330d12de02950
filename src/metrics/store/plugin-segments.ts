import { In, type EntityManager } from 'typeorm';
import { SegmentKind } from '../../common/enums';
import { Segment } from '../../segments/segment.entity';
import { SegmentMember } from '../../segments/segment-member.entity';
import { bulkInsert } from '../../db/bulk-insert';
import { toSqlDate } from '../../db/sql-date';
import { quoteIdent } from '../../db/sql-text';
import type { LoadedPlugin } from '../host/metrics-setup';

/** `rfm` + "Can't Lose Them" -> `rfm-cant-lose-them`. */
export function pluginSegmentKey(plugin: string, label: string): string {
  return `${plugin}-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 100);
}

/**
 * Mirrors a plugin's labels (e.g. RFM segment names) into segments of kind PLUGIN, so they are
 * listed, sized, paged and filtered like any other segment. Runs inside the publishing
 * transaction; with `customerIds` it only re-files those customers (after a re-score).
 */
export async function syncPluginSegments(m: EntityManager, lp: LoadedPlugin, runId: number, customerIds?: number[]): Promise<void> {
  const metricKey = lp.plugin.segments?.metricKey;
  if (!metricKey || customerIds?.length === 0) return;
  const now = new Date();
  // After a re-score only these customers' labels can be new: read once, by primary key.
  const relabelled = customerIds ? await labelsOf(m, runId, metricKey, customerIds) : undefined;
  const labels = relabelled?.map((r) => r.label) ?? (await m.query(
    'SELECT DISTINCT label FROM metric_value WHERE run_id = ? AND metric_key = ? AND label IS NOT NULL', [runId, metricKey],
  ) as { label: string }[]).map((r) => r.label);
  const segments = m.getRepository(Segment);
  const existing = await segments.find({ where: { kind: SegmentKind.PLUGIN } });
  const mine = existing.filter((s) => s.key.startsWith(`${lp.plugin.name}-`));
  for (const label of new Set(labels)) {
    const key = pluginSegmentKey(lp.plugin.name, label);
    if (!mine.some((s) => s.key === key)) {
      const created = await segments.save(segments.create({
        key, name: label, description: `Computed by plugin ${lp.plugin.name} (${metricKey}).`, kind: SegmentKind.PLUGIN, createdAt: now, updatedAt: now,
      }));
      mine.push(created);
    }
  }
  if (!mine.length) return;
  const segIds = mine.map((s) => s.id);
  const members = m.getRepository(SegmentMember);
  if (customerIds && relabelled) {
    // A few customers re-filed: their memberships written directly.
    for (let i = 0; i < customerIds.length; i += 500) await members.delete({ segmentId: In(segIds), customerId: In(customerIds.slice(i, i + 500)) });
    const segmentOf = new Map(mine.map((seg) => [seg.name, seg.id]));
    const filed = relabelled.flatMap((r) => (segmentOf.has(r.label) ? [[segmentOf.get(r.label)!, r.customerId, toSqlDate(now)]] : []));
    await bulkInsert(m, 'segment_member', ['segment_id', 'customer_id', 'added_at'], filed, 1000);
    return;
  }
  await members.delete({ segmentId: In(segIds) });
  // One INSERT ... SELECT files every labelled customer under its segment.
  const key = quoteIdent(m.connection, 'key');
  await m.query(
    `INSERT INTO segment_member (segment_id, customer_id, added_at)
     SELECT s.id, mv.customer_id, ? FROM metric_value mv
     JOIN segment s ON s.kind = 'PLUGIN' AND s.name = mv.label AND s.${key} LIKE ?
     WHERE mv.run_id = ? AND mv.metric_key = ?`,
    [toSqlDate(now), `${lp.plugin.name}-%`, runId, metricKey],
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
