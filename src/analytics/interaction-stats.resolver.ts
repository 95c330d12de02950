import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, Float, Info, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Customer } from '../customers/customer.entity';
import { CustomerFilter } from '../customers/customer-filter.input';
import { customerQuery } from '../customers/customer-query';
import { isMysql } from '../db/dialect';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { selectedFields } from '../graphql/selected-fields';
import { Interaction } from '../interactions/interaction.entity';
import { InteractionFilter } from '../interactions/interaction-filter.input';
import { applyInteractionFilter } from '../interactions/interaction-query';
import { resolveMetricRuns } from '../metrics/graphql/metric-run-resolution';
import { CustomerDimension, DIMENSION_FIELD, dimensionSql, LABEL_DIMENSIONS, noDimensions, NUMERIC_DIMENSIONS } from './customer-dimension';
import { CustomerDimensionColumns } from './customer-stats.types';
import { STATS_LIMIT_MAX } from './customer-stats.resolver';
import { Granularity, periodLabel } from './period.sql';
import { queryWithTimeLimit } from './statement-time-limit';

/** Row fields holding numbers: the numeric customer dimensions'. */
const NUMERIC_FIELDS = new Set([...NUMERIC_DIMENSIONS].map((d) => DIMENSION_FIELD[d]));

export enum InteractionDimension { TYPE = 'TYPE', CHANNEL = 'CHANNEL', CONTACT_LEVEL = 'CONTACT_LEVEL', CURRENCY = 'CURRENCY' }
registerEnumType(InteractionDimension, { name: 'InteractionDimension', description: 'What to group interactions by, besides time and customer dimensions.' });

const COLUMN: Record<InteractionDimension, [string, string]> = {
  TYPE: ['i.type', 'type'], CHANNEL: ['i.channel', 'channel'], CONTACT_LEVEL: ['i.contact_level', 'contactLevel'], CURRENCY: ['i.currency', 'currency'],
};

@ObjectType({ description: 'One group of interactionStats: its period and dimensions (null where not grouped), then its figures.' })
export class InteractionStatsRow extends CustomerDimensionColumns {
  @Field(() => String, { nullable: true, description: 'The period, labelled as Granularity says; null without `granularity`.' }) period!: string | null;
  @Field(() => String, { nullable: true }) type!: string | null;
  @Field(() => String, { nullable: true }) channel!: string | null;
  @Field(() => String, { nullable: true }) contactLevel!: string | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => Int, { description: 'Interactions.' }) count!: number;
  @Field(() => Int, { description: 'Distinct customers.' }) customers!: number;
  @Field(() => Float, { description: 'Sum of amounts recorded in the base currency, as recorded (refunds positive).' }) amount!: number;
  @Field(() => Float, { description: 'Purchases minus refunds, base currency.' }) revenue!: number;
  @Field(() => Float, { description: 'Purchase margins minus refund margins, base currency.' }) margin!: number;
}

const money = (v: unknown) => Math.round(Number(v ?? 0) * 10_000) / 10_000;

