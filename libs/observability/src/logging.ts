import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { Params } from 'nestjs-pino';

/**
 * Link tokens travel in /f/<token> and /c/<token> paths, and a GraphQL GET carries them in its
 * query string (`variables={"token":…}`, or inline in `query`): no path segment after /f/ or /c/
 * and no part of a query string ever reaches a log line.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const queryAt = url.indexOf('?');
  const path = (queryAt < 0 ? url : url.slice(0, queryAt)).replace(/\/(f|c)\/[^/?#]+/gi, '/$1/[token]');
  return queryAt < 0 ? path : `${path}?[redacted]`;
}

export function pinoParams(app: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { app },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-closer-identity"]', 'req.body'],
        censor: '[redacted]',
      },
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
    },
  };
}
