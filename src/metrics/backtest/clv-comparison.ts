import type { ClvValue, ScoreOutcome } from '../../plugin-api/plugin.contract';
import type { ClvBacktest } from './backtest-report';
import { byRepeatPurchases } from './conditional-expectation.stats';
import type { CustomerActuals } from './holdout-actuals.query';
import { PredictionCoverage } from './prediction-coverage';
import { accuracy } from './regression.stats';

/** Collects one CLV model's predictions and the actuals, one number each per customer, then reports. */
export class ClvComparison {
  readonly coverage = new PredictionCoverage();
  private actualTransactions = 0;
  private actualSpend = 0;
  /** Customers whose value carries no expectedPurchases. */
  private withoutPurchases = 0;
  private readonly tx = { predicted: [] as number[], actual: [] as number[], repeats: [] as number[] };
  private readonly spend = { predicted: [] as number[], actual: [] as number[] };
  /** The cumulative curve: actual transactions, and predicted ones (and by how many customers), per checkpoint. */
  private readonly curve: { actual: number; predicted: number; predictions: number }[];

  /** `checkpointDays`: days after calibrationEnd of each checkpoint; the last is the holdout's end, predicted by `add`. */
  constructor(private readonly checkpointDays: readonly number[] = []) {
    this.curve = checkpointDays.map(() => ({ actual: 0, predicted: 0, predictions: 0 }));
  }

  /** A prediction over checkpoint j's horizon (j before the last: those are scored apart). */
  addAt(j: number, outcome: ScoreOutcome<ClvValue>): void {
    const v = outcome && !('error' in outcome) ? outcome : null;
    if (typeof v?.expectedPurchases !== 'number') return;
    this.curve[j].predicted += v.expectedPurchases;
    this.curve[j].predictions += 1;
  }

  add(outcome: ScoreOutcome<ClvValue>, a: CustomerActuals): void {
    this.actualTransactions += a.holdoutTransactions;
    this.actualSpend += a.holdoutSpend;
    a.byCheckpoint?.forEach((n, j) => { if (this.curve[j]) this.curve[j].actual += n; });
    const v = this.coverage.take(outcome);
    const purchases = v?.expectedPurchases;
    const last = this.curve.at(-1);
    if (last && typeof purchases === 'number') {
      last.predicted += purchases;
      last.predictions += 1;
    }
    if (typeof purchases !== 'number') {
      // A value without expectedPurchases (e.g. historical CLV) predicts no purchases.
      if (v) {
        this.coverage.withoutPrediction += 1;
        this.withoutPurchases += 1;
      }
      return;
    }
    this.tx.predicted.push(purchases);
    this.tx.actual.push(a.holdoutTransactions);
    this.tx.repeats.push(Math.max(0, a.calibrationDays - 1));
    if (typeof v?.expectedAverageOrderValue === 'number') {
      this.spend.predicted.push(purchases * v.expectedAverageOrderValue);
      this.spend.actual.push(a.holdoutSpend);
    }
  }

  result(): { clv: ClvBacktest; notes: string[] } {
    const notes = this.coverage.notes();
    const predicted = this.tx.predicted.length;
    if (this.withoutPurchases && !predicted) {
      notes.push('no compared customer has an expectedPurchases: this model predicts no purchases (e.g. historical CLV), so there is nothing to compare');
    } else if (this.withoutPurchases) {
      notes.push(`compared customers with a CLV but no expectedPurchases: ${this.withoutPurchases}`);
    }
    const withoutValue = predicted - this.spend.predicted.length;
    if (predicted && withoutValue) notes.push(`customers with expectedPurchases but no expectedAverageOrderValue, left out of spend: ${withoutValue}`);
    const clv: ClvBacktest = {
      actualTransactions: this.actualTransactions,
      actualSpend: this.actualSpend,
      transactions: accuracy(this.tx.predicted, this.tx.actual),
      spend: accuracy(this.spend.predicted, this.spend.actual),
      byRepeatPurchases: byRepeatPurchases(this.tx.repeats, this.tx.predicted, this.tx.actual),
      cumulative: this.curve.map((c, j) => ({ day: this.checkpointDays[j], actual: c.actual, predicted: c.predictions ? c.predicted : null })),
    };
    if (clv.transactions.customers >= 2 && clv.transactions.correlation === null) notes.push('transactions: no correlation, the predictions or the actuals do not vary');
    if (clv.spend.customers >= 2 && clv.spend.correlation === null) notes.push('spend: no correlation, the predictions or the actuals do not vary');
    return { clv, notes };
  }
}
