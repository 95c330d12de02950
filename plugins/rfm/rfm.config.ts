import { z } from 'zod';
import { firstUncoveredCell } from './rfm-segments';

/** The number of bins the built-in segment map is written for. */
export const BUILT_IN_MAP_BINS = 5;

const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

const scoreRange = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([min, max]) => min <= max, 'a score range is [min, max] with min <= max');

const segmentRule = z.object({
  name: z.string().trim().min(1),
  r: scoreRange,
  f: scoreRange,
  m: scoreRange.optional(),
}).strict();

const cutPoints = z.array(z.number());

/**
 * The options of the RFM plugin (the host reads them from its JSON metrics configuration).
 * Every option has a default, so `{}` is a valid configuration.
 */
export const rfmConfigSchema = z.object({
  /** 'total': net spend (purchases minus refunds); 'average': net spend divided by the number of purchases. */
  monetary: z.enum(['total', 'average']).default('total'),
  /** Only purchases and refunds in (asOf - windowDays, asOf] count; null: all history up to asOf. */
  windowDays: z.number().positive().nullable().default(null),
  /** Scores run from 1 to `bins` (bins = best). */
  bins: z.number().int().min(2).max(10).default(5),
  /** Fixed ascending cut points (bins - 1 per dimension) used instead of population quantiles. */
  thresholds: z.object({ recency: cutPoints, frequency: cutPoints, monetary: cutPoints }).strict().nullable().default(null),
  /** Weights of the relationship score wr*r + wf*f + wm*m; null: no score. */
  scoreWeights: z
    .object({ r: z.number().min(0), f: z.number().min(0), m: z.number().min(0) })
    .strict()
    .nullable()
    .default(() => ({ r: 1, f: 1, m: 1 })),
  /** Ordered score-to-name rules (first match wins) covering every cell; null: the built-in 5-bin map. */
  segmentRules: z.array(segmentRule).min(1).nullable().default(null),
}).strict().superRefine((config, ctx) => {
  const { bins } = config;
  if (config.thresholds) {
    for (const dimension of DIMENSIONS) {
      const points = config.thresholds[dimension];
      if (points.length !== bins - 1) {
        ctx.addIssue({ code: 'custom', path: ['thresholds', dimension], message: `needs bins - 1 = ${bins - 1} cut points, got ${points.length}` });
      } else if (points.some((p, i) => i > 0 && p <= points[i - 1])) {
        // Equal cut points would leave a bin that no value can reach.
        ctx.addIssue({ code: 'custom', path: ['thresholds', dimension], message: 'cut points must be strictly ascending' });
      }
    }
  }
  if (config.segmentRules === null) {
    if (bins !== BUILT_IN_MAP_BINS) {
      ctx.addIssue({
        code: 'custom',
        path: ['segmentRules'],
        message: `the built-in segment map is defined for ${BUILT_IN_MAP_BINS} bins; with bins = ${bins}, give segmentRules (or use bins = ${BUILT_IN_MAP_BINS})`,
      });
    }
    return;
  }
  let inRange = true;
  config.segmentRules.forEach((rule, i) => {
    for (const axis of ['r', 'f', 'm'] as const) {
      const range = rule[axis];
      if (range && range[1] > bins) {
        inRange = false;
        ctx.addIssue({ code: 'custom', path: ['segmentRules', i, axis], message: `scores only go up to bins = ${bins}` });
      }
    }
  });
  // Every customer with purchases must get a name, so the rules must cover the whole grid.
  const gap = inRange ? firstUncoveredCell(config.segmentRules, bins) : null;
  if (gap !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['segmentRules'],
      message: `no rule matches cell ${gap} (r-f-m); end the list with a catch-all such as { "name": "Other", "r": [1, ${bins}], "f": [1, ${bins}] }`,
    });
  }
});

/** The validated RFM options, defaults applied. */
export type RfmConfig = z.infer<typeof rfmConfigSchema>;
