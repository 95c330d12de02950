import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { CustomerFilter } from '../customers/customer-filter.input';
import { customerQuery } from '../customers/customer-query';
import { isMysql } from '../db/dialect';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { resolveMetricRuns } from '../metrics/graphql/metric-run-resolution';
import { acquiredAt } from './customer-dimension';
import { Granularity, periodLabel, periodNumber } from './period.sql';
import { queryWithTimeLimit } from './statement-time-limit';

const PERIODS_MAX = 60;

@ObjectType({ description: 'One cell of the cohort triangle: how much of an acquisition cohort was still active `period` periods after it was acquired.' })
export class CohortRetentionRow {
  @Field(() => String, { description: 'The acquisition period (acquiredAt, createdAt when unknown), labelled as Granularity says.' }) cohort!: string;
  @Field(() => Int, { description: 'Customers acquired in it (that pass the filter).' }) cohortSize!: number;
  @Field(() => Int, { description: '0 is the acquisition period itself.' }) period!: number;
  @Field(() => Int, { description: 'Customers active in that period: NON_CONTRACTUAL ones with a purchase in it, CONTRACTUAL ones under contract for some of it.' }) active!: number;
  @Field(() => Float, { description: 'active / cohortSize.' }) share!: number;
  @Field(() => Float, { description: 'The cohort\'s purchases minus refunds in that period (base currency), every customer of it.' }) revenue!: number;
}

type Cell = { active: number; revenue: number };

@Resolver()
export class CohortRetentionResolver {
  @Query(() => [CohortRetentionRow], {
    description: 'The classic retention triangle: for each acquisition cohort (customers filtered like `customers`), the share still active in each later period, with the cohort\'s revenue, '
      + `up to \`periods\` periods (default 12, at most ${PERIODS_MAX}) and never past the current one. Ordered by cohort, then period. Grouped SQL, bounded by AGGREGATE_TIME_LIMIT_SECONDS.`,
  })
  async cohortRetention(
    @Arg('granularity', () => Granularity, { defaultValue: Granularity.MONTH }) granularity: Granularity,
    @Arg('periods', () => Int, { defaultValue: 12 }) periods: number,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Ctx() ctx: GraphContext,
  ): Promise<CohortRetentionRow[]> {
    if (periods < 1 || periods > PERIODS_MAX) throw badInput(`must be between 1 and ${PERIODS_MAX}`, { field: 'periods' }, 'args');
    const mysql = isMysql(ctx.ds);
    const runs = await resolveMetricRuns(ctx, (filter?.metrics ?? []).map((m) => ({ key: m.key, field: 'filter.metrics' })));
    const label = periodLabel(acquiredAt('c'), granularity, mysql);
    const number = (column: string) => periodNumber(column, granularity, mysql);
    const now = number(mysql ? 'UTC_TIMESTAMP(3)' : "strftime('%Y-%m-%d %H:%M:%f', 'now')");
    const run = async (select: string[], build: (qb: ReturnType<typeof customerQuery>) => void) => {
      const qb = customerQuery(ctx.ds, filter, runs);
      qb.select(select);
      build(qb);
      const [sql, params] = qb.getQueryAndParameters();
      return queryWithTimeLimit<Record<string, unknown>>(ctx.ds, sql, params, ctx.config.aggregateTimeLimitSeconds, 'cohortRetention');
    };

    const cohorts = await run([`${label} AS cohort`, `MIN(${number(acquiredAt('c'))}) AS num`, 'COUNT(*) AS n', `MIN(${now}) AS current_num`], (qb) => qb.groupBy(label).orderBy(label));
    // Purchases and refunds by cohort and age: who purchased (non-contractual), and the revenue (everyone).
    const age = `(${number('i.occurred_at')} - ${number(acquiredAt('c'))})`;
    const base = ctx.config.baseCurrency;
    const trading = await run([
      `${label} AS cohort`, `${age} AS age`,
      `COUNT(DISTINCT CASE WHEN i.type = 'PURCHASE' AND c.relationship = 'NON_CONTRACTUAL' THEN c.id END) AS active`,
      'SUM(CASE WHEN i.currency = :crBase AND i.type = \'PURCHASE\' THEN i.amount WHEN i.currency = :crBase AND i.type = \'REFUND\' THEN -i.amount ELSE 0 END) AS revenue',
    ], (qb) => qb.innerJoin('interaction', 'i', "i.customer_id = c.id AND i.type IN ('PURCHASE', 'REFUND')")
      .andWhere(`${age} >= 0 AND ${age} < :crPeriods`, { crPeriods: periods, crBase: base })
      .groupBy(`${label}, ${age}`));
    // Contractual customers under contract for some of each period of their cohort's life.
    const ages = Array.from({ length: periods }, (_, k) => `SELECT ${k} AS k`).join(' UNION ALL ');
    const start = number(`COALESCE(c.contract_started_at, ${acquiredAt('c')})`);
    const cohortNumber = number(acquiredAt('c'));
    const contracts = await run([`${label} AS cohort`, 'ages.k AS age', 'COUNT(*) AS active'], (qb) => qb
      .innerJoin(`(${ages})`, 'ages', `${start} <= ${cohortNumber} + ages.k AND (c.contract_ended_at IS NULL OR ${number('c.contract_ended_at')} >= ${cohortNumber} + ages.k)`)
      .andWhere("c.relationship = 'CONTRACTUAL'")
      .groupBy(`${label}, ages.k`));

    const cells = new Map<string, Cell>();
    const cell = (cohort: unknown, age: unknown) => {
      const k = `${String(cohort)}|${Number(age)}`;
      let c = cells.get(k);
      if (!c) cells.set(k, (c = { active: 0, revenue: 0 }));
      return c;
    };
    for (const r of trading) {
      const c = cell(r.cohort, r.age);
      c.active += Number(r.active);
      c.revenue += Number(r.revenue ?? 0);
    }
    for (const r of contracts) cell(r.cohort, r.age).active += Number(r.active);
    return cohorts.flatMap((r) => {
      const size = Number(r.n);
      const last = Math.min(periods - 1, Number(r.current_num) - Number(r.num));
      return Array.from({ length: Math.max(0, last + 1) }, (_, k) => {
        const c = cells.get(`${String(r.cohort)}|${k}`) ?? { active: 0, revenue: 0 };
        return { cohort: String(r.cohort), cohortSize: size, period: k, active: c.active, share: size ? c.active / size : 0, revenue: Math.round(c.revenue * 10_000) / 10_000 };
      });
    });
  }
}
