import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const fixtures = path.resolve(__dirname, '../fixtures/plugins');

/** Writes a metrics config to a temporary file; fixture plugins are named by folder (e.g. "spend-clv"). */
export function writeMetricsConfig(config: { plugins: string[]; select?: Record<string, string | Record<string, string>>; options?: Record<string, unknown> } & Record<string, unknown>): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cg-metrics-')), 'metrics.config.json');
  const plugins = config.plugins.map((p) => (fs.existsSync(path.join(fixtures, p)) ? path.join(fixtures, p) : p));
  fs.writeFileSync(file, JSON.stringify({ refreshOnStart: false, ...config, plugins }));
  return file;
}
