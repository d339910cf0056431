import { CloserConfig } from '@closer/config';
import { API_KEY_LOOKUP_AUDIENCE, API_KEY_LOOKUP_PATH, IDENTITY_HEADER, verifyIdentity } from '@closer/domain';
import type { RawBodyRequest } from '@nestjs/common';
import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';

import { ApiKeyService } from './api-key.service';

/**
 * The gateway's question "who is this key?", answered from the database on every request so a
 * revocation applies to the very next one. Only the gateway can ask: the request must carry a
 * fresh header it signed for this endpoint and these body bytes.
 */
@Controller()
export class ApiKeyLookupController {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly config: CloserConfig,
  ) {}

  @Post(API_KEY_LOOKUP_PATH)
  @HttpCode(200)
  async identify(@Req() req: RawBodyRequest<Request>, @Res() res: Response): Promise<void> {
    const header = req.headers[IDENTITY_HEADER];
    const check = verifyIdentity(this.config.auth.internalSecret, typeof header === 'string' ? header : undefined, {
      method: req.method,
      subgraph: API_KEY_LOOKUP_AUDIENCE,
      body: req.rawBody ?? Buffer.alloc(0),
    });
    if (!check.ok) {
      res.status(401).json({ identity: null });
      return;
    }
    // the key's SHA-256 (base64url): the key itself never leaves the gateway
    const keyHash = (req.body as { keyHash?: unknown } | undefined)?.keyHash;
    const hash = typeof keyHash === 'string' && /^[A-Za-z0-9_-]{43}$/.test(keyHash) ? Buffer.from(keyHash, 'base64url') : null;
    res.set('Cache-Control', 'no-store').json({ identity: hash ? await this.keys.identify(hash) : null });
  }
}
