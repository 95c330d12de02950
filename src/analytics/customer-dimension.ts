import { registerEnumType } from 'type-graphql';
import type { ServedSource } from '../metrics/host/metric-sources';
import { sourceCondition } from '../metrics/host/metric-sources';
import { servedMembership } from '../segments/segment-member.entity';
import type { GraphContext } from '../graphql/context';
import { type Granularity, periodLabel } from './period.sql';
import { type RfmScoreSource, rfmScoreSources, rfmScoreSql } from './rfm-score.sql';

export enum CustomerDimension {
  SEGMENT = 'SEGMENT', RFM_SEGMENT = 'RFM_SEGMENT', VALUE_TIER = 'VALUE_TIER', COUNTRY = 'COUNTRY', PARTY = 'PARTY',
  RELATIONSHIP = 'RELATIONSHIP', CHANNEL_ROLE = 'CHANNEL_ROLE', ORIGIN = 'ORIGIN', GENDER = 'GENDER', INCOME_BAND = 'INCOME_BAND',
  ACQUISITION_SOURCE = 'ACQUISITION_SOURCE', ACQUISITION_COHORT = 'ACQUISITION_COHORT', RFM_R = 'RFM_R', RFM_F = 'RFM_F',
}
registerEnumType(CustomerDimension, {
  name: 'CustomerDimension',
  description: 'What to group customers by. SEGMENT: a customer counts once in each segment it belongs to (and once under null if in none); '
    + 'RFM_SEGMENT and VALUE_TIER: the served labels of rfm and value-tier; RFM_R and RFM_F: the recency and frequency scores of the served rfm model (the R x F grid), '
    + 'from each customer\'s figures and the model\'s cut points; ACQUISITION_COHORT: the period of acquiredAt (createdAt when unknown) at the `cohort` granularity.',
});

/** The GraphQL field of a stats row each dimension fills. */
export const DIMENSION_FIELD: Record<CustomerDimension, string> = {
  SEGMENT: 'segment', RFM_SEGMENT: 'rfmSegment', VALUE_TIER: 'valueTier', COUNTRY: 'country', PARTY: 'party', RELATIONSHIP: 'relationship',
  CHANNEL_ROLE: 'channelRole', ORIGIN: 'origin', GENDER: 'gender', INCOME_BAND: 'incomeBand', ACQUISITION_SOURCE: 'acquisitionSource',
  ACQUISITION_COHORT: 'acquisitionCohort', RFM_R: 'rfmR', RFM_F: 'rfmF',
};

/** Dimensions whose values are numbers (the others are text). */
export const NUMERIC_DIMENSIONS: ReadonlySet<CustomerDimension> = new Set([CustomerDimension.RFM_R, CustomerDimension.RFM_F]);

/** Every dimension field of a row, null: what a row holds before its grouped dimensions are filled in. */
export function noDimensions(): Record<string, null> {
  return Object.fromEntries(Object.values(DIMENSION_FIELD).map((f) => [f, null]));
}

/** The metric whose served value a dimension reads (its label, or its scores). */
export const LABEL_DIMENSIONS: Partial<Record<CustomerDimension, string>> = { RFM_SEGMENT: 'rfm', VALUE_TIER: 'value-tier', RFM_R: 'rfm', RFM_F: 'rfm' };

/** The acquisition time of a customer `c`: acquiredAt, or when the record was created. */
export const acquiredAt = (c: string) => `COALESCE(${c}.acquired_at, ${c}.created_at)`;

/**
 * Joins and the grouped expression of customer dimensions over customers aliased `c`, shared by
 * customerStats and interactionStats. Metric labels come from the run serving each customer.
 */
export class DimensionSql {
  readonly joins: { table: string; alias: string; on: string }[] = [];
  readonly params: Record<string, unknown> = {};
  private metricAliases = new Map<string, string>();

  private paramCount = 0;

  /** `rfmScores`: the served rfm runs' score bins, needed for RFM_R and RFM_F (see dimensionSql). */
  constructor(private readonly mysql: boolean, private readonly runsOf: (key: string) => ServedSource[], private readonly rfmScores?: RfmScoreSource[]) {}

  /** The alias of a LEFT JOINed metric_value row of `key` for each customer (null when it has none). */
  metric(key: string): string {
    let alias = this.metricAliases.get(key);
    if (!alias) {
      alias = `m${this.metricAliases.size}`;
      this.metricAliases.set(key, alias);
      const served = sourceCondition(alias, 'c', this.runsOf(key), `${alias}_`);
      Object.assign(this.params, served.params, { [`${alias}_key`]: key });
      this.joins.push({ table: 'metric_value', alias, on: `${alias}.customer_id = c.id AND ${alias}.metric_key = :${alias}_key AND ${served.sql}` });
    }
    return alias;
  }

  expression(d: CustomerDimension, cohort: Granularity): string {
    switch (d) {
      case CustomerDimension.SEGMENT:
        this.joins.push({ table: 'segment_member', alias: 'gsm', on: `gsm.customer_id = c.id AND ${servedMembership('gsm')}` }, { table: 'segment', alias: 'gs', on: 'gs.id = gsm.segment_id' });
        return this.mysql ? 'gs.`key`' : 'gs."key"';
      case CustomerDimension.RFM_SEGMENT:
      case CustomerDimension.VALUE_TIER:
        return `${this.metric(LABEL_DIMENSIONS[d]!)}.label`;
      case CustomerDimension.RFM_R:
      case CustomerDimension.RFM_F: {
        if (!this.rfmScores) throw new Error('RFM_R and RFM_F need the rfm score bins: build with dimensionSql');
        return rfmScoreSql(this.metric('rfm'), d === CustomerDimension.RFM_R ? 'r' : 'f', this.rfmScores, (v) => {
          const name = `rs${this.paramCount++}`;
          this.params[name] = v;
          return `:${name}`;
        });
      }
      case CustomerDimension.ACQUISITION_COHORT: return periodLabel(acquiredAt('c'), cohort, this.mysql);
      case CustomerDimension.CHANNEL_ROLE: return 'c.channel_role';
      case CustomerDimension.INCOME_BAND: return 'c.income_band';
      case CustomerDimension.ACQUISITION_SOURCE: return 'c.acquisition_source';
      default: return `c.${d.toLowerCase()}`;
    }
  }
}

/** A DimensionSql for these dimensions, with what RFM_R and RFM_F need read first (`field`: the argument that asked for them). */
export async function dimensionSql(ctx: GraphContext, mysql: boolean, runs: ReadonlyMap<string, ServedSource[]>, dimensions: readonly CustomerDimension[], field: string): Promise<DimensionSql> {
  const scores = dimensions.some((d) => NUMERIC_DIMENSIONS.has(d)) ? await rfmScoreSources(ctx, runs.get('rfm') ?? [], field) : undefined;
  return new DimensionSql(mysql, (key) => runs.get(key) ?? [], scores);
}
