import { DAY_MS, InteractionType, type MetricInteraction, MONTH_DAYS, roundMoney, YEAR_DAYS } from '../../src/plugin-api';
import type { ClvHistoricalConfig } from './clv-historical.config';

type PcvOptions = Pick<ClvHistoricalConfig, 'defaultMarginRatio' | 'pcvRate' | 'pcvPeriod'>;

const signOf = (i: MetricInteraction): number => (i.type === InteractionType.PURCHASE ? 1 : i.type === InteractionType.REFUND ? -1 : 0);

/**
 * Past customer value: every past gross contribution compounded to `asOf`,
 * PCV = sum of GC x (1 + pcvRate)^n, n = whole periods (mean months or years) from the
 * interaction to asOf. A purchase adds its contribution, a refund takes its own back. The
 * contribution is the margin when the customer has margins recorded (net margin not 0, the rule
 * of the historical CLV), otherwise the amount times `defaultMarginRatio`, or the amount itself
 * when that is null. Only base-currency money counts. With pcvRate 0 it equals the historical CLV.
 * Null without any purchase. Throws if the compounding overflows.
 */
export function pastCustomerValue(interactions: readonly MetricInteraction[], asOf: Date, options: PcvOptions): number | null {
  const money = interactions.filter((i) => signOf(i) !== 0 && i.amount !== null);
  if (!interactions.some((i) => i.type === InteractionType.PURCHASE)) return null;
  const netMargin = roundMoney(money.reduce((sum, i) => sum + signOf(i) * (i.margin ?? 0), 0));
  const ratio = options.defaultMarginRatio ?? 1;
  const periodMs = (options.pcvPeriod === 'month' ? MONTH_DAYS : YEAR_DAYS) * DAY_MS;
  let total = 0;
  for (const i of money) {
    const contribution = netMargin !== 0 ? i.margin ?? 0 : (i.amount ?? 0) * ratio;
    const periods = Math.max(0, Math.floor((asOf.getTime() - i.occurredAt.getTime()) / periodMs));
    total += signOf(i) * contribution * (1 + options.pcvRate) ** periods;
  }
  if (!Number.isFinite(total)) throw new Error('clv-historical: pcv overflows; lower pcvRate');
  return roundMoney(total);
}
