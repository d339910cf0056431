import type { RecruiterIdentity } from '@closer/domain';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { JwtVerifier } from '../auth/jwt-verifier';

/** Holds the operator's JWT itself, so every request is verified again (expiry included). */
export const OPERATOR_COOKIE = 'closer_ops';

/** Admins of the operating organization only: the queues hold every organization's jobs. */
function isOperator(identity: RecruiterIdentity | null, opsOrganization: string): boolean {
  return identity !== null && identity.role === 'admin' && identity.org === opsOrganization;
}

function cookieToken(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === OPERATOR_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * Lets a request through to the queue dashboard when it carries an operator's JWT, as a Bearer
 * header (API clients) or the session cookie (the browser UI, which cannot set headers).
 */
export function operatorAccess(jwt: JwtVerifier, opsOrganization: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = cookieToken(req.headers.cookie);
    const authorization = req.headers.authorization ?? (token ? `Bearer ${token}` : undefined);
    verifyOperator(jwt, opsOrganization, authorization).then((verdict) => {
      if (verdict === 'ok') next();
      else deny(res, verdict);
    }, next);
  };
}

export async function verifyOperator(
  jwt: JwtVerifier,
  opsOrganization: string,
  authorization: string | undefined,
): Promise<'ok' | 401 | 403> {
  if (!authorization) return 401;
  let identity: RecruiterIdentity | null;
  try {
    identity = await jwt.identify(authorization);
  } catch {
    return 401;
  }
  return isOperator(identity, opsOrganization) ? 'ok' : 403;
}

export function deny(res: Response, status: 401 | 403 | 404): void {
  const message = {
    401: 'Sign in with an operator token',
    403: "The queue dashboard is open to the operating organization's admins only",
    404: 'Not found',
  }[status];
  res.status(status).type('text/plain').set('Cache-Control', 'no-store').send(message);
}
