import { InteractionType } from '../../common/enums';
import { toSqlDate } from '../../db/sql-date';
import type { ServedSource } from '../../metrics/host/metric-sources';
import { servedMembership } from '../segment-member.entity';
import { LABEL_PREFIX, METRIC_PREFIX, RULE_FIELDS, TRAIT_PREFIX } from './rule-fields';
import type { FieldCondition, InteractionCondition, LinkCondition, Rule, RuleOperator, RuleScalar } from './rule.types';

const DAY_MS = 86_400_000;

/** What a rule's SQL depends on besides the rule: the engine, the time, the served runs, the segments' ids. */
export interface RuleSqlScope {
  mysql: boolean;
  /** The time of the evaluation: `withinDays`, `daysSince...` and `age` count to it. */
  now: Date;
  /** The served runs of each metric key (none: a metric condition matches nobody). */
  metricRuns: ReadonlyMap<string, ServedSource[]>;
  segmentIds: ReadonlyMap<string, number>;
}

/** SELECTs of one `customer_id` column whose union is the rule's matches, with named parameters shared by all. */
export interface RuleSql {
  selects: string[];
  params: Record<string, unknown>;
}

/**
 * Compiles a validated rule to SELECTs of the customers it matches among those `inScope` keeps
 * (a condition on a customer-id column: an id range or list), none erased.
 *
 * Mostly one SELECT over customers `c`, with one condition. Every part is two-valued (never NULL:
 * a comparison with a missing value is false), so NOT is the complement. Metric, trait,
 * interaction, link and segment conditions are `c.id IN (SELECT customer_id ...)` sub-queries,
 * each restricted to the same customers through its own customer-id index: the optimizer may run
 * each once for the whole range (a range scan, then hash probes) instead of once per customer,
 * which made a metric rule cost 12 times a GROUP BY over the summary table at 100k customers.
 *
 * A metric or label condition standing alone or as a branch of a top-level OR gets SELECTs of its
 * own, one per run serving its key, driven by the value index: over the run's values alone when
 * the run serves every customer (an erased customer keeps no values: erasure deletes them, and a
 * refresh writes none back for a customer erased meanwhile), joined with the customer rows when it
 * serves one relationship. At 1M customers: the 145k customers of two RFM labels in 0.11 s instead
 * of 0.41 s with their customer rows read; CLV > 200 over two runs in 0.22 s instead of 0.42 s
 * for a scan of every customer.
 */
