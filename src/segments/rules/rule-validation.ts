import { Channel, ContactLevel, InteractionType, LinkType } from '../../common/enums';
import type { InputProblem } from '../../common/validate-batch';
import { LABEL_PREFIX, METRIC_PREFIX, RULE_FIELDS, type RuleField, TRAIT_PREFIX } from './rule-fields';
import { type FieldCondition, type InteractionCondition, type LinkCondition, type Rule, RULE_OPERATORS, type RuleOperator, type RuleScalar } from './rule.types';

/** What a rule may name, as of now. */
export interface RuleVocabulary {
  /** Metric keys readers can get (core kinds and free metrics). */
  metricKeys: ReadonlySet<string>;
  /** Keys of the segments that exist. */
  segmentKeys: ReadonlySet<string>;
}

export const RULE_LIMITS = { nodes: 200, depth: 12, listItems: 1000, textLength: 191 } as const;

/** How a field's values are checked and compared: the catalogue's types, and those of traits, metrics and labels. */
type ValueType = RuleField['type'] | 'trait';

const ORDERED = new Set<RuleOperator>(['LT', 'LTE', 'GT', 'GTE', 'BETWEEN']);
const OPERATORS: Record<ValueType, ReadonlySet<RuleOperator>> = {
  number: new Set(RULE_OPERATORS), date: new Set(RULE_OPERATORS), elapsed: new Set(RULE_OPERATORS), trait: new Set(RULE_OPERATORS),
  text: new Set(['EQ', 'NE', 'IN', 'NOT_IN', 'IS_NULL', 'IS_NOT_NULL']),
  enum: new Set(['EQ', 'NE', 'IN', 'NOT_IN', 'IS_NULL', 'IS_NOT_NULL']),
  boolean: new Set(['EQ', 'NE']),
};
const KINDS = ['and', 'or', 'not', 'field', 'interaction', 'linked', 'inSegment'] as const;

const present = (v: unknown) => v !== undefined && v !== null;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a rule (a SegmentRuleInput, or stored JSON) against the vocabulary and returns it in its
 * stored form (absent parts dropped, dates as ISO-8601, country codes upper-cased), or every
 * problem found, each naming its path in the rule (`rule.and[1].value`).
 */
