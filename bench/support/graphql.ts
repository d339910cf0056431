import { CANDIDATE_SERVICE_SUBGRAPH, IDENTITY_HEADER, RecruiterIdentity, signIdentity } from '@closer/domain';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** POSTs an operation as a browser (through the gateway) or the gateway (to the subgraph) would. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> | ((body: string) => Record<string, string>) = {},
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...(typeof headers === 'function' ? headers(body) : headers),
    },
    body,
  });
  const result = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...result };
}

/** Data or a thrown error naming the GraphQL errors. */
export function dataOf<T>(result: GraphQLResponse<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL ${result.status}: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

/**
 * A caller of the candidate subgraph as the gateway calls it: every request carries an identity
 * header signed for its own body (valid a few seconds only).
 */
export function subgraphCaller(url: string, internalSecret: string, identity: RecruiterIdentity | null) {
  return <T>(query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL<T>(url, query, variables, (body) => ({
      [IDENTITY_HEADER]: signIdentity(internalSecret, identity, { method: 'POST', subgraph: CANDIDATE_SERVICE_SUBGRAPH, body }),
    }));
}
