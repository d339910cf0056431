import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { MetricsService } from '@closer/observability';
import { Histogram } from 'prom-client';

import { rootFields } from './operation-metrics.plugin';

/** Times one subgraph request; the returned function ends the timer with its outcome. */
export type SubgraphTimer = (subgraph: string, options: GraphQLDataSourceProcessOptions) => (outcome: 'ok' | 'error' | 'failed') => void;

/**
 * The gateway's requests to each subgraph, by the client operation they serve (type and root
 * fields, as closer_graphql_operation_duration_seconds labels it) or by their own purpose
 * (schema loading, health checks): where a slow client operation spends its time.
 */
export function subgraphLatency(metrics: MetricsService): SubgraphTimer {
  const histogram = new Histogram({
    name: 'closer_subgraph_request_duration_seconds',
    help: 'Requests from the gateway to a subgraph, by subgraph, client operation and outcome',
    labelNames: ['subgraph', 'operation', 'outcome'],
    buckets: [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  return (subgraph, options) => {
    const client = 'incomingRequestContext' in options ? options.incomingRequestContext.operation : undefined;
    const operation = client ? `${client.operation} ${rootFields(client)}` : options.kind;
    const end = histogram.startTimer({ subgraph, operation });
    return (outcome) => end({ outcome });
  };
}
