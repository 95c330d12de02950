import { POPULATION as P, STREAM as S } from './population.params';
import type { SqlDialect } from './sql.dialect';
import { exponential, normal, num, uniform } from './sql-random.expr';

/**
 * `bench_plan`: one row per customer with the draws every later statement needs (acquisition,
 * active window, number of purchases and of other interactions, spend level, margin ratio,
 * contract end, referrer, wallet). Filled by INSERT ... SELECT over a range of ids, dropped
 * once the population is written.
 */
export const PLAN_TABLE = 'bench_plan';

export const createPlanSql = [
  `DROP TABLE IF EXISTS ${PLAN_TABLE}`,
  `CREATE TABLE ${PLAN_TABLE} (
    id INTEGER NOT NULL PRIMARY KEY, contractual INTEGER NOT NULL, acq_ms BIGINT NOT NULL, t_days DOUBLE NOT NULL,
    active_days DOUBLE NOT NULL, n_purchase INTEGER NOT NULL, n_other INTEGER NOT NULL, spend DOUBLE NOT NULL,
    margin_ratio DOUBLE NOT NULL, contract_end_ms BIGINT NULL, referrer_id INTEGER NULL, wallet INTEGER NULL)`,
];

const DAY_MS = 86_400_000;

/** Fills the plan of customers from..to; the data ends at endMs (every interaction is before it). */
export function fillPlanSql(d: SqlDialect, from: number, to: number, endMs: number): string {
  const u = (s: number) => uniform('seq', '0', s);
  const e = (s: number) => exponential('seq', '0', s);
  const r = d.range(from, to);
  // Dropout: rate mu = e5 / median (exponential across customers), time tau = e6 / mu.
  const inner = `SELECT seq AS id,
      CASE WHEN ${u(S.contractual)} < ${num(P.contractualShare)} THEN 1 ELSE 0 END AS contractual,
      CASE WHEN ${u(S.buyer)} >= ${num(P.neverBuyShare)} THEN 1 ELSE 0 END AS buyer,
      ${u(S.acquisition)} * ${num(P.windowDays)} AS t_days,
      ${e(S.dropoutTime)} * ${num(P.medianLifetimeDays)} / ${d.greatest(e(S.dropoutRate), '1e-9')} AS tau,
      ${e(S.repeats)} AS e_repeats,
      1e0 - POWER(1e0 - ${u(S.churnProbability)}, ${num(1 / P.contractChurnBeta)}) AS churn_p,
      ${e(S.churnPeriod)} AS e_churn,
      EXP(${num(Math.log(P.medianSpend))} + ${num(P.spendSigma)} * ${normal('seq', '0', S.spend)}) AS spend,
      ${num(P.marginLow)} + ${num(P.marginSpread)} * ${u(S.margin)} AS margin_ratio,
      ${e(S.others)} AS e_others,
      CASE WHEN seq > 1 AND ${u(S.referred)} < ${num(P.referredShare)} THEN 1 + ${d.floorInt(`${u(S.referrer)} * (seq - 1)`)} END AS referrer_id,
      ${u(S.wallet)} AS wallet_draw
    FROM ${r.table}`;
  const active = d.least('d.t_days', 'd.tau');
  // Repeat purchases over the active window: Poisson at an exponential personal rate is geometric
  // with mean rate x window, P(n >= j) = q^j, q = rw / (1 + rw); drawn as floor(e / -ln q).
  const rateWindow = d.greatest(`${num(P.meanPurchaseRatePerDay)} * ${active}`, '1e-9');
  const repeats = d.least(`FLOOR(d.e_repeats / LN(1e0 + 1e0 / ${rateWindow}))`, String(P.maxRepeatPurchases));
  // Contracts: churn in period K (geometric at the personal probability), M whole months observed.
  const churnPeriod = `(1 + FLOOR(d.e_churn / -LN(1e0 - ${d.least(d.greatest('d.churn_p', '1e-6'), '0.999999e0')})))`;
  const months = `FLOOR(d.t_days / ${num(P.monthDays)})`;
  const acqMs = `(${endMs} - ${d.floorInt(`d.t_days * ${DAY_MS}`)})`;
  return `${r.with} INSERT INTO ${PLAN_TABLE} (id, contractual, acq_ms, t_days, active_days, n_purchase, n_other, spend, margin_ratio, contract_end_ms, referrer_id, wallet)
    SELECT d.id, d.contractual, ${acqMs}, d.t_days, ${active},
      CASE WHEN d.contractual = 1 THEN ${d.least(churnPeriod, `${months} + 1`)} WHEN d.buyer = 1 THEN 1 + ${repeats} ELSE 0 END,
      ${d.least(`FLOOR(d.e_others / ${num(-Math.log(P.otherRatio))})`, String(P.maxOtherInteractions))},
      CASE WHEN d.contractual = 1 THEN d.spend * ${num(P.feeFactor)} ELSE d.spend END,
      d.margin_ratio,
      CASE WHEN d.contractual = 1 AND ${churnPeriod} <= ${months}
        THEN ${acqMs} + ${d.floorInt(`(${churnPeriod} * ${num(P.monthDays)} - 3e0) * ${DAY_MS}`)} END,
      d.referrer_id,
      CASE WHEN d.wallet_draw < ${num(P.walletShare)} THEN 10 * ${d.floorInt('d.spend * 4e0')} END
    FROM (${inner}) d`;
}
