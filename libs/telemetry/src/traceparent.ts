import { Context, context, isSpanContextValid, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The W3C `traceparent` of the span active in `ctx`, or null when none is (tracing off, or
 * outside any request or job). Written by hand rather than through the configured propagator so
 * that what is stored is always W3C, whatever OTEL_PROPAGATORS says.
 */
export function currentTraceparent(ctx: Context = context.active()): string | null {
  const span = trace.getSpanContext(ctx);
  if (!span || !isSpanContextValid(span)) return null;
  return `00-${span.traceId}-${span.spanId}-${(span.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/** The context a stored `traceparent` continues; the root context when it is absent or malformed. */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  const match = TRACEPARENT.exec(traceparent ?? '');
  if (!match) return ROOT_CONTEXT;
  const spanContext = { traceId: match[1], spanId: match[2], traceFlags: parseInt(match[3], 16) as TraceFlags, isRemote: true };
  return isSpanContextValid(spanContext) ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}
