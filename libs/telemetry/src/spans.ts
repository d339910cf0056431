import { Attributes, Context, context, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = () => trace.getTracer('closer');

/**
 * Runs `work` in a span of its own (a child of `parent`, or of the active context), ending it when
 * `work` settles and marking it failed with the error's class when it throws. With tracing off
 * the API hands out non-recording spans: a few property reads.
 */
export function withSpan<T>(
  name: string,
  options: { attributes?: Attributes; kind?: SpanKind; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        // the class only: messages of SMTP and driver errors quote addresses
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Starts a span that the caller ends (for work that spans several calls, e.g. one per row of a batch). */
export function startSpan(name: string, options: { attributes?: Attributes; kind?: SpanKind; parent?: Context }): Span {
  return tracer().startSpan(name, { kind: options.kind, attributes: options.attributes }, options.parent ?? context.active());
}
