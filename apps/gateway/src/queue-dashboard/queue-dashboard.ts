import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { CloserConfig } from '@closer/config';
import { bullConnection, createRedis, QueueName, RedisClient, releaseBullConnection } from '@closer/queue';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConnectionOptions, Queue } from 'bullmq';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import helmet from 'helmet';

import { BrowserSessions, cookieValue } from '../auth/browser-sessions';
import { RecruiterSessions } from '../auth/recruiter-sessions';
import { deny, Operator, OPERATOR_COOKIE, OPERATOR_SESSION_MS, OperatorIdentity, operatorOf, queueAccess } from './operator-access';
import { withoutWebFonts } from './without-web-fonts';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The on-call view of the worker's queues (@bull-board), open to the JWT subjects OPS_OPERATORS
 * lists: read-only, unless the operator is also an admin of OPS_ORGANIZATION. Closed (404) while
 * no operator is listed.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private readonly queues: Queue[] = [];
  private sessionStore?: RedisClient;
  private connection?: ConnectionOptions;

  constructor(
    private readonly config: CloserConfig,
    private readonly recruiters: RecruiterSessions,
  ) {}

  router(): Router {
    const router = express.Router();
    if (this.config.opsOperators.length === 0) {
      router.use((_req, res) => deny(res, 404));
      return router;
    }
    // commands wait for the connection instead of failing while it is being made
    this.sessionStore = createRedis(this.config.redis, 'producer', { enableOfflineQueue: true });
    this.sessionStore.on('error', () => undefined); // a request meeting it answers 503
    const sessions = new BrowserSessions<OperatorIdentity>(
      this.sessionStore,
      `${this.config.redis.queuePrefix}:ops-session`,
      OPERATOR_SESSION_MS,
    );
    const handle =
      (route: (req: Request, res: Response, next: NextFunction) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
        route(req, res, next).catch(() => deny(res, 503));

    router.use(this.securityHeaders());
    // what a token may do here, so the recruiter dashboard shows its Queues button to operators only
    router.get(
      '/access',
      handle(async (req, res) => {
        const signedIn = await this.bearerOperator(req, res);
        if (signedIn) res.set('Cache-Control', 'no-store').json({ access: queueAccess(signedIn.operator) });
      }),
    );
    // trades a Bearer token for a session cookie the dashboard's own requests carry
    router.post(
      '/session',
      handle(async (req, res) => {
        const signedIn = await this.bearerOperator(req, res);
        if (!signedIn) return;
        const { sub, org, role } = signedIn.identity;
        const session = await sessions.open({ sub, org, role }, signedIn.expiresAt);
        if (!session) return deny(res, 401);
        await sessions.close(cookieValue(req.headers.cookie, OPERATOR_COOKIE));
        res
          .cookie(OPERATOR_COOKIE, session.id, {
            httpOnly: true,
            sameSite: 'strict',
            secure: this.config.publicUrl.startsWith('https://'),
            path: QUEUE_DASHBOARD_PATH,
            maxAge: session.maxAgeMs,
          })
          .status(204)
          .end();
      }),
    );
    router.delete(
      '/session',
      handle(async (req, res) => {
        await sessions.close(cookieValue(req.headers.cookie, OPERATOR_COOKIE));
        res.clearCookie(OPERATOR_COOKIE, { path: QUEUE_DASHBOARD_PATH }).status(204).end();
      }),
    );
    // every other request: a Bearer token (API clients) or a live session, checked each time
    router.use(
      handle(async (req, res, next) => {
        if (req.headers.authorization) {
          const signedIn = await this.bearerOperator(req, res);
          if (!signedIn) return;
          res.locals.operator = signedIn.operator;
          return next();
        }
        // the session says who signed in; whether they are (still) an operator is decided now
        const identity = await sessions.find(cookieValue(req.headers.cookie, OPERATOR_COOKIE));
        const operator = identity && this.operatorOf(identity);
        if (!operator) return deny(res, 401);
        res.locals.operator = operator;
        next();
      }),
    );
    // bull-board's read-only mode hides and refuses the actions; refusing every change here too
    // keeps that true for any route it may add
    router.use((req, res, next) => {
      const operator = res.locals.operator as Operator;
      if (operator.readOnly && req.method !== 'GET' && req.method !== 'HEAD') {
        return deny(res, 403, "Read-only: only the operating organization's admins act on jobs");
      }
      next();
    });
    router.use(withoutWebFonts);
    this.openQueues();
    const readOnlyBoard = this.board(true);
    const fullBoard = this.board(false);
    router.use((req, res, next) => ((res.locals.operator as Operator).readOnly ? readOnlyBoard : fullBoard)(req, res, next));
    return router;
  }

  /**
   * The operator a Bearer token (or the dashboard's sign-in session) names; otherwise answers 401
   * (no or bad credentials) or 403 (not listed).
   */
  private async bearerOperator(
    req: Request,
    res: Response,
  ): Promise<{ operator: Operator; identity: OperatorIdentity; expiresAt: number } | null> {
    const verified = await this.recruiters.verify(req).catch(() => null);
    if (!verified) {
      deny(res, 401);
      return null;
    }
    const operator = this.operatorOf(verified.identity);
    if (!operator) {
      deny(res, 403);
      return null;
    }
    return { operator, identity: verified.identity, expiresAt: verified.expiresAt };
  }

  private operatorOf(identity: OperatorIdentity): Operator | null {
    return operatorOf(identity, { operators: this.config.opsOperators, organization: this.config.opsOrganization });
  }

  private securityHeaders(): express.RequestHandler {
    return helmet({
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
    });
  }

  private openQueues(): void {
    const connection = (this.connection = bullConnection(this.config.redis, 'producer'));
    for (const name of Object.values(QueueName)) {
      this.queues.push(new Queue(name, { connection, prefix: this.config.redis.queuePrefix }));
    }
  }

  private board(readOnlyMode: boolean): Router {
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode })),
      serverAdapter,
      options: {
        // the way back: bull-board's header menu lists these links
        uiConfig: { boardTitle: 'Closer queues', miscLinks: [{ text: 'Back to the dashboard', url: '/dashboard' }] },
      },
    });
    return serverAdapter.getRouter() as Router;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    if (this.connection) releaseBullConnection(this.connection);
    this.sessionStore?.disconnect();
  }
}
