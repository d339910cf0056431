import { toPublicError } from '@closer/domain';
import type { GraphQLFormattedError } from 'graphql';

/** The last step before an error leaves the subgraph: no SQL, stacks or class names reach the gateway. */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return toPublicError(formatted);
}
