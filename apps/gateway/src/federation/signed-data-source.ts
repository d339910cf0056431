import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { RecruiterIdentity } from '@closer/domain';
import { IDENTITY_HEADER, signIdentity } from '@closer/domain';

import { keepAliveFetcher } from './keep-alive-fetcher';

export interface GatewayContext {
  identity: RecruiterIdentity | null;
  requestId?: string;
  clientIp?: string;
}

/**
 * How long one signed identity header is sent again for the same identity: far inside the
 * subgraph's 60 s acceptance window, and it saves an HMAC and a JSON encoding per request of
 * a busy client (JwtVerifier hands out the same identity object for a token it remembers).
 */
export const SIGNED_HEADER_REUSE_MS = 1_000;

/** Every request to a subgraph — queries and schema loading alike — carries a freshly signed identity (at most a second old). */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly signed = new WeakMap<RecruiterIdentity, { header: string; signedAt: number }>();
  private anonymous: { header: string; signedAt: number } | undefined;

  constructor(
    url: string,
    private readonly secret: string,
  ) {
    super({ url, fetcher: keepAliveFetcher() });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const identity = 'identity' in context ? (context.identity ?? null) : null;
    request.http?.headers.set(IDENTITY_HEADER, this.headerFor(identity, Date.now()));
    const requestId = 'requestId' in context ? context.requestId : undefined;
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }

  private headerFor(identity: RecruiterIdentity | null, now: number): string {
    const cached = identity ? this.signed.get(identity) : this.anonymous;
    if (cached && now - cached.signedAt < SIGNED_HEADER_REUSE_MS && cached.signedAt <= now) return cached.header;
    const fresh = { header: signIdentity(this.secret, identity, now), signedAt: now };
    if (identity) this.signed.set(identity, fresh);
    else this.anonymous = fresh;
    return fresh.header;
  }
}
