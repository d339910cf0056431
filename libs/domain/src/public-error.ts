import type { GraphQLFormattedError } from 'graphql';

/** The error codes clients may see (schema.graphql), plus the GraphQL server's own request errors. */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GONE',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/** Extensions that carry meaning for clients; everything else (stacks, SQL, service names) is dropped. */
const PUBLIC_EXTENSIONS = ['fields', 'retryAfterSeconds'] as const;

/**
 * What may leave a service: an error with a public code keeps its message and public
 * extensions; anything else becomes an opaque internal error.
 */
export function toPublicError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code)) {
    const extensions: Record<string, unknown> = { code };
    for (const key of PUBLIC_EXTENSIONS) if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
