import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, GraphQLISODateTime, Info, Query, Resolver } from 'type-graphql';
import type { GraphContext } from '../../graphql/context';
import { DeadlineExceeded } from '../../common/stream-deadline';
import { badInput, ErrorCode, userError } from '../../graphql/errors';
import { selectsAnywhere } from '../../graphql/selected-fields';
import { checkBacktestInput, isBacktestProblem } from './backtest-input';
import type { BacktestReport } from './backtest-report';
import { BacktestReportResult } from './backtest.types';
import { runBacktest } from './run-backtest';

@Resolver()
export class BacktestResolver {
  @Query(() => BacktestReportResult, {
    description: 'Fits the named plugins of one kind (selected or not) on the data up to calibrationEnd, predicts over the holdout, and compares with what happened up to holdoutEnd. Writes nothing: no model run, no values. Takes as long as a refresh of each plugin; for large populations prefer `npm run metrics:backtest`.',
  })
  async backtest(
    @Arg('kind', () => String, { description: 'clv or churn.' }) kind: string,
    @Arg('plugins', () => [String], { description: 'Loaded plugins providing the kind, in the order to report.' }) plugins: string[],
    @Arg('calibrationEnd', () => GraphQLISODateTime, { description: 'The models see everything at or before this time.' }) calibrationEnd: Date,
    @Arg('holdoutEnd', () => GraphQLISODateTime, { description: 'After calibrationEnd, not in the future.' }) holdoutEnd: Date,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BacktestReport> {
    const checked = checkBacktestInput(ctx.metrics.setup, { kind, plugins, calibrationEnd, holdoutEnd }, ctx.now, ctx.config.clockSkewMs);
    if (isBacktestProblem(checked)) {
      throw checked.index !== undefined ? badInput(checked.message, { index: checked.index }, 'plugins') : badInput(checked.message, { field: checked.field }, 'args');
    }
    const limitSeconds = ctx.config.backtestTimeLimitSeconds;
    try {
      // The cumulative curve scores each model once per checkpoint again: only when asked for.
      return await runBacktest({ ...checked, cumulative: selectsAnywhere(info, 'cumulative') }, {
        ds: ctx.ds, setup: ctx.metrics.setup, currency: ctx.config.baseCurrency, log: ctx.log, requestId: ctx.requestId,
        includeInternal: ctx.metrics.setup.includeInternal, timeLimitMs: limitSeconds * 1000,
      });
    } catch (e) {
      if (!(e instanceof DeadlineExceeded)) throw e;
      throw userError(ErrorCode.TIME_LIMIT, `the backtest took longer than BACKTEST_TIME_LIMIT_SECONDS (${limitSeconds} s) and was stopped; use a shorter holdout, fewer plugins, or \`npm run metrics:backtest\`, which has no limit`);
    }
  }
}
