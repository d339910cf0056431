import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { CloserConfig, ConfigModule } from '@closer/config';
import { CANDIDATE_SERVICE_SUBGRAPH, toPublicError } from '@closer/domain';
import { HealthService, MetricsService, ObservabilityModule } from '@closer/observability';
import { gatewayQueryLimits } from '@closer/query-limits';
import type { RedisClient } from '@closer/queue';
import { createRedis, redisHealth, whenReady } from '@closer/queue';
import { ApolloGatewayDriver, ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';

import { ApiKeyVerifier } from './auth/api-key-verifier';
import { Credentials } from './auth/credentials';
import { JwtVerifier } from './auth/jwt-verifier';
import { RecruiterSessions } from './auth/recruiter-sessions';
import { GatewayContext } from './federation/signed-data-source';
import { staticSupergraph } from './federation/static-supergraph';
import { Subgraphs } from './federation/subgraphs';
import { clientAddress } from './limits/client-address';
import { linkRateLimitPlugin } from './limits/link-rate-limit.plugin';
import { LinkRateLimiter, RATE_LIMIT_REDIS } from './limits/link-rate-limiter';
import { operationMetricsPlugin } from './observability/operation-metrics.plugin';
import { subgraphLatency } from './observability/subgraph-latency';
import { QueueDashboard } from './queue-dashboard/queue-dashboard';
import { WebAppController } from './web/web-app.controller';

/** Identity, rate limiting and the subgraphs, shared by the GraphQL server options and the module. */
@Module({})
class GatewayEdgeModule {
  static forRoot(config: CloserConfig): DynamicModule {
    const redis = {
      provide: RATE_LIMIT_REDIS,
      useFactory: async () => {
        const client = createRedis(config.redis, 'producer');
        await whenReady(client, 5_000); // the first sign-in or link request must not meet a half-open connection
        return client;
      },
    };
    const subgraphs = {
      provide: Subgraphs,
      inject: [MetricsService],
      // one latency histogram for every subgraph request, health checks included
      useFactory: (metrics: MetricsService) =>
        new Subgraphs({ [CANDIDATE_SERVICE_SUBGRAPH]: config.candidateServiceUrl }, config.auth.internalSecret, subgraphLatency(metrics)),
    };
    return {
      module: GatewayEdgeModule,
      global: true,
      providers: [redis, subgraphs, JwtVerifier, ApiKeyVerifier, Credentials, LinkRateLimiter, RecruiterSessions],
      exports: [redis, subgraphs, JwtVerifier, Credentials, LinkRateLimiter, RecruiterSessions],
    };
  }
}

@Module({})
export class GatewayModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthService,
    @Inject(RATE_LIMIT_REDIS) private readonly redis: RedisClient,
    private readonly config: CloserConfig,
    private readonly subgraphs: Subgraphs,
  ) {}

  static forRoot(config: CloserConfig): DynamicModule {
    const limits = gatewayQueryLimits();
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ app: 'gateway', logLevel: config.logLevel, http: true, metricsToken: config.metricsToken }),
        GatewayEdgeModule.forRoot(config),
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          inject: [Credentials, LinkRateLimiter, MetricsService, Subgraphs],
          useFactory: (credentials: Credentials, limiter: LinkRateLimiter, metrics: MetricsService, subgraphs: Subgraphs) => {
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
                supergraphSdl: staticSupergraph(),
                buildService: ({ name }) => subgraphs.dataSource(name),
              },
            };
          },
        }),
      ],
      controllers: [WebAppController],
      providers: [QueueDashboard],
    };
  }

  onModuleInit(): void {
    this.health.register('subgraphs', () => this.subgraphs.check());
    this.health.register('redis', () => redisHealth(this.redis, this.config.redis.mode));
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
