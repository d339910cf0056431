import { toPublicError } from '@closer/domain';
import type { GraphQLFormattedError } from 'graphql';

/** Subgraph errors arrive already masked; this masks the gateway's own and anything unexpected. */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return toPublicError(formatted);
}
