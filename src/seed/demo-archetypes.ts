import { BUSINESS_PLANS, CHURN_REASONS, CONSUMER_PLANS, type ContractPlan } from './demo-reference-data';
import { addMonths, DAY, HOUR, uniformTime, type TimeWindow } from './demo-time';
import type { SeededRandom } from './seeded-random';

/** Purchase behaviours the demo population is drawn from; each feeds a different RFM / churn story. */
export type Archetype = 'loyal' | 'occasional' | 'lapsed' | 'one-off' | 'new' | 'contractual' | 'browser';

export type ArchetypeMix = readonly (readonly [Archetype, number])[];

export const CONSUMER_MIX: ArchetypeMix = [
  ['loyal', 15], ['occasional', 25], ['lapsed', 18], ['one-off', 14], ['new', 10], ['contractual', 13], ['browser', 5],
];
export const BUSINESS_MIX: ArchetypeMix = [['loyal', 35], ['occasional', 30], ['contractual', 25], ['lapsed', 10]];
export const INTERMEDIARY_MIX: ArchetypeMix = [['loyal', 45], ['occasional', 40], ['lapsed', 15]];
export const STAFF_MIX: ArchetypeMix = [['loyal', 40], ['occasional', 50], ['one-off', 10]];

export interface Contract {
  plan: ContractPlan;
  startedAt: number;
  endedAt?: number;
  churnReason?: string;
}

/** When a customer arrived, bought and went quiet; epoch milliseconds. */
export interface Timeline {
  acquiredAt: number;
  /** Ascending; the first one is at `acquiredAt` when there is any. */
  purchases: number[];
  /** After this only sparse marketing touchpoints happen. */
  activeUntil: number;
  contract?: Contract;
  /** Probability that a survey answer is disappointed (expectation above perception). */
  disappointment: number;
}

export interface TimelineOptions {
  business: boolean;
  /** Moves an instant to local opening hours, never before `lo` nor after the window's end. */
  snap: (at: number, lo: number) => number;
}

/** Purchases every `meanGapDays` on average (jittered) from `from` until `until`. */
function recurring(rng: SeededRandom, opts: TimelineOptions, from: number, until: number, meanGapDays: number): number[] {
  const times = [from];
  let t = from;
  for (;;) {
    t += Math.max(1, meanGapDays * Math.exp(0.45 * rng.normal() - 0.1)) * DAY;
    if (t > until) break;
    times.push(opts.snap(t, from));
  }
  return times.sort((a, b) => a - b);
}

function contractTimeline(rng: SeededRandom, opts: TimelineOptions, w: TimeWindow): Timeline {
  const span = w.end - w.start;
  const ended = rng.chance(0.3);
  // Ended contracts must start early enough to have run a while before they end.
  const latestStart = w.end - (ended ? Math.min(75 * DAY, span * 0.2) : Math.min(20 * DAY, span * 0.05));
  const startedAt = uniformTime(rng, w.start, latestStart);
  const plan = rng.pick(opts.business ? BUSINESS_PLANS : CONSUMER_PLANS);
  const contract: Contract = { plan, startedAt };
  if (ended) {
    const lo = startedAt + Math.min(45 * DAY, (w.end - startedAt) / 2);
    contract.endedAt = uniformTime(rng, lo, Math.max(lo, w.end - 2 * DAY));
    contract.churnReason = rng.weighted(CHURN_REASONS);
  }
  // Recurring billing: same time of day every month while the contract runs.
  const purchases: number[] = [];
  for (let k = 0; ; k++) {
    const t = addMonths(startedAt, k);
    if (t > w.end || (contract.endedAt !== undefined && t >= contract.endedAt)) break;
    purchases.push(t);
  }
  const unhappy = contract.churnReason === 'poor service' ? 0.85 : contract.churnReason === 'price' ? 0.6 : 0.35;
  return {
    acquiredAt: startedAt,
    purchases,
    activeUntil: contract.endedAt ?? w.end,
    contract,
    disappointment: ended ? unhappy : 0.2,
  };
}

/** Draws one customer's acquisition, purchase dates and activity span for its archetype. */
export function buildTimeline(rng: SeededRandom, archetype: Archetype, w: TimeWindow, opts: TimelineOptions): Timeline {
  if (archetype === 'contractual') return contractTimeline(rng, opts, w);
  const span = w.end - w.start;
  const acquire = (lo: number, hi: number): number => opts.snap(uniformTime(rng, lo, Math.max(lo, hi)), w.start);
  switch (archetype) {
    case 'loyal': {
      const acquiredAt = acquire(w.start, w.start + span * 0.45);
      const gap = opts.business ? rng.float(20, 40) : rng.float(14, 40);
      return { acquiredAt, purchases: recurring(rng, opts, acquiredAt, w.end, gap), activeUntil: w.end, disappointment: 0.12 };
    }
    case 'occasional': {
      const acquiredAt = acquire(w.start, w.end - Math.min(45 * DAY, span * 0.1));
      const purchases = recurring(rng, opts, acquiredAt, w.end, rng.float(55, 150));
      return { acquiredAt, purchases, activeUntil: w.end, disappointment: 0.3 };
    }
    case 'lapsed': {
      // Stops buying at least ~200 days before the end of the window (less in short windows).
      const lapseBy = w.end - Math.min(200 * DAY, span * 0.3);
      const acquiredAt = acquire(w.start, Math.min(w.start + span * 0.6, lapseBy - 60 * DAY));
      const until = Math.max(acquiredAt, Math.min(lapseBy, acquiredAt + rng.float(60, 300) * DAY));
      const purchases = recurring(rng, opts, acquiredAt, until, rng.float(18, 45));
      if (purchases.length < 2 && until - acquiredAt > 7 * DAY) {
        purchases.push(uniformTime(rng, acquiredAt + 7 * DAY, until));
      }
      const last = purchases[purchases.length - 1];
      return { acquiredAt, purchases, activeUntil: Math.min(w.end, last + rng.float(10, 60) * DAY), disappointment: 0.6 };
    }
    case 'one-off': {
      const acquiredAt = acquire(w.start, w.end - 2 * DAY);
      return { acquiredAt, purchases: [acquiredAt], activeUntil: Math.min(w.end, acquiredAt + rng.float(7, 45) * DAY), disappointment: 0.45 };
    }
    case 'new': {
      const acquiredAt = acquire(w.end - Math.min(60 * DAY, span * 0.1), w.end - 6 * HOUR);
      const purchases = recurring(rng, opts, acquiredAt, w.end, rng.float(10, 25)).slice(0, 4);
      return { acquiredAt, purchases, activeUntil: w.end, disappointment: 0.2 };
    }
    case 'browser': {
      const acquiredAt = acquire(w.start, w.end - 7 * DAY);
      return { acquiredAt, purchases: [], activeUntil: Math.min(w.end, acquiredAt + rng.float(30, 400) * DAY), disappointment: 0.35 };
    }
  }
}
