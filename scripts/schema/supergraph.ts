import { composeServices } from '@apollo/composition';
import { CANDIDATE_SERVICE_SUBGRAPH } from '@closer/domain';
import { type GraphQLSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';

export interface Supergraph {
  /** What the gateway serves from (apps/gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** The schema clients see: the supergraph without the federation machinery. */
  apiSchema: GraphQLSchema;
  apiSdl: string;
}

/**
 * Composes the supergraph from the subgraphs' SDL, as the gateway once did at start-up. The
 * subgraph's address is not part of it: the gateway takes it from CANDIDATE_SERVICE_URL, and the
 * placeholder here (a reserved .invalid name) could never be reached by mistake.
 */
export function composeSupergraph(candidateServiceSdl: string): Supergraph {
  const result = composeServices([
    { name: CANDIDATE_SERVICE_SUBGRAPH, url: `http://${CANDIDATE_SERVICE_SUBGRAPH}.invalid/graphql`, typeDefs: parse(candidateServiceSdl) },
  ]);
  if (result.errors) throw new Error(`the supergraph does not compose:\n${result.errors.map((error) => error.message).join('\n')}`);
  const apiSchema = lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { supergraphSdl: `${result.supergraphSdl}\n`, apiSchema, apiSdl: `${printSchema(apiSchema)}\n` };
}
