/** An inclusive score range `[min, max]`, e.g. `[4, 5]`. */
export type ScoreRange = readonly [number, number];

/**
 * One row of a score-to-name map: a customer whose r and f scores (and m score, when the rule
 * gives one) fall inside the ranges gets `name`. Rules are read in order; the first match wins.
 */
export interface SegmentRule {
  name: string;
  r: ScoreRange;
  f: ScoreRange;
  /** Omitted: any monetary score. */
  m?: ScoreRange;
}

/**
 * The built-in map for 5 bins (5 = best). It covers all 125 cells and uses every one of the
 * 11 names; the README shows it as a table. Order matters: the m-restricted rules come before
 * the broader rules that would otherwise swallow their cells.
 */
export const BUILT_IN_SEGMENT_RULES: readonly SegmentRule[] = [
  // Bought recently, often, and spent the most.
  { name: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  // Buy often and not long ago, whatever they spend.
  { name: 'Loyal Customers', r: [3, 5], f: [4, 5] },
  // Former champions (top frequency and spend) who have not bought for a long time.
  { name: "Can't Lose Them", r: [1, 2], f: [4, 5], m: [4, 5] },
  // Used to buy fairly often, but are slipping away.
  { name: 'At Risk', r: [1, 2], f: [3, 5] },
  // Very recent first (and only) purchase.
  { name: 'New Customers', r: [5, 5], f: [1, 1] },
  // Recent, with a few purchases already: could become loyal.
  { name: 'Potential Loyalists', r: [4, 5], f: [2, 3] },
  // Fairly recent single purchase.
  { name: 'Promising', r: [4, 4], f: [1, 1] },
  // Middling recency with a few purchases: worth a nudge now.
  { name: 'Need Attention', r: [3, 3], f: [2, 3] },
  // Middling recency, a single purchase: will drift away without reactivation.
  { name: 'About To Sleep', r: [3, 3], f: [1, 1] },
  // Long since the last purchase, and few purchases.
  { name: 'Hibernating', r: [2, 2], f: [1, 2] },
  // Lowest recency and low frequency.
  { name: 'Lost', r: [1, 1], f: [1, 2] },
];

/** The 11 names of the built-in map, in the order of its rules. */
export const BUILT_IN_SEGMENT_NAMES: readonly string[] = BUILT_IN_SEGMENT_RULES.map((rule) => rule.name);

const within = (score: number, range: ScoreRange): boolean => score >= range[0] && score <= range[1];

/** The name of the first rule matching the scores, or null when no rule matches. */
export function segmentFor(r: number, f: number, m: number, rules: readonly SegmentRule[]): string | null {
  const rule = rules.find((x) => within(r, x.r) && within(f, x.f) && (x.m === undefined || within(m, x.m)));
  return rule ? rule.name : null;
}

/** The first cell (as `r-f-m`) of a `bins`-bin grid that no rule matches, or null when the rules cover every cell. */
export function firstUncoveredCell(rules: readonly SegmentRule[], bins: number): string | null {
  for (let r = 1; r <= bins; r++) {
    for (let f = 1; f <= bins; f++) {
      for (let m = 1; m <= bins; m++) {
        if (segmentFor(r, f, m, rules) === null) return `${r}-${f}-${m}`;
      }
    }
  }
  return null;
}
