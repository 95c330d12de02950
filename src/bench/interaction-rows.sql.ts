import { PLAN_TABLE } from './population-plan.sql';
import { MAX_SLOTS, POPULATION as P, STREAM as S } from './population.params';
import type { SqlDialect } from './sql.dialect';
import { choice, intervals, normal, num, uniform } from './sql-random.expr';

type Option = readonly [channel: string, level: string, share: number];

/** Where purchases happen, with the service contact level of each channel. */
const PURCHASE_CHANNELS: readonly Option[] = [
  ['STORE', 'HIGH', 0.35], ['WEB', 'LOW', 0.3], ['MOBILE_APP', 'LOW', 0.2], ['PHONE', 'MEDIUM', 0.1], ['PARTNER', 'MEDIUM', 0.05],
];

/** Non-purchase touchpoints: type, share, channels. What is left over is OTHER. */
const OTHER_TYPES: readonly { type: string; share: number; channels: readonly Option[] }[] = [
  { type: 'VISIT', share: 0.34, channels: [['WEB', 'LOW', 0.5], ['MOBILE_APP', 'LOW', 0.3], ['STORE', 'HIGH', 0.2]] },
  { type: 'EMAIL', share: 0.22, channels: [['EMAIL', 'LOW', 1]] },
  { type: 'CAMPAIGN_RESPONSE', share: 0.1, channels: [['EMAIL', 'LOW', 0.6], ['SOCIAL', 'LOW', 0.4]] },
  { type: 'CHAT', share: 0.08, channels: [['CHAT', 'LOW', 1]] },
  { type: 'CALL', share: 0.07, channels: [['PHONE', 'MEDIUM', 1]] },
  { type: 'SUPPORT_CASE', share: 0.07, channels: [['PHONE', 'MEDIUM', 0.5], ['CHAT', 'LOW', 0.3], ['STORE', 'HIGH', 0.2]] },
  { type: 'SURVEY', share: 0.06, channels: [['EMAIL', 'LOW', 0.7], ['WEB', 'LOW', 0.3]] },
  { type: 'MESSAGE', share: 0.03, channels: [['MOBILE_APP', 'LOW', 1]] },
  { type: 'COMPLAINT', share: 0.015, channels: [['PHONE', 'MEDIUM', 0.6], ['EMAIL', 'LOW', 0.4]] },
  { type: 'REFUND', share: 0.015, channels: [['STORE', 'HIGH', 0.5], ['WEB', 'LOW', 0.5]] },
];

const DAY_MS = 86_400_000;

const channelOf = (draw: string, options: readonly Option[]) => choice(draw, options.map(([c, , s]) => [c, s] as const));
const levelOf = (draw: string, options: readonly Option[]) => choice(draw, options.map(([, l, s]) => [l, s] as const));

function columns(): string {
  return `external_id, customer_id, occurred_at, type, channel, contact_level, amount, currency, margin,
    expectation_score, perception_score, created_at, fingerprint`;
}

/**
 * The purchases of customers from..to, one row per slot k <= n_purchase. Non-contractual: the
 * first at acquisition, the others uniform over the active window (a Poisson process given its
 * count), amounts log-normal around the customer's own mean. Contractual: the monthly fee at each
 * month since the contract started, until it ended or the data ends.
 */
