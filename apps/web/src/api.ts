import { inWords, labelOf } from './field-labels';

/** The one API the web app uses: POST /graphql on the same origin. Link tokens travel only in the body. */

export interface FieldProblem {
  field: string;
  message: string;
}

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'TOO_MANY_REQUESTS'
  | 'NETWORK'
  | 'INTERNAL_SERVER_ERROR';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** The dashboard's signed-in `graphql`: a refused sign-in signs the page out before the error reaches the caller. */
export type Api = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; fields?: FieldProblem[] } }[];
}

/**
 * `signedIn`: send the dashboard's session cookie (same origin only). Link pages leave it out:
 * their link token is all they need.
 */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, signedIn = false): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'apollo-require-preflight': 'true' };
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      credentials: signedIn ? 'same-origin' : 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError('NETWORK', 'We could not reach Closer. Check your connection and try again.');
  }
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new ApiError(
      response.status === 401 ? 'UNAUTHENTICATED' : 'NETWORK',
      `The server answered ${response.status}. Please try again.`,
    );
  }
  const first = body.errors?.[0];
  if (first) {
    const code = (first.extensions?.code ?? 'INTERNAL_SERVER_ERROR') as ErrorCode;
    throw new ApiError(code, first.message, first.extensions?.fields ?? []);
  }
  if (!body.data) throw new ApiError('INTERNAL_SERVER_ERROR', 'The server sent no data.');
  return body.data;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'TOO_MANY_REQUESTS') return 'Too many attempts in a short time. Please wait a minute and try again.';
    if (error.code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Please try again in a moment.';
    if (error.code === 'BAD_USER_INPUT' && error.fields.length > 0) {
      return error.fields.map((f) => sentence(`${labelOf(f.field)} ${inWords(f.message)}`)).join(' ');
    }
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}

/** Server field paths ("input.criteria.2.weight") to messages, with a prefix stripped. */
export function fieldErrors(error: unknown, strip = 'input.'): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const problem of error.fields) {
      const key = problem.field.startsWith(strip) ? problem.field.slice(strip.length) : problem.field;
      out[key] ??= sentence(inWords(problem.message));
    }
  }
  return out;
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
