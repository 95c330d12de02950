import { z } from 'zod';

/** The options a model was fitted under, and the configuration `score` now runs with. */
export type FittedWith<T, K extends keyof T> = {
  /** Model fields that copy an option of the same name; other values would need another fit. */
  options: readonly K[];
  /** The current configuration; its values must be of the model's types so they compare. */
  config: Pick<T, K>;
};

/**
 * Reads a plugin's stored model back in `score`: checks its shape with `schema` and, when
 * `fittedWith` is given, that the options it was fitted under are still the configured ones.
 *
 * `score` receives the model after a JSON round trip, possibly from an older run or fitted
 * under other options, so its shape is checked rather than assumed. Either failure concerns
 * every customer, so it throws for the whole batch (the host then fails the batch's customers
 * with this message), and the message names the plugin and asks for a refresh.
 */
export function readStoredModel<T, K extends keyof T = never>(
  plugin: string,
  schema: z.ZodType<T>,
  raw: unknown,
  fittedWith?: FittedWith<T, K>,
): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${plugin}: the stored model is not valid (${z.prettifyError(parsed.error)}); refresh the ${plugin} metrics`);
  }
  const model = parsed.data;
  if (!fittedWith) return model;
  const { options, config } = fittedWith;
  const stale = options.filter((key) => model[key] !== config[key]);
  if (stale.length) {
    const list = (from: Pick<T, K>): string => stale.map((key) => `${String(key)}=${String(from[key])}`).join(', ');
    throw new Error(`${plugin}: the stored model was fitted with ${list(model)} but the configuration now has ${list(config)}; refresh the ${plugin} metrics`);
  }
  return model;
}
