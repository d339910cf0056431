import { looksLikeApiKey, type RecruiterIdentity } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { ApiKeyVerifier } from './api-key-verifier';
import { JwtVerifier } from './jwt-verifier';

/**
 * The GraphQL API's credentials: an organization API key (told by its prefix) or a recruiter
 * JWT, checked exactly as before. Only GraphQL takes keys; the queue dashboard reads JWTs alone.
 */
@Injectable()
export class Credentials {
  constructor(
    private readonly jwt: JwtVerifier,
    private readonly apiKeys: ApiKeyVerifier,
  ) {}

  /** null when no credentials were given (link-token operations need none). */
  identify(authorization: string | undefined): Promise<RecruiterIdentity | null> {
    const key = /^Bearer (\S+)$/.exec(authorization?.trim() ?? '')?.[1];
    if (key && looksLikeApiKey(key)) return this.apiKeys.identify(key);
    return this.jwt.identify(authorization);
  }
}
