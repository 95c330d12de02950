import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { loadMetricsSetup } from '../src/metrics/host/create-metrics-runtime';

it('loads a plugin shipped as an npm package installed next to the config file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-pkg-'));
  const pkg = path.join(dir, 'node_modules', '@acme', 'metric-visits');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@acme/metric-visits', version: '2.1.0', main: 'index.js' }));
  // A plain JavaScript package: the options schema only needs zod's safeParse.
  fs.writeFileSync(path.join(pkg, 'index.js'), `
    module.exports = { default: {
      name: 'acme-visits', version: '2.1.0', apiVersion: '1.0', description: 'Visits per customer',
      configSchema: { safeParse: (v) => ({ success: true, data: { perVisit: 1, ...v } }) },
      provides: [{ kind: 'metrics', metricKeys: ['visits'], requires: ['summary'],
        score: (subjects, _m, ctx) => subjects.map((s) => ({ visits: { value: s.summary.interactionCount * ctx.config.perVisit } })) }],
    } };`);
  const file = path.join(dir, 'metrics.config.json');
  fs.writeFileSync(file, JSON.stringify({ plugins: ['@acme/metric-visits'], options: { 'acme-visits': { perVisit: 2 } } }));
  try {
    const setup = await loadMetricsSetup(loadConfig({ METRICS_CONFIG: file }));
    expect(setup.plugins.map((p) => [p.plugin.name, p.plugin.version, p.config])).toEqual([['acme-visits', '2.1.0', { perVisit: 2 }]]);
    expect([...setup.freeMetrics.keys()]).toEqual(['visits']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
