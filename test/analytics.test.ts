import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWithTimeLimit } from '../src/analytics/statement-time-limit';
import { SeededRandom } from '../src/seed/seeded-random';
import {
  AnCohortsDocument, AnCustomerStatsDocument, AnCustomersDocument, AnMetricHistoryDocument, AnTableDocument, type AnTableQuery, type AnCustomersQuery, AnInteractionStatsDocument, AnRecordDocument, AnRefreshDocument,
  AnUpsertCustomersDocument,
} from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * customerStats and interactionStats against brute force: the same groups and figures computed
 * here from every customer and interaction read back through the API.
 */
let app: TestApp;
type Node = AnCustomersQuery['customers']['edges'][number]['node'];
let customers: Node[] = [];
const rnd = new SeededRandom(61206);

beforeAll(async () => {
  app = await startTestApp();
  const input = Array.from({ length: 60 }, (_, i) => {
    const acquiredAt = rnd.chance(0.8) ? new Date(Date.UTC(2025, rnd.int(0, 17), rnd.int(1, 28), rnd.int(0, 23))) : null;
    const contractual = rnd.chance(0.2);
    return {
      externalId: `an-${i}`,
      country: rnd.pick(['VN', 'DE', 'US']),
      party: rnd.chance(0.8) ? 'PERSON' as const : 'ORGANIZATION' as const,
      relationship: contractual ? 'CONTRACTUAL' as const : 'NON_CONTRACTUAL' as const,
      ...(acquiredAt ? { acquiredAt: acquiredAt.toISOString() } : {}),
      ...(contractual && acquiredAt && rnd.chance(0.7) ? { contractStartedAt: new Date(acquiredAt.getTime() + rnd.int(0, 40) * 86_400_000).toISOString() } : {}),
      ...(contractual && acquiredAt && rnd.chance(0.5) ? { contractEndedAt: new Date(Math.min(Date.now() - 86_400_000, acquiredAt.getTime() + rnd.int(40, 400) * 86_400_000)).toISOString() } : {}),
    };
  });
  await app.ok(AnUpsertCustomersDocument, { input });
  const interactions = [];
  let n = 0;
  for (const c of input) {
    for (let k = rnd.int(0, 6); k > 0; k--) {
      const type = rnd.pick(['PURCHASE', 'PURCHASE', 'PURCHASE', 'REFUND', 'VISIT', 'SURVEY'] as const);
      const at = new Date(Date.UTC(2025, rnd.int(0, 22), rnd.int(1, 28), rnd.int(0, 23))).toISOString();
      const money = type === 'PURCHASE' || type === 'REFUND';
      interactions.push({
        externalId: `an-i-${n++}`, customerExternalId: c.externalId, occurredAt: at, type, channel: rnd.pick(['WEB', 'STORE', 'MOBILE_APP'] as const),
        ...(money ? { amount: rnd.int(5, 300), currency: rnd.chance(0.85) ? 'USD' : 'EUR', margin: rnd.int(0, 50) } : {}),
        ...(type === 'SURVEY' ? { expectationScore: rnd.int(1, 10), perceptionScore: rnd.int(1, 10) } : {}),
      });
    }
  }
  await app.ok(AnRecordDocument, { input: interactions as never });
  await app.ok(AnRefreshDocument, {});
  await app.metrics.idle();
  customers = (await app.ok(AnCustomersDocument, {})).customers.edges.map((e) => e.node);
});
afterAll(async () => { await app?.close(); });

const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1e6) / 1e6);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}
const acquired = (c: Node) => new Date((c.acquiredAt ?? c.createdAt) as string);

