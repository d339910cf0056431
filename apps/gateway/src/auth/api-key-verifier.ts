import { CloserConfig } from '@closer/config';
import {
  API_KEY_LOOKUP_AUDIENCE,
  API_KEY_LOOKUP_PATH,
  hashApiKey,
  IDENTITY_HEADER,
  isWellFormedApiKey,
  type RecruiterIdentity,
  signIdentity,
} from '@closer/domain';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { GraphQLError } from 'graphql';

import { keepAliveFetcher } from '../federation/keep-alive-fetcher';

const UNAUTHENTICATED = () =>
  new GraphQLError('Invalid or expired credentials', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Organization API keys: the candidate service looks each one up in the database on every
 * request (nothing is cached here), so a revoked key is refused from the next request on. The
 * identity forwarded is a recruiter of the key's organization, whatever the lookup says.
 */
@Injectable()
export class ApiKeyVerifier implements OnApplicationShutdown {
  private readonly lookupUrl: string;
  private readonly fetcher = keepAliveFetcher({ maxSockets: 64 });

  constructor(private readonly config: CloserConfig) {
    this.lookupUrl = new URL(API_KEY_LOOKUP_PATH, config.candidateServiceUrl).toString();
  }

  async identify(key: string): Promise<RecruiterIdentity> {
    if (!isWellFormedApiKey(key)) throw UNAUTHENTICATED();
    const body = JSON.stringify({ keyHash: hashApiKey(key).toString('base64url') });
    const signed = signIdentity(this.config.auth.internalSecret, null, { method: 'POST', subgraph: API_KEY_LOOKUP_AUDIENCE, body });
    let identity: RecruiterIdentity | null;
    try {
      const response = await this.fetcher(this.lookupUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signed },
        body,
      });
      if (!response.ok) throw new Error(`API key lookup answered ${response.status}`);
      ({ identity } = (await response.json()) as { identity: RecruiterIdentity | null });
    } catch (error) {
      throw new GraphQLError('The service is unavailable; try again shortly', {
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
        originalError: error as Error,
      });
    }
    if (!identity?.sub || !identity.org) throw UNAUTHENTICATED();
    // a key acts as a recruiter, never as an admin, whatever it was looked up as
    return Object.freeze({ sub: identity.sub, org: identity.org, email: '', name: identity.name ?? '', role: 'recruiter' });
  }

  onApplicationShutdown(): void {
    this.fetcher.destroy();
  }
}
