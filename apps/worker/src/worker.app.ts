import type { Server } from 'node:http';

import { CloserConfig } from '@closer/config';
import { HealthService, MetricsService } from '@closer/observability';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { LocalMailboxService } from './mail/local-mailbox.service';
import { startOpsServer } from './ops/ops-server';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  opsPort: number;
  /** Stops taking work, lets in-flight jobs finish (BullMQ's close waits for them), then closes. */
  close(): Promise<void>;
}

export async function startWorker(config: CloserConfig): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const ops: { server: Server; port: number } = await startOpsServer(config.ports.worker, {
    health: app.get(HealthService),
    metrics: app.get(MetricsService),
    mailbox: app.get(LocalMailboxService),
  });
  return {
    app,
    opsPort: ops.port,
    close: async () => {
      ops.server.close();
      await app.close();
    },
  };
}
