import type { Server } from 'node:http';

import { CloserConfig } from '@closer/config';
import { HealthService, MetricsService } from '@closer/observability';
import { INestApplicationContext, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { FeedbackProcessor } from './feedback/feedback.processor';
import { LocalMailboxService } from './mail/local-mailbox.service';
import { MailProcessor } from './mail/mail.processor';
import { startOpsServer } from './ops/ops-server';
import { assertRedisKeepsJobs } from './ops/redis-policy';
import { WebhooksProcessor } from './webhooks/webhooks.processor';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  opsPort: number;
  /** Stops taking work, lets in-flight jobs finish (BullMQ's close waits for them), then closes. */
  close(): Promise<void>;
}

export async function startWorker(config: CloserConfig): Promise<RunningWorker> {
  // refuse to take work on a Redis that may evict queued jobs
  await assertRedisKeepsJobs(config.redis, (message) => new NestLogger('Worker').warn(message));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const ops: { server: Server; port: number } = await startOpsServer(config.ports.worker, {
    health: app.get(HealthService),
    metrics: app.get(MetricsService),
    mailbox: app.get(LocalMailboxService),
    metricsToken: config.metricsToken,
  });
  return {
    app,
    opsPort: ops.port,
    close: async () => {
      ops.server.close();
      // stop taking jobs and let running ones finish while the connections they use are still open
      await Promise.all(
        [MailProcessor, FeedbackProcessor, WebhooksProcessor].map((processor) => app.get(processor, { strict: false }).worker.close()),
      );
      await app.close();
    },
  };
}
