import { defaultFieldResolver, type GraphQLFieldResolver, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { GraphContext } from '../graphql/context';
import { type Masking, operationRules, personalFields } from './access-rules';
import { Permission, rolesGranting } from './roles';

const needs = (p: Permission) => `Needs \`${p}\` (${rolesGranting(p).join(', ')}).`;

const maskingNote: Record<Masking, string> = {
  null: 'Personal data: null without',
  pseudonym: 'Personal data: a stable pseudonym (anon_...) that joins like the value, without',
  'personal-keys': 'Personal data under the keys PII_KEYS names: left out without',
};

/** The JSON without the personal keys, at any depth. */
function withoutKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (!keys.size || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withoutKeys(v, keys));
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.has(k)).map(([k, v]) => [k, withoutKeys(v, keys)]));
}

function masked(resolve: GraphQLFieldResolver<unknown, GraphContext>, masking: Masking): GraphQLFieldResolver<unknown, GraphContext> {
  return (source, args, ctx, info) => {
    const value: unknown = resolve(source, args, ctx, info);
    if (ctx.caller.can(Permission.PII_READ)) return value;
    const mask = (v: unknown): unknown => {
      if (v === null || v === undefined || masking === 'null') return null;
      // A caller that can write could store a guessed value and compare tokens: no token for it.
      if (masking === 'pseudonym') return typeof v === 'string' && !ctx.caller.can(Permission.DATA_WRITE) ? ctx.pseudonym(v) : null;
      return withoutKeys(v, ctx.config.auth.piiKeys);
    };
    return value instanceof Promise ? value.then(mask) : mask(value);
  };
}

function append(description: string | null | undefined, note: string): string {
  return description ? `${description}\n\n${note}` : note;
}

/**
 * Applies the access rules to the built schema: every Query and Mutation field must have a rule
 * (a field without one stops the server from starting), descriptions name the permission each
 * needs, and personal fields are masked for callers without `pii:read`. The operation check
 * itself runs before execution (operation-access.ts).
 */
export function applyAccessRules(schema: GraphQLSchema): GraphQLSchema {
  const missing: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const rule = operationRules[`${root!.name}.${field.name}`];
      if (rule) field.description = append(field.description, needs(rule));
      else missing.push(`${root!.name}.${field.name}`);
    }
  }
  if (missing.length) throw new Error(`No access rule for ${missing.join(', ')}: add one to src/auth/access-rules.ts`);
  // The operation check reads root fields only (operation-access.ts); a deeper rule would go unenforced.
  const nested = Object.keys(operationRules).filter((c) => !/^(Query|Mutation)\./.test(c));
  if (nested.length) throw new Error(`Access rules may name Query and Mutation fields only, not ${nested.join(', ')}`);
  for (const [coordinate, masking] of Object.entries(personalFields)) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = type instanceof GraphQLObjectType ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`personalFields names ${coordinate}, which the schema does not have`);
    field.resolve = masked((field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, GraphContext>, masking);
    field.description = append(field.description, `${maskingNote[masking]} \`${Permission.PII_READ}\` (${rolesGranting(Permission.PII_READ).join(', ')}).`);
  }
  return schema;
}
