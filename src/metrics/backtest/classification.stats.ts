import { finiteOrNull } from './regression.stats';

// How well predicted probabilities separate and match observed yes/no outcomes (for churn: the
// customer made no purchase in the holdout). Null wherever a measure is undefined, never NaN.

function checkPairs(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>): number {
  if (scores.length !== outcomes.length) throw new Error(`${scores.length} scores for ${outcomes.length} outcomes`);
  return scores.length;
}

/** Indices of `scores` in ascending score order (stable). */
function ascending(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting half (the Mann-Whitney U statistic over positives x negatives),
 * computed from mid-ranks in O(n log n). Null without a positive or without a negative.
 */
export function auc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number | null {
  const n = checkPairs(scores, positive);
  const order = ascending(scores);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end += 1;
    // 1-based ranks start+1..end+1 share their mean.
    const midRank = (start + end + 2) / 2;
    for (let k = start; k <= end; k += 1) {
      if (positive[order[k]]) {
        positives += 1;
        positiveRankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (!positives || !negatives) return null;
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return finiteOrNull(u / (positives * negatives));
}

/** Mean squared difference between the probability and the outcome (1 or 0); null without pairs. */
export function brierScore(probabilities: ArrayLike<number>, outcomes: ArrayLike<boolean>): number | null {
  const n = checkPairs(probabilities, outcomes);
  if (!n) return null;
  let s = 0;
  for (let i = 0; i < n; i += 1) s += (probabilities[i] - (outcomes[i] ? 1 : 0)) ** 2;
  return finiteOrNull(s / n);
}

/** Share of true outcomes; null without any. */
export function shareTrue(outcomes: ArrayLike<boolean>): number | null {
  if (!outcomes.length) return null;
  let t = 0;
  for (let i = 0; i < outcomes.length; i += 1) if (outcomes[i]) t += 1;
  return t / outcomes.length;
}

/** Mean of the values; null without any. */
export function mean(values: ArrayLike<number>): number | null {
  if (!values.length) return null;
  let s = 0;
  for (let i = 0; i < values.length; i += 1) s += values[i];
  return finiteOrNull(s / values.length);
}

/** One bin of a calibration table. */
export interface CalibrationBin {
  /** 1 = the lowest predicted probabilities, `bins` = the highest. */
  bin: number;
  customers: number;
  minPredicted: number;
  maxPredicted: number;
  meanPredicted: number;
  /** Share of the bin's customers whose outcome is true. */
  observedShare: number;
}

/**
 * Predicted vs observed by quantile bin of the prediction (deciles by default). A value goes to
 * bin floor(bins x (values strictly below it) / n) + 1, so that tied predictions always share a
 * bin (a large tie makes one large bin) and the bins follow the rank of the prediction. Empty
 * bins are left out.
 */
export function calibrationBins(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>, bins = 10): CalibrationBin[] {
  const n = checkPairs(scores, outcomes);
  const order = ascending(scores);
  const out: CalibrationBin[] = [];
  for (let start = 0; start < n;) {
    const bin = Math.floor((bins * start) / n) + 1;
    let end = start;
    // The bin runs on while later values (and their ties) start in it too.
    while (end + 1 < n && (scores[order[end + 1]] === scores[order[end]] || Math.floor((bins * (end + 1)) / n) + 1 === bin)) end += 1;
    let sum = 0;
    let trues = 0;
    for (let k = start; k <= end; k += 1) {
      sum += scores[order[k]];
      if (outcomes[order[k]]) trues += 1;
    }
    const count = end - start + 1;
    out.push({
      bin, customers: count, minPredicted: scores[order[start]], maxPredicted: scores[order[end]],
      meanPredicted: finiteOrNull(sum / count) ?? 0, observedShare: trues / count,
    });
    start = end + 1;
  }
  return out;
}