describe('customerStats', () => {
  it('groups by country and party with count, revenue, margin and satisfaction gap, as brute force does', async () => {
    const got = (await app.ok(AnCustomerStatsDocument, { groupBy: ['COUNTRY', 'PARTY'], measures: ['COUNT', 'REVENUE', 'MARGIN', 'AVERAGE_SATISFACTION_GAP'] })).customerStats;
    const want = [...groupBy(customers, (c) => `${c.country}|${c.party}`)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, cs]) => ({
      country: cs[0]!.country, party: cs[0]!.party, count: cs.length,
      revenue: round(sum(cs.map((c) => c.summary.revenue))), margin: round(sum(cs.map((c) => c.summary.totalMargin))),
      averageSatisfactionGap: round(mean(cs.flatMap((c) => (c.summary.averageSatisfactionGap === null ? [] : [c.summary.averageSatisfactionGap])))),
    }));
    expect(got.map((r) => ({ country: r.country, party: r.party, count: r.count, revenue: round(r.revenue), margin: round(r.margin), averageSatisfactionGap: round(r.averageSatisfactionGap) }))).toEqual(want);
    expect(got.every((r) => r.averageClv === null && r.segment === null)).toBe(true);
  });

  it('groups by RFM segment with CLV, churn and a free metric from the served runs', async () => {
    const got = (await app.ok(AnCustomerStatsDocument, { groupBy: ['RFM_SEGMENT'], measures: ['COUNT', 'AVERAGE_CLV', 'TOTAL_CLV', 'AVERAGE_CHURN_PROBABILITY'], metricAverages: ['clv'] })).customerStats;
    const groups = groupBy(customers, (c) => c.rfm?.segment ?? '');
    expect(groups.size).toBeGreaterThan(2);
    for (const r of got) {
      const cs = groups.get(r.rfmSegment ?? '')!;
      const clvs = cs.flatMap((c) => (c.clv?.value == null ? [] : [c.clv.value]));
      const churns = cs.flatMap((c) => (c.churn?.probability == null ? [] : [c.churn.probability]));
      expect(r.count, String(r.rfmSegment)).toBe(cs.length);
      expect(round(r.averageClv)).toBe(round(mean(clvs)));
      expect(r.totalClv === null ? null : Math.round(r.totalClv)).toBe(clvs.length ? Math.round(sum(clvs)) : null);
      expect(round(r.averageChurnProbability)).toBe(round(mean(churns)));
      expect(r.metricAverages).toEqual([{ key: 'clv', average: r.averageClv, count: clvs.length }]);
    }
    expect(got.reduce((a, r) => a + (r.count ?? 0), 0)).toBe(customers.length);
  });

  it('groups by acquisition cohort at every granularity, and by segment', async () => {
    const label = {
      MONTH: (d: Date) => d.toISOString().slice(0, 7),
      QUARTER: (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`,
      YEAR: (d: Date) => String(d.getUTCFullYear()),
      DAY: (d: Date) => d.toISOString().slice(0, 10),
      WEEK: (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7))).toISOString().slice(0, 10),
    };
    for (const [cohort, f] of Object.entries(label)) {
      const got = (await app.ok(AnCustomerStatsDocument, { groupBy: ['ACQUISITION_COHORT'], cohort: cohort as never })).customerStats;
      const want = [...groupBy(customers, (c) => f(acquired(c)))].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, cs]) => ({ acquisitionCohort: k, count: cs.length }));
      expect(got.map((r) => ({ acquisitionCohort: r.acquisitionCohort, count: r.count })), cohort).toEqual(want);
    }
    const bySegment = (await app.ok(AnCustomerStatsDocument, { groupBy: ['SEGMENT'] })).customerStats;
    const memberships = customers.flatMap((c) => (c.segments.length ? c.segments.map((s) => s.key) : ['']));
    for (const r of bySegment) expect(r.count, String(r.segment)).toBe(memberships.filter((k) => k === (r.segment ?? '')).length);
  });

  it('filters like customers, and refuses unknown metrics and too many groups', async () => {
    const vn = (await app.ok(AnCustomerStatsDocument, { filter: { country: ['VN'] }, measures: ['COUNT', 'REVENUE'] })).customerStats;
    const mine = customers.filter((c) => c.country === 'VN');
    expect(vn).toHaveLength(1);
    expect(vn[0]).toMatchObject({ count: mine.length, country: null });
    expect(round(vn[0]!.revenue)).toBe(round(sum(mine.map((c) => c.summary.revenue))));

    const unknown = await app.gql(AnCustomerStatsDocument, { metricAverages: ['nope'] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metricAverages' });
    const many = await app.gql(AnCustomerStatsDocument, { groupBy: ['ACQUISITION_COHORT'], cohort: 'DAY', limit: 3 });
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
  });
});

describe('interactionStats', () => {
  const all = () => customers.flatMap((c) => c.interactions.edges.map((e) => ({ ...e.node, customer: c.externalId, country: c.country })));

  it('gives monthly counts, customers, amounts and margins by type, as brute force does', async () => {
    const got = (await app.ok(AnInteractionStatsDocument, { granularity: 'MONTH', groupBy: ['TYPE'] })).interactionStats;
    const want = [...groupBy(all(), (i) => `${String(i.occurredAt).slice(0, 7)}|${i.type}`)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, is]) => {
      const usd = is.filter((i) => i.currency === 'USD');
      const sign = (i: { type: string }) => (i.type === 'PURCHASE' ? 1 : i.type === 'REFUND' ? -1 : 0);
      return {
        period: String(is[0]!.occurredAt).slice(0, 7), type: is[0]!.type, count: is.length, customers: new Set(is.map((i) => i.customer)).size,
        amount: round(sum(usd.map((i) => i.amount ?? 0))), revenue: round(sum(usd.map((i) => sign(i) * (i.amount ?? 0)))), margin: round(sum(usd.map((i) => sign(i) * (i.margin ?? 0)))),
      };
    });
    expect(got.map((r) => ({ period: r.period, type: r.type, count: r.count, customers: r.customers, amount: round(r.amount), revenue: round(r.revenue), margin: round(r.margin) }))).toEqual(want);
  });

  it('filters interactions and customers, and groups by customer dimensions', async () => {
    const got = (await app.ok(AnInteractionStatsDocument, {
      filter: { types: ['PURCHASE'], occurredAt: { from: '2026-01-01T00:00:00Z' } }, customerFilter: { party: ['PERSON'] }, customerGroupBy: ['COUNTRY'],
    })).interactionStats;
    const persons = new Set(customers.filter((c) => c.party === 'PERSON').map((c) => c.externalId));
    const mine = all().filter((i) => i.type === 'PURCHASE' && String(i.occurredAt) >= '2026-01-01' && persons.has(i.customer));
    const want = [...groupBy(mine, (i) => String(i.country))].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, is]) => ({ country: k, count: is.length }));
    expect(got.map((r) => ({ country: r.country, count: r.count }))).toEqual(want);
    expect(got.every((r) => r.period === null && r.type === null)).toBe(true);
  });
});

describe('cohortRetention', () => {
  const month = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();

  it('gives the retention triangle of monthly cohorts, purchases for non-contractual and contracts for contractual customers, as brute force does', async () => {
    const periods = 8;
    const got = (await app.ok(AnCohortsDocument, { granularity: 'MONTH', periods })).cohortRetention;
    const current = month(new Date());
    const want = [...groupBy(customers, (c) => acquired(c).toISOString().slice(0, 7))].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([cohort, cs]) => {
      const start = month(acquired(cs[0]!));
      return Array.from({ length: Math.min(periods - 1, current - start) + 1 }, (_, k) => {
        const active = cs.filter((c) => {
          if (c.relationship === 'CONTRACTUAL') {
            const from = month(new Date((c.contractStartedAt ?? c.acquiredAt ?? c.createdAt) as string));
            const to = c.contractEndedAt ? month(new Date(c.contractEndedAt as string)) : Infinity;
            return from <= start + k && start + k <= to;
          }
          return c.interactions.edges.some((e) => e.node.type === 'PURCHASE' && month(new Date(e.node.occurredAt as string)) - start === k);
        }).length;
        const revenue = sum(cs.flatMap((c) => c.interactions.edges.map((e) => e.node)
          .filter((i) => i.currency === 'USD' && month(new Date(i.occurredAt as string)) - start === k)
          .map((i) => (i.type === 'PURCHASE' ? i.amount ?? 0 : i.type === 'REFUND' ? -(i.amount ?? 0) : 0))));
        return { cohort, cohortSize: cs.length, period: k, active, share: round(active / cs.length), revenue: round(revenue) };
      });
    });
    expect(got.map((r) => ({ ...r, share: round(r.share), revenue: round(r.revenue) }))).toEqual(want);
    expect(got.some((r) => r.period > 0 && r.active > 0)).toBe(true);
    expect(got.some((r) => r.revenue < 0 || r.revenue > 0)).toBe(true);
  });

  it('filters cohorts and refuses too many periods', async () => {
    const persons = (await app.ok(AnCohortsDocument, { periods: 3, filter: { party: ['ORGANIZATION'] } })).cohortRetention;
    const organizations = customers.filter((c) => c.party === 'ORGANIZATION');
    const sizes = new Map(persons.map((r) => [r.cohort, r.cohortSize]));
    expect([...sizes.values()].reduce((a, b) => a + b, 0)).toBe(organizations.length);
    const bad = await app.gql(AnCohortsDocument, { periods: 61 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periods' });
  });
});

describe('metricHistory', () => {
  it('keeps the distribution of each refresh: count, mean, percentiles and labels, as brute force computes them', async () => {
    const [point] = (await app.ok(AnMetricHistoryDocument, { key: 'rfm' })).metricHistory;
    const scores = customers.flatMap((c) => (c.rfm?.score == null ? [] : [c.rfm.score])).sort((a, b) => a - b);
    const rank = (p: number) => scores[Math.max(1, Math.ceil((p / 100) * scores.length)) - 1];
    expect(point).toMatchObject({ metricKey: 'rfm', plugin: 'rfm', valued: scores.length, min: scores[0], max: scores.at(-1), p10: rank(10), p25: rank(25), p50: rank(50), p75: rank(75), p90: rank(90) });
    expect(round(point!.mean)).toBe(round(mean(scores)));
    const labels = [...groupBy(customers.filter((c) => c.rfm?.segment), (c) => c.rfm!.segment!)].map(([label, cs]) => ({ label, count: cs.length }));
    expect([...point!.labels].sort((a, b) => a.label.localeCompare(b.label))).toEqual(labels.sort((a, b) => a.label.localeCompare(b.label)));

    await app.ok(AnRefreshDocument, {});
    await app.metrics.idle();
    const two = (await app.ok(AnMetricHistoryDocument, { key: 'rfm' })).metricHistory;
    expect(two.map((p) => p.runId)).toEqual([point!.runId, expect.any(String)]);
    expect(two[1]!.runId).not.toBe(point!.runId);
    expect((await app.ok(AnMetricHistoryDocument, { key: 'rfm', last: 1 })).metricHistory.map((p) => p.runId)).toEqual([two[1]!.runId]);
    const bad = await app.gql(AnMetricHistoryDocument, { key: 'cvl' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
  });
});

describe('customerTable', () => {
  it('walks every customer in id order, one flat row each, with summary figures and every served metric as columns', async () => {
    const rows: Record<string, unknown>[] = [];
    let after: string | null = null;
    let columns: string[] = [];
    for (let pages = 0; ; pages++) {
      const t: AnTableQuery['customerTable'] = (await app.ok(AnTableDocument, { first: 7, after })).customerTable;
      columns = t.columns;
      rows.push(...t.rows as Record<string, unknown>[]);
      expect(t.totalCount).toBe(customers.length);
      if (!t.pageInfo.hasNextPage) break;
      after = t.pageInfo.endCursor;
      expect(pages).toBeLessThan(20);
    }
    expect(columns).toEqual(expect.arrayContaining(['externalId', 'country', 'revenue', 'totalMargin', 'metrics.rfm', 'metrics.clv', 'metrics.churn', 'labels.rfm', 'metrics.value-tier', 'labels.value-tier', 'name']));
    const ids = rows.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(rows.map((r) => r.externalId).sort()).toEqual(customers.map((c) => c.externalId).sort());
    // Read again: a refresh of an earlier test moved the values a little (as of a later time).
    const now = (await app.ok(AnCustomersDocument, {})).customers.edges.map((e) => e.node);
    for (const r of rows) {
      const c = now.find((x) => x.externalId === r.externalId)!;
      expect(Object.keys(r)).toEqual(columns);
      expect(r).toMatchObject({ country: c.country, revenue: c.summary.revenue, totalMargin: c.summary.totalMargin, 'labels.rfm': c.rfm?.segment ?? null, 'metrics.rfm': c.rfm?.score ?? null, 'metrics.clv': c.clv?.value ?? null, 'metrics.churn': c.churn?.probability ?? null });
    }
  });

  it('gives the columns asked for, costs the same statements per page whatever its size, and guards personal columns', async () => {
    const t = (await app.ok(AnTableDocument, { columns: ['externalId', 'labels.rfm', 'traits.none'], filter: { country: ['VN'] }, first: 100 })).customerTable;
    expect(t.columns).toEqual(['externalId', 'labels.rfm', 'traits.none']);
    expect(t.rows).toHaveLength(customers.filter((c) => c.country === 'VN').length);
    const small = await app.countStatements(() => app.ok(AnTableDocument, { first: 2 }));
    const large = await app.countStatements(() => app.ok(AnTableDocument, { first: 100 }));
    expect(large).toBe(small);

    const unknown = await app.gql(AnTableDocument, { columns: ['externalId', 'shoeSize'] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'columns' });
    const analyst = { authorization: `Bearer ${await app.createKey(['analyst' as never])}` };
    const masked = await app.gql(AnTableDocument, { first: 1 }, analyst);
    expect(masked.data?.customerTable.columns).not.toContain('name');
    const pii = await app.gql(AnTableDocument, { columns: ['externalId', 'email'] }, analyst);
    expect(pii.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'pii:read' });
  });
});

it.runIf(process.env.TEST_DATABASE_URL)('stops an aggregate statement past its time limit with TIME_LIMIT (MySQL/MariaDB)', async () => {
  await expect(queryWithTimeLimit(app.ds, 'SELECT SLEEP(3) AS s', [], 1, 'this aggregate')).rejects.toMatchObject({ extensions: { code: 'TIME_LIMIT' } });
});

