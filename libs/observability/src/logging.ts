import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { redactUrl } from '@closer/telemetry';
import type { Params } from 'nestjs-pino';

import { PROBES } from './probes';

/** Polled every few seconds by orchestrators and Prometheus: not worth a log line each. */
const QUIET_PATHS = new Set([...PROBES.keys(), '/metrics']);

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
      autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(req.url ?? '') },
    },
  };
}
