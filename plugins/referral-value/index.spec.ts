import { describe, expect, it } from 'vitest';
import { LinkType, type MetricLink, type MetricSubject, resetSubjectIds, runPlugin, subject } from '../../src/plugin-api';
import plugin from './index';

const out = (customerId: number, clv: number | null, links: MetricLink[] = []): MetricLink => ({
  type: LinkType.REFERRED, direction: 'OUT', customerId, metrics: { clv }, links,
});
const into = (customerId: number, clv: number | null, links: MetricLink[] = []): MetricLink => ({
  type: LinkType.REFERRED, direction: 'IN', customerId, metrics: { clv }, links,
});
const who = (id: number, externalId: string, links: MetricLink[], clv: number | null): MetricSubject => ({
  ...subject({ customer: { id, externalId }, links }), metrics: { clv },
});

/*
 * The referral tree, as the host hands it with linkDepth 2 (links of links, never back to the customer):
 *   R(1) -> A(2, CLV 600) -> A1(4, 400), A2(5, none);  R(1) -> B(3, 100) -> B1(6, 160);  X(7) referred nobody.
 * depth 1: R 600 + 100 = 700 (2); A 400 + 0 = 400 (2); B 160 (1); the others null.
 * depth 2, weight 0.5: R 700 + 0.5 x (400 + 0 + 160) = 980 (5); A and B have no second level (A1, A2, B1 referred nobody).
 */
const tree = (): MetricSubject[] => {
  resetSubjectIds();
  return [
    who(1, 'R', [out(2, 600, [out(4, 400), out(5, null)]), out(3, 100, [out(6, 160)])], 200),
    who(2, 'A', [out(4, 400), out(5, null), into(1, 200, [out(3, 100)])], 600),
    who(3, 'B', [out(6, 160), into(1, 200, [out(2, 600)])], 100),
    who(4, 'A1', [into(2, 600, [out(5, null)])], 400),
    who(5, 'A2', [into(2, 600, [out(4, 400)])], null),
    who(6, 'B1', [into(3, 100)], 160),
    who(7, 'X', [], 1000),
  ];
};
const values = (run: { results: Map<string, unknown[]> }, key: string) =>
  (run.results.get(key) ?? []).map((o) => (o && typeof o === 'object' && 'value' in o ? o.value : o));

describe('referral-value plugin', () => {
  it('reads clv over relationships, asking for the second level of links only with depth 2', () => {
    const [p] = plugin.provides;
    expect([p.kind, p.metricKeys, p.requires, p.reads]).toEqual(['metrics', ['referral-value', 'referral-value.count'], ['relationships'], ['clv']]);
    const depthOf = (depth: 1 | 2) => (typeof p.linkDepth === 'function' ? p.linkDepth({ depth, secondLevelWeight: 1 }) : p.linkDepth);
    expect([depthOf(1), depthOf(2)]).toEqual([1, 2]);
  });

  it('sums the direct referrals by default', async () => {
    const run = await runPlugin(plugin, tree());
    expect(run.config).toEqual({ depth: 1, secondLevelWeight: 1 });
    expect(run.models).toEqual({ 'metrics:referral-value,referral-value.count': {} });
    expect(values(run, 'referral-value')).toEqual([700, 400, 160, null, null, null, null]);
    expect(values(run, 'referral-value.count')).toEqual([2, 2, 1, null, null, null, null]);
    expect(run.valueOf('referral-value', 'R')).toEqual({ value: 700, label: null });
  });

  it('adds the second level, weighted, with depth 2', async () => {
    const run = await runPlugin(plugin, tree(), { options: { depth: 2, secondLevelWeight: 0.5 } });
    expect(values(run, 'referral-value')).toEqual([980, 400, 160, null, null, null, null]);
    expect(values(run, 'referral-value.count')).toEqual([5, 2, 1, null, null, null, null]);
  });

  it('fails a customer whose links came without the metrics it reads', async () => {
    resetSubjectIds();
    const bare = subject({ customer: { externalId: 'bare' }, links: [{ type: LinkType.REFERRED, direction: 'OUT', customerId: 9 }] });
    const run = await runPlugin(plugin, [bare]);
    expect(run.valueOf('referral-value', 'bare')).toEqual({ error: 'referral-value: the host passed links without metrics (it reads clv)' });
  });

  it('rejects a depth other than 1 or 2, a weight above 1 and unknown options', async () => {
    await expect(runPlugin(plugin, [], { options: { depth: 3, secondLevelWeight: 2, levels: 2 } })).rejects.toThrow(
      /options\.referral-value\.depth: .*\n.*options\.referral-value\.secondLevelWeight: .*\n.*Unrecognized key: "levels"/,
    );
  });
});
