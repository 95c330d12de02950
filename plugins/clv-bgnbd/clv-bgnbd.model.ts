import { type BgNbdParams, bgnbdExpectedTransactions, bgnbdPAlive } from '../../src/models/btyd/bgnbd.model';
import { type BgNbdFitDiagnostics, BgNbdPopulation, readBgNbdModel } from '../../src/models/btyd/bgnbd-population';
import { type BtydSummary, daysPerUnit, type TimeUnit } from '../../src/models/btyd/btyd-summary';
import { DAYS_PER_MONTH, discountedTransactions } from '../../src/models/btyd/discounted-transactions';
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from '../../src/models/btyd/gamma-gamma.model';
import { GammaGammaRowAccumulator } from '../../src/models/btyd/gamma-gamma-rows';
import { ModelFitError } from '../../src/models/btyd/model-fit-error';
import type { ClvInput, ClvValue } from '../../src/metrics/plugin.contract';
import type { ClvBgNbdConfig } from './clv-bgnbd.config';

const NAME = 'clv-bgnbd';

/** The stored model: both parameter sets and the population fallbacks. */
export type ClvBgNbdModel = {
  params: BgNbdParams;
  unit: TimeUnit;
  spend: GammaGammaParams;
  /** Population margin / revenue of the purchases that carry a margin; null when none does. */
  populationMarginRatio: number | null;
  /** Mean value of all valued repeat purchase days: the spend fallback where Gamma-Gamma has no finite mean. */
  populationMeanValue: number | null;
};

/** Spend-model diagnostics. */
export type GammaGammaDiagnostics = {
  converged: boolean;
  iterations: number;
  evaluations: number;
  logLikelihood: number;
  standardErrors: GammaGammaParams | null;
  /** Repeat buyers with a positive mean repeat value (the fitted rows). */
  customers: number;
  /** Weighted Pearson correlation of x and zbar: Gamma-Gamma assumes it is near 0. */
  spendFrequencyCorrelation: number | null;
};

export type ClvBgNbdDiagnostics = BgNbdFitDiagnostics & { gammaGamma: GammaGammaDiagnostics; populationMarginRatio: number | null };

/** What fit keeps while the population streams: tuples, (x, zbar) pairs and a few sums. */
export class ClvBgNbdPopulation {
  private readonly transactions = new BgNbdPopulation();
  private readonly spend = new GammaGammaRowAccumulator();
  private margin = 0;
  private marginRevenue = 0;
  private repeatValueSum = 0;
  private repeatValueDays = 0;

  add(summary: BtydSummary): void {
    this.transactions.add(summary);
    this.spend.add(summary.repeatValueDays, summary.meanRepeatValue);
    this.margin += summary.margin;
    this.marginRevenue += summary.marginRevenue;
    if (summary.meanRepeatValue !== null) {
      this.repeatValueSum += summary.meanRepeatValue * summary.repeatValueDays;
      this.repeatValueDays += summary.repeatValueDays;
    }
  }

  /** Fits BG/NBD and Gamma-Gamma; throws ModelFitError when either cannot be fitted. */
  fit(config: ClvBgNbdConfig): { model: ClvBgNbdModel; diagnostics: ClvBgNbdDiagnostics } {
    const { params, diagnostics } = this.transactions.fit(config.minRepeatBuyers);
    if (this.spend.customers < config.minRepeatBuyers) {
      throw new ModelFitError('Gamma-Gamma', `only ${this.spend.customers} repeat buyers have a positive repeat-purchase value in the base currency; at least ${config.minRepeatBuyers} (minRepeatBuyers) are needed`);
    }
    const rows = this.spend.rows();
    const spendFit = fitGammaGamma(rows);
    const populationMarginRatio = this.marginRevenue > 0 ? this.margin / this.marginRevenue : null;
    return {
      model: {
        params, unit: config.timeUnit, spend: spendFit.params, populationMarginRatio,
        populationMeanValue: this.repeatValueDays > 0 ? this.repeatValueSum / this.repeatValueDays : null,
      },
      diagnostics: {
        ...diagnostics,
        gammaGamma: {
          converged: spendFit.converged, iterations: spendFit.iterations, evaluations: spendFit.evaluations,
          logLikelihood: spendFit.logLikelihood, standardErrors: spendFit.standardErrors, customers: spendFit.customers,
          spendFrequencyCorrelation: weightedCorrelation(rows),
        },
        populationMarginRatio,
      },
    };
  }
}

