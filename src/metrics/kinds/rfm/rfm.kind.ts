import type { CoreKindSpec } from '../core-kind';

/** The value of the `rfm` kind for one customer. */
export interface RfmValue {
  recency: number | null;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  cell: string;
  segment: string;
  score: number | null;
}

/** Sorted, filtered and averaged by the weighted score; customers are filed into segments by name. */
export const rfmKind: CoreKindSpec<RfmValue> = {
  headline: (v) => v.score,
  label: (v) => v.segment,
  fromHeadline: (value, label) => ({ score: value, segment: label ?? '' }),
  details: ['recency', 'frequency', 'monetary', 'r', 'f', 'm', 'cell'],
  defaults: {},
};
