import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, valueFromASTUntyped } from 'graphql';

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

/**
 * Every link field the operation selects at its root — through inline fragments and fragment
 * spreads too, and once per alias — with the token values they were given.
 */
export function linkTokensOf(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  fragments: Record<string, FragmentDefinitionNode> = {},
): { fields: string[]; tokens: string[] } {
  const fields: string[] = [];
  const tokens: string[] = [];
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment && !visited.has(fragment.name.value)) {
          visited.add(fragment.name.value);
          walk(fragment.selectionSet);
        }
      } else if (LINK_OPERATIONS.has(selection.name.value)) {
        fields.push(selection.name.value);
        const argument = selection.arguments?.find((arg) => arg.name.value === 'token');
        const value = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
        if (typeof value === 'string') tokens.push(value);
      }
    }
  };
  walk(operation.selectionSet);
  return { fields, tokens };
}

/** Refuses link operations beyond the per-IP and per-token limits with TOO_MANY_REQUESTS. */
export function linkRateLimitPlugin(limiter: LinkRateLimiter): ApolloServerPlugin<GatewayContext> {
  // Whether an operation selects any link field depends on its document alone, and parsed
  // documents are cached and reused across requests: recruiter operations skip the walk.
  const withoutLinkFields = new WeakSet<OperationDefinitionNode>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext: GraphQLRequestContext<GatewayContext>) {
          const operation = requestContext.operation;
          if (!operation || withoutLinkFields.has(operation)) return;
          const fragments = Object.fromEntries(
            (requestContext.document?.definitions ?? [])
              .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
              .map((fragment) => [fragment.name.value, fragment]),
          );
          const { fields, tokens } = linkTokensOf(operation, requestContext.request.variables ?? {}, fragments);
          if (fields.length === 0) {
            withoutLinkFields.add(operation);
            return;
          }
          // every link field costs one unit of the IP's allowance: aliases buy no extra guesses
          const decision = await limiter.check(requestContext.contextValue.clientIp ?? 'unknown', tokens, Date.now(), fields.length);
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