export function ruleSql(rule: Rule, scope: RuleSqlScope, inScope: (column: string) => string): RuleSql {
  const params: Record<string, unknown> = {};
  let n = 0;
  const param = (value: unknown): string => {
    const name = `rp${n++}`;
    params[name] = value;
    return `:${name}`;
  };
  const list = (values: unknown[]) => values.map(param).join(', ');
  // Text compares exactly on every engine (MySQL/MariaDB columns are case-insensitive).
  const exact = (expr: string) => (scope.mysql ? `${expr} COLLATE utf8mb4_bin` : expr);

  /**
   * `expr op value`, false when expr is NULL. `cmp`: the expression compared (exact text), when
   * it differs from the column; `nullable: false` drops the NULL guard of a column that never is;
   * `times`: the value is multiplied by it (an average compared as its sum, see RuleField `per`).
   */
  const compare = (expr: string, op: RuleOperator, value: RuleScalar | RuleScalar[] | undefined, o: { cmp?: string; nullable?: boolean; times?: string } = {}): string => {
    const { cmp = expr, nullable = true, times } = o;
    const p = (x: RuleScalar) => (times ? `${param(x)} * ${times}` : param(x));
    const v = value as RuleScalar;
    const vs = value as RuleScalar[];
    const known = (test: string) => (nullable ? `(${expr} IS NOT NULL AND ${test})` : `(${test})`);
    const sargable = (test: string) => (cmp === expr ? '' : `${expr} ${test} AND `);
    switch (op) {
      case 'IS_NULL': return nullable ? `${expr} IS NULL` : '1 = 0';
      case 'IS_NOT_NULL': return nullable ? `${expr} IS NOT NULL` : '1 = 1';
      // An exact (binary) comparison is preceded by the same test on the column as it is, which
      // an index on the column can answer (two labels of a million values: 0.05 s instead of 1 s).
      case 'EQ': return known(`${sargable(`= ${p(v)}`)}${cmp} = ${p(v)}`);
      case 'NE': return known(`${cmp} <> ${p(v)}`);
      case 'LT': return known(`${cmp} < ${p(v)}`);
      case 'LTE': return known(`${cmp} <= ${p(v)}`);
      case 'GT': return known(`${cmp} > ${p(v)}`);
      case 'GTE': return known(`${cmp} >= ${p(v)}`);
      case 'BETWEEN': return known(`${cmp} >= ${p(vs[0])} AND ${cmp} <= ${p(vs[1])}`);
      case 'IN': return known(`${sargable(`IN (${vs.map(p).join(', ')})`)}${cmp} IN (${vs.map(p).join(', ')})`);
      case 'NOT_IN': return known(`${cmp} NOT IN (${vs.map(p).join(', ')})`);
    }
  };

  /** The average `sum / count` (a count never negative) compared as the sum: null when the count is 0. */
  const average = (sum: string, count: string, op: RuleOperator, value: RuleScalar | RuleScalar[] | undefined): string => {
    if (op === 'IS_NULL') return `${count} = 0`;
    if (op === 'IS_NOT_NULL') return `${count} > 0`;
    return `(${count} > 0 AND ${compare(sum, op, value, { nullable: false, times: count })})`;
  };

  /**
   * Whole units elapsed since `column`, compared without computing it per row: "at least k days"
   * is "column at or before now minus k days", so the column is compared with bounds computed once.
   */
  const elapsed = (column: string, unit: 'days' | 'years', op: RuleOperator, value: RuleScalar | RuleScalar[] | undefined): string => {
    const cut = (k: number) => {
      if (unit === 'days') return toSqlDate(new Date(scope.now.getTime() - k * DAY_MS));
      const d = new Date(Date.UTC(scope.now.getUTCFullYear() - k, scope.now.getUTCMonth(), scope.now.getUTCDate()));
      return d.toISOString().slice(0, 10);
    };
    const atLeast = (k: number) => `${column} <= ${param(cut(Math.ceil(k)))}`;
    const below = (k: number) => `${column} > ${param(cut(Math.ceil(k)))}`;
    const equal = (k: number) => (Number.isInteger(k) ? `(${atLeast(k)} AND ${below(k + 1)})` : '1 = 0');
    const guard = (sql: string) => `(${column} IS NOT NULL AND ${sql})`;
    const v = value as number;
    const vs = value as number[];
    switch (op) {
      case 'IS_NULL': return `${column} IS NULL`;
      case 'IS_NOT_NULL': return `${column} IS NOT NULL`;
      case 'GTE': return guard(atLeast(v));
      case 'GT': return guard(atLeast(Math.floor(v) + 1));
      case 'LTE': return guard(below(Math.floor(v) + 1));
      case 'LT': return guard(below(v));
      case 'EQ': return guard(equal(v));
      case 'NE': return guard(`NOT (${equal(v)})`);
      case 'BETWEEN': return guard(`${atLeast(vs[0])} AND ${below(Math.floor(vs[1]) + 1)}`);
      case 'IN': return guard(`(${vs.map(equal).join(' OR ')})`);
      case 'NOT_IN': return guard(`NOT (${vs.map(equal).join(' OR ')})`);
    }
  };

  /** The values of `key` in run `runId` of the customers in scope that satisfy `where`. */
  const inRun = (runId: number, key: string, where: string) =>
    `mv.run_id = ${param(runId)} AND mv.metric_key = ${param(key)} AND ${inScope('mv.customer_id')} AND ${where}`;
  /** Customers with a value of `key` in the run serving them that satisfies `where`; none before the first run. */
  const metric = (key: string, where: string): string => {
    const sources = scope.metricRuns.get(key) ?? [];
    if (!sources.length) return '1 = 0';
    const parts = sources.map((s) => {
      const values = `c.id IN (SELECT mv.customer_id FROM metric_value mv WHERE ${inRun(s.runId, key, where)})`;
      return s.relationship === null ? values : `(c.relationship = ${param(s.relationship)} AND ${values})`;
    });
    return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
  };

  const field = (f: FieldCondition): string => {
    const known = RULE_FIELDS[f.field];
    if (known) {
      if (known.type === 'elapsed') return elapsed(known.sql, known.unit, f.op, f.value);
      if (known.type === 'date') {
        const asSql = (x: RuleScalar) => toSqlDate(new Date(x as string));
        return compare(known.sql, f.op, Array.isArray(f.value) ? f.value.map(asSql) : f.value === undefined ? undefined : asSql(f.value));
      }
      if (known.type === 'boolean') return compare(known.sql, f.op, f.value === undefined ? undefined : (f.value ? 1 : 0));
      if (known.type === 'number') {
        return known.per ? average(known.sql, known.per, f.op, f.value) : compare(known.sql, f.op, f.value, { nullable: !known.notNull });
      }
      return compare(known.sql, f.op, f.value, known.type === 'text' ? { cmp: exact(known.sql) } : {});
    }
    if (f.field.startsWith(TRAIT_PREFIX)) return trait(f.field.slice(TRAIT_PREFIX.length), f);
    const m = metricTest(f);
    return f.op === 'IS_NULL' ? `NOT (${metric(m.key, m.where)})` : metric(m.key, m.where);
  };

  /** A metric or label condition as its key and a test on its value (for IS_NULL: the test it fails). */
  const metricTest = (f: FieldCondition): { key: string; where: string } => {
    const label = f.field.startsWith(LABEL_PREFIX);
    const key = f.field.slice((label ? LABEL_PREFIX : METRIC_PREFIX).length);
    const column = label ? 'mv.label' : 'mv.value';
    if (f.op === 'IS_NULL') return { key, where: `${column} IS NOT NULL` };
    return { key, where: compare(column, f.op, f.value, label ? { cmp: exact(column) } : {}) };
  };

  /**
   * The SELECTs of their own of a metric or label condition (see above), one per run serving its
   * key; undefined for any other condition.
   */
  const ownSelects = (r: Rule): string[] | undefined => {
    if (!('field' in r) || r.op === 'IS_NULL' || !(r.field.startsWith(METRIC_PREFIX) || r.field.startsWith(LABEL_PREFIX))) return undefined;
    const m = metricTest(r);
    return (scope.metricRuns.get(m.key) ?? []).map((s) => (s.relationship === null
      ? `SELECT mv.customer_id FROM metric_value mv WHERE ${inRun(s.runId, m.key, m.where)}`
      : `SELECT mv.customer_id FROM metric_value mv JOIN customer c ON c.id = mv.customer_id
         WHERE ${inRun(s.runId, m.key, m.where)} AND c.relationship = ${param(s.relationship)} AND c.erased_at IS NULL`));
  };

  /** Traits compare as numbers when the value given is a number, else as their text ("true" / "false" for booleans). */
  const trait = (key: string, f: FieldCondition): string => {
    const exists = (where: string) => `c.id IN (SELECT t.customer_id FROM customer_trait t WHERE ${inScope('t.customer_id')} AND t.${scope.mysql ? '`key`' : '"key"'} = ${param(key)} AND ${where})`;
    if (f.op === 'IS_NULL') return `NOT (${exists('1 = 1')})`;
    if (f.op === 'IS_NOT_NULL') return exists('1 = 1');
    const values = Array.isArray(f.value) ? f.value : [f.value as RuleScalar];
    const numeric = values.every((v) => typeof v === 'number');
    const asText = (v: RuleScalar) => (typeof v === 'string' ? v : JSON.stringify(v));
    return exists(numeric ? compare('t.number_value', f.op, f.value) : compare('t.value', f.op, Array.isArray(f.value) ? f.value.map(asText) : asText(f.value as RuleScalar)));
  };

  const interaction = (i: InteractionCondition): string => {
    // "Had a purchase (or any interaction), within N days" with nothing else asked is the
    // customer's own last-purchase (last-interaction) stat, kept with its summary: one comparison
    // on the customer row instead of reading its interactions (12x the summary GROUP BY at 1M).
    const lastOnly = !i.channels && !i.contactLevels && (i.countAtLeast ?? 1) === 1 && i.countAtMost === undefined
      && (i.types === undefined || (i.types.length === 1 && i.types[0] === InteractionType.PURCHASE));
    if (lastOnly) {
      const last = i.types ? 'c.stat_last_purchase_at' : 'c.stat_last_interaction_at';
      return i.withinDays ? `(${last} IS NOT NULL AND ${last} >= ${param(toSqlDate(new Date(scope.now.getTime() - i.withinDays * DAY_MS)))})` : `${last} IS NOT NULL`;
    }
    const cond = [inScope('i.customer_id')];
    if (i.types) cond.push(`i.type IN (${list(i.types)})`);
    if (i.channels) cond.push(`i.channel IN (${list(i.channels)})`);
    if (i.contactLevels) cond.push(`i.contact_level IN (${list(i.contactLevels)})`);
    if (i.withinDays) cond.push(`i.occurred_at >= ${param(toSqlDate(new Date(scope.now.getTime() - i.withinDays * DAY_MS)))}`);
    const matching = (having = '') => `c.id IN (SELECT i.customer_id FROM interaction i WHERE ${cond.join(' AND ')}${having ? ` GROUP BY i.customer_id HAVING ${having}` : ''})`;
    const least = i.countAtLeast ?? 1;
    // No matching interaction at all has no row to count: "at most n" is "not more than n".
    if (least === 0) return `NOT (${matching(`COUNT(*) > ${param(i.countAtMost)}`)})`;
    if (i.countAtMost === undefined) return matching(least === 1 ? '' : `COUNT(*) >= ${param(least)}`);
    return matching(`COUNT(*) >= ${param(least)} AND COUNT(*) <= ${param(i.countAtMost)}`);
  };

  const linked = (l: LinkCondition): string => {
    const otherEnd = l.externalId !== undefined
      ? `o.external_id = ${param(l.externalId)}`
      : l.inSegment !== undefined
        ? `o.erased_at IS NULL AND EXISTS (SELECT 1 FROM segment_member om WHERE om.segment_id = ${param(segmentId(l.inSegment))} AND om.customer_id = o.id AND ${servedMembership('om')})`
        : 'o.erased_at IS NULL';
    const at = (mine: string, other: string) =>
      `c.id IN (SELECT l.${mine} FROM customer_link l JOIN customer o ON o.id = l.${other} WHERE ${inScope(`l.${mine}`)} AND l.type = ${param(l.type)} AND ${otherEnd})`;
    // A HOUSEHOLD link has no direction: either end will do.
    if (l.type === 'HOUSEHOLD') return `(${at('from_customer_id', 'to_customer_id')} OR ${at('to_customer_id', 'from_customer_id')})`;
    return l.end === 'FROM' ? at('from_customer_id', 'to_customer_id') : at('to_customer_id', 'from_customer_id');
  };

  const segmentId = (key: string): number => {
    const id = scope.segmentIds.get(key);
    if (id === undefined) throw new Error(`segment "${key}" vanished while its rule was compiled`);
    return id;
  };

  const compile = (r: Rule): string => {
    if ('and' in r) return `(${r.and.map(compile).join(' AND ')})`;
    if ('or' in r) return `(${r.or.map(compile).join(' OR ')})`;
    if ('not' in r) return `NOT (${compile(r.not)})`;
    if ('interaction' in r) return interaction(r.interaction);
    if ('linked' in r) return linked(r.linked);
    if ('inSegment' in r) {
      return `c.id IN (SELECT sm.customer_id FROM segment_member sm WHERE sm.segment_id = ${param(segmentId(r.inSegment))} AND ${inScope('sm.customer_id')} AND ${servedMembership('sm')})`;
    }
    return field(r);
  };

  const selects: string[] = [];
  const rest: Rule[] = [];
  for (const branch of 'or' in rule ? rule.or : [rule]) {
    const own = ownSelects(branch);
    if (own) selects.push(...own);
    else rest.push(branch);
  }
  if (rest.length) {
    selects.push(`SELECT c.id FROM customer c WHERE ${inScope('c.id')} AND c.erased_at IS NULL AND ${compile(rest.length === 1 ? rest[0] : { or: rest })}`);
  }
  return { selects, params };
}
