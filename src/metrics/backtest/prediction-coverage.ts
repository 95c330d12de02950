import { isScoreError } from '../engine/score-batch';
import type { ScoreOutcome } from '../../plugin-api/plugin.contract';

/** How many compared customers got a usable prediction, and the first error met. */
export class PredictionCoverage {
  compared = 0;
  withoutPrediction = 0;
  failed = 0;
  firstError: string | null = null;

  /** Counts one compared customer; returns its value, or null when the outcome was null or an error. */
  take<V>(outcome: ScoreOutcome<V>): V | null {
    this.compared += 1;
    if (outcome !== null && isScoreError(outcome)) {
      this.failed += 1;
      this.firstError ??= outcome.error;
    }
    if (outcome === null || isScoreError(outcome)) {
      this.withoutPrediction += 1;
      return null;
    }
    return outcome as V;
  }

  /** Plain-language remarks on the coverage, for the report's notes. */
  notes(): string[] {
    const out: string[] = [];
    if (!this.compared) out.push('no customer made a purchase at or before calibrationEnd: nothing to compare');
    if (this.failed) out.push(`compared customers that failed to score: ${this.failed}, e.g. "${this.firstError}"`);
    return out;
  }
}
