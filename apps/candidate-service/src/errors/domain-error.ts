/** The error codes of the public contract (schema.graphql). */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'GONE' | 'TOO_MANY_REQUESTS';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Services throw these; the GraphQL boundary maps them to `extensions.code`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(fields: FieldProblem[]): DomainError {
    return new DomainError('BAD_USER_INPUT', `Invalid input: ${fields.map((f) => f.field).join(', ')}`, fields);
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} not found`);
  }
}
