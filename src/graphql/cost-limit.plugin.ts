import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, getNullableType, GraphQLError, GraphQLList, type GraphQLSchema, isCompositeType } from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { AppConfig } from '../config/config';
import type { SegmentCountCache } from '../segments/segment-count.cache';
import type { GraphContext } from './context';
import type { BudgetState, CostBudget } from './cost-budget';
import { ErrorCode } from './errors';
import { type ListLimits, listBounds } from './list-bounds';

/** How many list items an argument value holds at any depth: 10,000 ids in a filter cost 10,000. */
function listItems(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((n: number, v) => n + listItems(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + listItems(v), 0);
  return 0;
}

/**
 * A field costs 1 plus the items of its list arguments; a list field costs its children times the
 * most rows it may return: `first` (or the default page size) for pages, the bound in
 * list-bounds.ts for the other lists. Nested pages are thus priced by their worst case, and
 * aliases each count.
 */
function worstCaseEstimator(config: AppConfig, limits: ListLimits): ComplexityEstimator {
  return ({ args, childComplexity, field, type }) => {
    const own = 1 + listItems(args);
    if (field.args.some((a) => a.name === 'first')) {
      const first = typeof args.first === 'number' ? args.first : config.pageSizeDefault;
      return own + childComplexity * Math.max(first, 1);
    }
    // Lists of unions count too: `_entities` returns one per representation.
    if (getNullableType(field.type) instanceof GraphQLList && isCompositeType(getNamedType(field.type))) {
      const bound = listBounds[`${type.name}.${field.name}`]?.(args, limits) ?? config.pageSizeMax;
      return own + childComplexity * Math.max(bound, 1);
    }
    return own + childComplexity;
  };
}

/**
 * Prices every operation by its worst case before it runs: over QUERY_COST_MAX it is refused with
 * HTTP 400 `QUERY_TOO_COMPLEX`; otherwise its cost is charged to the caller's budget, and once
 * that is spent, HTTP 429 `RATE_LIMITED` with Retry-After. Every answer says what is left, in
 * `X-RateLimit-*` headers and in `extensions.cost`.
 */
export function costLimitPlugin(schema: GraphQLSchema, config: AppConfig, budget: CostBudget, segments: SegmentCountCache): ApolloServerPlugin<GraphContext> {
  const limits: ListLimits = { batchSizeMax: config.batchSizeMax, pageSizeMax: config.pageSizeMax, segments: (kind) => segments.count(kind) };
  const estimators = [worstCaseEstimator(config, limits), simpleEstimator({ defaultComplexity: 1 })];
  return {
    async requestDidStart() {
      let cost: number | undefined;
      let state: BudgetState | undefined;
      return {
        async didResolveOperation({ request, document, response, contextValue: ctx }) {
          await segments.fresh();
          try {
            cost = getComplexity({ schema, query: document, variables: request.variables ?? {}, operationName: request.operationName, estimators });
          } catch {
            // Invalid variables: execution reports them as BAD_USER_INPUT with their path.
            return;
          }
          if (cost > config.queryCostMax) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the limit of ${config.queryCostMax} (QUERY_COST_MAX); ask for smaller pages, fewer nested lists or fewer aliases.`,
              { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost: config.queryCostMax, http: { status: 400 } } },
            );
          }
          if (!budget.limit) return;
          state = await budget.charge(ctx.caller.id, cost);
          const resetSeconds = String(Math.ceil(state.resetMs / 1000));
          response.http.headers.set('x-ratelimit-limit', String(state.limit));
          response.http.headers.set('x-ratelimit-remaining', String(state.remaining));
          response.http.headers.set('x-ratelimit-reset', resetSeconds);
          if (!state.allowed) {
            throw new GraphQLError(
              `Rate limit: this caller's budget of ${state.limit} cost points per ${config.rateLimit.windowSeconds} s is spent; it refills in ${resetSeconds} s. This operation costs ${cost}.`,
              { extensions: { code: ErrorCode.RATE_LIMITED, cost, retryAfterSeconds: Number(resetSeconds), http: { status: 429, headers: new Map([['retry-after', resetSeconds]]) } } },
            );
          }
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, ...(state ? { limit: state.limit, remaining: state.remaining, resetSeconds: Math.ceil(state.resetMs / 1000) } : {}) } };
        },
      };
    },
  };
}
