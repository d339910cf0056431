import type { ApolloServerPlugin } from '@apollo/server';
import type { MetricsService } from '@closer/observability';
import { Kind } from 'graphql';
import { Histogram } from 'prom-client';

/**
 * Latency per operation, labelled by its root fields (names from the schema, so the label set
 * stays bounded whatever operation names clients choose) and whether it failed.
 */
export function operationMetricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  const histogram = new Histogram({
    name: 'closer_graphql_operation_duration_seconds',
    help: 'GraphQL operations through the gateway, by root fields',
    labelNames: ['type', 'fields', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  return {
    async requestDidStart() {
      const end = histogram.startTimer();
      return {
        async willSendResponse({ operation, errors }) {
          const fields = operation
            ? operation.selectionSet.selections
                .map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '…'))
                .sort()
                .join(',')
            : 'unparsed';
          end({ type: operation?.operation ?? 'unknown', fields: fields.slice(0, 200), outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
