import { Field, Float, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import type * as R from './backtest-report';
import type { Accuracy } from './regression.stats';
import type { RepeatPurchaseRow } from './conditional-expectation.stats';

// The GraphQL shape of a backtest report; each class implements its plain interface so the two never drift.

@ObjectType({ description: 'Predictions of one quantity compared with what happened, over the customers that have a prediction of it.' })
export class BacktestAccuracy implements Accuracy {
  @Field(() => Int, { description: 'Compared customers with a prediction of this quantity.' }) customers!: number;
  @Field(() => Float, { nullable: true, description: 'Sum of the predictions; null without any.' }) predictedTotal!: number | null;
  @Field(() => Float, { description: 'Sum of what the same customers actually did in the holdout.' }) actualTotal!: number;
  @Field(() => Float, { nullable: true, description: 'Mean absolute error per customer; null without predictions.' }) mae!: number | null;
  @Field(() => Float, { nullable: true, description: 'Root mean squared error per customer; null without predictions.' }) rmse!: number | null;
  @Field(() => Float, { nullable: true, description: 'Pearson correlation of predicted and actual per customer; null with fewer than 2 customers or when either side does not vary.' })
  correlation!: number | null;
}

@ObjectType({ description: 'Mean predicted vs mean actual holdout transactions of the customers with the same number of calibration repeat purchases.' })
export class BacktestRepeatPurchaseRow implements RepeatPurchaseRow {
  @Field(() => Int, { description: 'Calibration repeat purchases (distinct purchase days - 1); the last row, 7, holds 7 and more.' }) repeatPurchases!: number;
  @Field(() => String, { description: '"0", "1", ..., "7+".' }) label!: string;
  @Field(() => Int, { description: 'Customers in the row (with a prediction of transactions).' }) customers!: number;
  @Field(() => Float, { nullable: true, description: 'Mean predicted holdout transactions; null for an empty row.' }) meanPredicted!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean actual holdout transactions; null for an empty row.' }) meanActual!: number | null;
}

@ObjectType({ description: 'Holdout transactions (distinct purchase days) of the compared customers from calibrationEnd to `day` days after it.' })
export class BacktestCumulativePoint implements R.CumulativePoint {
  @Field(() => Float, { description: 'Days after calibrationEnd.' }) day!: number;
  @Field(() => Float) actual!: number;
  @Field(() => Float, { nullable: true, description: 'The sum of expectedPurchases over that horizon, of the customers with one; null when none has one.' }) predicted!: number | null;
}

@ObjectType('ClvBacktest', { description: "A CLV model's predicted holdout purchases compared with the actual ones." })
export class ClvBacktestResult implements R.ClvBacktest {
  @Field(() => Float, { description: 'Holdout transactions (distinct purchase days) of every compared customer, predicted or not.' }) actualTransactions!: number;
  @Field(() => Float, { description: 'Holdout spend (base-currency purchase amounts) of every compared customer, predicted or not.' }) actualSpend!: number;
  @Field(() => BacktestAccuracy, { description: 'expectedPurchases vs holdout transactions.' }) transactions!: BacktestAccuracy;
  @Field(() => BacktestAccuracy, { description: 'expectedPurchases x expectedAverageOrderValue vs holdout spend.' }) spend!: BacktestAccuracy;
  @Field(() => [BacktestRepeatPurchaseRow], { description: 'The conditional-expectation table: rows 0, 1, ..., 6 and 7+ calibration repeat purchases, empty rows included.' })
  byRepeatPurchases!: BacktestRepeatPurchaseRow[];
  @Field(() => [BacktestCumulativePoint], { description: 'The cumulative curve: actual and predicted holdout transactions at checkpoints through the holdout (every two weeks, at most 13, the last at holdoutEnd). Computed only when selected: each model is scored once more per checkpoint.' })
  cumulative!: BacktestCumulativePoint[];
}

@ObjectType({ description: 'One decile of predicted churn probability: customers ranked by prediction, tied predictions kept in one decile.' })
export class ChurnCalibrationDecile implements R.ChurnDecile {
  @Field(() => Int, { description: '1 = the lowest predicted probabilities, 10 = the highest; empty deciles are left out.' }) decile!: number;
  @Field(() => Int, { description: 'Customers in the decile.' }) customers!: number;
  @Field(() => Float, { description: 'Lowest predicted probability in the decile.' }) minPredicted!: number;
  @Field(() => Float, { description: 'Highest predicted probability in the decile.' }) maxPredicted!: number;
  @Field(() => Float, { description: 'Mean predicted probability.' }) meanPredicted!: number;
  @Field(() => Float, { description: 'Share of the decile that made no purchase in the holdout.' }) observedInactiveShare!: number;
}

@ObjectType('ChurnBacktest', { description: "A churn model's probabilities compared with observed holdout inactivity (no purchase in the holdout)." })
export class ChurnBacktestResult implements R.ChurnBacktest {
  @Field(() => Int, { description: 'Compared customers with a probability.' }) customers!: number;
  @Field(() => Float, { nullable: true, description: 'Area under the ROC curve of probability against inactivity (Mann-Whitney, ties count half); null unless both active and inactive customers occur.' })
  auc!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean squared difference between probability and inactivity (1 or 0); lower is better.' }) brier!: number | null;
  @Field(() => Float, { nullable: true, description: 'Observed share of inactive customers.' }) baseRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean predicted probability (compare with baseRate).' }) meanPredicted!: number | null;
  @Field(() => [ChurnCalibrationDecile], { description: 'Predicted vs observed by decile of predicted probability.' }) calibration!: ChurnCalibrationDecile[];
}

@ObjectType('PluginBacktest', { description: "One plugin's backtest." })
export class PluginBacktestResult implements R.PluginBacktest {
  @Field(() => String, { description: 'The plugin.' }) plugin!: string;
  @Field(() => String, { description: 'Its version.' }) version!: string;
  @Field(() => String, { nullable: true, description: 'Set when fit failed on the calibration data (its message); nothing else was measured.' }) error!: string | null;
  @Field(() => Int, { description: 'Milliseconds spent fitting, reading the population included.' }) fitMs!: number;
  @Field(() => Int, { description: 'Milliseconds spent in score, the database reads excluded.' }) scoreMs!: number;
  @Field(() => Int, { description: 'Customers of the calibration population scored (those of the provider\'s relationships).' }) customersScored!: number;
  @Field(() => Int, { description: 'Scored customers with a purchase at or before calibrationEnd: those compared.' }) customersCompared!: number;
  @Field(() => Int, { description: 'Compared customers without a prediction: null outcome, error, or (CLV) no expectedPurchases.' }) customersWithoutPrediction!: number;
  @Field(() => Int, { description: 'Compared customers whose score was an error (counted in customersWithoutPrediction too).' }) customersFailed!: number;
  @Field(() => String, { nullable: true, description: 'The first scoring error met, if any.' }) firstError!: string | null;
  @Field(() => [String], { description: 'Remarks in words: no predictions, undefined measures, failures.' }) notes!: string[];
  @Field(() => ClvBacktestResult, { nullable: true, description: 'For kind clv, unless fit failed.' }) clv!: ClvBacktestResult | null;
  @Field(() => ChurnBacktestResult, { nullable: true, description: 'For kind churn, unless fit failed.' }) churn!: ChurnBacktestResult | null;
}

@ObjectType('BacktestReport', { description: 'Models of one kind fitted on the data up to calibrationEnd and compared with what happened up to holdoutEnd. Nothing is written.' })
export class BacktestReportResult implements R.BacktestReport {
  @Field(() => String, { description: 'clv or churn.' }) kind!: R.BacktestKind;
  @Field(() => GraphQLISODateTime, { description: 'The models saw everything at or before this time.' }) calibrationEnd!: Date;
  @Field(() => GraphQLISODateTime, { description: 'Actuals are read in (calibrationEnd, holdoutEnd].' }) holdoutEnd!: Date;
  @Field(() => Float, { description: 'Holdout length in days: the horizon the models predicted over (ctx.horizonDays).' }) holdoutDays!: number;
  @Field(() => Int, { description: 'Milliseconds for the whole backtest.' }) durationMs!: number;
  @Field(() => [PluginBacktestResult], { description: 'One entry per plugin, in the order asked.' }) plugins!: PluginBacktestResult[];
}
