import { CloserConfig } from '@closer/config';
import { IDENTITY_HEADER, verifyIdentity } from '@closer/domain';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * The subgraph trusts nothing but a fresh identity header signed by the gateway: a request
 * without one is refused before GraphQL sees it, so an exposed port grants nothing.
 */
@Injectable()
export class IdentityMiddleware implements NestMiddleware {
  constructor(private readonly config: CloserConfig) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const header = req.headers[IDENTITY_HEADER];
    const check = verifyIdentity(this.config.auth.internalSecret, typeof header === 'string' ? header : undefined);
    if (!check.ok) {
      res.status(401).json({ errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    req.identity = check.identity;
    next();
  }
}
