import { HEALTH_CHECK_QUERY } from '@apollo/gateway';
// the package's index exports this enum's type only
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';

import type { SubgraphTimer } from '../observability/subgraph-latency';
import { SignedDataSource } from './signed-data-source';

/**
 * The subgraphs the supergraph names, each at the address the configuration gives: the composed
 * file carries no addresses. One data source per subgraph serves queries and health checks alike.
 */
export class Subgraphs {
  private readonly sources: Map<string, SignedDataSource>;

  constructor(urls: Record<string, string>, internalSecret: string, timer?: SubgraphTimer) {
    // the name is also the audience each signed subgraph request is bound to
    this.sources = new Map(
      Object.entries(urls).map(([name, url]) => [name, new SignedDataSource(url, name, internalSecret, undefined, timer)]),
    );
  }

  dataSource(name: string): SignedDataSource {
    const source = this.sources.get(name);
    if (!source) throw new Error(`the supergraph names subgraph ${name}, which has no configured URL`);
    return source;
  }

  /** Resolves once every subgraph answers a `{ __typename }` query; rejects naming the first that does not. */
  async check(): Promise<void> {
    await Promise.all(
      [...this.sources].map(async ([name, source]) => {
        const response = await source.process({
          kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
          request: { query: HEALTH_CHECK_QUERY },
          context: {},
        });
        if (response.errors?.length) throw new Error(`${name}: ${response.errors[0].message}`);
      }),
    );
  }
}
