import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import { ModelRun, RunStatus } from '../src/metrics/store/model-run.entity';
import { DEFAULT_OPERATION_NAMES_MAX } from '../src/monitoring/operation-names.cap';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments left out). */
function parseExposition(text: string): Sample[] {
  return text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => {
    const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    return { name: match[1]!, labels, value: Number(match[3]) };
  });
}

class Scrape {
  readonly samples: Sample[];
  constructor(readonly text: string) {
    this.samples = parseExposition(text);
  }

  /** The value of the one sample with this name whose labels include these; undefined when there is none. */
  value(name: string, labels: Record<string, string> = {}): number | undefined {
    const found = this.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
    return found[0]?.value;
  }

  /** A counter or a histogram series not yet exported reads 0. */
  count(name: string, labels: Record<string, string> = {}): number {
    return this.value(name, labels) ?? 0;
  }
}

const REQUESTS = 'customer_graph_graphql_requests_total';
const LATENCY = 'customer_graph_graphql_request_duration_seconds';
const RUNS = 'customer_graph_refresh_runs_total';
const RUN_DURATION = 'customer_graph_refresh_run_duration_seconds';
const QUEUE = 'customer_graph_refresh_queue_length';
const LEADER = 'customer_graph_refresh_leader';

const metricsConfig = () => writeMetricsConfig({
  plugins: ['flat-clv', 'crashy'],
  select: { clv: 'flat-clv', churn: 'crashy' },
  // crashy's fit fails for any observation end before 2100: every refresh with customers FAILS for it.
  options: { crashy: { failFitBefore: '2100-01-01' } },
});

