import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';

import { queryCostLimitPlugin } from './query-cost.plugin';

/**
 * Shape limits on every operation. The contract's deepest real query (candidate → sessions →
 * forms → response → ratings → criterion → label) has depth 7.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
} as const;

export interface QueryLimitProtection {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions?: ParseOptions;
}

/** What the gateway checks before anything reaches a subgraph. */
export function gatewayQueryLimits(): QueryLimitProtection {
  const armor = new ApolloArmor({
    // graphql-armor's token plugin throws from a request hook, which Apollo answers with a 500;
    // graphql-js's own parser limit (below) refuses the same documents as a 400 parse error
    maxTokens: { enabled: false },
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // graphql-armor's cost sees neither the schema nor variables: the cost plugin below prices lists
    costLimit: { enabled: false },
    // don't help an attacker map the schema through "did you mean" hints
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    plugins: [...armor.plugins, queryCostLimitPlugin(QUERY_LIMITS.maxCost)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
  };
}

/**
 * What a subgraph checks again, so a request that reaches it without the gateway (with a valid
 * signed identity) meets the same depth and cost. Token and alias counts stay the gateway's: the
 * query planner rewrites the document it sends (fragments inlined, fields added), so they would
 * not count the same.
 */
export function subgraphQueryLimits(): QueryLimitProtection {
  const armor = new ApolloArmor({
    maxTokens: { enabled: false },
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins: [...armor.plugins, queryCostLimitPlugin(QUERY_LIMITS.maxCost)], validationRules: armor.validationRules };
}
