import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, Kind, OperationDefinitionNode, valueFromASTUntyped } from 'graphql';

import type { GatewayContext } from '../federation/signed-data-source';
import type { LinkRateLimiter } from './link-rate-limiter';

/** The operations reached by an emailed link's token instead of a JWT. */
export const LINK_OPERATIONS = new Set([
  'feedbackForm',
  'submitFeedback',
  'declineFeedbackForm',
  'candidatePortal',
  'requestFitFeedback',
  'rateCandidateAnswer',
]);

/** Root fields of the operation that take a link token, with the token values they were given. */
export function linkTokensOf(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): { fields: string[]; tokens: string[] } {
  const fields: string[] = [];
  const tokens: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !LINK_OPERATIONS.has(selection.name.value)) continue;
    fields.push(selection.name.value);
    const argument = selection.arguments?.find((arg) => arg.name.value === 'token');
    const value = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
    if (typeof value === 'string') tokens.push(value);
  }
  return { fields, tokens };
}

/** Refuses link operations beyond the per-IP and per-token limits with TOO_MANY_REQUESTS. */
export function linkRateLimitPlugin(limiter: LinkRateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext: GraphQLRequestContext<GatewayContext>) {
          const operation = requestContext.operation;
          if (!operation) return;
          const { fields, tokens } = linkTokensOf(operation, requestContext.request.variables ?? {});
          if (fields.length === 0) return;
          const decision = await limiter.check(requestContext.contextValue.clientIp ?? 'unknown', tokens);
          if (!decision.allowed) {
            throw new GraphQLError('Too many requests: try again in a minute', {
              extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: decision.retryAfterSeconds, http: { status: 429 } },
            });
          }
        },
      };
    },
  };
}
