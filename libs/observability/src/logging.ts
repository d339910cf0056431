import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { Params } from 'nestjs-pino';

/** Link tokens travel in /f/<token> and /c/<token> paths: they never reach a log line. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/\/(f|c)\/[^/?#]+/g, '/$1/[token]').replace(/([?&](token|access_token)=)[^&#]*/gi, '$1[redacted]');
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
