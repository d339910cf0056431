import { CloserConfig } from '@closer/config';
import { bodyErrorHandler } from '@closer/observability';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { RECRUITER_SESSION_PATH, RecruiterSessions } from './auth/recruiter-sessions';
import { GatewayModule } from './gateway.module';
import { trustProxySetting } from './limits/client-address';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './queue-dashboard/queue-dashboard';
import { serveWebAssets } from './web/web-app.files';

export const BODY_LIMIT = '100kb';

/** The gateway as main.ts runs it: security headers, body limit, JSON logs. Tests start the same. */
export async function createGateway(config: CloserConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    bufferLogs: options.logger !== false,
    logger: options.logger,
    bodyParser: false,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  // X-Forwarded-For counts only from the proxies TRUST_PROXY names (see limits/client-address.ts)
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  const behindTls = config.publicUrl.startsWith('https://');
  // before the site-wide headers: the queue dashboard brings its own policy
  app.use(QUEUE_DASHBOARD_PATH, app.get(QueueDashboard).router());
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: behindTls ? [] : null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: behindTls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(RECRUITER_SESSION_PATH, app.get(RecruiterSessions).router());
  // after helmet, so a refused body (413) gets the security headers too
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyErrorHandler);
  serveWebAssets(app);
  app.enableShutdownHooks();
  return app;
}