@Resolver()
export class InteractionStatsResolver {
  @Query(() => [InteractionStatsRow], {
    description: 'Interactions grouped by period (`granularity`), interaction and customer dimensions: counts, customers, amounts and margins as time series. '
      + 'Without `customerFilter`, every interaction counts (those of erased customers too, so totals stay true). One grouped SQL statement, ordered by period then dimensions, '
      + `stopped after AGGREGATE_TIME_LIMIT_SECONDS (TIME_LIMIT); at most \`limit\` groups (default 1000, at most ${STATS_LIMIT_MAX}).`,
  })
  async interactionStats(
    @Arg('filter', () => InteractionFilter, { nullable: true }) filter: InteractionFilter | null,
    @Arg('customerFilter', () => CustomerFilter, { nullable: true }) customerFilter: CustomerFilter | null,
    @Arg('granularity', () => Granularity, { nullable: true }) granularity: Granularity | null,
    @Arg('groupBy', () => [InteractionDimension], { defaultValue: [] }) groupBy: InteractionDimension[],
    @Arg('customerGroupBy', () => [CustomerDimension], { defaultValue: [] }) customerGroupBy: CustomerDimension[],
    @Arg('cohort', () => Granularity, { defaultValue: Granularity.MONTH, description: 'The period of ACQUISITION_COHORT.' }) cohort: Granularity,
    @Arg('limit', () => Int, { defaultValue: 1000 }) limit: number,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InteractionStatsRow[]> {
    if (limit < 1 || limit > STATS_LIMIT_MAX) throw badInput(`must be between 1 and ${STATS_LIMIT_MAX}`, { field: 'limit' }, 'args');
    const runs = await resolveMetricRuns(ctx, [
      ...customerGroupBy.flatMap((d) => (LABEL_DIMENSIONS[d] ? [{ key: LABEL_DIMENSIONS[d]!, field: 'customerGroupBy' }] : [])),
      ...(customerFilter?.metrics ?? []).map((m) => ({ key: m.key, field: 'customerFilter.metrics' })),
    ]);
    const mysql = isMysql(ctx.ds);
    // The customers are joined only when a customer filter or dimension reads them.
    let qb: SelectQueryBuilder<ObjectLiteral>;
    if (customerFilter || customerGroupBy.length) {
      qb = customerFilter ? customerQuery(ctx.ds, customerFilter, runs) : ctx.ds.getRepository(Customer).createQueryBuilder('c');
      qb.innerJoin(Interaction, 'i', 'i.customerId = c.id');
    } else {
      qb = ctx.ds.getRepository(Interaction).createQueryBuilder('i');
    }
    // Distinct customers cost most of the statement (4 s of 6 at 1M interactions): only when asked for.
    const customers = selectedFields(info).has('customers');
    applyInteractionFilter(qb, 'i', filter, 'isf');
    const dims = await dimensionSql(ctx, mysql, runs, customerGroupBy, 'customerGroupBy');
    const keys: [string, string][] = [];
    if (granularity) keys.push([periodLabel('i.occurred_at', granularity, mysql), 'period']);
    for (const d of groupBy) keys.push(COLUMN[d]);
    for (const d of customerGroupBy) keys.push([dims.expression(d, cohort), DIMENSION_FIELD[d]]);
    const base = ':isfBase';
    qb.select([
      ...keys.map(([expr], i) => `${expr} AS k${i}`),
      'COUNT(*) AS n', customers ? 'COUNT(DISTINCT i.customer_id) AS customers' : '0 AS customers',
      `SUM(CASE WHEN i.currency = ${base} THEN i.amount ELSE 0 END) AS amount`,
      `SUM(CASE WHEN i.currency = ${base} AND i.type = 'PURCHASE' THEN i.amount WHEN i.currency = ${base} AND i.type = 'REFUND' THEN -i.amount ELSE 0 END) AS revenue`,
      `SUM(CASE WHEN i.currency = ${base} AND i.type = 'PURCHASE' THEN COALESCE(i.margin, 0) WHEN i.currency = ${base} AND i.type = 'REFUND' THEN -COALESCE(i.margin, 0) ELSE 0 END) AS margin`,
    ]);
    for (const j of dims.joins) qb.leftJoin(j.table, j.alias, j.on);
    qb.setParameters({ ...qb.getParameters(), ...dims.params, isfBase: ctx.config.baseCurrency });
    if (keys.length) {
      const exprs = keys.map(([e]) => e).join(', ');
      qb.groupBy(exprs).orderBy(exprs);
    }
    qb.limit(limit + 1);
    const [sql, params] = qb.getQueryAndParameters();
    const rows = await queryWithTimeLimit<Record<string, unknown>>(ctx.ds, sql, params, ctx.config.aggregateTimeLimitSeconds, 'interactionStats');
    if (rows.length > limit) throw badInput(`there are more than ${limit} groups: raise \`limit\` (at most ${STATS_LIMIT_MAX}), use a coarser granularity or fewer dimensions`, { field: 'limit' }, 'args');
    return rows.map((r) => {
      const row: Record<string, unknown> = {
        period: null, type: null, channel: null, contactLevel: null, currency: null, ...noDimensions(),
        count: Number(r.n), customers: Number(r.customers), amount: money(r.amount), revenue: money(r.revenue), margin: money(r.margin),
      };
      keys.forEach(([, field], i) => {
        const v = r[`k${i}`];
        row[field] = v === null || v === undefined ? null : NUMERIC_FIELDS.has(field) ? Number(v) : String(v);
      });
      return row as unknown as InteractionStatsRow;
    });
  }
}
