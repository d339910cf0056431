import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

import { operationCost } from './query-cost';

/**
 * Refuses an operation that costs more than `maxCost` before it runs. A validation rule would see
 * neither the variables (a `first` passed as `$first`) nor run again when they change, so the
 * check runs once the operation is resolved, with this request's variables.
 */
export function queryCostLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables ?? {});
          if (cost === null || cost <= maxCost) return;
          const priced = Number.isFinite(cost) ? `costs ${cost}` : 'is too large to price';
          throw new GraphQLError(`Query ${priced}, over the limit of ${maxCost}: ask for smaller pages (first) or fewer nested lists`, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
        },
      };
    },
  };
}
