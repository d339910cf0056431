import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { CloserConfig } from '@closer/config';
import { bullConnection, QueueName } from '@closer/queue';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import express, { type Router } from 'express';
import helmet from 'helmet';

import { JwtVerifier } from '../auth/jwt-verifier';
import { deny, OPERATOR_COOKIE, operatorAccess, verifyOperator } from './operator-access';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const SESSION_SECONDS = 3600;

/**
 * The on-call view of the worker's queues (@bull-board), behind the operating organization's
 * admins. Closed (404) unless OPS_ORGANIZATION names that organization.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private readonly queues: Queue[] = [];

  constructor(
    private readonly config: CloserConfig,
    private readonly jwt: JwtVerifier,
  ) {}

  router(): Router {
    const router = express.Router();
    const opsOrganization = this.config.opsOrganization;
    if (!opsOrganization) {
      router.use((_req, res) => deny(res, 404));
      return router;
    }
    router.use(
      helmet({
        contentSecurityPolicy: {
          useDefaults: true,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            // the dashboard's components set inline styles; scripts stay same-origin only
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:'],
            connectSrc: ["'self'"],
            objectSrc: ["'none'"],
            frameAncestors: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            upgradeInsecureRequests: this.config.publicUrl.startsWith('https://') ? [] : null,
          },
        },
        referrerPolicy: { policy: 'no-referrer' },
      }),
    );
    router.post('/session', (req, res, next) => this.signIn(req.headers.authorization, opsOrganization, res).catch(next));
    router.delete('/session', (_req, res) => {
      res.clearCookie(OPERATOR_COOKIE, { path: QUEUE_DASHBOARD_PATH }).status(204).end();
    });
    router.use(operatorAccess(this.jwt, opsOrganization));
    router.use(this.board());
    return router;
  }

  /** Trades a Bearer token for an HttpOnly, same-site cookie the dashboard's own requests carry. */
  private async signIn(authorization: string | undefined, opsOrganization: string, res: express.Response): Promise<void> {
    const verdict = await verifyOperator(this.jwt, opsOrganization, authorization);
    if (verdict !== 'ok') return deny(res, verdict);
    res
      .cookie(OPERATOR_COOKIE, authorization!.trim().slice('Bearer '.length), {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.publicUrl.startsWith('https://'),
        path: QUEUE_DASHBOARD_PATH,
        maxAge: SESSION_SECONDS * 1000,
      })
      .status(204)
      .end();
  }

  private board(): Router {
    const connection = bullConnection(this.config.redis.url, 'producer');
    for (const name of Object.values(QueueName)) {
      this.queues.push(new Queue(name, { connection, prefix: this.config.redis.queuePrefix }));
    }
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Closer queues' } },
    });
    return serverAdapter.getRouter() as Router;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
