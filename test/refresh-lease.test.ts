import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { Lease, StaleLeaderError } from '../src/cluster/lease';
import { createLogger } from '../src/common/logger';
import { createMetricsRuntime, loadMetricsSetup } from '../src/metrics/host/create-metrics-runtime';
import { REFRESH_LEASE } from '../src/metrics/queue/refresh-coordinator';
import { claimNextRequest, recoverInterrupted, requestRefresh, scheduledRefreshDue } from '../src/metrics/queue/refresh-requests';
import { RefreshRequest, RequestStatus } from '../src/metrics/queue/refresh-request.entity';
import { ModelRun, RunStatus } from '../src/metrics/store/model-run.entity';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// The refresh lease and the queue of refresh requests in the database, within one process: the
// multi-process behaviour (leader election, kill -9, fencing of a paused leader) is in replicas.test.ts.

let app: TestApp;
const lease = (owner: string, ttlMs = 400) => new Lease(app.ds, REFRESH_LEASE, owner, ttlMs);
const plugin = (name: string) => app.metrics.plugin(name)!;

beforeAll(async () => {
  // slow-clv's fit takes 400 ms: long enough to take its lease away mid-run.
  app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['rate-clv', 'slow-clv'], select: { clv: 'rate-clv' }, options: { 'slow-clv': { fitMillis: 400 } } }) });
  const post = async (query: string) => (await fetch(app.url, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` }, body: JSON.stringify({ query }),
  })).json();
  expect(await post('mutation { upsertCustomers(input: [{ externalId: "l1" }, { externalId: "l2" }]) { created } }')).toMatchObject({ data: { upsertCustomers: { created: 2 } } });
  expect(await post(`mutation { recordInteractions(input: [
      { externalId: "p1", customerExternalId: "l1", type: PURCHASE, occurredAt: "2026-01-02T00:00:00Z", amount: 10 },
      { externalId: "p2", customerExternalId: "l2", type: PURCHASE, occurredAt: "2026-02-02T00:00:00Z", amount: 20 }]) { created } }`)).toMatchObject({ data: { recordInteractions: { created: 2 } } });
});
afterAll(() => app?.close());

describe('the refresh lease', () => {
  it('has one holder at a time, passes on after its expiry with a new fencing token, and fences the old holder out', async () => {
    const a = lease('replica-a');
    const b = lease('replica-b');
    expect(await a.acquireOrRenew()).toBe('acquired');
    const first = a.fencingToken!;
    expect(await b.acquireOrRenew()).toBe('elsewhere');
    expect(b.held).toBe(false);
    expect(await a.acquireOrRenew()).toBe('renewed');
    expect(a.fencingToken).toBe(first);
    await app.ds.transaction((m) => a.fence(m));
    // a stops renewing (a paused process): after the lease time b takes over, with the next token.
    await sleep(500);
    expect(a.held).toBe(false);
    expect(await b.acquireOrRenew()).toBe('acquired');
    expect(b.fencingToken).toBe(first + 1);
    await expect(app.ds.transaction((m) => a.fence(m))).rejects.toBeInstanceOf(StaleLeaderError);
    expect(await a.acquireOrRenew()).toBe('elsewhere');
    // A released lease is free at once.
    await b.release();
    expect(await a.acquireOrRenew()).toBe('acquired');
    expect(a.fencingToken).toBe(first + 2);
    // Work started under an older token is refused even by the replica that now holds the lease.
    await expect(app.ds.transaction((m) => a.fence(m, first))).rejects.toBeInstanceOf(StaleLeaderError);
    await a.release();
  });
});

describe('refresh requests', () => {
  it('joins an identical waiting request, and queues a new one once it has started', async () => {
    const asOf = new Date('2026-03-01T00:00:00Z');
    const [one, two] = await Promise.all([1, 2].map(() => requestRefresh(app.ds, [plugin('rate-clv')], asOf, false)));
    expect(two!.id).toBe(one!.id);
    expect(two!.runs.map((r) => r.id)).toEqual(one!.runs.map((r) => r.id));
    // The other order of plugins is the same refresh; another observation end is not.
    expect((await requestRefresh(app.ds, [plugin('rate-clv')], asOf, false))!.joined).toBe(true);
    const other = await requestRefresh(app.ds, [plugin('rate-clv')], new Date('2026-02-01T00:00:00Z'), false);
    expect(other!.id).not.toBe(one!.id);
    // Only joining allowed (a caller past its share): there is one to join, or nothing.
    expect((await requestRefresh(app.ds, [plugin('rate-clv')], asOf, false, false))!.id).toBe(one!.id);
    expect(await requestRefresh(app.ds, [plugin('slow-clv')], asOf, false, false)).toBeNull();
    const holder = lease('claimer', 5_000);
    await holder.acquireOrRenew();
    const claimed = await claimNextRequest(app.ds, holder, 0);
    expect(claimed!.id).toBe(one!.id);
    expect(claimed!.status).toBe(RequestStatus.RUNNING);
    expect(claimed!.claimedToken).toBe(holder.fencingToken);
    const after = await requestRefresh(app.ds, [plugin('rate-clv')], asOf, false);
    expect(after!.joined).toBe(false);
    // A request younger than the gather time is not claimed yet.
    await app.ds.getRepository(RefreshRequest).update({ status: RequestStatus.QUEUED }, { requestedAtMs: () => 'requested_at_ms + 60000' });
    expect(await claimNextRequest(app.ds, holder, 30_000)).toBeNull();
    await holder.release();
    // A replica without the lease claims nothing.
    await expect(claimNextRequest(app.ds, holder, 0)).rejects.toBeInstanceOf(StaleLeaderError);
    await app.ds.query('DELETE FROM model_run WHERE request_id IS NOT NULL');
    await app.ds.query('DELETE FROM refresh_request');
  });

  it('retries a request whose leader was lost mid-run once with new runs, then marks it FAILED', async () => {
    const dead = lease('dead-leader', 200);
    await dead.acquireOrRenew();
    const { id, runs: [queued] } = (await requestRefresh(app.ds, [plugin('slow-clv')], new Date(), true))!;
    await claimNextRequest(app.ds, dead, 0);
    await app.ds.getRepository(ModelRun).update({ id: queued!.id }, { status: RunStatus.RUNNING });
    await sleep(300);
    const next = lease('next-leader', 200);
    expect(await next.acquireOrRenew()).toBe('acquired');
    expect(await recoverInterrupted(app.ds, next, 2, plugin)).toEqual({ retried: 1, failed: 0 });
    const runs = await app.ds.getRepository(ModelRun).find({ where: { requestId: id }, order: { id: 'ASC' } });
    expect(runs.map((r) => r.status)).toEqual([RunStatus.FAILED, RunStatus.QUEUED]);
    expect(runs[0]!.error).toMatch(/^interrupted: the replica running it \(dead-leader\) stopped or lost the refresh lease; queued again$/);
    expect((await app.ds.getRepository(RefreshRequest).findOneByOrFail({ id })).status).toBe(RequestStatus.QUEUED);
    // The second leader dies too: the request has been started twice, so it is given up.
    await claimNextRequest(app.ds, next, 0);
    await sleep(300);
    const third = lease('third-leader', 200);
    await third.acquireOrRenew();
    expect(await recoverInterrupted(app.ds, third, 2, plugin)).toEqual({ retried: 0, failed: 1 });
    expect((await app.ds.getRepository(RefreshRequest).findOneByOrFail({ id })).status).toBe(RequestStatus.FAILED);
    const last = await app.ds.getRepository(ModelRun).find({ where: { requestId: id }, order: { id: 'ASC' } });
    expect(last.map((r) => r.status)).toEqual([RunStatus.FAILED, RunStatus.FAILED]);
    expect(last[1]!.error).toContain('gave up after 2 attempts');
    await third.release();
  });

  it('keeps the refresh schedule on the lease row: due once per interval, whichever replica leads', async () => {
    const a = lease('schedule-a', 5_000);
    await a.acquireOrRenew();
    // The first leader only starts the clock.
    expect(await scheduledRefreshDue(app.ds, a, 300)).toBe(false);
    expect(await scheduledRefreshDue(app.ds, a, 300)).toBe(false);
    await a.release();
    await sleep(350);
    const b = lease('schedule-b', 5_000);
    await b.acquireOrRenew();
    expect(await scheduledRefreshDue(app.ds, b, 300)).toBe(true);
    expect(await scheduledRefreshDue(app.ds, b, 300)).toBe(false);
    await b.release();
    await expect(scheduledRefreshDue(app.ds, b, 300)).rejects.toBeInstanceOf(StaleLeaderError);
  });
});

describe('a refresh whose leader lost the lease', () => {
  it('is refused when it publishes: the served run stays, and the next leader retries it', async () => {
    expect((await app.metrics.refresh(['slow-clv'], new Date()))[0]!.status).toBe(RunStatus.SUCCEEDED);
    const served = async () => Number(((await app.ds.query("SELECT run_id AS id FROM metric_current WHERE plugin = 'slow-clv'")) as { id: number | string }[])[0]!.id);
    const before = await served();
    // Another replica takes the lease while this one refreshes: as soon as the run starts.
    const thief = lease('thief', 60_000);
    const stolen = (async () => {
      for (;;) {
        const [run] = await app.ds.getRepository(ModelRun).find({ where: { plugin: 'slow-clv' }, order: { id: 'DESC' }, take: 1 });
        if (run?.status === RunStatus.RUNNING) break;
        await sleep(5);
      }
      await app.ds.query('UPDATE refresh_lease SET expires_at_ms = 0');
      expect(await thief.acquireOrRenew()).toBe('acquired');
    })();
    const refresh = app.metrics.refresh(['slow-clv'], new Date());
    await stolen;
    // The old leader's publish is refused and it leaves the run alone; the served run stays.
    const abandoned = async () => (await app.ds.getRepository(ModelRun).find({ where: { plugin: 'slow-clv' }, order: { id: 'DESC' }, take: 1 }))[0]!;
    await sleep(1_000);
    expect((await abandoned()).status).toBe(RunStatus.RUNNING);
    expect(await served()).toBe(before);
    // The new holder gives the lease up; the old one takes it back and retries the request with a new run.
    const stale = await abandoned();
    await thief.release();
    const [retried] = await refresh;
    expect(retried!.id).toBeGreaterThan(stale.id);
    expect(retried!.status).toBe(RunStatus.SUCCEEDED);
    expect(await served()).toBe(retried!.id);
    const first = await app.ds.getRepository(ModelRun).findOneByOrFail({ id: stale.id });
    expect(first.status).toBe(RunStatus.FAILED);
    expect(first.error).toMatch(/^interrupted: the replica running it \(.+\) stopped or lost the refresh lease; queued again$/);
  });
});

describe('a replica that stops mid-refresh', () => {
  it('leaves the request to the next leader, which runs it again', async () => {
    const log = createLogger('silent');
    const leaving = await createMetricsRuntime(await loadMetricsSetup(app.config), app.config, app.ds, log);
    const asked = await leaving.enqueue(['slow-clv'], new Date());
    asked.done.catch(() => undefined);
    await until(async () => (await app.ds.getRepository(ModelRun).findOneByOrFail({ id: asked.queued[0]!.id })).status === RunStatus.RUNNING);
    await leaving.stop();
    const stopped = await app.ds.getRepository(ModelRun).findOneByOrFail({ id: asked.queued[0]!.id });
    expect(stopped.status).toBe(RunStatus.FAILED);
    // The next replica to take the lease runs the request again.
    await app.metrics.idle();
    const runs = await app.ds.getRepository(ModelRun).find({ where: { requestId: stopped.requestId! }, order: { id: 'ASC' } });
    expect(runs.map((r) => r.status)).toEqual([RunStatus.FAILED, RunStatus.SUCCEEDED]);
    expect((await app.ds.getRepository(RefreshRequest).findOneByOrFail({ id: stopped.requestId! })).status).toBe(RequestStatus.DONE);
  });
});

async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400 && !(await probe()); i += 1) await sleep(10);
}
