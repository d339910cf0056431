import './tracing';
import 'reflect-metadata';

import { loadConfigOrExit } from '@closer/config';

import { createGateway } from './gateway.app';

async function bootstrap(): Promise<void> {
  // @apollo/gateway reports usage to an outside service unless told not to; nothing phones home
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const config = loadConfigOrExit();
  const app = await createGateway(config);
  await app.listen(config.ports.gateway, '0.0.0.0');
}

void bootstrap();
