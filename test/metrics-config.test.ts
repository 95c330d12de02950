import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { loadMetricsSetup } from '../src/metrics/host/create-metrics-runtime';
import { MetricsSetupError } from '../src/metrics/host/metrics-setup';
import { CustomerClvOnlyDocument, PluginListDocument, RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp } from './support/test-app';

async function problemsOf(env: Record<string, string>): Promise<string[]> {
  try {
    await loadMetricsSetup(loadConfig(env));
  } catch (e) {
    if (e instanceof MetricsSetupError) return e.problems;
    throw e;
  }
  return [];
}

describe('metrics configuration', () => {
  it('reports every problem at once: conflicts, unknown names, bad options, API versions, requirements', async () => {
    const problems = await problemsOf({
      METRICS_CONFIG: writeMetricsConfig({
        plugins: ['spend-clv', 'flat-clv', 'nope-not-a-plugin', 'future-api'],
        select: { churn: 'crashy', loyalty: 'spend-clv' },
        options: { 'spend-clv': { multiple: -1 }, 'flat-clv': { value: 'lots' }, ghost: {} },
      }),
    });
    const expected = [
      /plugin "nope-not-a-plugin": cannot be loaded/,
      /plugin "future-api": targets host API 2\.0, this host provides 1\.0/,
      /plugin "future-api": provides\[0\] requires unknown "telepathy"/,
      /options\.spend-clv\.multiple: /,
      /options\.flat-clv\.value: /,
      /options\.ghost: no loaded plugin is named "ghost"/,
      /select\.loyalty: not a metric kind/,
      /select\.churn: unknown plugin "crashy" \(loaded: spend-clv, flat-clv, future-api\)/,
      /clv: provided by both "spend-clv" and "flat-clv"/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in\n${problems.join('\n')}`).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });

  it('refuses two providers of one kind without a choice, naming both', async () => {
    const problems = await problemsOf({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['spend-clv', 'flat-clv'] }) });
    expect(problems).toEqual(['clv: provided by both "spend-clv" and "flat-clv"; choose one with select.clv or METRICS_SELECT=clv=<plugin>']);
  });

  it('rejects a malformed METRICS_SELECT and a missing config file', async () => {
    expect(await problemsOf({ METRICS_CONFIG: '/nonexistent/metrics.json' })).toEqual(['METRICS_CONFIG: no file at /nonexistent/metrics.json']);
    const problems = await problemsOf({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['spend-clv'] }), METRICS_SELECT: 'clv' });
    expect(problems).toEqual(['METRICS_SELECT: "clv" is not kind=plugin or kind.RELATIONSHIP=plugin']);
  });
});

describe('METRICS_SELECT over a configuration routed by relationship', () => {
  const routed = { plugins: ['flat-clv', 'rate-clv', 'contract-clv'], select: { clv: { NON_CONTRACTUAL: 'flat-clv', CONTRACTUAL: 'contract-clv' } } };
  const routes = async (select: string) => {
    const setup = await loadMetricsSetup(loadConfig({ METRICS_CONFIG: writeMetricsConfig(routed), METRICS_SELECT: select }));
    return Object.fromEntries(Object.entries(setup.selected.clv ?? {}).map(([r, lp]) => [r, lp!.plugin.name]));
  };

  it('swaps only the customers a plugin serves, and keeps the configuration\'s other routes', async () => {
    // rate-clv serves NON_CONTRACTUAL customers only: the CONTRACTUAL route stays contract-clv.
    expect(await routes('clv=rate-clv')).toEqual({ NON_CONTRACTUAL: 'rate-clv', CONTRACTUAL: 'contract-clv' });
    expect(await routes('clv=contract-clv')).toEqual({ NON_CONTRACTUAL: 'flat-clv', CONTRACTUAL: 'contract-clv' });
    // A plugin that serves everyone takes every route, as before.
    expect(await routes('clv=flat-clv')).toEqual({ NON_CONTRACTUAL: 'flat-clv', CONTRACTUAL: 'flat-clv' });
    expect(await routes('clv.CONTRACTUAL=flat-clv')).toEqual({ NON_CONTRACTUAL: 'flat-clv', CONTRACTUAL: 'flat-clv' });
  });

  it('still names a plugin that does not exist, or cannot serve the customers asked for', async () => {
    expect(await problemsOf({ METRICS_CONFIG: writeMetricsConfig(routed), METRICS_SELECT: 'clv=nope' }))
      .toEqual(['METRICS_SELECT: clv=nope: unknown plugin "nope" (loaded: flat-clv, rate-clv, contract-clv)']);
    expect(await problemsOf({ METRICS_CONFIG: writeMetricsConfig(routed), METRICS_SELECT: 'clv.CONTRACTUAL=rate-clv' }))
      .toEqual([expect.stringContaining('plugin "rate-clv" does not serve CONTRACTUAL customers')]);
  });
});

describe('swapping a plugin by configuration', () => {
  it.each([
    [{ select: { clv: 'spend-clv' } }, {}, 'spend-clv', 60],
    [{ select: { clv: 'spend-clv' } }, { METRICS_SELECT: 'clv=flat-clv' }, 'flat-clv', 100],
  ])('config %j with env %j serves clv from %s', async (config, env, model, value) => {
    const app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['spend-clv', 'flat-clv'], ...config }), ...env });
    try {
      await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'swap-1' }] });
      await app.ok(RecordInteractionsDocument, { input: [{ externalId: 'swap-p', customerExternalId: 'swap-1', occurredAt: '2025-01-01T00:00:00.000Z', type: 'PURCHASE', amount: 30 }] });
      await app.ok(RefreshMetricsDocument, {});
      const { customer } = await app.ok(CustomerClvOnlyDocument, { externalId: 'swap-1' });
      expect(customer!.clv).toMatchObject({ model, value });
      const { plugins } = await app.ok(PluginListDocument, {});
      expect(plugins.find((p) => p.name === model)!.selected).toEqual(['clv']);
      expect(plugins.find((p) => p.name !== model)!.selected).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
