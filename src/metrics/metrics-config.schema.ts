import { z } from 'zod';

/**
 * The metrics configuration file (`metrics.config.json`, or the file METRICS_CONFIG names):
 * which plugins to load, which one fills each core kind, each plugin's options, and when to refresh.
 */
export const metricsConfigSchema = z.object({
  /** Plugin names (a folder under plugins/), relative paths (from the config file), or npm package names. */
  plugins: z.array(z.string().min(1)).default([]),
  /** Core kind -> plugin name. Needed only when several loaded plugins provide the same kind. */
  select: z.record(z.string(), z.string()).default({}),
  /** Plugin name -> its options, validated by the plugin's own schema. */
  options: z.record(z.string(), z.unknown()).default({}),
  /** Refresh every plugin on this interval; 0 turns the timer off. */
  refreshIntervalMinutes: z.number().int().min(0).max(10_080).default(0),
  /** Customers of origin INTERNAL (employees, departments) are left out of every metric unless this is true. */
  includeInternal: z.boolean().default(false),
  /** Refresh plugins that have no successful run yet when the server starts. */
  refreshOnStart: z.boolean().default(true),
}).strict();

export type MetricsConfig = z.infer<typeof metricsConfigSchema>;
