import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { CloserConfig, ConfigModule } from '@closer/config';
import { HealthService, ObservabilityModule } from '@closer/observability';
import { redisOptions } from '@closer/queue';
import { ApolloGatewayDriver, ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import Redis from 'ioredis';

import { JwtVerifier } from './auth/jwt-verifier';
import { formatGatewayError } from './federation/format-gateway-error';
import { RetryingIntrospectAndCompose } from './federation/retrying-introspect-and-compose';
import { GatewayContext, SignedDataSource } from './federation/signed-data-source';
import { WebAppController } from './web/web-app.controller';

const REDIS = Symbol('REDIS');
const SUPERGRAPH = Symbol('SUPERGRAPH');

@Module({})
export class GatewayModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SUPERGRAPH) private readonly supergraph: RetryingIntrospectAndCompose,
  ) {}

  static forRoot(config: CloserConfig): DynamicModule {
    const supergraph = new RetryingIntrospectAndCompose({
      subgraphs: [{ name: 'candidates', url: config.candidateServiceUrl }],
      pollIntervalInMs: 10_000,
    });
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ app: 'gateway', logLevel: config.logLevel, http: true }),
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          imports: [GatewayAuthModule],
          inject: [JwtVerifier],
          useFactory: (jwt: JwtVerifier) => ({
            server: {
              introspection: !config.isProduction,
              csrfPrevention: true,
              allowBatchedHttpRequests: false,
              // @nestjs/apollo loads @apollo/server's ESM build and we its CommonJS one: same object, two type identities
              plugins: config.isProduction ? [ApolloServerPluginLandingPageDisabled() as never] : [],
              formatError: formatGatewayError,
              context: async ({ req }: { req: Request & { id?: string } }): Promise<GatewayContext> => ({
                identity: await jwt.identify(req.headers.authorization),
                requestId: typeof req.id === 'string' ? req.id : undefined,
              }),
            },
            gateway: {
              supergraphSdl: supergraph,
              buildService: ({ url }) => new SignedDataSource(url!, config.auth.internalSecret),
            },
          }),
        }),
      ],
      controllers: [WebAppController],
      providers: [
        { provide: SUPERGRAPH, useValue: supergraph },
        { provide: REDIS, useFactory: () => new Redis(redisOptions(config.redis.url, 'producer')) },
      ],
    };
  }

  onModuleInit(): void {
    this.health.register('subgraphs', async () => {
      if (!this.supergraph.composed) throw new Error('supergraph not composed yet');
    });
    this.health.register('redis', async () => {
      await this.redis.ping();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

@Module({ providers: [JwtVerifier], exports: [JwtVerifier] })
class GatewayAuthModule {}
