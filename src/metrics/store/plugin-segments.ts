import { type DataSource, In, Like, type EntityManager } from 'typeorm';
import { SegmentKind } from '../../common/enums';
import { Segment } from '../../segments/segment.entity';
import { SegmentMember } from '../../segments/segment-member.entity';
import { bulkInsert, skipDuplicates } from '../../db/bulk-insert';
import { customerIdRanges } from '../../db/customer-id-ranges';
import { writeTransaction } from '../../common/concurrent-write';
import { toSqlDate } from '../../db/sql-date';
import type { MetricPlugin } from '../../plugin-api/plugin.contract';
import type { LoadedPlugin } from '../host/metrics-setup';
import { quoteIdent } from '../../db/sql-text';

/**
 * Customers per statement when filing or dropping a run's memberships: on SQLite each statement
 * holds the request thread (2,000 customers take about 10 ms).
 */
const FILE_CHUNK = { mysql: 100_000, sqlite: 2_000 };

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
 * listed, sized, paged and filtered like any other segment. Members are filed under the run whose
 * labels they follow, and count once that run is served (see servedMembership): this files every
 * customer of a new run before it is published, in short statements outside any transaction, so
 * that publishing stays a one-row switch however many customers there are.
 *
 * A key the plugin publishes may be held by a segment of another kind, created before such keys
 * were reserved (see segmentKeyOwner): this then throws a SEGMENT_KEY_TAKEN error (its message
 * says what to do), so the run fails and nothing of it is served.
 */
export async function fileRunSegments(ds: DataSource, lp: LoadedPlugin, runId: number): Promise<void> {
  const metricKey = lp.plugin.segments?.metricKey;
  if (!metricKey) return;
  const labels = (await ds.query(
    'SELECT DISTINCT label FROM metric_value WHERE run_id = ? AND metric_key = ? AND label IS NOT NULL', [runId, metricKey],
  ) as { label: string }[]).map((r) => r.label);
  const { mine } = await writeTransaction(ds, { what: 'segments' }, (m) => pluginSegments(m, lp, labels, true));
  if (!mine.length) return;
  const ids = mine.map(() => '?').join(', ');
  // A re-score before the publish may have filed some of these customers already.
  const skip = skipDuplicates(ds.manager, ['segment_id', 'run_id', 'customer_id'], 'segment_member');
  // Those in the same segment under the run served now keep their since-when.
  const [served] = await ds.query('SELECT run_id FROM metric_current WHERE plugin = ?', [lp.plugin.name]) as { run_id: number | string }[];
  for await (const [from, to] of customerIdRanges(ds, FILE_CHUNK)) {
    await ds.query(
      `INSERT INTO segment_member (segment_id, run_id, customer_id, added_at)
       SELECT s.id, mv.run_id, mv.customer_id, COALESCE(p.added_at, ?) FROM metric_value mv JOIN segment s ON s.name = mv.label AND s.id IN (${ids})
       LEFT JOIN segment_member p ON p.segment_id = s.id AND p.run_id = ? AND p.customer_id = mv.customer_id
       WHERE mv.run_id = ? AND mv.metric_key = ? AND mv.customer_id > ? AND mv.customer_id <= ?${skip}`,
      [toSqlDate(new Date()), ...mine.map((s) => s.id), served ? Number(served.run_id) : -1, runId, metricKey, from, to],
    );
  }
}

/**
 * Records who entered and left a plugin's segments between the run it served before and run
 * `runId`, now served (Segment.changes), a customer-id range at a time through the primary key.
 * Nothing for a plugin's first run.
 */
export async function recordRunSegmentChanges(ds: DataSource, plugin: string, runId: number, at = new Date()): Promise<void> {
  const segIds = (await ds.query(`SELECT id, ${quoteIdent(ds, 'key')} AS k, name FROM segment WHERE kind = 'PLUGIN'`) as { id: unknown; k: string; name: string }[])
    .filter((s) => s.k === pluginSegmentKey(plugin, s.name)).map((s) => Number(s.id));
  if (!segIds.length) return;
  const list = segIds.map(() => '?').join(', ');
  const [{ prev }] = await ds.query(`SELECT MAX(run_id) AS prev FROM segment_member WHERE segment_id IN (${list}) AND run_id < ?`, [...segIds, runId]) as { prev: unknown }[];
  if (prev === null || prev === undefined) return;
  const diff = (from: number, to: number, mine: number, other: number, entered: number) => ds.query(
    `INSERT INTO segment_change (segment_id, customer_id, entered, at)
     SELECT n.segment_id, n.customer_id, ${entered}, ? FROM segment_member n
     WHERE n.segment_id IN (${list}) AND n.run_id = ? AND n.customer_id > ? AND n.customer_id <= ?
     AND NOT EXISTS (SELECT 1 FROM segment_member o WHERE o.segment_id = n.segment_id AND o.run_id = ? AND o.customer_id = n.customer_id)`,
    [toSqlDate(at), ...segIds, mine, from, to, other],
  );
  for await (const [from, to] of customerIdRanges(ds, FILE_CHUNK)) {
    await diff(from, to, runId, Number(prev), 1);
    await diff(from, to, Number(prev), runId, 0);
  }
}

/**
 * Re-files customers after a re-score of run `runId`, inside its transaction: only their labels
 * can have changed. Labels whose key a segment of another kind holds are not filed (see
 * fileRunSegments); returns those keys.
 */
