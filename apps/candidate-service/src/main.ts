import 'reflect-metadata';

import { loadConfigOrExit } from '@closer/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { CandidateServiceModule } from './candidate-service.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create(CandidateServiceModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.ports.candidateService, '0.0.0.0');
}

void bootstrap();
