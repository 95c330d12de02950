import { z } from 'zod';

/** The two kinds of customer relationship a core kind can be routed by. */
export const RELATIONSHIPS = ['NON_CONTRACTUAL', 'CONTRACTUAL'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * The metrics configuration file (`metrics.config.json`, or the file METRICS_CONFIG names):
 * which plugins to load, which one fills each core kind, each plugin's options, and when to refresh.
 */
export const metricsConfigSchema = z.object({
  /** Plugin names (a folder under plugins/), relative paths (from the config file), or npm package names. */
  plugins: z.array(z.string().min(1)).default([]),
  /**
   * Core kind -> plugin name, or -> { NON_CONTRACTUAL: plugin, CONTRACTUAL: plugin } to route each
   * kind of customer to its own model. Needed only when several loaded plugins provide the same
   * kind for the same customers.
   */
  select: z.record(z.string(), z.union([z.string(), z.partialRecord(z.enum(RELATIONSHIPS), z.string())])).default({}),
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
