import type { ClientRequest, IncomingMessage } from 'node:http';

import type { Span } from '@opentelemetry/api';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { NodeSDK } from '@opentelemetry/sdk-node';

import { redactUrl } from './redact-url';

/** Probes and scrapes every few seconds would drown the traces that matter. */
const UNTRACED_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

const URL_ATTRIBUTES = ['http.url', 'http.target', 'url.full', 'url.path', 'url.query'];

/** Link tokens ride in /f/<token> paths and query strings: spans get the redacted form only. */
function redactHttpAttributes(span: Span, request: ClientRequest | IncomingMessage): void {
  const path = 'path' in request ? request.path : request.url;
  const redacted = redactUrl(path) ?? '';
  span.setAttribute('http.target', redacted);
  span.setAttribute('url.path', redacted.split('?')[0]);
  for (const name of URL_ATTRIBUTES.filter((attribute) => attribute !== 'http.target' && attribute !== 'url.path'))
    span.setAttribute(name, '[redacted]');
}

/**
 * Loaded only when tracing is on (see tracing.ts), so that with tracing off no OpenTelemetry
 * package beyond the API is even required. The SDK reads the standard OTEL_* variables itself
 * (exporter protocol and endpoint, sampler, batch sizes, resource attributes): the one place
 * outside libs/config that reads the environment, after libs/config validated the ones we use.
 */
export function startSdk(serviceName: string): NodeSDK {
  const sdk = new NodeSDK({
    serviceName,
    // traces only: metrics are scraped from /metrics, logs are JSON on stdout
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
        requestHook: redactHttpAttributes,
      }),
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new GraphQLInstrumentation({ ignoreResolveSpans: true, mergeItems: true }),
      // polls, health checks and the relay's idle claims would otherwise each start a trace
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: (command) => command }),
      // trace_id and span_id on log lines; the lines themselves stay on stdout
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
  sdk.start();
  return sdk;
}
