import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { CloserConfig, ConfigModule } from '@closer/config';
import { DatabaseModule } from '@closer/database';
import { HealthService, ObservabilityModule } from '@closer/observability';
import { subgraphQueryLimits } from '@closer/query-limits';
import { ApolloFederationDriver, ApolloFederationDriverConfig } from '@nestjs/apollo';
import { DynamicModule, MiddlewareConsumer, Module, NestModule, OnModuleInit } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';

import { AnswerModule } from './answer/answer.module';
import { ApiKeyModule } from './api-key/api-key.module';
import { CandidateModule } from './candidate/candidate.module';
import { DateTimeScalar } from './common/date-time.scalar';
import { jitExecution } from './common/jit-executor';
import { GraphQLContext, Loaders } from './common/loaders';
import { ReadReplicaModule } from './common/read-replica.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DataExportModule } from './data-export/data-export.module';
import { DomainErrorFilter } from './errors/domain-error.filter';
import { formatError } from './errors/format-error';
import { FeedbackLinkModule } from './feedback-link/feedback-link.module';
import { FormModule } from './form/form.module';
import { IdentityMiddleware } from './identity/identity.middleware';
import { mutationReplayPlugin } from './identity/mutation-replay.plugin';
import { ReplayGuard } from './identity/replay-guard';
import { InterviewerModule } from './interviewer/interviewer.module';
import { OrganizationModule } from './organization/organization.module';
import { PortalModule } from './portal/portal.module';
import { RoleModule } from './role/role.module';
import { SessionModule } from './session/session.module';
import { WebhookModule } from './webhook/webhook.module';

@Module({})
export class CandidateServiceModule implements NestModule, OnModuleInit {
  constructor(
    private readonly health: HealthService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  static forRoot(config: CloserConfig): DynamicModule {
    const limits = subgraphQueryLimits();
    return {
      module: CandidateServiceModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ app: 'candidate-service', logLevel: config.logLevel, http: true, metricsToken: config.metricsToken }),
        DatabaseModule.forRoot({ applicationName: 'closer-candidate-service', useReplica: true }),
        ReadReplicaModule,
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            autoSchemaFile: { federation: 2 },
            sortSchema: true,
            ...(config.graphqlExecutor === 'jit' ? jitExecution() : {}),
            // only the gateway talks to this subgraph; it reaches it through signed requests
            introspection: !config.isProduction,
            playground: false,
            plugins: [
              // no usage traces are collected anywhere; don't compute them per request
              ApolloServerPluginInlineTraceDisabled(),
              // nothing here is cacheable (per-recruiter data): no cache-hint hook wrapped around
              // every field resolver (a whole dashboard resolves a few thousand fields)
              ApolloServerPluginCacheControlDisabled(),
              ...limits.plugins,
              // after the limits: an operation they refuse uses up no nonce
              mutationReplayPlugin(new ReplayGuard(dataSource)),
            ] as never[],
            // the gateway's depth and cost limits again: a request signed for this subgraph gets no more
            validationRules: limits.validationRules,
            csrfPrevention: true,
            context: ({ req }: { req: Request }): GraphQLContext => ({ req, loaders: new Loaders(dataSource) }),
            formatError,
          }),
        }),
        OrganizationModule,
        CandidateModule,
        DataExportModule,
        RoleModule,
        InterviewerModule,
        SessionModule,
        FormModule,
        AnswerModule,
        FeedbackLinkModule,
        PortalModule,
        DashboardModule,
        ApiKeyModule,
        WebhookModule,
      ],
      providers: [DateTimeScalar, { provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(IdentityMiddleware).forRoutes('graphql');
  }

  onModuleInit(): void {
    this.health.register('postgres', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}
