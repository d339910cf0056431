import { CloserConfig } from '@closer/config';
import { bodyErrorHandler } from '@closer/observability';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';

import { CandidateServiceModule } from './candidate-service.module';

/** JSON bodies up to this size; the gateway holds clients to the same limit. */
export const BODY_LIMIT = '100kb';

/** The candidate service as main.ts runs it; tests start the same. */
export async function createCandidateService(config: CloserConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(CandidateServiceModule.forRoot(config), {
    bufferLogs: options.logger !== false,
    logger: options.logger,
    bodyParser: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyErrorHandler);
  app.enableShutdownHooks();
  return app;
}