export async function refileSegmentMembers(m: EntityManager, lp: LoadedPlugin, runId: number, customerIds: number[]): Promise<string[]> {
  const metricKey = lp.plugin.segments?.metricKey;
  if (!metricKey || !customerIds.length) return [];
  const relabelled = await labelsOf(m, runId, metricKey, customerIds);
  const { mine, skipped } = await pluginSegments(m, lp, relabelled.map((r) => r.label), false);
  if (!mine.length) return skipped;
  const segIds = mine.map((s) => s.id);
  const members = m.getRepository(SegmentMember);
  // Who was where before: those who stay keep their since-when; the others enter or leave. A run
  // not served yet (a refresh catching up) takes since-when from the served run, and its entries
  // and exits are recorded when it is published (recordRunSegmentChanges).
  const [current] = await m.query('SELECT run_id FROM metric_current WHERE plugin = ?', [lp.plugin.name]) as { run_id: number | string }[];
  const served = current ? Number(current.run_id) : -1;
  const before = new Map<string, Date>();
  const since = new Map<string, Date>();
  for (let i = 0; i < customerIds.length; i += 500) {
    const part = customerIds.slice(i, i + 500);
    for (const r of await members.findBy({ segmentId: In(segIds), runId: In([runId, served]), customerId: In(part) })) {
      const k = `${r.segmentId}|${r.customerId}`;
      if (r.runId === runId) before.set(k, r.addedAt);
      if (r.runId === runId || !since.has(k)) since.set(k, r.addedAt);
    }
    await members.delete({ segmentId: In(segIds), runId, customerId: In(part) });
  }
  const segmentOf = new Map(mine.map((seg) => [seg.name, seg.id]));
  const at = new Date();
  const now = toSqlDate(at);
  const filed = relabelled.flatMap((r) => (segmentOf.has(r.label) ? [[segmentOf.get(r.label)!, runId, r.customerId, toSqlDate(since.get(`${segmentOf.get(r.label)}|${r.customerId}`) ?? at)]] : []));
  await bulkInsert(m, 'segment_member', ['segment_id', 'run_id', 'customer_id', 'added_at'], filed, 1000);
  if (runId !== served) return skipped;
  const after = new Set(filed.map(([s, , c]) => `${s}|${c}`));
  const changes = [
    ...filed.filter(([s, , c]) => !before.has(`${s}|${c}`)).map(([s, , c]) => [s, c, 1, now]),
    ...[...before.keys()].filter((k) => !after.has(k)).map((k) => [...k.split('|').map(Number), 0, now]),
  ];
  await bulkInsert(m, 'segment_change', ['segment_id', 'customer_id', 'entered', 'at'], changes, 500);
  return skipped;
}

/**
 * Drops the memberships that runs of `plugin` older than `runId` filed (no longer served), a
 * customer-id range at a time, as dropOlderRunValues does for their values.
 */
export async function dropOlderMemberships(ds: DataSource, plugin: string, runId: number): Promise<void> {
  const segIds = (await ds.query("SELECT id FROM segment WHERE kind = 'PLUGIN'") as { id: number | string }[]).map((r) => Number(r.id));
  if (!segIds.length) return;
  // Run by run, probing the (segment_id, run_id) start of the primary key (a scan of the members took 0.2 s at 100k customers).
  const stale = (await ds.query(
    `SELECT r.id AS id FROM model_run r WHERE r.plugin = ? AND r.id < ?
     AND EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id IN (${segIds.map(() => '?').join(', ')}) AND sm.run_id = r.id)`, [plugin, runId, ...segIds],
  ) as { id: number | string }[]).map((r) => Number(r.id));
  if (!stale.length) return;
  const runs = stale.map(() => '?').join(', ');
  for await (const [from, to] of customerIdRanges(ds, FILE_CHUNK)) {
    await ds.query(`DELETE FROM segment_member WHERE run_id IN (${runs}) AND customer_id > ? AND customer_id <= ?`, [...stale, from, to]);
  }
}

/**
 * The plugin's segments, creating those of `labels` that do not exist yet. Keys held by segments
 * of other kinds throw SEGMENT_KEY_TAKEN when `strict`, else are skipped and returned.
 */
async function pluginSegments(m: EntityManager, lp: LoadedPlugin, labels: string[], strict: boolean): Promise<{ mine: Segment[]; skipped: string[] }> {
  const metricKey = lp.plugin.segments!.metricKey;
  const segments = m.getRepository(Segment);
  const existing = await segments.find({ where: { key: Like(`${pluginSegmentPrefix(lp.plugin.name)}%`) } });
  // Exactly this plugin's: the keys of plugin `rfm-x` start with `rfm-` too.
  const mine = existing.filter((s) => s.kind === SegmentKind.PLUGIN && s.key === pluginSegmentKey(lp.plugin.name, s.name));
  const missing = [...new Set(labels)].map((label) => ({ label, key: pluginSegmentKey(lp.plugin.name, label) })).filter(({ key }) => !mine.some((s) => s.key === key));
  const taken = existing.filter((s) => s.kind !== SegmentKind.PLUGIN && missing.some(({ key }) => key === s.key));
  if (taken.length && strict) throw segmentKeysTaken(lp.plugin.name, taken);
  const now = new Date();
  for (const { label, key } of missing) {
    if (taken.some((s) => s.key === key)) continue;
    mine.push(await segments.save(segments.create({
      key, name: label, description: `Computed by plugin ${lp.plugin.name} (${metricKey}).`, kind: SegmentKind.PLUGIN, createdAt: now, updatedAt: now,
    })));
  }
  return { mine, skipped: taken.map((s) => s.key) };
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