export function purchaseRowsSql(d: SqlDialect, from: number, to: number, endMs: number, currency: string): string {
  const u = (s: number) => uniform('p.id', 'k.seq', s);
  const at = `(CASE
      WHEN p.contractual = 1 THEN ${d.least(`p.acq_ms + ${d.floorInt(`(k.seq - 1) * ${num(P.monthDays * DAY_MS)} + ${u(S.purchaseTime)} * 3600000e0`)}`, String(endMs - 1))}
      WHEN k.seq = 1 THEN p.acq_ms
      ELSE p.acq_ms + ${d.floorInt(`${u(S.purchaseTime)} * p.active_days * ${DAY_MS}e0`)} END)`;
  const spread = `EXP(${num(P.purchaseSigma)} * ${normal('p.id', 'k.seq', S.purchaseAmount)} - ${num(P.purchaseSigma ** 2 / 2)})`;
  const amount = `ROUND(CASE WHEN p.contractual = 1 THEN p.spend ELSE ${d.greatest(`p.spend * ${spread}`, '0.5e0')} END, 2)`;
  return `INSERT INTO interaction (${columns()})
    SELECT ${d.concat("'P'", 'p.id', "'-'", 'k.seq')}, p.id, ${d.datetimeFromMs(at)}, 'PURCHASE',
      ${channelOf(u(S.purchaseChannel), PURCHASE_CHANNELS)}, ${levelOf(u(S.purchaseChannel), PURCHASE_CHANNELS)},
      ${amount}, '${currency}', ROUND(${amount} * p.margin_ratio * (0.85e0 + 0.3e0 * ${u(S.purchaseMargin)}), 2),
      NULL, NULL, ${d.datetimeFromMs(at)}, ${d.concat(d.hex('p.id', 32), d.hex('k.seq', 32))}
    FROM ${PLAN_TABLE} p JOIN ${d.slots(MAX_SLOTS)} k ON k.seq <= p.n_purchase
    WHERE p.id BETWEEN ${from} AND ${to}`;
}

/**
 * The other touchpoints of customers from..to (slot k <= n_other), spread over the whole tenure
 * (dropped-out customers still open emails): visits, emails, campaign responses, chats, calls,
 * support cases, surveys with expectation and perception scores, messages, complaints, and
 * refunds of buyers (a customer without purchases gets OTHER there).
 */
export function otherRowsSql(d: SqlDialect, from: number, to: number, currency: string): string {
  const u = (s: number) => uniform('p.id', 'k.seq', s);
  const at = `(p.acq_ms + ${d.floorInt(`${u(S.otherTime)} * p.t_days * ${DAY_MS}e0`)})`;
  const inType = intervals(u(S.otherType), OTHER_TYPES.map((t) => t.share));
  const refund = `(${inType[OTHER_TYPES.findIndex((t) => t.type === 'REFUND')]} AND p.n_purchase > 0)`;
  const survey = inType[OTHER_TYPES.findIndex((t) => t.type === 'SURVEY')];
  const byType = (f: (t: (typeof OTHER_TYPES)[number]) => string, otherwise: string) =>
    `CASE ${OTHER_TYPES.map((t, i) => `WHEN ${inType[i]} THEN ${f(t)}`).join(' ')} ELSE ${otherwise} END`;
  const type = byType((t) => (t.type === 'REFUND' ? `CASE WHEN p.n_purchase > 0 THEN 'REFUND' ELSE 'OTHER' END` : `'${t.type}'`), "'OTHER'");
  const refundAmount = 'ROUND(p.spend * 0.6e0, 2)';
  const expectation = `(5 + FLOOR(4e0 * ${u(S.expectation)}))`;
  return `INSERT INTO interaction (${columns()})
    SELECT ${d.concat("'O'", 'p.id', "'-'", 'k.seq')}, p.id, ${d.datetimeFromMs(at)}, ${type},
      ${byType((t) => channelOf(u(S.otherChannel), t.channels), "'OTHER'")},
      ${byType((t) => levelOf(u(S.otherChannel), t.channels), 'NULL')},
      CASE WHEN ${refund} THEN ${refundAmount} END,
      CASE WHEN ${refund} THEN '${currency}' END,
      CASE WHEN ${refund} THEN ROUND(${refundAmount} * p.margin_ratio, 2) END,
      CASE WHEN ${survey} THEN ${expectation} END,
      CASE WHEN ${survey} THEN ${d.greatest('0', d.least('10', `${expectation} + FLOOR(5e0 * ${u(S.perception)}) - 2`))} END,
      ${d.datetimeFromMs(at)}, ${d.concat(d.hex('p.id', 32), d.hex(`k.seq + 1000`, 32))}
    FROM ${PLAN_TABLE} p JOIN ${d.slots(MAX_SLOTS)} k ON k.seq <= p.n_other
    WHERE p.id BETWEEN ${from} AND ${to}`;
}
