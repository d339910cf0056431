import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { AppProcess } from '@closer/local-services';

import { COMPLETE_SESSION } from './support/operations';
import { OtlpReceiver, ReceivedSpan } from './support/otlp-receiver';
import { SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { SystemStack, until } from './support/system-stack';

const SERVICES = ['closer-candidate-service', 'closer-gateway', 'closer-worker'];

async function probe(
  app: AppProcess,
  path: '/health/live' | '/health/ready',
): Promise<{ status: number; checks?: Record<string, string> }> {
  const response = await fetch(`${app.url}${path}`, { signal: AbortSignal.timeout(5_000) });
  const body = (await response.json()) as { checks?: Record<string, string> };
  return { status: response.status, checks: body.checks };
}

/** The value of an unlabelled gauge in a Prometheus text page; undefined when it is absent. */
function gauge(page: string, name: string): number | undefined {
  const line = page.split('\n').find((candidate) => candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * Operating Closer (README): the built apps export traces over OTLP/HTTP JSON to a receiver on
 * loopback; one request's trace runs from the gateway through the subgraph, the outbox and the
 * worker down to the SMTP send. Liveness stays up while Redis is away, readiness names it, and
 * the outbox backlog shows what waits.
 */
describe('Operability', () => {
  const receiver = new OtlpReceiver();
  let stack: SystemStack;
  let org: SeededOrganization;
  let sessions: SeededSession[];

  beforeAll(async () => {
    const endpoint = await receiver.start();
    stack = await SystemStack.start({
      name: 'operability',
      redisPersistent: true,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        // export every 200 ms rather than every 5 s
        OTEL_BSP_SCHEDULE_DELAY: '200',
        // request lines, to find the trace in the logs
        LOG_LEVEL: 'info',
      },
    });
    org = await seedOrganization(stack);
    sessions = await seedSessions(stack, org, { count: 2, tag: 'ops', panel: 2 });
  });

  afterAll(async () => {
    await stack?.close();
    await receiver.stop();
  });

  it('follows one completeSession request from its traceparent to every SMTP send it causes', async () => {
    const session = sessions[0];
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const result = await stack.graphql<{ completeSession: { status: string } }>(
      COMPLETE_SESSION,
      { id: session.id },
      { headers: { traceparent: `00-${traceId}-${callerSpan}-01` } },
    );
    expect(result.body.data?.completeSession.status).toBe('COMPLETED');

    const emails = session.forms.map((form) => form.email);
    const invites = await until('both invitations', async () => {
      const mails = stack.smtp.mails.filter((mail) => mail.to.some((to) => emails.includes(to)));
      return mails.length === emails.length && mails;
    });
    const spans = await until('the SMTP send spans of both invitations', async () => {
      const found = receiver.inTrace(traceId);
      return found.filter((span) => span.name === 'smtp send').length === emails.length && found;
    });

    expect([...new Set(spans.map((span) => span.service))].sort()).toEqual(SERVICES);
    // the gateway continued the caller's span; every span of the trace hangs off another one of it
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const gatewayRoots = spans.filter((span) => span.parentSpanId === callerSpan);
    expect(gatewayRoots.map((span) => span.service)).toEqual(['closer-gateway']);
    const orphans = spans.filter((span) => span.parentSpanId !== callerSpan && !byId.has(span.parentSpanId));
    expect(orphans.map((span) => `${span.service}: ${span.name}`)).toEqual([]);
    // the chain: the send's ancestors pass through the worker's job, the relay and the subgraph's request
    const ancestry = (span: ReceivedSpan): ReceivedSpan[] => {
      const parent = byId.get(span.parentSpanId);
      return parent ? [parent, ...ancestry(parent)] : [];
    };
    const sends = spans.filter((span) => span.name === 'smtp send');
    for (const send of sends) {
      const services = ancestry(send).map((span) => span.service);
      expect(services).toContain('closer-candidate-service');
      expect(services.indexOf('closer-candidate-service')).toBeLessThan(services.lastIndexOf('closer-gateway'));
      expect(ancestry(send).some((span) => span.name.startsWith('outbox relay session.completed'))).toBe(true);
      expect(send.service).toBe('closer-worker');
    }
    // each send names its mail by the Message-ID the mail server received, and nothing personal
    expect(sends.map((span) => span.attributes['messaging.message.id']).sort()).toEqual(invites.map((mail) => mail.messageId).sort());
    const exported = JSON.stringify(receiver.spans);
    const links = invites.flatMap((mail) => [...mail.text.matchAll(/\/f\/([A-Za-z0-9_-]{20,})/g)].map((match) => match[1]));
    expect(links).toHaveLength(emails.length);
    for (const secret of [...emails, ...links]) expect(exported).not.toContain(secret);

    // and the logs: each app's line for the request carries the trace and span ids
    for (const app of [stack.gateways[0], stack.candidateService]) {
      const line = await until(`${app.label}'s request line in the trace`, async () =>
        readFileSync(app.logFile, 'utf8')
          .split('\n')
          .find((candidate) => candidate.includes(`"trace_id":"${traceId}"`) && candidate.includes('request completed')),
      );
      const logged = JSON.parse(line) as { span_id: string };
      expect(spans.filter((span) => span.spanId === logged.span_id).map((span) => span.service)).toEqual([`closer-${app.app}`]);
    }
  });

  it('keeps /health/live up and turns /health/ready to 503 naming Redis while it is stopped; the outbox backlog shows what waits', async () => {
    const [gateway] = stack.gateways;
    const [worker] = stack.workers;
    const session = sessions[1];
    expect(gauge(await worker.metrics(), 'closer_outbox_backlog')).toBe(0);

    await stack.stopRedis();
    try {
      for (const app of [gateway, worker]) {
        const ready = await until(`${app.label} not ready`, async () => {
          const answer = await probe(app, '/health/ready');
          return answer.status === 503 && answer;
        });
        expect(ready.checks).toMatchObject({ redis: 'down' });
      }
      for (const app of stack.apps) expect(await probe(app, '/health/live')).toEqual({ status: 200, checks: undefined });
      // the subgraph needs no Redis: it stays ready and takes the completion, whose event waits in the outbox
      expect((await probe(stack.candidateService, '/health/ready')).status).toBe(200);
      const result = await stack.graphql<{ completeSession: { status: string } }>(COMPLETE_SESSION, { id: session.id });
      expect(result.body.data?.completeSession.status).toBe('COMPLETED');
      const waiting = await until('the backlog on /metrics', async () => {
        const page = await worker.metrics();
        return (gauge(page, 'closer_outbox_backlog') ?? 0) >= 1 && page;
      });
      expect(gauge(waiting, 'closer_outbox_oldest_age_seconds')).toBeGreaterThan(0);
    } finally {
      await stack.startRedis();
    }
    await until('the backlog relayed', async () => gauge(await worker.metrics(), 'closer_outbox_backlog') === 0);
    for (const app of [gateway, worker]) expect((await app.waitForHealth(200)).status).toBe(200);
    expect((await probe(worker, '/health/ready')).status).toBe(200);
  });
});
