import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { CloserConfig, ConfigModule } from '@closer/config';
import { CANDIDATE_SERVICE_SUBGRAPH, toPublicError } from '@closer/domain';
import { HealthService, MetricsService, ObservabilityModule } from '@closer/observability';
import { gatewayQueryLimits } from '@closer/query-limits';
import type { RedisClient } from '@closer/queue';
import { createRedis, redisHealth } from '@closer/queue';
import { ApolloGatewayDriver, ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';

import { ApiKeyVerifier } from './auth/api-key-verifier';
import { Credentials } from './auth/credentials';
import { JwtVerifier } from './auth/jwt-verifier';
import { RecruiterSessions } from './auth/recruiter-sessions';
import { RetryingIntrospectAndCompose } from './federation/retrying-introspect-and-compose';
import { GatewayContext, SignedDataSource } from './federation/signed-data-source';
import { clientAddress } from './limits/client-address';
import { linkRateLimitPlugin } from './limits/link-rate-limit.plugin';
import { LinkRateLimiter, RATE_LIMIT_REDIS } from './limits/link-rate-limiter';
import { operationMetricsPlugin } from './observability/operation-metrics.plugin';
import { subgraphLatency } from './observability/subgraph-latency';
import { QueueDashboard } from './queue-dashboard/queue-dashboard';
import { WebAppController } from './web/web-app.controller';

const SUPERGRAPH = Symbol('SUPERGRAPH');

/** Identity and rate limiting, shared by the GraphQL server options and the module. */
@Module({})
class GatewayEdgeModule {
  static forRoot(config: CloserConfig): DynamicModule {
    const redis = { provide: RATE_LIMIT_REDIS, useFactory: () => createRedis(config.redis, 'producer') };
    return {
      module: GatewayEdgeModule,
      global: true,
      providers: [redis, JwtVerifier, ApiKeyVerifier, Credentials, LinkRateLimiter, RecruiterSessions],
      exports: [redis, JwtVerifier, Credentials, LinkRateLimiter, RecruiterSessions],
    };
  }
}

@Module({})
export class GatewayModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthService,
    @Inject(RATE_LIMIT_REDIS) private readonly redis: RedisClient,
    private readonly config: CloserConfig,
    @Inject(SUPERGRAPH) private readonly supergraph: RetryingIntrospectAndCompose,
  ) {}

  static forRoot(config: CloserConfig): DynamicModule {
    const supergraph = new RetryingIntrospectAndCompose({
      // the name is also the audience each signed subgraph request is bound to
      subgraphs: [{ name: CANDIDATE_SERVICE_SUBGRAPH, url: config.candidateServiceUrl }],
      pollIntervalInMs: 10_000,
    });
    const limits = gatewayQueryLimits();
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ app: 'gateway', logLevel: config.logLevel, http: true, metricsToken: config.metricsToken }),
        GatewayEdgeModule.forRoot(config),
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          inject: [Credentials, LinkRateLimiter, MetricsService],
          useFactory: (credentials: Credentials, limiter: LinkRateLimiter, metrics: MetricsService) => {
            // one histogram for every data source the gateway builds (again on each recomposition)
            const subgraphTimer = subgraphLatency(metrics);
            return {
              server: {
                introspection: !config.isProduction,
                // @nestjs/apollo serves GraphiQL (loading its scripts from unpkg) unless told not to
                graphiql: false,
                csrfPrevention: true,
                allowBatchedHttpRequests: false,
                // @nestjs/apollo loads @apollo/server's ESM build and we its CommonJS one: same objects, two type identities.
                // No landing page anywhere: the sandbox would load from the internet.
                plugins: [
                  ApolloServerPluginLandingPageDisabled(),
                  // nothing the gateway answers is cacheable (per-recruiter data): skip the cache-hint bookkeeping on every request
                  ApolloServerPluginCacheControlDisabled(),
                  operationMetricsPlugin(metrics),
                  linkRateLimitPlugin(limiter),
                  ...limits.plugins,
                ] as never[],
                validationRules: limits.validationRules,
                parseOptions: limits.parseOptions,
                // subgraph errors arrive already masked; this masks the gateway's own and anything unexpected
                formatError: toPublicError,
                context: async ({ req }: { req: Request & { id?: unknown } }): Promise<GatewayContext> => ({
                  // an API key, a Bearer token, or the dashboard's sign-in cookie (see auth/credentials.ts)
                  identity: await credentials.identify(req),
                  requestId: typeof req.id === 'string' ? req.id : undefined,
                  clientIp: clientAddress(req),
                }),
              },
              gateway: {
                supergraphSdl: supergraph,
                buildService: ({ name, url }) => new SignedDataSource(url!, name, config.auth.internalSecret, undefined, subgraphTimer),
              },
            };
          },
        }),
      ],
      controllers: [WebAppController],
      providers: [{ provide: SUPERGRAPH, useValue: supergraph }, QueueDashboard],
    };
  }

  onModuleInit(): void {
    this.health.register('subgraphs', async () => {
      if (!this.supergraph.composed) throw new Error('supergraph not composed yet');
    });
    this.health.register('redis', () => redisHealth(this.redis, this.config.redis.mode));
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
