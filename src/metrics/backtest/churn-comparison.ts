import type { ChurnValue, ScoreOutcome } from '../../plugin-api/plugin.contract';
import type { ChurnBacktest } from './backtest-report';
import { auc, brierScore, calibrationBins, mean, shareTrue } from './classification.stats';
import type { CustomerActuals } from './holdout-actuals.query';
import { PredictionCoverage } from './prediction-coverage';

/** Collects one churn model's probabilities and the observed inactivity per customer, then reports. */
export class ChurnComparison {
  readonly coverage = new PredictionCoverage();
  private readonly probabilities: number[] = [];
  private readonly inactive: boolean[] = [];

  add(outcome: ScoreOutcome<ChurnValue>, a: CustomerActuals): void {
    const v = this.coverage.take(outcome);
    if (!v || typeof v.probability !== 'number') {
      if (v) this.coverage.withoutPrediction += 1;
      return;
    }
    this.probabilities.push(v.probability);
    this.inactive.push(a.holdoutTransactions === 0);
  }

  result(): { churn: ChurnBacktest; notes: string[] } {
    const notes = this.coverage.notes();
    const churn: ChurnBacktest = {
      customers: this.probabilities.length,
      auc: auc(this.probabilities, this.inactive),
      brier: brierScore(this.probabilities, this.inactive),
      baseRate: shareTrue(this.inactive),
      meanPredicted: mean(this.probabilities),
      calibration: calibrationBins(this.probabilities, this.inactive).map((b) => ({
        decile: b.bin, customers: b.customers, minPredicted: b.minPredicted, maxPredicted: b.maxPredicted,
        meanPredicted: b.meanPredicted, observedInactiveShare: b.observedShare,
      })),
    };
    if (churn.customers && churn.auc === null) {
      notes.push(`every compared customer was ${churn.baseRate === 1 ? 'inactive' : 'active'} in the holdout: the AUC is undefined`);
    }
    if (this.coverage.compared && !churn.customers) notes.push('no compared customer has a churn probability');
    return { churn, notes };
  }
}
