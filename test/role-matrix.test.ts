import {
  type GraphQLField, type GraphQLInputType, GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull,
  GraphQLScalarType, getNamedType, isCompositeType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../src/graphql/schema';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Who may call what, written out by hand (not read from src/auth/access-rules.ts), for every field
 * of Query and Mutation. The test walks the schema: a field missing here fails it.
 */
const everyone = ['reader', 'analyst', 'writer', 'admin'];
/** Every role: monitor (Prometheus) holds no permission of the GraphQL API, so it is refused every field. */
const roles = [...everyone, 'monitor'];
const expected: Record<string, string[]> = {
  'Query.customer': everyone,
  'Query.customers': everyone,
  'Query.customerStats': everyone,
  'Query.interactionStats': everyone,
  'Query.cohortRetention': everyone,
  'Query.metricHistory': everyone,
  'Query.metricHistogram': everyone,
  'Query.customerTable': everyone,
  'Query.interactions': everyone,
  'Query.modelRuns': everyone,
  'Query.plugins': everyone,
  'Query.segment': everyone,
  'Query.segments': everyone,
  'Query.viewer': everyone,
  'Query.backtest': ['analyst', 'admin'],
  'Query.apiKeys': ['admin'],
  'Query.auditLog': ['admin'],
  'Query._entities': everyone,
  'Query._service': everyone,
  'Mutation.upsertCustomers': ['writer', 'admin'],
  'Mutation.recordInteractions': ['writer', 'admin'],
  'Mutation.linkCustomers': ['writer', 'admin'],
  'Mutation.unlinkCustomers': ['writer', 'admin'],
  'Mutation.deleteCustomer': ['admin'],
  'Mutation.upsertSegment': ['analyst', 'admin'],
  'Mutation.deleteSegment': ['analyst', 'admin'],
  'Mutation.addSegmentMembers': ['analyst', 'admin'],
  'Mutation.removeSegmentMembers': ['analyst', 'admin'],
  'Mutation.refreshMetrics': ['admin'],
  'Mutation.createApiKey': ['admin'],
  'Mutation.revokeApiKey': ['admin'],
};

/** A literal that passes validation for a type: the smallest value, not a meaningful one. */
function literal(type: GraphQLInputType): string {
  if (type instanceof GraphQLNonNull) return literal(type.ofType);
  if (type instanceof GraphQLList) return '[]';
  if (type instanceof GraphQLEnumType) return type.getValues()[0]!.name;
  if (type instanceof GraphQLInputObjectType) {
    const required = Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  const scalar = type as GraphQLScalarType;
  return ({ Int: '1', Float: '1', Boolean: 'false', DateTimeISO: '"2020-01-01T00:00:00Z"' } as Record<string, string>)[scalar.name] ?? '"x"';
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${argText}${selection} }`;
}

let app: TestApp;
const keys: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  for (const role of roles) keys[role] = await app.createKey([role as never]);
});
afterAll(() => app.close());

describe('the role matrix, from the schema', async () => {
  const schema = await buildAppSchema();
  const fields = [
    ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['query', 'Query', f] as const),
    ...Object.values(schema.getMutationType()!.getFields()).map((f) => ['mutation', 'Mutation', f] as const),
  ];

  it('has an expectation for every Query and Mutation field', () => {
    expect(fields.map(([, type, f]) => `${type}.${f.name}`).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(fields.map(([kind, type, f]) => [`${type}.${f.name}`, kind, f] as const))('%s', async (coordinate, kind, field) => {
    const query = operationFor(kind, field);
    const send = (authorization?: string) => fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query }),
    });
    const anonymous = await send();
    expect(anonymous.status, 'without a credential').toBe(401);
    for (const role of roles) {
      const res = await send(`Bearer ${keys[role]}`);
      const body = (await res.json()) as { errors?: { extensions?: { code?: string; permission?: string } }[] };
      const codes = (body.errors ?? []).map((e) => e.extensions?.code);
      if (expected[coordinate]!.includes(role)) {
        // Allowed: it ran (an empty or dummy input may still be refused on its merits, never for access).
        expect(res.status, `${role}: ${query}`).toBe(200);
        expect(codes, `${role}: ${query}`).not.toContain('FORBIDDEN');
        expect(codes, `${role}: ${query}`).not.toContain('INTERNAL_SERVER_ERROR');
      } else {
        expect(res.status, `${role}: ${query}`).toBe(403);
        expect(codes, `${role}: ${query}`).toEqual(['FORBIDDEN']);
      }
    }
  });
});

describe('the role matrix, beyond GraphQL', () => {
  it('GET /metrics: monitor and admin only', async () => {
    const scrape = (authorization?: string) => fetch(`${app.baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
    expect((await scrape()).status, 'without a credential').toBe(401);
    for (const role of roles) {
      expect((await scrape(`Bearer ${keys[role]}`)).status, role).toBe(['monitor', 'admin'].includes(role) ? 200 : 403);
    }
  });
});
