import type { CoreKindSpec } from '../core-kind';

/** The value of the `churn` kind for one customer. */
export interface ChurnValue {
  probability: number;
  pAlive: number | null;
  /** A short reason in words where the model gives one (e.g. 'no purchase for 3.2 usual gaps'). */
  reason?: string | null;
}

/** Sorted, filtered and averaged by the probability of having churned. */
export const churnKind: CoreKindSpec<ChurnValue> = {
  headline: (v) => v.probability,
  label: () => null,
  fromHeadline: (value) => ({ probability: value ?? 0 }),
  details: ['pAlive', 'reason'],
  defaults: { reason: null },
};