function weightedCorrelation(rows: { x: number; zbar: number; weight: number }[]): number | null {
  let w = 0;
  let mx = 0;
  let mz = 0;
  for (const row of rows) {
    w += row.weight;
    mx += row.weight * row.x;
    mz += row.weight * row.zbar;
  }
  if (w === 0) return null;
  mx /= w;
  mz /= w;
  let sxz = 0;
  let sxx = 0;
  let szz = 0;
  for (const row of rows) {
    sxz += row.weight * (row.x - mx) * (row.zbar - mz);
    sxx += row.weight * (row.x - mx) ** 2;
    szz += row.weight * (row.zbar - mz) ** 2;
  }
  const r = sxz / Math.sqrt(sxx * szz);
  return Number.isFinite(r) ? r : null;
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const finiteOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads the stored model (after JSON); throws when its shape is wrong, as that concerns everyone. */
export function readClvBgNbdModel(model: Record<string, unknown>): ClvBgNbdModel {
  const { params, unit } = readBgNbdModel(model, NAME);
  const spend = model.spend as Record<string, unknown> | null | undefined;
  if (!spend || typeof spend !== 'object' || ![spend.p, spend.q, spend.gamma].every(positive)) {
    throw new Error(`${NAME}: the stored model has no valid Gamma-Gamma parameters; refresh the metrics`);
  }
  return {
    params, unit, spend: { p: spend.p as number, q: spend.q as number, gamma: spend.gamma as number },
    populationMarginRatio: finiteOrNull(model.populationMarginRatio), populationMeanValue: finiteOrNull(model.populationMeanValue),
  };
}

/** What `score` needs from the context. */
export interface ClvScoreContext {
  config: ClvBgNbdConfig;
  currency: string;
  horizonDays?: number;
}

/**
 * One customer's CLV: expected transactions over the horizon, discounted monthly, × the Gamma-Gamma
 * expected value per transaction × a margin ratio (the customer's own, else the population's, else 1
 * and the value is on revenue). With `horizonDays` (backtests): over that many days, undiscounted.
 */
export function scoreClvBgNbd(summary: BtydSummary, model: ClvBgNbdModel, ctx: ClvScoreContext): ClvValue | { error: string } {
  const { params, unit } = model;
  const expected = (t: number) => bgnbdExpectedTransactions(params, summary.x, summary.tx, summary.T, t);
  const backtest = ctx.horizonDays !== undefined;
  const horizon = backtest
    ? { discounted: expected((ctx.horizonDays ?? 0) / daysPerUnit(unit)), undiscounted: expected((ctx.horizonDays ?? 0) / daysPerUnit(unit)) }
    : discountedTransactions(expected, ctx.config.horizonMonths, ctx.config.discountRate, unit);

  const own = summary.repeatValueDays >= 1 && summary.meanRepeatValue !== null;
  let spend = gammaGammaExpectedSpend(model.spend, summary.repeatValueDays, summary.meanRepeatValue);
  let spendSource: ClvInput['source'] = own ? 'CUSTOMER' : 'POPULATION';
  if (spend === null) {
    spend = model.populationMeanValue;
    spendSource = 'POPULATION';
  }
  if (spend === null) return { error: `${NAME}: no spend estimate (the spend model has no finite mean and no repeat purchase has a value)` };

  const margin: ClvInput = summary.marginRevenue > 0
    ? { name: 'marginRatio', value: summary.margin / summary.marginRevenue, source: 'CUSTOMER' }
    : model.populationMarginRatio !== null
      ? { name: 'marginRatio', value: model.populationMarginRatio, source: 'POPULATION' }
      : { name: 'marginRatio', value: 1, source: 'CONFIG' };

  return {
    value: horizon.discounted * spend * margin.value,
    currency: ctx.currency,
    horizonMonths: backtest ? (ctx.horizonDays ?? 0) / DAYS_PER_MONTH : ctx.config.horizonMonths,
    discountRate: backtest ? null : ctx.config.discountRate,
    expectedPurchases: horizon.undiscounted,
    expectedAverageOrderValue: spend,
    basis: margin.source === 'CONFIG' ? 'REVENUE' : 'MARGIN',
    pAlive: bgnbdPAlive(params, summary.x, summary.tx, summary.T),
    inputs: [
      { name: 'discountedPurchases', value: horizon.discounted, source: 'CUSTOMER' },
      { name: 'averageOrderValue', value: spend, source: spendSource },
      margin,
    ],
  };
}
