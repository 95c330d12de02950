import { PLAN_TABLE } from './population-plan.sql';
import { STREAM as S } from './population.params';
import type { SqlDialect } from './sql.dialect';
import { choiceOf, uniform } from './sql-random.expr';

/**
 * The customer rows of plan ids from..to, every NOT NULL column filled: external id `S<id>`,
 * type fields, demographics, acquisition, contract dates, consent, the walletEstimate trait;
 * the stat_* columns keep their defaults until the summary rebuild copies the figures.
 */
export function customerRowsSql(d: SqlDialect, from: number, to: number): string {
  const u = (s: number) => uniform('p.id', '0', s);
  const at = d.datetimeFromMs('p.acq_ms');
  const organization = `p.contractual = 1 AND ${u(S.party)} < 0.5e0`;
  return `INSERT INTO customer (id, external_id, name, email, party, relationship, channel_role, origin, gender, country,
      acquisition_source, acquisition_cost, acquired_at, contract_started_at, contract_ended_at, churn_reason,
      consent_email, consent_sms, consent_phone, consent_profiling, traits, created_at, updated_at, fingerprint)
    SELECT p.id, ${d.concat("'S'", 'p.id')}, ${d.concat("'Customer '", 'p.id')}, ${d.concat("'c'", 'p.id', "'@example.com'")},
      CASE WHEN ${organization} THEN 'ORGANIZATION' ELSE 'PERSON' END,
      CASE WHEN p.contractual = 1 THEN 'CONTRACTUAL' ELSE 'NON_CONTRACTUAL' END,
      CASE WHEN ${u(S.channelRole)} < 0.05e0 THEN 'INTERMEDIARY' ELSE 'END_CONSUMER' END,
      CASE WHEN ${u(S.origin)} < 0.01e0 THEN 'INTERNAL' ELSE 'EXTERNAL' END,
      CASE WHEN ${organization} THEN NULL ELSE ${choiceOf(u(S.gender), ['FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED'])} END,
      ${choiceOf(u(S.country), ['US', 'DE', 'FR', 'GB', 'BR', 'VN', 'JP', 'CA'])},
      ${choiceOf(u(S.source), ['organic', 'campaign', 'referral', 'partner'])},
      ROUND(5e0 + 40e0 * ${u(S.acquisitionCost)}, 2),
      ${at},
      CASE WHEN p.contractual = 1 THEN ${at} END,
      CASE WHEN p.contract_end_ms IS NOT NULL THEN ${d.datetimeFromMs('p.contract_end_ms')} END,
      CASE WHEN p.contract_end_ms IS NOT NULL THEN ${choiceOf(u(S.churnReason), ['price', 'switched to a competitor', 'no longer needed'])} END,
      CASE WHEN ${u(S.consentEmail)} < 0.6e0 THEN 1 ELSE 0 END,
      CASE WHEN ${u(S.consentSms)} < 0.3e0 THEN 1 ELSE 0 END,
      CASE WHEN ${u(S.consentPhone)} < 0.2e0 THEN 1 ELSE 0 END,
      CASE WHEN ${u(S.consentProfiling)} < 0.5e0 THEN 1 ELSE 0 END,
      CASE WHEN p.wallet IS NOT NULL THEN ${d.concat(`'{"walletEstimate":'`, 'p.wallet', "'}'")} END,
      ${at}, ${at}, ${d.hex('p.id', 64)}
    FROM ${PLAN_TABLE} p WHERE p.id BETWEEN ${from} AND ${to}`;
}

/** The indexed copy of the walletEstimate trait (customer_trait), as ingest keeps it. */
export function customerTraitsSql(d: SqlDialect, from: number, to: number): string {
  return `INSERT INTO customer_trait (customer_id, ${d.quote('key')}, ${d.quote('value')}, number_value)
    SELECT p.id, 'walletEstimate', ${d.text('p.wallet')}, p.wallet FROM ${PLAN_TABLE} p
    WHERE p.wallet IS NOT NULL AND p.id BETWEEN ${from} AND ${to}`;
}
