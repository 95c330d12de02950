import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { AppConfig } from '../config/config';

// graphql-armor's rules throw by default, which Apollo answers with a 500; reported instead, a
// rejection is a validation error like any other (HTTP 400, GRAPHQL_VALIDATION_FAILED).
const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(new GraphQLError(err.message.replace(/^Syntax Error: /, '')))] };

/**
 * Limits on the shape of an operation, checked during validation: its depth (QUERY_DEPTH_MAX)
 * and its number of aliases (QUERY_ALIASES_MAX). Both count through fragments; a fragment that
 * spreads itself is reported by the standard NoFragmentCycles rule, not followed.
 */
export function queryShapeRules(config: AppConfig): ValidationRule[] {
  return [
    maxDepthRule({ n: config.queryDepthMax, flattenFragments: true, ...report }) as unknown as ValidationRule,
    maxAliasesRule({ n: config.queryAliasesMax, ...report }) as unknown as ValidationRule,
  ];
}
