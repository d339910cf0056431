import { propagation, SpanKind, trace } from '@opentelemetry/api';
import type { Telemetry } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';

import { startSpan } from './spans';
import { contextFromTraceparent } from './traceparent';
import { tracingStarted } from './tracing';

/**
 * BullMQ's own tracing (bullmq-otel) for queues and workers: a producer span per add, and a
 * consumer span per job that continues the trace of whoever added it (the context travels in the
 * job's `opts.telemetry.metadata`, never in its data). Undefined while tracing is off: BullMQ
 * then skips every telemetry branch.
 */
export function bullmqTelemetry(): Telemetry | undefined {
  return tracingStarted() ? new BullMQOtel({ tracerName: 'closer-bullmq' }) : undefined;
}

export interface RelayTrace {
  /** Job options that make the job's consumer span a child of this relay span (none while tracing is off). */
  jobOptions: { telemetry?: { metadata: string } };
  end(): void;
}

const UNTRACED: RelayTrace = { jobOptions: {}, end: () => undefined };

/**
 * One span per relayed outbox row, continuing the trace of the transaction that wrote the row
 * (its stored `traceparent`), whose context the row's jobs carry on. Rows of one batch may belong
 * to different traces, so each job gets its own metadata rather than the batch's.
 */
export function traceRelayedRow(traceparent: string | null, eventType: string): RelayTrace {
  if (!tracingStarted() || !traceparent) return UNTRACED;
  const parent = contextFromTraceparent(traceparent);
  const span = startSpan(`outbox relay ${eventType}`, {
    kind: SpanKind.PRODUCER,
    parent,
    attributes: { 'closer.outbox.event_type': eventType },
  });
  // the format bullmq-otel reads back: the propagator's headers, as JSON
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  return { jobOptions: { telemetry: { metadata: JSON.stringify(carrier) } }, end: () => span.end() };
}
