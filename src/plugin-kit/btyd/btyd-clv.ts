import type { ClvInput, ClvValue } from '../../plugin-api/plugin.contract';
import type { BtydClvConfig } from './btyd-plugin.config';
import { type BtydFitDiagnostics, BtydPopulation, readStoredTransactionModel } from './btyd-population';
import { type BtydSummary, daysPerUnit, type TimeUnit } from './btyd-summary';
import { MONTH_DAYS } from '../history/time-units';
import { discountedTransactions } from './discounted-transactions';
import { fitOffThread, GAMMA_GAMMA_FIT } from './btyd-fit.tasks';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.model';
import { GammaGammaRowAccumulator } from './gamma-gamma-rows';
import { ModelFitError } from './model-fit-error';
import type { TransactionModel } from './transaction-model';

// CLV from any BTYD transaction model: its discounted expected purchases × Gamma-Gamma spend per
// purchase × a margin ratio. Shared by the CLV plugins, which differ only in the transaction model.

/** The stored model: both parameter sets and the population fallbacks. */
export type BtydClvModel<P> = {
  params: P;
  unit: TimeUnit;
  spend: GammaGammaParams;
  /** Population margin / revenue of the purchases that carry a margin; null when none does. */
  populationMarginRatio: number | null;
  /** Mean value of all valued repeat purchase days: the spend where Gamma-Gamma has no finite mean. */
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
  /** Weighted correlation of x and zbar: Gamma-Gamma assumes spend does not depend on frequency. */
  spendFrequencyCorrelation: number | null;
};

export type BtydClvDiagnostics<P> = BtydFitDiagnostics<P> & { gammaGamma: GammaGammaDiagnostics; populationMarginRatio: number | null };

/** What a CLV fit keeps while the population streams: tuples, (x, zbar) pairs and four sums. */
export class BtydClvPopulation<P> {
  private readonly transactions: BtydPopulation<P>;
  private readonly spend = new GammaGammaRowAccumulator();
  private margin = 0;
  private marginRevenue = 0;
  private repeatValue = 0;
  private repeatValueDays = 0;

  constructor(model: TransactionModel<P>) {
    this.transactions = new BtydPopulation(model);
  }

  add(summary: BtydSummary): void {
    this.transactions.add(summary);
    this.spend.add(summary.repeatValueDays, summary.meanRepeatValue);
    this.margin += summary.margin;
    this.marginRevenue += summary.marginRevenue;
    if (summary.meanRepeatValue !== null) {
      this.repeatValue += summary.meanRepeatValue * summary.repeatValueDays;
      this.repeatValueDays += summary.repeatValueDays;
    }
  }

