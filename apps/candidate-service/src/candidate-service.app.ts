import { CloserConfig } from '@closer/config';
import { bodyErrorHandler } from '@closer/observability';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';

import { CandidateServiceModule } from './candidate-service.module';

/** JSON bodies up to this size; the gateway holds clients to the same limit. */
export const BODY_LIMIT = '100kb';

/** The candidate service as main.ts runs it: raw body kept for the identity check, JSON logs. Tests start the same. */
export async function createCandidateService(config: CloserConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(CandidateServiceModule.forRoot(config), {
    bufferLogs: options.logger !== false,
    logger: options.logger,
    // IdentityMiddleware hashes the body bytes exactly as they arrived (req.rawBody)
    rawBody: true,
    bodyParser: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  // JSON only: the gateway sends nothing else, and GraphQL over HTTP takes nothing else
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyErrorHandler);
  app.enableShutdownHooks();
  return app;
}
