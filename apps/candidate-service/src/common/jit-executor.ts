import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  OperationTypeNode,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * graphql-jit's errors inherit graphql-js's GraphQLError but leave `extensions` undefined when the
 * resolver's error has none: Apollo Server then fails formatting them and answers "Internal
 * server error" instead of the resolver's error and its code.
 */
function asGraphQLError(error: Pick<GraphQLError, 'message' | 'path' | 'locations' | 'originalError' | 'extensions'>): GraphQLError {
  // graphql-js's own always carry extensions ({} when none); Apollo Server reads extensions.code
  if (error instanceof GraphQLError && error.extensions !== undefined) return error;
  const converted = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
  return Object.assign(converted, { locations: error.locations });
}

/** What Apollo Server passes a gateway's executor (the part of @apollo/server-gateway-interface used here). */
interface ExecutorRequest {
  readonly request: { variables?: Record<string, unknown> };
  readonly document: DocumentNode;
  readonly operationName: string | null;
  readonly operation: OperationDefinitionNode;
  readonly context: unknown;
}

/**
 * Queries run as JavaScript that graphql-jit compiles once per parsed document and operation,
 * instead of graphql-js walking the document on every request; mutations keep graphql-js's
 * execution. Apollo Server runs the executor of a "gateway", so parsing, validation (the query
 * limits), plugins and error formatting stay exactly as they are. Compiled queries are kept per
 * document object: Apollo's bounded document store holds those, so this holds no more than it.
 *
 * `transformSchema` receives the schema Nest builds; `gateway` hands it to Apollo Server with the executor.
 */
export function jitExecution(): { transformSchema: (schema: GraphQLSchema) => GraphQLSchema; gateway: object } {
  let schema: GraphQLSchema | undefined;
  type Compiled = CompiledQuery | ExecutionResult;
  const compiled = new WeakMap<DocumentNode, Map<string | null, Compiled>>();

  const compile = (document: DocumentNode, operationName: string | null, target: GraphQLSchema): CompiledQuery | ExecutionResult => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map<string | null, Compiled>()));
    let query = byOperation.get(operationName);
    if (!query) {
      // leaves are serialised by each scalar's own serialize(), as graphql-js does (DateTime, enums)
      query = compileQuery(target, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      byOperation.set(operationName, query);
    }
    return query;
  };

  const executor = async ({ request, document, operationName, operation, context }: ExecutorRequest): Promise<ExecutionResult> => {
    const target = schema!;
    if (operation.operation !== OperationTypeNode.QUERY) {
      return execute({ schema: target, document, operationName, contextValue: context, variableValues: request.variables });
    }
    const query = compile(document, operationName, target);
    if (!isCompiledQuery(query)) return query;
    const result = await query.query(undefined, context, request.variables ?? {});
    if (!result.errors?.length) return result;
    // refused before any resolver ran (variables that do not coerce): graphql-js's own errors, which Apollo Server knows as BAD_USER_INPUT
    if (result.data == null && result.errors.every((error) => !error.path)) {
      return execute({ schema: target, document, operationName, contextValue: context, variableValues: request.variables });
    }
    return { ...result, errors: result.errors.map(asGraphQLError) };
  };

  return {
    transformSchema: (built) => (schema = built),
    gateway: {
      load: () => {
        if (!schema) return Promise.reject(new Error('jitExecution: the schema was not built before Apollo Server started'));
        return Promise.resolve({ schema, executor });
      },
      onSchemaLoadOrUpdate: (callback: (context: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) => {
        if (schema) callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      stop: () => Promise.resolve(),
    },
  };
}
