import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

import { withSpan } from './spans';
import { contextFromTraceparent, currentTraceparent } from './traceparent';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe(currentTraceparent.name, () => {
  const exporter = new InMemorySpanExporter();
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });

  afterAll(() => {
    trace.disable();
    context.disable();
  });

  beforeEach(() => exporter.reset());

  it('is null outside any span, as with tracing off', () => {
    expect(currentTraceparent()).toBeNull();
  });

  it('gives the active span in W3C form', async () => {
    const written = await withSpan('write', {}, async (span) => ({ traceparent: currentTraceparent(), span: span.spanContext() }));
    expect(written.traceparent).toBe(`00-${written.span.traceId}-${written.span.spanId}-01`);
  });

  it('continues a stored traceparent: a span started in its context is a child in the same trace', async () => {
    const child = await withSpan('relay', { parent: contextFromTraceparent(`00-${TRACE_ID}-${SPAN_ID}-01`) }, async (span) => span);
    const [exported] = exporter.getFinishedSpans();
    expect(child.spanContext().traceId).toBe(TRACE_ID);
    expect(exported.parentSpanContext?.spanId).toBe(SPAN_ID);
    expect(exported.parentSpanContext?.isRemote).toBe(true);
  });

  it('keeps the sampled flag as stored: an unsampled trace stays unsampled', () => {
    expect(trace.getSpanContext(contextFromTraceparent(`00-${TRACE_ID}-${SPAN_ID}-00`))?.traceFlags).toBe(0);
    expect(currentTraceparent(contextFromTraceparent(`00-${TRACE_ID}-${SPAN_ID}-00`))).toBe(`00-${TRACE_ID}-${SPAN_ID}-00`);
  });

  it.each([
    ['nothing', null],
    ['an empty string', ''],
    ['a future version', `01-${TRACE_ID}-${SPAN_ID}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['an all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
    ['a truncated trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
  ])('starts a new trace from %s', (_case, traceparent) => {
    expect(contextFromTraceparent(traceparent)).toBe(ROOT_CONTEXT);
  });

  it('marks a failed span with the error class only, never its message', async () => {
    const failure = Object.assign(new Error('550 <ann@example.test> mailbox unavailable'), { name: 'PermanentMailError' });
    await expect(
      withSpan('smtp send', {}, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: 2, message: 'PermanentMailError' });
    expect(JSON.stringify(span.events)).not.toContain('ann@example.test');
  });
});
