import { CloserConfig } from '@closer/config';
import type { RecruiterIdentity } from '@closer/domain';
import type { RedisClient } from '@closer/queue';
import { Inject, Injectable } from '@nestjs/common';
import express, { type Request, type Response, type Router } from 'express';

import { RATE_LIMIT_REDIS } from '../limits/link-rate-limiter';
import { operatorOf, queueAccess } from '../queue-dashboard/operator-access';
import { BrowserSessions, cookieValue } from './browser-sessions';
import { JwtVerifier } from './jwt-verifier';

export const RECRUITER_SESSION_PATH = '/auth/session';
/** Holds a random session id; who signed in lives in Redis (BrowserSessions). */
export const RECRUITER_COOKIE = 'closer_session';
/** A dashboard sign-in lasts until its token expires, and a working day at most. */
export const RECRUITER_SESSION_MS = 12 * 3_600_000;

/**
 * The dashboard's sign-in: a recruiter's token, sent once with a Bearer header, is traded for an
 * HttpOnly, SameSite=Strict cookie that every tab of the browser then carries to /graphql.
 * - XSS: page scripts never hold the token after sign-in (the cookie is out of their reach), so
 *   an injected script cannot carry it elsewhere; the CSP admits same-origin scripts only.
 * - CSRF: another site's page gets no cookie sent (SameSite=Strict), and /graphql refuses the
 *   requests a plain form or image can make (Apollo's CSRF prevention wants JSON or a
 *   preflighted header); opening a session needs the Authorization header, which no form sends.
 * - Signing out deletes the session server-side: a copied cookie stops working at once.
 */
@Injectable()
export class RecruiterSessions {
  private readonly sessions: BrowserSessions<RecruiterIdentity>;
  private readonly secure: boolean;

  constructor(
    private readonly config: CloserConfig,
    private readonly jwt: JwtVerifier,
    @Inject(RATE_LIMIT_REDIS) redis: RedisClient,
  ) {
    this.sessions = new BrowserSessions(redis, `${config.redis.queuePrefix}:web-session`, RECRUITER_SESSION_MS);
    this.secure = config.publicUrl.startsWith('https://');
  }

  /**
   * Who makes the request: the Bearer token when there is one (API clients, and it wins so a
   * token is never silently replaced by a cookie), otherwise the browser's session; null for
   * neither. A bad token is UNAUTHENTICATED; an unknown or ended session is simply no one.
   */
  async identify(req: Request): Promise<RecruiterIdentity | null> {
    if (req.headers.authorization) return this.jwt.identify(req.headers.authorization);
    const id = cookieValue(req.headers.cookie, RECRUITER_COOKIE);
    return id ? this.sessions.find(id) : null;
  }

  /** Like identify, with when the credentials end (ms): a session opened from these must not outlive them. */
  async verify(req: Request): Promise<{ identity: RecruiterIdentity; expiresAt: number } | null> {
    if (req.headers.authorization) return this.jwt.verify(req.headers.authorization);
    const session = await this.sessions.lookup(cookieValue(req.headers.cookie, RECRUITER_COOKIE));
    return session && { identity: session.holder, expiresAt: session.expiresAt };
  }

  router(): Router {
    const router = express.Router();
    router.use((_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    });
    router.get('/', (req, res) => void this.describe(req, res).catch(() => unavailable(res)));
    router.post('/', (req, res) => void this.open(req, res).catch(() => unavailable(res)));
    router.delete('/', (req, res) => void this.close(req, res).catch(() => unavailable(res)));
    return router;
  }

  /**
   * Whether this browser is signed in, and what the queue dashboard would let it do, so the
   * dashboard shows its Queues link to operators only. Always 200: not being signed in is no error.
   */
  private async describe(req: Request, res: Response): Promise<void> {
    const identity = await this.sessions.find(cookieValue(req.headers.cookie, RECRUITER_COOKIE));
    const operator = identity && operatorOf(identity, { operators: this.config.opsOperators, organization: this.config.opsOrganization });
    res.json({ signedIn: identity !== null, queues: queueAccess(operator) });
  }

  private async open(req: Request, res: Response): Promise<void> {
    const verified = req.headers.authorization ? await this.jwt.verify(req.headers.authorization).catch(() => null) : null;
    if (!verified) {
      res.status(401).type('text/plain').send('Sign in with a recruiter token');
      return;
    }
    const session = await this.sessions.open(verified.identity, verified.expiresAt);
    if (!session) {
      res.status(401).type('text/plain').send('The token has expired');
      return;
    }
    // a session already in this browser ends: one sign-in per browser
    await this.sessions.close(cookieValue(req.headers.cookie, RECRUITER_COOKIE));
    res.cookie(RECRUITER_COOKIE, session.id, this.cookieOptions(session.maxAgeMs)).status(204).end();
  }

  private async close(req: Request, res: Response): Promise<void> {
    await this.sessions.close(cookieValue(req.headers.cookie, RECRUITER_COOKIE));
    res.clearCookie(RECRUITER_COOKIE, this.cookieOptions()).status(204).end();
  }

  private cookieOptions(maxAge?: number): express.CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/', ...(maxAge ? { maxAge } : {}) };
  }
}

function unavailable(res: Response): void {
  if (!res.headersSent) res.status(503).type('text/plain').send('Sign-in is unavailable; try again shortly');
}
