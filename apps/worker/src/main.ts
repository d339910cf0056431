import 'reflect-metadata';

import { loadConfigOrExit } from '@closer/config';
import { HealthService, MetricsService } from '@closer/observability';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { LocalMailboxService } from './mail/local-mailbox.service';
import { startOpsServer } from './ops/ops-server';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const ops = await startOpsServer(config.ports.worker, {
    health: app.get(HealthService),
    metrics: app.get(MetricsService),
    mailbox: app.get(LocalMailboxService),
  });
  // SIGTERM: stop taking work, let in-flight jobs finish (BullMQ's close waits for them), then exit
  const shutdown = async (): Promise<void> => {
    ops.server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

void bootstrap();
