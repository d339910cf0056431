import { CloserConfig } from '@closer/config';
import type { RecruiterIdentity } from '@closer/domain';
import { Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';

const UNAUTHENTICATED = () =>
  new GraphQLError('Invalid or expired credentials', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Verifies recruiter JWTs: HS256 with AUTH_JWT_SECRET, or RS256/ES256 keys from AUTH_JWKS_URL.
 * `alg: none`, other algorithms, wrong keys and expired tokens all get the same answer.
 */
@Injectable()
export class JwtVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(config: CloserConfig) {
    if (config.auth.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.auth.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else {
      this.key = new TextEncoder().encode(config.auth.jwtSecret);
      this.algorithms = ['HS256'];
    }
  }

  /** null when no credentials were given (link-token operations need none). */
  async identify(authorization: string | undefined): Promise<RecruiterIdentity | null> {
    if (!authorization) return null;
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization.trim());
    if (!match) throw UNAUTHENTICATED();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, this.key as Uint8Array, { algorithms: this.algorithms, requiredClaims: ['sub', 'exp'] }));
    } catch {
      throw UNAUTHENTICATED();
    }
    const claim = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : '');
    const identity = { sub: claim('sub'), org: claim('org'), email: claim('email'), name: claim('name'), role: claim('role') };
    if (!identity.sub || !identity.org) throw UNAUTHENTICATED();
    return identity;
  }
}
