import { signTestJwt } from '@closer/testing';
import { Webhook } from 'standardwebhooks';

import { WebhookService } from '../apps/candidate-service/src/webhook/webhook.service';
import { DeliverWebhookHandler } from '../apps/worker/src/webhooks/handlers/deliver-webhook.handler';
import { graphql } from './support/apps';
import { ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';
import { sleep, WorkerFlow } from './support/worker-flow';

/** A "day" of retries is 24 of these: 2.4 s. */
const HOUR = 100;

/** Another id of the same shape: a tampered body. */
const candidateLike = (id: string) => `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;

type Result = Awaited<ReturnType<typeof graphql>>['body'];
const codes = (body: Result) => (body.errors ?? []).map((error) => error.extensions?.code);

interface DeliveryRow {
  id: string;
  event: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
}

/** Builds a stack, an admin, a role and a way to make one event happen. */
async function startStack(env: Record<string, string> = {}) {
  const flow = await WorkerFlow.start({ hourMs: HOUR, env });
  const admin = { authorization: `Bearer ${await signTestJwt(flow.config.auth.jwtSecret!, { org: 'acme', sub: 'ada', role: 'admin' })}` };
  const role = await flow.createRole('Platform engineer', ['Go', 'Kubernetes']);
  const interviewerId = await flow.addInterviewer('Ian Interviewer', `ian-${Date.now()}@example.test`);
  let sequence = 0;
  return {
    flow,
    admin,
    role,
    call: (query: string, variables: Record<string, unknown> = {}) => graphql(flow.gatewayUrl, query, variables, admin).then((r) => r.body),
    async createEndpoint(url: string, events: string[]): Promise<{ id: string; secret: string }> {
      const body = await graphql(
        flow.gatewayUrl,
        'mutation($url: String!, $events: [WebhookEvent!]!) { createWebhookEndpoint(url: $url, events: $events) { secret endpoint { id } } }',
        { url, events },
        admin,
      );
      if (body.body.errors) throw new Error(JSON.stringify(body.body.errors));
      const created = (body.body.data as { createWebhookEndpoint: { secret: string; endpoint: { id: string } } }).createWebhookEndpoint;
      return { id: created.endpoint.id, secret: created.secret };
    },
    /** A new session whose candidate asks the closing question: one FIT_FEEDBACK_REQUESTED. */
    async fitFeedbackRequested(): Promise<string> {
      sequence++;
      const candidateId = await flow.addCandidate(`Casey Candidate ${sequence}`, `casey-${sequence}-${Date.now()}@example.test`);
      const sessionId = await flow.schedule({ candidateId, roleId: role.id, interviewerIds: [interviewerId], title: `Loop ${sequence}` });
      await flow.recruiter('mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: sessionId });
      return sessionId;
    },
    deliveries: (endpointId: string) =>
      flow.query<DeliveryRow>(
        'SELECT id, event, status, attempts, last_status_code, last_error FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at, id',
        [endpointId],
      ),
    settled: (endpointId: string, count: number, timeoutMs = 45_000) =>
      flow.until(
        `${count} settled deliveries`,
        async () => {
          const rows = await flow.query<DeliveryRow>(
            'SELECT id, event, status, attempts, last_status_code, last_error FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at, id',
            [endpointId],
          );
          return rows.length === count && rows.every((row) => row.status !== 'PENDING') && rows;
        },
        timeoutMs,
      ),
  };
}

describe('outbound webhooks (Standard Webhooks)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    stack = await startStack();
    await stack.flow.configureOrganization({ feedbackDeadlineHours: 200, reminderHours: [150], minResponsesForAnswer: 2 });
  });

  afterAll(async () => {
    await stack?.flow.close();
    await receiver.stop();
  });

  it('refuses a recruiter every endpoint operation, changing nothing', async () => {
    const recruiter = {
      authorization: `Bearer ${await signTestJwt(stack.flow.config.auth.jwtSecret!, { org: 'acme', sub: 'rae', role: 'recruiter' })}`,
    };
    const endpoint = await stack.createEndpoint(`${receiver.baseUrl}/unused`, ['FORM_FAILED']);
    for (const [query, variables] of [
      ['mutation { createWebhookEndpoint(url: "http://127.0.0.1:1/x", events: [FORM_FAILED]) { secret } }', {}],
      ['{ webhookEndpoints { id } }', {}],
      ['mutation($id: ID!) { enableWebhookEndpoint(id: $id) { id } }', { id: endpoint.id }],
      ['mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id: endpoint.id }],
    ] as const) {
      const body = (await graphql(stack.flow.gatewayUrl, query, variables, recruiter)).body;
      expect({ query, codes: codes(body) }).toEqual({ query, codes: ['FORBIDDEN'] });
    }
    expect(await stack.flow.query('SELECT id FROM webhook_endpoints')).toEqual([{ id: endpoint.id }]);
    expect((await stack.call('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id: endpoint.id })).data).toEqual({
      deleteWebhookEndpoint: true,
    });
  });

  it('signs every attempt; a 500 is retried with the same webhook-id and body, then delivered', async () => {
    receiver.answerWith((path, previous) => (path === '/flaky' && previous === 0 ? 500 : 200));
    const endpoint = await stack.createEndpoint(`${receiver.baseUrl}/flaky`, ['FIT_FEEDBACK_REQUESTED']);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    receiver.register('/flaky', endpoint.secret);

    const sessionId = await stack.fitFeedbackRequested();
    const [delivery] = await stack.settled(endpoint.id, 1);
    expect(delivery).toMatchObject({ event: 'FIT_FEEDBACK_REQUESTED', status: 'DELIVERED', attempts: 2, last_status_code: 200 });

    const attempts = receiver.at('/flaky');
    expect(attempts).toHaveLength(2);
    expect(attempts.map((attempt) => attempt.headers['webhook-id'])).toEqual([delivery.id, delivery.id]);
    expect(attempts[1].body).toBe(attempts[0].body);
    for (const attempt of attempts) {
      expect(attempt.verified).toEqual({
        ok: true,
        payload: {
          type: 'fit_feedback.requested',
          timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          data: expect.objectContaining({ sessionId, sessionExternalId: null, sessionStatus: 'SCHEDULED' }),
        },
      });
    }
    // a receiver holding another secret rejects the very same request
    const foreign = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    const headers = (attempt: ReceivedWebhook) => ({
      'webhook-id': String(attempt.headers['webhook-id']),
      'webhook-timestamp': String(attempt.headers['webhook-timestamp']),
      'webhook-signature': String(attempt.headers['webhook-signature']),
    });
    expect(() => foreign.verify(attempts[0].body, headers(attempts[0]))).toThrow();
    expect(() =>
      new Webhook(endpoint.secret).verify(attempts[0].body.replace(sessionId, candidateLike(sessionId)), headers(attempts[0])),
    ).toThrow();

    const listed = await stack.call(
      '{ webhookEndpoints { id deliveries { id event status attempts lastStatusCode lastError deliveredAt } } }',
    );
    const mine = (listed.data as { webhookEndpoints: { id: string; deliveries: unknown[] }[] }).webhookEndpoints.find(
      (e) => e.id === endpoint.id,
    );
    expect(mine?.deliveries).toEqual([
      {
        id: delivery.id,
        event: 'FIT_FEEDBACK_REQUESTED',
        status: 'DELIVERED',
        attempts: 2,
        lastStatusCode: 200,
        lastError: null,
        deliveredAt: expect.any(String),
      },
    ]);
  });

  it('fails a 410 at once without retrying; redelivery sends the same event with the same id', async () => {
    receiver.answerWith((path) => (path === '/gone' ? 410 : 200));
    const endpoint = await stack.createEndpoint(`${receiver.baseUrl}/gone`, ['FIT_FEEDBACK_REQUESTED']);
    receiver.register('/gone', endpoint.secret);
    await stack.fitFeedbackRequested();
    const [delivery] = await stack.settled(endpoint.id, 1);
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 1, last_status_code: 410, last_error: 'HTTP 410' });
    // the retry schedule's first waits are a few ms: nothing else comes
    await sleep(1_000);
    expect(receiver.at('/gone')).toHaveLength(1);

    receiver.answerWith(() => 200);
    const redelivered = await stack.call('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }', { id: delivery.id });
    expect(redelivered.data).toEqual({ redeliverWebhook: { id: delivery.id, status: 'PENDING' } });
    const [again] = await stack.settled(endpoint.id, 1);
    expect(again).toMatchObject({ id: delivery.id, status: 'DELIVERED', attempts: 2, last_status_code: 200 });
    const requests = receiver.at('/gone');
    expect(requests).toHaveLength(2);
    expect(requests[1].headers['webhook-id']).toBe(delivery.id);
    expect(requests[1].body).toBe(requests[0].body);
    expect(requests[1].verified.ok).toBe(true);
  });

  it('sends ids, statuses, bands and scores, and never a name, an address or free text', async () => {
    receiver.answerWith(() => 200);
    const endpoint = await stack.createEndpoint(`${receiver.baseUrl}/all`, [
      'FIT_FEEDBACK_REQUESTED',
      'FORM_SUBMITTED',
      'FORM_DECLINED',
      'FORM_FAILED',
      'ANSWER_AWAITING_REVIEW',
      'ANSWER_RELEASED',
      'ANSWER_WITHHELD',
    ]);
    receiver.register('/all', endpoint.secret);
    const { flow } = stack;
    const people = {
      candidate: { name: 'Zelda Quintessa', email: 'zelda.quintessa@example.test' },
      first: { name: 'Yusuf Privateer', email: 'yusuf.privateer@example.test' },
      second: { name: 'Xena Confidential', email: 'xena.confidential@example.test' },
    };
    const candidateId = (
      await flow.recruiter<{ addCandidate: { id: string } }>(
        'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
        {
          input: { ...people.candidate, externalId: 'ats-cand-1' },
        },
      )
    ).addCandidate.id;
    const interviewerIds = [
      await flow.addInterviewer(people.first.name, people.first.email),
      await flow.addInterviewer(people.second.name, people.second.email),
    ];
    const title = 'Secret project Nightingale';
    const sessionId = await flow.schedule({ candidateId, roleId: stack.role.id, interviewerIds, title });
    await flow.recruiter('mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: sessionId });
    await flow.completeSession(sessionId);
    for (const person of [people.first, people.second]) {
      await flow.submitFeedback(
        flow.tokenIn(await flow.waitForMail(person.email, 'form-invite'), 'form'),
        stack.role.criteria,
        'STRONG_FIT',
      );
    }
    const rows = await stack.settled(endpoint.id, 4);
    expect(rows.map((row) => [row.event, row.status]).sort()).toEqual(
      [
        ['ANSWER_RELEASED', 'DELIVERED'],
        ['FIT_FEEDBACK_REQUESTED', 'DELIVERED'],
        ['FORM_SUBMITTED', 'DELIVERED'],
        ['FORM_SUBMITTED', 'DELIVERED'],
      ].sort(),
    );
    const bodies = receiver.at('/all');
    expect(bodies.every((request) => request.verified.ok)).toBe(true);
    const payloads = bodies.map((request) => (request.verified.ok ? request.verified.payload : null)!);
    const forms = payloads.filter((payload) => payload.type === 'form.submitted');
    expect(forms.map((payload) => payload.data.overallFit)).toEqual(['STRONG_FIT', 'STRONG_FIT']);
    expect(forms.map((payload) => payload.data.interviewerId).sort()).toEqual([...interviewerIds].sort());
    expect(payloads.find((payload) => payload.type === 'answer.released')?.data).toMatchObject({
      sessionId,
      candidateId,
      candidateExternalId: 'ats-cand-1',
      answerStatus: 'RELEASED',
      fitBand: 'STRONG_FIT',
    });
    const everything = bodies.map((request) => request.body).join('\n');
    const words = [
      ...Object.values(people).flatMap((person) => [person.email, ...person.name.split(' ')]),
      'Nightingale',
      'trade-offs',
      'on-call',
      'thoughtful',
      'team lead',
      'Platform engineer',
    ];
    for (const word of words)
      expect({ word, found: everything.toLowerCase().includes(word.toLowerCase()) }).toEqual({ word, found: false });
  });

  it('disables an endpoint failing for a day, writes nothing for it meanwhile, and resumes once enabled', async () => {
    receiver.answerWith((path) => (path === '/down' ? 503 : 200));
    const endpoint = await stack.createEndpoint(`${receiver.baseUrl}/down`, ['FIT_FEEDBACK_REQUESTED']);
    receiver.register('/down', endpoint.secret);
    await stack.fitFeedbackRequested();
    // every retry of the schedule, then FAILED
    const [exhausted] = await stack.settled(endpoint.id, 1);
    expect(exhausted).toMatchObject({ status: 'FAILED', attempts: 12, last_status_code: 503 });
    expect(new Set(receiver.at('/down').map((request) => request.headers['webhook-id']))).toEqual(new Set([exhausted.id]));

    // a day after the first failure, the next failure disables it
    const [{ failing_since }] = await stack.flow.query<{ failing_since: Date }>(
      'SELECT failing_since FROM webhook_endpoints WHERE id = $1',
      [endpoint.id],
    );
    await sleep(Math.max(0, failing_since.getTime() + 24 * HOUR - Date.now()) + 100);
    await stack.fitFeedbackRequested();
    await stack.settled(endpoint.id, 2);
    const disabled = await stack.flow.query<{ disabled_at: Date | null }>('SELECT disabled_at FROM webhook_endpoints WHERE id = $1', [
      endpoint.id,
    ]);
    expect(disabled[0].disabled_at).toBeInstanceOf(Date);

    const before = receiver.at('/down').length;
    await stack.fitFeedbackRequested();
    await sleep(1_000);
    expect(await stack.deliveries(endpoint.id)).toHaveLength(2);
    expect(receiver.at('/down')).toHaveLength(before);

    receiver.answerWith(() => 200);
    const enabled = await stack.call('mutation($id: ID!) { enableWebhookEndpoint(id: $id) { id disabledAt } }', { id: endpoint.id });
    expect(enabled.data).toEqual({ enableWebhookEndpoint: { id: endpoint.id, disabledAt: null } });
    await stack.fitFeedbackRequested();
    const rows = await stack.settled(endpoint.id, 3);
    expect(rows[2]).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    // a day of retries (12 attempts) twice over, polled: on a loaded machine it can take a while
  }, 120_000);
});

describe('webhook URLs where private addresses are not allowed (the production default)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    stack = await startStack({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' });
  });

  afterAll(async () => {
    await stack?.flow.close();
    await receiver.stop();
  });

  it.each([
    ['loopback', () => `${receiver.baseUrl}/hook`],
    ['localhost', () => 'http://localhost:8080/hook'],
    ['a private network', () => 'https://10.1.2.3/hook'],
    ['link-local (cloud metadata)', () => 'http://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', () => 'http://[::1]:8080/hook'],
    ['IPv4-mapped IPv6 loopback', () => 'http://[::ffff:127.0.0.1]:8080/hook'],
    ['a unique local IPv6 address', () => 'https://[fd00::1]/hook'],
    ['another scheme', () => 'ftp://example.com/hook'],
    ['credentials in the URL', () => 'https://user:pass@example.com/hook'],
  ])('refuses %s at creation, naming url, and stores nothing', async (_case, url) => {
    const body = await stack.call('mutation($url: String!) { createWebhookEndpoint(url: $url, events: [FORM_SUBMITTED]) { secret } }', {
      url: url(),
    });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect((body.errors![0].extensions as { fields: { field: string }[] }).fields.map((field) => field.field)).toEqual(['url']);
    expect(await stack.flow.query('SELECT id FROM webhook_endpoints')).toEqual([]);
  });

  it('checks the address again at delivery: a name that resolved publicly and now points at loopback gets nothing', async () => {
    const port = new URL(receiver.baseUrl).port;
    const candidateService = stack.flow.candidateService.app.get(WebhookService);
    candidateService.lookup = async () => [{ address: '93.184.215.14', family: 4 }];
    const endpoint = await stack.createEndpoint(`http://hooks.rebind.test:${port}/rebound`, ['FIT_FEEDBACK_REQUESTED']);
    receiver.register('/rebound', endpoint.secret);
    for (const worker of stack.flow.workers) {
      worker.app.get(DeliverWebhookHandler, { strict: false }).lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    }
    await stack.fitFeedbackRequested();
    const [delivery] = await stack.settled(endpoint.id, 1);
    expect(delivery).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      last_status_code: null,
      last_error: 'url must resolve to public addresses only',
    });
    expect(receiver.received).toEqual([]);
  });
});
