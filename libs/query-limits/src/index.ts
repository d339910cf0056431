export { LIST_LIMITS } from './list-limits';
export { listCostEstimator, operationCost } from './query-cost';
export { queryCostLimitPlugin } from './query-cost.plugin';
export type { QueryLimitProtection } from './query-limits';
export { gatewayQueryLimits, QUERY_LIMITS, subgraphQueryLimits } from './query-limits';
