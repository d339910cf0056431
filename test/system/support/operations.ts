import type { GraphQLResult } from './system-stack';
import { PUBLIC_URL, sleep, SystemStack } from './system-stack';

/** Selects what a recruiter's screen would after completing: resolved after the commit, in the same request. */
export const COMPLETE_SESSION = `mutation($id: ID!) {
  completeSession(id: $id) {
    id status completedAt feedbackDueAt
    candidate { id name }
    role { id title criteria { id label } }
    forms { id status interviewer { id email } }
  }
}`;

export const SUBMIT_FEEDBACK = `mutation($token: String!, $input: SubmitFeedbackInput!) {
  submitFeedback(token: $token, input: $input) { formId status }
}`;

export function feedbackInput(criteria: { id: string }[]): Record<string, unknown> {
  return {
    overallFit: 'GOOD_FIT',
    ratings: criteria.map((criterion) => ({ criterionId: criterion.id, rating: 3 })),
    strengths: 'Clear reasoning about trade-offs',
    gaps: 'Little evidence of on-call work',
    candidateMessage: 'Thank you for a thoughtful conversation.',
  };
}

/** The form token of the invitation mailed to `email` (the link in the mail, as the interviewer clicks it). */
export function formTokenFor(stack: SystemStack, email: string): string {
  const prefix = `${PUBLIC_URL}/f/`;
  const mail = stack.smtp.mails.find((candidate) => candidate.to[0] === email && candidate.subject.startsWith('Your feedback on '));
  const link = mail?.links.find((candidate) => candidate.startsWith(prefix));
  if (!link) throw new Error(`no invitation with a form link was captured for ${email}`);
  return link.slice(prefix.length);
}

export const errorCode = (result: GraphQLResult<unknown>) => result.body.errors?.[0]?.extensions?.code as string | undefined;

export interface Attempts<T> {
  result: GraphQLResult<T>;
  attempts: number;
  /** Attempts that failed (network error, 5xx, INTERNAL_SERVER_ERROR…) before the final one. */
  failures: number;
  /** When the first failed attempt ended (ms since the epoch). */
  firstFailureAt?: number;
  /** What the failed attempts got: the status and errors, or the network error. */
  failed: string[];
}

/**
 * A client that retries until it gets an answer it accepts — data, or one of `finalCodes` (e.g.
 * CONFLICT for a form someone else answered): network errors, a gateway whose subgraph is away
 * and internal errors are retried with a short backoff, as a browser's retry would.
 */
export async function untilAnswered<T>(
  send: () => Promise<GraphQLResult<T>>,
  options: { finalCodes?: string[]; timeoutMs?: number } = {},
): Promise<Attempts<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let attempts = 0;
  let last: unknown;
  let firstFailureAt: number | undefined;
  const failed: string[] = [];
  for (;;) {
    attempts++;
    try {
      const result = await send();
      const code = errorCode(result);
      if ((result.body.data && !result.body.errors?.length) || (code && options.finalCodes?.includes(code))) {
        return { result, attempts, failures: attempts - 1, firstFailureAt, failed };
      }
      last = `${result.status} ${JSON.stringify(result.body.errors)}`;
    } catch (error) {
      last = `network: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}`;
    }
    failed.push(String(last));
    firstFailureAt ??= Date.now();
    if (Date.now() > deadline) throw new Error(`no accepted answer after ${attempts} attempts: ${String(last)}`);
    await sleep(Math.min(100 * attempts, 1_000));
  }
}

/**
 * Failed answers a client got that say more than "internal error": a failure may be retried, but
 * it must never name a host, a port or a dependency.
 */
export function leakyFailures(attempts: Attempts<unknown>[]): string[] {
  return attempts
    .flatMap((attempt) => attempt.failed)
    .filter((failure) => !failure.startsWith('network:'))
    .filter((failure) => /ECONNREFUSED|ECONNRESET|127\.0\.0\.1|localhost|postgres|redis|typeorm|stack|\bat \w+ \(/i.test(failure));
}
