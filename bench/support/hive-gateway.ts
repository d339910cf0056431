// `bench:gateway --variants hive`: the gateway app exactly as main.ts builds it (Nest, Express,
// helmet, pino-http, body limit, JWT / API key / cookie credentials), with
// @graphql-hive/gateway-runtime answering POST /graphql in place of Apollo Server + Apollo Gateway.
// Kept from the Apollo gateway: credentials, the depth/alias/directive rules (same validation
// rules), the cost limit (same function, at execution), the signed identity header (same claims
// and HMAC over the exact body sent), masked errors. Not ported: the token limit (parse options),
// the link rate limiter and the operation metrics (Apollo plugins), Apollo's CSRF check.
import 'reflect-metadata';

import { loadConfigOrExit } from '@closer/config';
import { CANDIDATE_SERVICE_SUBGRAPH, IDENTITY_HEADER, identityClaims, type RecruiterIdentity, sealIdentityClaims } from '@closer/domain';
import { gatewayQueryLimits, operationCost, QUERY_LIMITS } from '@closer/query-limits';
import type { Request, Response } from 'express';
import { type DocumentNode, getOperationAST, GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';

import { Credentials } from '../../apps/gateway/src/auth/credentials';
import { staticSupergraph } from '../../apps/gateway/src/federation/static-supergraph';
import { createGateway } from '../../apps/gateway/src/gateway.app';

// The package's declarations replace the global fetch types of the whole program (BodyInit):
// loaded untyped, described here by the little that is used.
interface GatewayPlugin {
  onContextBuilding?: (payload: { context: object; extendContext: (extension: object) => void }) => Promise<void>;
  onValidate?: (payload: { addValidationRule: (rule: ValidationRule) => void }) => void;
  onExecute?: (payload: {
    args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: unknown };
  }) => void;
  onFetch?: (payload: {
    options: { method?: string; body?: unknown; headers?: unknown };
    setOptions: (options: object) => void;
    context: object;
  }) => void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGatewayRuntime } = require('@graphql-hive/gateway-runtime') as {
  createGatewayRuntime: (config: object) => (req: Request, res: Response) => Promise<void>;
};

interface Identified {
  identity?: RecruiterIdentity | null;
  req?: Request;
}

async function bootstrap(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const config = loadConfigOrExit();
  const app = await createGateway(config);
  const credentials = app.get(Credentials);
  const limits = gatewayQueryLimits();

  const plugins: GatewayPlugin[] = [
    {
      onContextBuilding: async ({ context, extendContext }) => {
        const req = (context as Identified).req;
        extendContext({ identity: req ? await credentials.identify(req) : null });
      },
    },
    { onValidate: ({ addValidationRule }) => limits.validationRules.forEach((rule) => addValidationRule(rule)) },
    {
      onExecute: ({ args }) => {
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation) return;
        const cost = operationCost(args.schema, args.document, operation, (args.variableValues ?? {}) as Record<string, unknown>);
        if (cost !== null && cost > QUERY_LIMITS.maxCost)
          throw new GraphQLError(`Query costs ${cost}, over the limit of ${QUERY_LIMITS.maxCost}`, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
      },
    },
    {
      // the last step before the socket, as in federation/signed-data-source.ts
      onFetch: ({ options, setOptions, context }) => {
        const identity = (context as Identified).identity ?? null;
        const claims = identityClaims(identity);
        const body = typeof options.body === 'string' ? options.body : '';
        const header = sealIdentityClaims(config.auth.internalSecret, claims, {
          method: options.method ?? 'POST',
          subgraph: CANDIDATE_SERVICE_SUBGRAPH,
          body,
        });
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [IDENTITY_HEADER]: header } });
      },
    },
  ];
  const runtime = createGatewayRuntime({
    supergraph: staticSupergraph(),
    transportEntries: {
      [CANDIDATE_SERVICE_SUBGRAPH]: {
        location: config.candidateServiceUrl,
        // On by default: identical queries in flight are merged into one subgraph request, keyed on
        // the request before onFetch signs it (no identity in it), so two recruiters' `me` would be
        // answered with one recruiter's data.
        options: { deduplicateInflightRequests: false },
      },
    },
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: 'warn',
    plugins: () => plugins,
  });
  app.use((req: Request, res: Response, next: () => void) => {
    if (req.path === '/graphql' && req.method === 'POST') void runtime(req, res);
    else next();
  });
  await app.listen(config.ports.gateway, '0.0.0.0');
}

void bootstrap();
