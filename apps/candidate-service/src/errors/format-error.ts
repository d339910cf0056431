import { unwrapResolverError } from '@apollo/server/errors';
import { toPublicError } from '@closer/domain';
import type { GraphQLFormattedError } from 'graphql';

import { DomainError } from './domain-error';

/**
 * The last step before an error leaves the subgraph: no SQL, stacks or class names reach the
 * gateway. A domain error thrown by a field resolver (which Nest's filters don't wrap) gets its
 * contract code here, as the DomainErrorFilter gives it everywhere else.
 */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const cause = unwrapResolverError(error);
  if (cause instanceof DomainError) {
    const extensions = { code: cause.code, ...(cause.fields ? { fields: cause.fields } : {}) };
    return toPublicError({ ...formatted, message: cause.message, extensions });
  }
  return toPublicError(formatted);
}
