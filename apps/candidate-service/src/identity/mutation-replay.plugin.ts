import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

import type { GraphQLContext } from '../common/loaders';
import type { ReplayGuard } from './replay-guard';

/**
 * A signed request runs a mutation once: the same captured request sent again within its few
 * seconds is refused as unauthenticated before anything executes. Queries are not tracked (a
 * replay reads what the captured response already showed, and reads stay free of writes).
 */
export function mutationReplayPlugin(guard: ReplayGuard): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const signed = contextValue.req.signedRequest;
          if (signed && (await guard.claim(signed.nonce, signed.signedAt))) return;
          throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        },
      };
    },
  };
}