async function getMetrics(app: TestApp, key?: string): Promise<Response> {
  return fetch(`${app.baseUrl}/metrics`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

async function scrape(app: TestApp, key: string | undefined): Promise<Scrape> {
  const res = await getMetrics(app, key);
  expect(res.status).toBe(200);
  return new Scrape(await res.text());
}

async function post(app: TestApp, key: string, query: string): Promise<{ status: number; body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } }> {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

describe('GET /metrics', () => {
  let app: TestApp;
  const keys = {} as Record<Role, string>;
  const metrics = () => scrape(app, keys.monitor);

  beforeAll(async () => {
    app = await startTestApp({ METRICS_CONFIG: metricsConfig() });
    for (const role of Object.values(Role)) keys[role] = await app.createKey([role]);
  });
  afterAll(() => app.close());

  describe('access', () => {
    it('answers 401 without a credential or with an unknown one', async () => {
      for (const key of [undefined, 'cgk_not-a-real-key-at-all-0000000000000000000000']) {
        const res = await getMetrics(app, key);
        expect(res.status, String(key)).toBe(401);
        expect(res.headers.get('www-authenticate')).toContain('Bearer');
        expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    });

    it('answers 403 FORBIDDEN, naming monitoring:read, to roles without it', async () => {
      for (const role of [Role.READER, Role.ANALYST, Role.WRITER]) {
        const res = await getMetrics(app, keys[role]);
        expect(res.status, role).toBe(403);
        const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
        expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
        expect(body.errors[0]!.message).toContain('"monitoring:read" (granted to monitor, admin)');
      }
    });

    it('serves the Prometheus text format to monitor and admin keys, with the process metrics', async () => {
      for (const role of [Role.MONITOR, Role.ADMIN]) {
        const res = await getMetrics(app, keys[role]);
        expect(res.status, role).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
        const text = await res.text();
        expect(text).toContain(`# TYPE ${REQUESTS} counter`);
        expect(text).toContain(`# TYPE ${LATENCY} histogram`);
        expect(new Scrape(text).value('customer_graph_process_cpu_user_seconds_total')).toBeGreaterThan(0);
      }
    });

    it('gives a monitor key nothing of the GraphQL API', async () => {
      const answer = await post(app, keys.monitor, '{ customers(first: 1) { totalCount } }');
      expect(answer.status).toBe(403);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('refresh runs', () => {
    const refresh = async () => {
      const answer = await post(app, keys.admin, 'mutation MonitoringRefresh { refreshMetrics { plugin status durationMs } }');
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data!.refreshMetrics as { plugin: string; status: string; durationMs: number | null }[];
    };

    it('counts each finished run by plugin and outcome, with its duration, as the API reports it', async () => {
      const before = await metrics();
      const skipped = await refresh(); // no customer yet
      expect(skipped.map((r) => [r.plugin, r.status]).sort()).toEqual([['crashy', 'SKIPPED'], ['flat-clv', 'SKIPPED']]);
      const upsert = await post(app, keys.admin, 'mutation { upsertCustomers(input: [{ externalId: "m1", name: "Mona" }]) { created } }');
      expect(upsert.body.errors).toBeUndefined();
      const fitted = await refresh();
      expect(fitted.map((r) => [r.plugin, r.status]).sort()).toEqual([['crashy', 'FAILED'], ['flat-clv', 'SUCCEEDED']]);

      const after = await metrics();
      for (const run of [...skipped, ...fitted]) {
        const labels = { plugin: run.plugin, outcome: run.status };
        expect(after.count(RUNS, labels) - before.count(RUNS, labels), JSON.stringify(labels)).toBe(1);
        expect(after.count(`${RUN_DURATION}_count`, labels) - before.count(`${RUN_DURATION}_count`, labels)).toBe(1);
        expect(after.count(`${RUN_DURATION}_sum`, labels) - before.count(`${RUN_DURATION}_sum`, labels)).toBeCloseTo(run.durationMs! / 1000, 6);
      }
    });

    it('counts runs reported through RunningServer.monitoring, and ignores unfinished ones', async () => {
      const before = await metrics();
      app.monitoring.observeRefreshRun({ plugin: 'elsewhere', status: 'SUCCEEDED', durationMs: 90_000 });
      app.monitoring.observeRefreshRun({ plugin: 'elsewhere', status: 'SKIPPED', durationMs: null });
      app.monitoring.observeRefreshRun({ plugin: 'elsewhere', status: 'RUNNING', durationMs: null });
      const after = await metrics();
      const succeeded = { plugin: 'elsewhere', outcome: 'SUCCEEDED' };
      expect(after.count(RUNS, succeeded) - before.count(RUNS, succeeded)).toBe(1);
      expect(after.value(`${RUN_DURATION}_bucket`, { ...succeeded, le: '60' })).toBe(0);
      expect(after.value(`${RUN_DURATION}_bucket`, { ...succeeded, le: '120' })).toBe(1);
      // Counted, but without a duration to record.
      expect(after.value(RUNS, { plugin: 'elsewhere', outcome: 'SKIPPED' })).toBe(1);
      expect(after.count(`${RUN_DURATION}_count`, { plugin: 'elsewhere', outcome: 'SKIPPED' })).toBe(0);
      expect(after.value(RUNS, { plugin: 'elsewhere', outcome: 'RUNNING' })).toBeUndefined();
    });
  });

  describe('GraphQL operations', () => {
    it('counts and times each named operation by name, type and outcome', async () => {
      const ping = { operation_name: 'MonitoringPing', operation_type: 'query', outcome: 'ok' };
      const anonymous = { operation_name: '(anonymous)', operation_type: 'query', outcome: 'ok' };
      const before = await metrics();
      for (let i = 0; i < 3; i++) expect((await post(app, keys.reader, 'query MonitoringPing { customers(first: 1) { totalCount } }')).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await post(app, keys.reader, '{ __typename }')).status).toBe(200);
      const after = await metrics();

      expect(after.count(REQUESTS, ping) - before.count(REQUESTS, ping)).toBe(3);
      expect(after.count(`${LATENCY}_count`, ping) - before.count(`${LATENCY}_count`, ping)).toBe(3);
      expect(after.count(`${LATENCY}_bucket`, { ...ping, le: '+Inf' }) - before.count(`${LATENCY}_bucket`, { ...ping, le: '+Inf' })).toBe(3);
      expect(after.count(`${LATENCY}_sum`, ping)).toBeGreaterThan(before.count(`${LATENCY}_sum`, ping));
      expect(after.count(REQUESTS, anonymous) - before.count(REQUESTS, anonymous)).toBe(2);
    });

    it('counts a refused or invalid operation under the code its client got', async () => {
      const forbidden = { operation_name: 'MonitoringAudit', operation_type: 'query', outcome: 'FORBIDDEN' };
      const invalid = { operation_name: '(unknown)', operation_type: 'unknown', outcome: 'GRAPHQL_VALIDATION_FAILED' };
      const upsert = { operation_name: 'MonitoringUpsert', operation_type: 'mutation', outcome: 'BAD_USER_INPUT' };
      const before = await metrics();
      const refused = await post(app, keys.reader, 'query MonitoringAudit { auditLog(first: 1) { id } }');
      expect([refused.status, refused.body.errors?.[0]?.extensions?.code]).toEqual([403, 'FORBIDDEN']);
      const typo = await post(app, keys.reader, 'query MonitoringTypo { customerz { id } }');
      expect(typo.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const bad = await post(app, keys.writer, 'mutation MonitoringUpsert { upsertCustomers(input: [{ externalId: "" }]) { created } }');
      expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const after = await metrics();

      for (const labels of [forbidden, invalid, upsert]) {
        expect(after.count(REQUESTS, labels) - before.count(REQUESTS, labels), JSON.stringify(labels)).toBe(1);
        expect(after.count(`${LATENCY}_count`, labels) - before.count(`${LATENCY}_count`, labels)).toBe(1);
      }
      // The name of an operation that did not validate is not trusted, and takes no place among the names.
      expect(after.samples.some((s) => s.labels.operation_name === 'MonitoringTypo')).toBe(false);
    });
  });

  describe('gauges', () => {
    it('reports the model runs waiting in the database as the queue length', async () => {
      expect((await metrics()).value(QUEUE)).toBe(0);
      const repo = app.ds.getRepository(ModelRun);
      const queued = () => repo.create({
        plugin: 'flat-clv', version: '0.1.0', kinds: 'clv', asOf: new Date(), params: null, diagnostics: null, customersScored: 0,
        customersFailed: 0, durationMs: null, status: RunStatus.QUEUED, error: null, startedAt: new Date(), finishedAt: null,
      });
      const ids = (await repo.save([queued(), queued()])).map((run) => run.id);
      try {
        expect((await metrics()).value(QUEUE)).toBe(2);
      } finally {
        await repo.delete(ids);
      }
      expect((await metrics()).value(QUEUE)).toBe(0);
    });

    it('reports leadership from the registered probe, 0 until one is set, and stays up if the probe throws', async () => {
      expect((await metrics()).value(LEADER)).toBe(0);
      let leading = true;
      app.monitoring.setLeaderProbe(() => leading);
      expect((await metrics()).value(LEADER)).toBe(1);
      leading = false;
      expect((await metrics()).value(LEADER)).toBe(0);
      app.monitoring.setLeaderProbe(() => { throw new Error('lease state unknown'); });
      const broken = await metrics();
      expect(broken.value(LEADER)).toBeUndefined();
      expect(broken.value(QUEUE)).toBe(0);
      app.monitoring.setLeaderProbe(() => false);
    });
  });

  describe('operation-name cardinality', () => {
    it('cuts long names and labels names past the cap as (other)', async () => {
      const long = `MonitoringLong${'x'.repeat(200)}`;
      expect((await post(app, keys.reader, `query ${long} { __typename }`)).status).toBe(200);
      const cut = `${long.slice(0, 61)}...`;
      const seen = await metrics();
      expect(seen.value(REQUESTS, { operation_name: cut })).toBe(1);

      const reserved = new Set(['(anonymous)', '(unknown)', '(other)']);
      const names = (s: Scrape) => new Set(s.samples.filter((x) => x.name === REQUESTS).map((x) => x.labels.operation_name!).filter((n) => !reserved.has(n)));
      const free = DEFAULT_OPERATION_NAMES_MAX - names(seen).size;
      expect(free).toBeGreaterThan(0);
      const extra = 5;
      const other = { operation_name: '(other)', operation_type: 'query', outcome: 'ok' };
      for (let i = 0; i < free + extra; i++) {
        expect((await post(app, keys.reader, `query MonitoringCap${i} { __typename }`)).status).toBe(200);
      }
      const after = await metrics();
      expect(names(after).size).toBe(DEFAULT_OPERATION_NAMES_MAX);
      expect(after.value(REQUESTS, { operation_name: `MonitoringCap${free - 1}` })).toBe(1);
      expect(after.value(REQUESTS, { operation_name: `MonitoringCap${free}` })).toBeUndefined();
      expect(after.count(REQUESTS, other) - seen.count(REQUESTS, other)).toBe(extra);
      // Names that had their place keep it.
      expect((await post(app, keys.reader, 'query MonitoringPing { __typename }')).status).toBe(200);
      expect((await metrics()).count(REQUESTS, { operation_name: 'MonitoringPing', outcome: 'ok', operation_type: 'query' }))
        .toBe(after.count(REQUESTS, { operation_name: 'MonitoringPing', outcome: 'ok', operation_type: 'query' }) + 1);
    });
  });
});

describe('GET /metrics with MONITORING_ANONYMOUS=true', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ MONITORING_ANONYMOUS: 'true', METRICS_CONFIG: metricsConfig() });
  });
  afterAll(async () => {
    if (!app.ds.isInitialized) await app.ds.initialize();
    await app.close();
  });

  it('answers without a credential, and still answers while the database is down, without the queue length', async () => {
    const up = await scrape(app, undefined);
    expect(up.value(QUEUE)).toBe(0);

    await app.ds.destroy();
    const res = await getMetrics(app);
    expect(res.status).toBe(200);
    const text = await res.text();
    const down = new Scrape(text);
    expect(text).toContain(`# TYPE ${QUEUE} gauge`);
    expect(down.value(QUEUE)).toBeUndefined();
    expect(down.value(LEADER)).toBe(0);
    expect(down.value('customer_graph_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });
});