  /**
   * Fits the transaction model, then Gamma-Gamma, on worker threads; throws ModelFitError when
   * either cannot be fitted. `signal` stops them.
   */
  async fit(config: BtydClvConfig, signal?: AbortSignal): Promise<{ model: BtydClvModel<P>; diagnostics: BtydClvDiagnostics<P> }> {
    const { params, diagnostics } = await this.transactions.fit(config.minRepeatBuyers, signal);
    if (this.spend.customers < config.minRepeatBuyers) {
      throw new ModelFitError(
        'Gamma-Gamma',
        `only ${this.spend.customers} repeat buyers have a positive repeat-purchase value in the base currency; at least ${config.minRepeatBuyers} (minRepeatBuyers) are needed`,
      );
    }
    const spendFit = await fitOffThread(GAMMA_GAMMA_FIT, this.spend.packed(), signal);
    const populationMarginRatio = this.marginRevenue > 0 ? this.margin / this.marginRevenue : null;
    return {
      model: {
        params, unit: config.timeUnit, spend: spendFit.params, populationMarginRatio,
        populationMeanValue: this.repeatValueDays > 0 ? this.repeatValue / this.repeatValueDays : null,
      },
      diagnostics: {
        ...diagnostics,
        gammaGamma: {
          converged: spendFit.converged, iterations: spendFit.iterations, evaluations: spendFit.evaluations,
          logLikelihood: spendFit.logLikelihood, standardErrors: spendFit.standardErrors, customers: spendFit.customers,
          spendFrequencyCorrelation: spendFit.spendFrequencyCorrelation,
        },
        populationMarginRatio,
      },
    };
  }
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const finiteOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads the stored CLV model (after JSON); throws when its shape is wrong, as that concerns everyone. */
export function readBtydClvModel<P>(stored: Record<string, unknown>, model: TransactionModel<P>, plugin: string): BtydClvModel<P> {
  const { params, unit } = readStoredTransactionModel(stored, model, plugin);
  const spend = stored.spend as Record<string, unknown> | null | undefined;
  if (!spend || typeof spend !== 'object' || ![spend.p, spend.q, spend.gamma].every(positive)) {
    throw new Error(`${plugin}: the stored model has no valid Gamma-Gamma parameters; refresh the metrics`);
  }
  return {
    params, unit, spend: { p: spend.p as number, q: spend.q as number, gamma: spend.gamma as number },
    populationMarginRatio: finiteOrNull(stored.populationMarginRatio), populationMeanValue: finiteOrNull(stored.populationMeanValue),
  };
}

/** What scoring needs from the plugin context. */
export interface BtydClvScoreContext {
  config: BtydClvConfig;
  currency: string;
  horizonDays?: number;
}

/** The customer's margin ratio, else the population's, else 1 (and the value is on revenue). */
function marginRatio(summary: BtydSummary, populationRatio: number | null): ClvInput {
  if (summary.marginRevenue > 0) return { name: 'marginRatio', value: summary.margin / summary.marginRevenue, source: 'CUSTOMER' };
  if (populationRatio !== null) return { name: 'marginRatio', value: populationRatio, source: 'POPULATION' };
  return { name: 'marginRatio', value: 1, source: 'CONFIG' };
}

/**
 * One customer's CLV: expected transactions over the horizon, discounted monthly, × the Gamma-Gamma
 * expected value per transaction × a margin ratio. With `horizonDays` (backtests): expected
 * transactions over that many days, undiscounted.
 */
export function scoreBtydClv<P>(
  summary: BtydSummary, stored: BtydClvModel<P>, model: TransactionModel<P>, ctx: BtydClvScoreContext, plugin: string,
): ClvValue | { error: string } {
  const { params, unit } = stored;
  const expected = (t: number) => model.expectedTransactions(params, summary.x, summary.tx, summary.T, t);
  const backtestDays = ctx.horizonDays;
  let discounted: number;
  let undiscounted: number;
  if (backtestDays !== undefined) {
    discounted = undiscounted = expected(backtestDays / daysPerUnit(unit));
  } else {
    ({ discounted, undiscounted } = discountedTransactions(expected, ctx.config.horizonMonths, ctx.config.discountRate, unit));
  }

  let spend = gammaGammaExpectedSpend(stored.spend, summary.repeatValueDays, summary.meanRepeatValue);
  let spendSource: ClvInput['source'] = summary.repeatValueDays >= 1 && summary.meanRepeatValue !== null ? 'CUSTOMER' : 'POPULATION';
  if (spend === null) {
    spend = stored.populationMeanValue;
    spendSource = 'POPULATION';
  }
  if (spend === null) return { error: `${plugin}: no spend estimate (the spend model has no finite mean and no repeat purchase has a value)` };

  const margin = marginRatio(summary, stored.populationMarginRatio);
  return {
    value: discounted * spend * margin.value,
    currency: ctx.currency,
    horizonMonths: backtestDays !== undefined ? backtestDays / MONTH_DAYS : ctx.config.horizonMonths,
    discountRate: backtestDays !== undefined ? null : ctx.config.discountRate,
    expectedPurchases: undiscounted,
    expectedAverageOrderValue: spend,
    basis: margin.source === 'CONFIG' ? 'REVENUE' : 'MARGIN',
    pAlive: model.pAlive(params, summary.x, summary.tx, summary.T),
    inputs: [
      { name: 'discountedPurchases', value: discounted, source: 'CUSTOMER' },
      { name: 'averageOrderValue', value: spend, source: spendSource },
      margin,
    ],
  };
}
