import fs from 'node:fs';
import path from 'node:path';
import { type MetricsConfig, metricsConfigSchema, type Relationship, RELATIONSHIPS } from './metrics-config.schema';

/** One choice of METRICS_SELECT: `kind=plugin`, or `kind.RELATIONSHIP=plugin` for one kind of customer. */
export interface SelectOverride {
  kind: string;
  relationship?: Relationship;
  plugin: string;
}

export interface LoadedMetricsConfig {
  config: MetricsConfig;
  /** METRICS_SELECT's choices, applied over `config.select` once the plugins are loaded (see applySelectOverrides). */
  overrides: SelectOverride[];
  /** Folder relative plugin paths are resolved from. */
  baseDir: string;
  problems: string[];
}

/**
 * Reads the metrics configuration file and applies METRICS_SELECT ("rfm=rfm,clv=clv-bgnbd",
 * or "clv.CONTRACTUAL=contract-sbg" for one kind of customer).
 * A missing default file means "no plugins"; a missing file the user named is a problem.
 */
export function loadMetricsConfig(file: string, explicit: boolean, selectOverride: string | undefined): LoadedMetricsConfig {
  const problems: string[] = [];
  const baseDir = path.dirname(file);
  let raw: unknown = {};
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${file}: not valid JSON (${(e as Error).message})`);
    }
  } else if (explicit) {
    problems.push(`METRICS_CONFIG: no file at ${file}`);
  }
  const parsed = metricsConfigSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push(`${path.basename(file)}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const config = parsed.success ? parsed.data : metricsConfigSchema.parse({});
  const overrides: SelectOverride[] = [];
  for (const pair of (selectOverride ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, plugin, extra] = pair.split('=').map((s) => s.trim());
    const [kindName, relationship, tooDeep] = (kind ?? '').split('.');
    if (!kindName || !plugin || extra !== undefined || tooDeep !== undefined) problems.push(`METRICS_SELECT: "${pair}" is not kind=plugin or kind.RELATIONSHIP=plugin`);
    else if (relationship === undefined) overrides.push({ kind: kindName, plugin });
    else if (!(RELATIONSHIPS as readonly string[]).includes(relationship)) problems.push(`METRICS_SELECT: "${pair}": ${relationship} is not ${RELATIONSHIPS.join(' or ')}`);
    else overrides.push({ kind: kindName, relationship: relationship as Relationship, plugin });
  }
  return { config, overrides, baseDir, problems };
}
