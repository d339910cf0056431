import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import type { RecruiterIdentity } from '@closer/domain';
import { IDENTITY_HEADER, identityClaims, sealIdentityClaims } from '@closer/domain';

import type { SubgraphTimer } from '../observability/subgraph-latency';
import { keepAliveFetcher } from './keep-alive-fetcher';

export interface GatewayContext {
  identity: RecruiterIdentity | null;
  requestId?: string;
  clientIp?: string;
}

/**
 * Every request to a subgraph — queries and schema loading alike — carries an identity header
 * signed for that one request: its method, its exact body bytes and the subgraph it is for.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly subgraph: string,
    secret: string,
    fetcher: Fetcher = keepAliveFetcher(),
    private readonly timer?: SubgraphTimer,
  ) {
    super({ url, fetcher: sealingFetcher(fetcher, secret, subgraph) });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    const end = this.timer?.(this.subgraph, options);
    try {
      const response = await super.process(options);
      end?.(response.errors?.length ? 'error' : 'ok');
      return response;
    } catch (error) {
      end?.('failed');
      throw error;
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // health checks and schema loads come with an empty context
    const { identity = null, requestId } = context as Partial<GatewayContext>;
    // Apollo serialises the body only after this hook: the claims are sealed in the fetcher.
    request.http?.headers.set(IDENTITY_HEADER, identityClaims(identity));
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }
}

/**
 * The last step before the socket: the HMAC over the claims and the request as it is sent. A
 * request without claims is never sent, so nothing reaches a subgraph unsigned.
 */
function sealingFetcher(send: Fetcher, secret: string, subgraph: string): Fetcher {
  return (url: string, init: FetcherRequestInit = {}) => {
    const claims = init.headers?.[IDENTITY_HEADER];
    if (!claims) return Promise.reject(new Error(`a request to ${subgraph} without identity claims`));
    const header = sealIdentityClaims(secret, claims, { method: init.method ?? 'GET', subgraph, body: init.body ?? '' });
    return send(url, { ...init, headers: { ...init.headers, [IDENTITY_HEADER]: header } });
  };
}
