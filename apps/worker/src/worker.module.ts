import { CloserConfig, ConfigModule } from '@closer/config';
import { DatabaseModule } from '@closer/database';
import { HealthService, ObservabilityModule } from '@closer/observability';
import { bullConnection, redisOptions } from '@closer/queue';
import { bullmqTelemetry } from '@closer/telemetry';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { DashboardRollupsModule } from './dashboard-rollups/dashboard-rollups.module';
import { FeedbackModule } from './feedback/feedback.module';
import { MailModule } from './mail/mail.module';
import { OpsModule } from './ops/ops.module';
import { OutboxModule } from './outbox/outbox.module';
import { WebhooksModule } from './webhooks/webhooks.module';

const HEALTH_REDIS = Symbol('HEALTH_REDIS');

@Module({})
export class WorkerModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HEALTH_REDIS) private readonly redis: Redis,
  ) {}

  static forRoot(config: CloserConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ app: 'worker', logLevel: config.logLevel, http: false }),
        DatabaseModule.forRoot({ applicationName: 'closer-worker' }),
        BullModule.forRoot({
          connection: bullConnection(config.redis.url, 'worker'),
          prefix: config.redis.queuePrefix,
          telemetry: bullmqTelemetry(),
        }),
        OpsModule,
        OutboxModule,
        MailModule,
        FeedbackModule,
        DashboardRollupsModule,
        WebhooksModule,
      ],
      providers: [{ provide: HEALTH_REDIS, useFactory: () => new Redis(redisOptions(config.redis.url, 'producer')) }],
    };
  }

  onModuleInit(): void {
    this.health.register('postgres', async () => {
      await this.dataSource.query('SELECT 1');
    });
    this.health.register('redis', async () => {
      await this.redis.ping();
    });
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
