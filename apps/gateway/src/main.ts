import 'reflect-metadata';

import { loadConfigOrExit } from '@closer/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { GatewayModule } from './gateway.module';

async function bootstrap(): Promise<void> {
  // @apollo/gateway reports usage to an outside service unless told not to; nothing phones home
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const config = loadConfigOrExit();
  const app = await NestFactory.create(GatewayModule.forRoot(config), { bufferLogs: true, bodyParser: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.ports.gateway, '0.0.0.0');
}

void bootstrap();
