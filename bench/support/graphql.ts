import { IDENTITY_HEADER, RecruiterIdentity, signIdentity } from '@closer/domain';

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
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** Data or a thrown error naming the GraphQL errors. */
export function dataOf<T>(result: GraphQLResponse<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL ${result.status}: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

/**
 * A caller of the candidate subgraph as the gateway calls it: every request carries a freshly
 * signed identity header (they are valid for a minute only).
 */
export function subgraphCaller(url: string, internalSecret: string, identity: RecruiterIdentity | null) {
  return <T>(query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL<T>(url, query, variables, { [IDENTITY_HEADER]: signIdentity(internalSecret, identity) });
}
