import type { Channel, ContactLevel, InteractionType, LinkType } from '../../common/enums';

/**
 * A segment rule as stored (`segment_rule.rule`, JSON) and evaluated: a boolean expression over
 * customer fields, traits, summary figures, metric values and labels, interaction facts,
 * relationships and other segments. Every condition is true or false for every customer (a
 * comparison with a missing value is false), so `not` is the plain complement.
 */
export type Rule =
  | { and: Rule[] }
  | { or: Rule[] }
  | { not: Rule }
  | FieldCondition
  | { interaction: InteractionCondition }
  | { linked: LinkCondition }
  | { inSegment: string };

export const RULE_OPERATORS = ['EQ', 'NE', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'IS_NULL', 'IS_NOT_NULL'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** A scalar of the field's type: a number, a text, a boolean, or a date as ISO-8601 text. */
export type RuleScalar = number | string | boolean;

/** `field op value`: `value` is a list of two for BETWEEN (inclusive), a list for IN / NOT_IN, absent for IS_NULL / IS_NOT_NULL. */
export interface FieldCondition {
  field: string;
  op: RuleOperator;
  value?: RuleScalar | RuleScalar[];
}

/** The customer has between `countAtLeast` (default 1) and `countAtMost` interactions matching all the lists, within the last `withinDays`. */
export interface InteractionCondition {
  types?: InteractionType[];
  channels?: Channel[];
  contactLevels?: ContactLevel[];
  withinDays?: number;
  countAtLeast?: number;
  countAtMost?: number;
}

/** The customer is at `end` of a `type` link whose other end is in segment `inSegment` (or is customer `externalId`, or anyone). */
export interface LinkCondition {
  type: LinkType;
  end: 'FROM' | 'TO';
  inSegment?: string;
  externalId?: string;
}

/** The keys of the segments a rule refers to (`inSegment`, `linked.inSegment`). */
export function referencedSegments(rule: Rule): string[] {
  if ('and' in rule) return rule.and.flatMap(referencedSegments);
  if ('or' in rule) return rule.or.flatMap(referencedSegments);
  if ('not' in rule) return referencedSegments(rule.not);
  if ('inSegment' in rule) return [rule.inSegment];
  if ('linked' in rule) return rule.linked.inSegment ? [rule.linked.inSegment] : [];
  return [];
}

/** Whether the rule reads links: ingest then re-evaluates the touched customers' linked customers too. */
export function readsLinks(rule: Rule): boolean {
  if ('and' in rule) return rule.and.some(readsLinks);
  if ('or' in rule) return rule.or.some(readsLinks);
  if ('not' in rule) return readsLinks(rule.not);
  return 'linked' in rule;
}
