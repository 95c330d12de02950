import { createHash } from 'node:crypto';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { dbNowMs, forUpdate } from '../../cluster/db-clock';
import type { Lease } from '../../cluster/lease';
import { isUniqueViolation } from '../../db/unique-violation';
import type { LoadedPlugin } from '../host/metrics-setup';
import { producedKeys } from '../host/provider-key';
import { ModelRun, RunStatus } from '../store/model-run.entity';
import { RefreshRequest, RequestStatus } from './refresh-request.entity';

/** A request's runs, the latest of each plugin (a retried request has a failed run and a new one). */
export interface RequestOutcome {
  finished: boolean;
  runs: ModelRun[];
}

const nowMs = async (m: EntityManager): Promise<number> => Number(((await m.query(`SELECT ${dbNowMs(m)} AS now`)) as { now: number | string }[])[0]!.now);

/** What identifies a run's plugin: its name, version and the keys it produces. */
type RunPlugin = Pick<ModelRun, 'plugin' | 'version' | 'kinds'>;

const runPluginOf = (lp: LoadedPlugin): RunPlugin => ({ plugin: lp.plugin.name, version: lp.plugin.version, kinds: producedKeys(lp.plugin.provides).join(',') });

function newRun(of: RunPlugin, asOf: Date, requestId: number): Partial<ModelRun> {
  return {
    plugin: of.plugin, version: of.version, kinds: of.kinds, asOf, requestId,
    params: null, diagnostics: null, customersScored: 0, customersFailed: 0, durationMs: null,
    status: RunStatus.QUEUED, error: null, startedAt: new Date(), finishedAt: null,
  };
}

/**
 * Queues a refresh of `plugins` with a QUEUED run each, or joins an identical request that has
 * not started yet (same plugins, same observation end or both "as of now"): twenty identical
 * requests from any replicas are one refresh. A unique key on the waiting request's signature
 * settles races between replicas. With `mayQueue` false, only joining is allowed: null if there
 * is nothing to join.
 */
