import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Shape limits on every operation, checked before anything reaches a subgraph. The contract's
 * deepest real query (candidate → sessions → forms → response → ratings → criterion → label)
 * has depth 7; a dashboard with every list asked for costs well under the cost limit.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
};

export function queryLimitProtection() {
  const armor = new ApolloArmor({
    // graphql-armor's token plugin throws from a request hook, which Apollo answers with a 500;
    // graphql-js's own parser limit (below) refuses the same documents as a 400 parse error
    maxTokens: { enabled: false },
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // don't help an attacker map the schema through "did you mean" hints
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: QUERY_LIMITS.maxTokens } };
}