export function parseRule(input: unknown, vocabulary: RuleVocabulary, path = 'rule'): { rule: Rule } | { problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  let nodes = 0;
  const fail = (at: string, message: string): undefined => {
    problems.push({ field: at, message });
    return undefined;
  };

  const node = (v: unknown, at: string, depth: number): Rule | undefined => {
    if (++nodes > RULE_LIMITS.nodes) return nodes === RULE_LIMITS.nodes + 1 ? fail(at, `the rule has more than ${RULE_LIMITS.nodes} conditions`) : undefined;
    if (depth > RULE_LIMITS.depth) return fail(at, `the rule is nested more than ${RULE_LIMITS.depth} levels deep`);
    if (!isObject(v)) return fail(at, 'must be an object with one of and, or, not, field, interaction, linked, inSegment');
    const kinds = KINDS.filter((k) => present(v[k]));
    if (kinds.length !== 1) {
      return fail(at, kinds.length ? `has ${kinds.join(' and ')}: give exactly one of ${KINDS.join(', ')}` : `give one of ${KINDS.join(', ')}`);
    }
    const stray = ['op', 'value'].filter((k) => present(v[k]));
    if (kinds[0] !== 'field' && stray.length) return fail(`${at}.${stray[0]}`, 'belongs with `field` only');
    switch (kinds[0]) {
      case 'and':
      case 'or': {
        const key = kinds[0];
        const list = v[key];
        if (!Array.isArray(list) || list.length === 0) return fail(`${at}.${key}`, 'must be a non-empty list of rules');
        const items = list.map((item, i) => node(item, `${at}.${key}[${i}]`, depth + 1));
        return items.every(Boolean) ? ({ [key]: items as Rule[] } as Rule) : undefined;
      }
      case 'not': {
        const inner = node(v.not, `${at}.not`, depth + 1);
        return inner && { not: inner };
      }
      case 'field': return fieldCondition(v, at);
      case 'interaction': return interactionCondition(v.interaction, `${at}.interaction`);
      case 'linked': return linkCondition(v.linked, `${at}.linked`);
      case 'inSegment': {
        const key = segmentRef(v.inSegment, `${at}.inSegment`);
        return key === undefined ? undefined : { inSegment: key };
      }
    }
  };

  const segmentRef = (key: unknown, at: string): string | undefined => {
    if (typeof key !== 'string') return fail(at, 'must be a segment key');
    if (!vocabulary.segmentKeys.has(key)) return fail(at, `no segment has key "${key}"`);
    return key;
  };

  const valueTypeOf = (name: string, at: string): ValueType | undefined => {
    const known = RULE_FIELDS[name];
    if (known) return known.type;
    const prefixed = [TRAIT_PREFIX, METRIC_PREFIX, LABEL_PREFIX].find((p) => name.startsWith(p));
    const key = prefixed ? name.slice(prefixed.length) : '';
    if (prefixed === TRAIT_PREFIX) return key && key.length <= 100 ? 'trait' : fail(at, 'a trait key must have 1 to 100 characters');
    if (prefixed) {
      if (!vocabulary.metricKeys.has(key)) return fail(at, `unknown metric "${key}" (known: ${[...vocabulary.metricKeys].join(', ') || 'none'})`);
      return prefixed === METRIC_PREFIX ? 'number' : 'text';
    }
    return fail(at, `unknown field "${name}": use a customer or summary field (${Object.keys(RULE_FIELDS).slice(0, 6).join(', ')}...), or traits.<key>, metrics.<key>, labels.<key>`);
  };

  const scalar = (type: ValueType, name: string, v: unknown, at: string, ordered: boolean): RuleScalar | undefined => {
    switch (type) {
      case 'number':
      case 'elapsed':
        if (typeof v !== 'number' || !Number.isFinite(v)) return fail(at, `must be a number (${name} is numeric)`);
        return type === 'elapsed' && v < 0 ? fail(at, 'must not be negative') : v;
      case 'boolean':
        return typeof v === 'boolean' ? v : fail(at, `must be true or false (${name} is a flag)`);
      case 'date': {
        const time = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
        return Number.isNaN(time) ? fail(at, `must be an ISO-8601 date or time, e.g. "2026-01-31" (${name} is a time)`) : new Date(time).toISOString();
      }
      case 'enum': {
        const values = (RULE_FIELDS[name] as { values: readonly string[] }).values;
        return typeof v === 'string' && values.includes(v) ? v : fail(at, `must be one of ${values.join(', ')}`);
      }
      case 'text':
        if (typeof v !== 'string' || v.trim().length > RULE_LIMITS.textLength) return fail(at, `must be a text of at most ${RULE_LIMITS.textLength} characters`);
        return RULE_FIELDS[name]?.type === 'text' && (RULE_FIELDS[name] as { upper?: boolean }).upper ? v.trim().toUpperCase() : v.trim();
      case 'trait':
        if (ordered) return typeof v === 'number' && Number.isFinite(v) ? v : fail(at, 'must be a number: traits are ordered as numbers (those whose text is not a number never match)');
        if (typeof v === 'number' ? Number.isFinite(v) : typeof v === 'boolean' || (typeof v === 'string' && v.length <= RULE_LIMITS.textLength)) return v as RuleScalar;
        return fail(at, `must be a text of at most ${RULE_LIMITS.textLength} characters, a number or a boolean`);
    }
  };

  const fieldCondition = (v: Record<string, unknown>, at: string): FieldCondition | undefined => {
    if (typeof v.field !== 'string') return fail(`${at}.field`, 'must be a field name');
    const type = valueTypeOf(v.field, `${at}.field`);
    const op = v.op;
    if (!RULE_OPERATORS.includes(op as RuleOperator)) return fail(`${at}.op`, `must be one of ${RULE_OPERATORS.join(', ')}`);
    if (!type) return undefined;
    if (!OPERATORS[type].has(op as RuleOperator)) return fail(`${at}.op`, `${op} does not apply to ${v.field}; use one of ${[...OPERATORS[type]].join(', ')}`);
    const cond: FieldCondition = { field: v.field, op: op as RuleOperator };
    const value = v.value;
    const ordered = ORDERED.has(cond.op);
    if (cond.op === 'IS_NULL' || cond.op === 'IS_NOT_NULL') return present(value) ? fail(`${at}.value`, `must be absent for ${cond.op}`) : cond;
    if (!present(value)) return fail(`${at}.value`, `is required for ${cond.op}`);
    if (cond.op === 'BETWEEN' || cond.op === 'IN' || cond.op === 'NOT_IN') {
      const range = cond.op === 'BETWEEN';
      if (!Array.isArray(value) || (range ? value.length !== 2 : value.length === 0 || value.length > RULE_LIMITS.listItems)) {
        return fail(`${at}.value`, range ? 'must be a list of two values, the lower and the upper bound (both included)' : `must be a list of 1 to ${RULE_LIMITS.listItems} values`);
      }
      const items = value.map((item, i) => scalar(type, v.field as string, item, `${at}.value[${i}]`, ordered));
      if (!items.every((i) => i !== undefined)) return undefined;
      if (range && (items[0] as number | string) > (items[1] as number | string)) return fail(`${at}.value`, 'the lower bound is above the upper bound');
      return { ...cond, value: items as RuleScalar[] };
    }
    if (Array.isArray(value)) return fail(`${at}.value`, `must be a single value for ${cond.op}`);
    const one = scalar(type, v.field, value, `${at}.value`, ordered);
    return one === undefined ? undefined : { ...cond, value: one };
  };

  const enumList = <E extends string>(v: unknown, values: Record<string, E>, at: string): E[] | undefined | null => {
    if (!present(v)) return null;
    const allowed = Object.values(values);
    if (!Array.isArray(v) || v.length === 0 || v.some((x) => !allowed.includes(x as E))) return fail(at, `must be a non-empty list of ${allowed.join(', ')}`);
    return [...new Set(v as E[])];
  };
  const count = (v: unknown, at: string, min: number, max: number): number | undefined | null => {
    if (!present(v)) return null;
    return Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fail(at, `must be a whole number from ${min} to ${max}`);
  };

  const interactionCondition = (v: unknown, at: string): Rule | undefined => {
    if (!isObject(v)) return fail(at, 'must be an object');
    const parts = {
      types: enumList(v.types, InteractionType, `${at}.types`),
      channels: enumList(v.channels, Channel, `${at}.channels`),
      contactLevels: enumList(v.contactLevels, ContactLevel, `${at}.contactLevels`),
      withinDays: count(v.withinDays, `${at}.withinDays`, 1, 36_500),
      countAtLeast: count(v.countAtLeast, `${at}.countAtLeast`, 0, 1_000_000),
      countAtMost: count(v.countAtMost, `${at}.countAtMost`, 0, 1_000_000),
    };
    if (Object.values(parts).includes(undefined)) return undefined;
    if (parts.countAtLeast === 0 && parts.countAtMost === null) return fail(`${at}.countAtLeast`, 'is 0 without countAtMost: every customer matches');
    if (parts.countAtMost !== null && parts.countAtMost !== undefined && parts.countAtMost < (parts.countAtLeast ?? 1)) return fail(`${at}.countAtMost`, 'is below countAtLeast (default 1)');
    const cond = Object.fromEntries(Object.entries(parts).filter(([, x]) => x !== null)) as InteractionCondition;
    return { interaction: cond };
  };

  const linkCondition = (v: unknown, at: string): Rule | undefined => {
    if (!isObject(v)) return fail(at, 'must be an object');
    if (!Object.values(LinkType).includes(v.type as LinkType)) return fail(`${at}.type`, `must be one of ${Object.values(LinkType).join(', ')}`);
    if (v.end !== 'FROM' && v.end !== 'TO') return fail(`${at}.end`, 'must be FROM or TO');
    if (present(v.inSegment) && present(v.externalId)) return fail(at, 'give inSegment or externalId, not both');
    const cond: LinkCondition = { type: v.type as LinkType, end: v.end };
    if (present(v.inSegment)) {
      const key = segmentRef(v.inSegment, `${at}.inSegment`);
      if (key === undefined) return undefined;
      cond.inSegment = key;
    }
    if (present(v.externalId)) {
      if (typeof v.externalId !== 'string' || !v.externalId.length) return fail(`${at}.externalId`, 'must be a customer external id');
      cond.externalId = v.externalId;
    }
    return { linked: cond };
  };

  const rule = node(input, path, 1);
  return rule && !problems.length ? { rule } : { problems };
}
