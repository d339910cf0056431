import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { RecruiterIdentity } from '@closer/domain';
import { IDENTITY_HEADER, signIdentity } from '@closer/domain';

import { keepAliveFetcher } from './keep-alive-fetcher';

export interface GatewayContext {
  identity: RecruiterIdentity | null;
  requestId?: string;
  clientIp?: string;
}

/** Every request to a subgraph — queries and schema loading alike — carries a fresh signed identity. */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
  ) {
    super({ url, fetcher: keepAliveFetcher() });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const identity = 'identity' in context ? (context.identity ?? null) : null;
    request.http?.headers.set(IDENTITY_HEADER, signIdentity(this.secret, identity));
    const requestId = 'requestId' in context ? context.requestId : undefined;
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }
}