export async function requestRefresh(
  ds: DataSource, plugins: LoadedPlugin[], asOf: Date, asOfNow: boolean, mayQueue = true,
): Promise<{ id: number; runs: ModelRun[]; joined: boolean } | null> {
  const names = plugins.map((lp) => lp.plugin.name);
  const pendingKey = createHash('sha256').update(`${asOfNow ? 'now' : asOf.toISOString()}|${[...names].sort().join(',')}`).digest('hex');
  for (let attempt = 0; ; attempt += 1) {
    const waiting = await ds.getRepository(RefreshRequest).findOne({ select: { id: true }, where: { pendingKey } });
    if (waiting) return { id: waiting.id, runs: (await requestOutcome(ds, waiting.id)).runs, joined: true };
    if (!mayQueue) return null;
    try {
      return await ds.transaction(async (m) => {
        const request = await m.save(RefreshRequest, {
          plugins: names.join(','), asOf, asOfNow, pendingKey, status: RequestStatus.QUEUED, attempts: 0,
          claimedBy: null, claimedToken: null, requestedAtMs: await nowMs(m), finishedAtMs: null,
        });
        const runs: ModelRun[] = [];
        for (const lp of plugins) runs.push(await m.save(ModelRun, newRun(runPluginOf(lp), asOf, request.id)));
        return { id: request.id, runs, joined: false };
      });
    } catch (err) {
      // Another replica queued the same refresh a moment ago: join it (it may also have started already).
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

/**
 * Claims the oldest request that has waited at least `minAgeMs` (so that identical requests
 * arriving together join it first), under the lease: throws StaleLeaderError if this replica no
 * longer holds it.
 */
export function claimNextRequest(ds: DataSource, lease: Lease, minAgeMs: number): Promise<RefreshRequest | null> {
  return ds.transaction(async (m) => {
    await lease.fence(m);
    const [row] = await m.query(
      `SELECT id FROM refresh_request WHERE status = ? AND requested_at_ms <= ${dbNowMs(m)} - ? ORDER BY id LIMIT 1${forUpdate(m)}`, [RequestStatus.QUEUED, minAgeMs],
    ) as { id: number | string }[];
    if (!row) return null;
    const id = Number(row.id);
    await m.update(RefreshRequest, { id }, { status: RequestStatus.RUNNING, pendingKey: null, claimedBy: lease.owner, claimedToken: lease.fencingToken, attempts: () => 'attempts + 1' });
    return m.findOneByOrFail(RefreshRequest, { id });
  });
}

/** The request's runs still to run (QUEUED). */
export function queuedRuns(ds: DataSource, requestId: number): Promise<ModelRun[]> {
  return ds.getRepository(ModelRun).find({ where: { requestId, status: RunStatus.QUEUED }, order: { id: 'ASC' } });
}

/** Marks a request this replica ran as done, under the lease (a successor's recovery handles it otherwise). */
export async function finishRequest(ds: DataSource, lease: Lease, request: RefreshRequest): Promise<void> {
  await ds.transaction(async (m) => {
    await lease.fence(m, request.claimedToken);
    await m.update(RefreshRequest, { id: request.id }, { status: RequestStatus.DONE, finishedAtMs: await nowMs(m) });
  });
}

/** Whether the request is over, and the latest run of each of its plugins, in the order they were queued. */
export async function requestOutcome(ds: DataSource, id: number): Promise<RequestOutcome> {
  const request = await ds.getRepository(RefreshRequest).findOne({ select: { id: true, status: true }, where: { id } });
  const all = await ds.getRepository(ModelRun).find({ where: { requestId: id }, order: { id: 'ASC' } });
  const latest = new Map<string, ModelRun>();
  for (const run of all) latest.set(run.plugin, run);
  const order = [...new Set(all.map((r) => r.plugin))];
  return { finished: request?.status === RequestStatus.DONE || request?.status === RequestStatus.FAILED, runs: order.map((p) => latest.get(p)!) };
}

/**
 * Run by a replica that has just taken the lease: requests claimed under an earlier token were
 * left by a leader that stopped or lost the lease mid-run. Their unfinished runs are marked FAILED
 * (their partial values were never served); if the request has been started fewer than
 * `maxAttempts` times it is queued again, with new runs for every plugin it has not refreshed,
 * else it is FAILED. The old leader, if it still runs, cannot publish: its token is stale.
 */
export async function recoverInterrupted(ds: DataSource, lease: Lease, maxAttempts: number, setupPlugin: (name: string) => LoadedPlugin | undefined): Promise<{ retried: number; failed: number }> {
  return ds.transaction(async (m) => {
    await lease.fence(m);
    const stale = await m.getRepository(RefreshRequest).createQueryBuilder('r')
      .where('r.status = :running AND (r.claimed_token IS NULL OR r.claimed_token < :token)', { running: RequestStatus.RUNNING, token: lease.fencingToken })
      .getMany();
    let retried = 0;
    for (const request of stale) {
      const runs = await m.find(ModelRun, { where: { requestId: request.id }, order: { id: 'ASC' } });
      const latest = [...new Map(runs.map((r) => [r.plugin, r])).values()];
      const retry = request.attempts < maxAttempts;
      const error = `interrupted: the replica running it (${request.claimedBy ?? 'unknown'}) stopped or lost the refresh lease; ${retry ? 'queued again' : `gave up after ${request.attempts} attempts`}`;
      const finishedAt = new Date();
      for (const run of latest.filter((r) => r.status === RunStatus.QUEUED || r.status === RunStatus.RUNNING)) {
        await m.update(ModelRun, { id: run.id }, { status: RunStatus.FAILED, error, finishedAt });
      }
      if (retry) {
        // Every plugin the request has not refreshed yet, including one whose run failed before the leader was lost.
        for (const run of latest.filter((r) => r.status !== RunStatus.SUCCEEDED && r.status !== RunStatus.SKIPPED)) {
          // The loaded version when this replica has the plugin; else the old run's (its leader then fails it, saying why).
          const lp = setupPlugin(run.plugin);
          await m.save(ModelRun, newRun(lp ? runPluginOf(lp) : run, request.asOf, request.id));
        }
        retried += 1;
      }
      await m.update(RefreshRequest, { id: request.id }, retry
        ? { status: RequestStatus.QUEUED, claimedBy: null, claimedToken: null }
        : { status: RequestStatus.FAILED, finishedAtMs: await nowMs(m) });
    }
    return { retried, failed: stale.length - retried };
  });
}

/**
 * Under the lease: whether a scheduled refresh is due, `intervalMs` after the last one by the
 * database's clock (kept on the lease row, so the schedule survives a change of leader). The
 * first leader only starts the clock.
 */
export function scheduledRefreshDue(ds: DataSource, lease: Lease, intervalMs: number): Promise<boolean> {
  return ds.transaction(async (m) => {
    await lease.fence(m);
    const [row] = await m.query(`SELECT scheduled_at_ms AS last, ${dbNowMs(m)} AS now FROM refresh_lease WHERE name = ?`, [lease.name]) as { last: number | string; now: number | string }[];
    const last = Number(row!.last);
    const now = Number(row!.now);
    if (last > 0 && now - last < intervalMs) return false;
    await m.query('UPDATE refresh_lease SET scheduled_at_ms = ? WHERE name = ?', [String(now), lease.name]);
    return last > 0;
  });
}

/** Plugins with a run queued or running, so that a new leader does not queue them again on startup. */
export async function pluginsInFlight(ds: DataSource): Promise<Set<string>> {
  const runs = await ds.getRepository(ModelRun).find({ select: { plugin: true }, where: { status: In([RunStatus.QUEUED, RunStatus.RUNNING]) } });
  return new Set(runs.map((r) => r.plugin));
}
