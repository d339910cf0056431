import { CloserConfig, ConfigModule } from '@closer/config';
import { DatabaseModule } from '@closer/database';
import { HealthService, ObservabilityModule } from '@closer/observability';
import type { RedisClient } from '@closer/queue';
import { bullConnection, createRedis, redisHealth, releaseBullConnection } from '@closer/queue';
import { bullmqTelemetry } from '@closer/telemetry';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ConnectionOptions } from 'bullmq';
import { DataSource } from 'typeorm';

import { DashboardRollupsModule } from './dashboard-rollups/dashboard-rollups.module';
import { FeedbackModule } from './feedback/feedback.module';
import { MailModule } from './mail/mail.module';
import { OpsModule } from './ops/ops.module';
import { OutboxModule } from './outbox/outbox.module';
import { WebhooksModule } from './webhooks/webhooks.module';

const HEALTH_REDIS = Symbol('HEALTH_REDIS');
const BULL_CONNECTION = Symbol('BULL_CONNECTION');

@Module({})
export class WorkerModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HEALTH_REDIS) private readonly redis: RedisClient,
    @Inject(BULL_CONNECTION) private readonly bull: ConnectionOptions,
    private readonly config: CloserConfig,
  ) {}

  static forRoot(config: CloserConfig): DynamicModule {
    // options in single and sentinel modes; in cluster mode one Cluster the queues share, closed at shutdown
    const connection = bullConnection(config.redis, 'worker');
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ app: 'worker', logLevel: config.logLevel, http: false }),
        DatabaseModule.forRoot({ applicationName: 'closer-worker' }),
        BullModule.forRoot({ connection, prefix: config.redis.queuePrefix, telemetry: bullmqTelemetry() }),
        OpsModule,
        OutboxModule,
        MailModule,
        FeedbackModule,
        DashboardRollupsModule,
        WebhooksModule,
      ],
      providers: [
        { provide: HEALTH_REDIS, useFactory: () => createRedis(config.redis, 'producer') },
        { provide: BULL_CONNECTION, useValue: connection },
      ],
    };
  }

  onModuleInit(): void {
    this.health.register('postgres', async () => {
      await this.dataSource.query('SELECT 1');
    });
    this.health.register('redis', () => redisHealth(this.redis, this.config.redis.mode));
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
    releaseBullConnection(this.bull);
  }
}
