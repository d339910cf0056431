import type { ApolloServerPlugin } from '@apollo/server';
import type { MetricsService } from '@closer/observability';
import { Kind, OperationDefinitionNode } from 'graphql';
import { Histogram } from 'prom-client';

// parsed documents are cached and reused across requests: so is each operation's label
const labels = new WeakMap<OperationDefinitionNode, string>();

/** An operation's label: its root fields, sorted (names from the schema, so the label set stays bounded). */
export function rootFields(operation: OperationDefinitionNode): string {
  let fields = labels.get(operation);
  if (fields === undefined) {
    fields = operation.selectionSet.selections
      .map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '…'))
      .sort()
      .join(',')
      .slice(0, 200);
    labels.set(operation, fields);
  }
  return fields;
}

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
          end({
            type: operation?.operation ?? 'unknown',
            fields: operation ? rootFields(operation) : 'unparsed',
            outcome: errors?.length ? 'error' : 'ok',
          });
        },
      };
    },
  };
}
