import { looksLikeApiKey, type RecruiterIdentity } from '@closer/domain';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';

import { ApiKeyVerifier } from './api-key-verifier';
import { RecruiterSessions } from './recruiter-sessions';

/**
 * The GraphQL API's credentials: an organization API key (told by its prefix), or else a recruiter
 * JWT or the dashboard's sign-in cookie, checked exactly as before (auth/recruiter-sessions.ts).
 * A key in the Authorization header is decided here, before any cookie is looked at, so a key is
 * never replaced by a browser session. Only GraphQL takes keys: the queue dashboard and the
 * sign-in route read JWTs and cookies alone, so a key opens neither.
 */
@Injectable()
export class Credentials {
  constructor(
    private readonly recruiters: RecruiterSessions,
    private readonly apiKeys: ApiKeyVerifier,
  ) {}

  /** null when no credentials were given (link-token operations need none). */
  identify(req: Request): Promise<RecruiterIdentity | null> {
    const key = /^Bearer (\S+)$/.exec(req.headers.authorization?.trim() ?? '')?.[1];
    if (key && looksLikeApiKey(key)) return this.apiKeys.identify(key);
    return this.recruiters.identify(req);
  }
}
