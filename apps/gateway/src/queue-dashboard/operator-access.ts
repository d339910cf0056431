import type { RecruiterIdentity } from '@closer/domain';
import type { Response } from 'express';

/** Holds a random session id; the session itself lives server-side (auth/browser-sessions.ts). */
export const OPERATOR_COOKIE = 'closer_ops';
/** A queue dashboard session lasts at most this long, and never beyond the token it was opened with. */
export const OPERATOR_SESSION_MS = 3_600_000;

export interface Operator {
  sub: string;
  /** Looks, but retries, cleans, promotes, removes and pauses nothing. */
  readOnly: boolean;
}

/**
 * Operators are named by setting (OPS_OPERATORS, JWT subjects), never by a claim a token issuer
 * could mint for anyone: the queues hold every organization's jobs. A listed operator acts on
 * jobs only while also an admin of the operating organization (OPS_ORGANIZATION); otherwise the
 * dashboard is read-only.
 */
export type OperatorIdentity = Pick<RecruiterIdentity, 'sub' | 'org' | 'role'>;

export function operatorOf(
  identity: OperatorIdentity | null,
  rule: { operators: readonly string[]; organization?: string },
): Operator | null {
  if (!identity || !rule.operators.includes(identity.sub)) return null;
  const admin = rule.organization !== undefined && identity.org === rule.organization && identity.role === 'admin';
  return { sub: identity.sub, readOnly: !admin };
}

/** What the queue dashboard lets someone do, as `/auth/session` and `/admin/queues/access` both report it. */
export type QueueAccess = 'none' | 'read-only' | 'full';

export function queueAccess(operator: Operator | null): QueueAccess {
  return operator ? (operator.readOnly ? 'read-only' : 'full') : 'none';
}

export type Refusal = 401 | 403 | 404 | 503;

export function deny(res: Response, status: Refusal, message?: string): void {
  const text =
    message ??
    {
      401: 'Sign in with an operator token',
      403: 'The queue dashboard is open to its operators only',
      404: 'Not found',
      503: 'The queue dashboard is unavailable; try again shortly',
    }[status];
  res.status(status).type('text/plain').set('Cache-Control', 'no-store').send(text);
}
