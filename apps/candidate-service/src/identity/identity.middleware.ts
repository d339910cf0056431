import { CloserConfig } from '@closer/config';
import { CANDIDATE_SERVICE_SUBGRAPH, IDENTITY_HEADER, verifyIdentity } from '@closer/domain';
import { Injectable, NestMiddleware, RawBodyRequest } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const NO_BODY = Buffer.alloc(0);

/**
 * The subgraph trusts nothing but an identity header the gateway signed, moments ago, for
 * this very request: its method, the body bytes as received and this subgraph. A request
 * without one is refused before GraphQL sees it, so an exposed port grants nothing, and a
 * captured header is worth nothing with another body, method or subgraph, or after a few seconds.
 */
@Injectable()
export class IdentityMiddleware implements NestMiddleware {
  constructor(private readonly config: CloserConfig) {}

  use(req: RawBodyRequest<Request>, res: Response, next: NextFunction): void {
    const header = req.headers[IDENTITY_HEADER];
    // Only POST: the gateway sends nothing else, and a GET's query string is not what is signed.
    const check =
      req.method === 'POST'
        ? verifyIdentity(this.config.auth.internalSecret, typeof header === 'string' ? header : undefined, {
            method: req.method,
            subgraph: CANDIDATE_SERVICE_SUBGRAPH,
            // unset when no JSON body was read: then it is checked as empty, which nothing the gateway signs is
            body: req.rawBody ?? NO_BODY,
          })
        : undefined;
    if (!check?.ok) {
      res.status(401).json({ errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    req.identity = check.identity;
    req.signedRequest = { nonce: check.nonce, signedAt: check.signedAt };
    next();
  }
}
