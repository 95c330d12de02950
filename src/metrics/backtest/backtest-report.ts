import type { Accuracy } from './regression.stats';
import type { RepeatPurchaseRow } from './conditional-expectation.stats';

/** The kinds a backtest can compare with what happened. */
export const BACKTEST_KINDS = ['clv', 'churn'] as const;
export type BacktestKind = (typeof BACKTEST_KINDS)[number];

/** Predicted vs actual holdout purchases of one CLV model. */
export interface ClvBacktest {
  /** Holdout transactions of every compared customer, predicted or not. */
  actualTransactions: number;
  /** Holdout spend of every compared customer, predicted or not. */
  actualSpend: number;
  /** Over the customers with an expectedPurchases. */
  transactions: Accuracy;
  /** Over the customers with expectedPurchases and expectedAverageOrderValue. */
  spend: Accuracy;
  byRepeatPurchases: RepeatPurchaseRow[];
  /** Cumulative holdout transactions at checkpoints through the holdout, the last at its end. */
  cumulative: CumulativePoint[];
}

/** The compared customers' transactions from calibrationEnd to `day` days after it, actual and predicted. */
export interface CumulativePoint {
  day: number;
  actual: number;
  /** Over the customers with an expectedPurchases; null when none has one. */
  predicted: number | null;
}

/** One decile of a churn model's calibration table. */
export interface ChurnDecile {
  decile: number;
  customers: number;
  minPredicted: number;
  maxPredicted: number;
  meanPredicted: number;
  observedInactiveShare: number;
}

/** Predicted churn probability vs observed holdout inactivity of one churn model. */
export interface ChurnBacktest {
  /** Compared customers with a probability. */
  customers: number;
  auc: number | null;
  brier: number | null;
  baseRate: number | null;
  meanPredicted: number | null;
  calibration: ChurnDecile[];
}

/** One plugin's result. */
export interface PluginBacktest {
  plugin: string;
  version: string;
  /** Set when fit failed: nothing else was measured. */
  error: string | null;
  fitMs: number;
  scoreMs: number;
  customersScored: number;
  customersCompared: number;
  customersWithoutPrediction: number;
  customersFailed: number;
  firstError: string | null;
  notes: string[];
  clv: ClvBacktest | null;
  churn: ChurnBacktest | null;
}

/** A whole backtest. */
export interface BacktestReport {
  kind: BacktestKind;
  calibrationEnd: Date;
  holdoutEnd: Date;
  holdoutDays: number;
  durationMs: number;
  plugins: PluginBacktest[];
}
