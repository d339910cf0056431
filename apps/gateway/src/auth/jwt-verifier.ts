import { createSecretKey, KeyObject } from 'node:crypto';

import { CloserConfig } from '@closer/config';
import type { RecruiterIdentity } from '@closer/domain';
import { Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';

import { VerifiedTokenCache } from './verified-token-cache';

const UNAUTHENTICATED = () =>
  new GraphQLError('Invalid or expired credentials', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export interface VerifiedToken {
  identity: RecruiterIdentity;
  /** The token's `exp`, in ms. */
  expiresAt: number;
}

/** A verified token is trusted again without a signature check for at most this long. */
export const VERIFIED_TOKEN_TTL_MS = 30_000;
/** Distinct tokens remembered at once (a few hundred bytes each). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Verifies recruiter JWTs: HS256 with AUTH_JWT_SECRET, or RS256/ES256 keys from AUTH_JWKS_URL.
 * `alg: none`, other algorithms, wrong keys, expired tokens and tokens for another issuer or
 * audience all get the same answer.
 */
@Injectable()
export class JwtVerifier {
  // a KeyObject, not raw bytes: jose then imports the HMAC key once instead of on every call
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];
  // when configured, a token must carry both: a token minted for another service is refused
  private readonly claims: { issuer?: string; audience?: string };
  private readonly verified = new VerifiedTokenCache<VerifiedToken>(VERIFIED_TOKEN_CACHE_SIZE, VERIFIED_TOKEN_TTL_MS);

  constructor(config: CloserConfig) {
    if (config.auth.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.auth.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else {
      this.key = createSecretKey(Buffer.from(config.auth.jwtSecret ?? '', 'utf8'));
      this.algorithms = ['HS256'];
    }
    this.claims = {
      ...(config.auth.issuer ? { issuer: config.auth.issuer } : {}),
      ...(config.auth.audience ? { audience: config.auth.audience } : {}),
    };
  }

  /** null when no credentials were given (link-token operations need none). */
  async identify(authorization: string | undefined): Promise<RecruiterIdentity | null> {
    return (await this.verify(authorization))?.identity ?? null;
  }

  /** The identity and the token's expiry (ms); null without credentials, UNAUTHENTICATED when refused. */
  async verify(authorization: string | undefined): Promise<VerifiedToken | null> {
    if (!authorization) return null;
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization.trim());
    if (!match) throw UNAUTHENTICATED();
    const token = match[1];
    const cached = this.verified.get(token, Date.now());
    if (cached) return cached;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as KeyObject, {
        algorithms: this.algorithms,
        requiredClaims: ['sub', 'exp'],
        ...this.claims,
      }));
    } catch {
      throw UNAUTHENTICATED();
    }
    const claim = (name: string) => (typeof payload[name] === 'string' ? payload[name] : '');
    const identity = Object.freeze({
      sub: claim('sub'),
      org: claim('org'),
      email: claim('email'),
      name: claim('name'),
      role: claim('role'),
    });
    if (!identity.sub || !identity.org) throw UNAUTHENTICATED();
    const verified = { identity, expiresAt: payload.exp! * 1000 };
    this.verified.set(token, verified, verified.expiresAt, Date.now());
    return verified;
  }
}
