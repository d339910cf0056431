export type { RelayTrace } from './queue-tracing';
export { bullmqTelemetry, traceRelayedRow } from './queue-tracing';
export { redactUrl } from './redact-url';
export { startSpan, withSpan } from './spans';
export { contextFromTraceparent, currentTraceparent } from './traceparent';
export { startTracing, stopTracing, tracingStarted } from './tracing';
