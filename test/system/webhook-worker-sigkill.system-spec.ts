import { generateWebhookSecret } from '@closer/domain';

import { WebhookReceiver } from '../support/webhook-receiver';
import { recordFigures, seconds, SESSIONS } from './support/ledger';
import { SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { sleep, SystemStack, until } from './support/system-stack';

const HOUR_MS = 10_000;
const ENDPOINTS = ['/ats', '/warehouse'];

/**
 * The only worker is SIGKILLed while webhook deliveries are in flight (every receiver answer
 * takes 150 ms), then started again. BullMQ hands the lost active jobs out again once their locks
 * expire: every event still reaches every endpoint, and a delivery that arrives twice carries the
 * same webhook-id and body both times.
 */
describe('worker SIGKILLed while webhooks are in flight', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let sessions: SeededSession[];
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    receiver.delayMs = 150;
    stack = await SystemStack.start({ name: 'webhook-sigkill', env: { CLOSER_HOUR_MS: String(HOUR_MS) } });
    org = await seedOrganization(stack);
    sessions = await seedSessions(stack, org, { count: SESSIONS, tag: 'hook', panel: 1 });
    // what createWebhookEndpoint stores (the API needs an admin; this scenario is about delivery)
    for (const path of ENDPOINTS) {
      const secret = generateWebhookSecret();
      await stack.query(`INSERT INTO webhook_endpoints (organization_id, url, events, secret) VALUES ($1, $2, $3, $4)`, [
        org.organizationId,
        `${receiver.baseUrl}${path}`,
        ['FIT_FEEDBACK_REQUESTED'],
        secret,
      ]);
      receiver.register(path, secret);
    }
  });

  afterAll(async () => {
    await stack?.close();
    await receiver.stop();
  });

  it('delivers every event to every endpoint after the restart; repeats only with the same webhook-id', async () => {
    const [worker] = stack.workers;
    const expected = sessions.length * ENDPOINTS.length;
    const killAt = Math.floor(expected * 0.3);
    let killed = false;
    const started = Date.now();
    const requesting = (async () => {
      for (const session of sessions) {
        await stack.recruiter('mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: session.id });
      }
    })();
    const exit = await until(
      'the SIGKILL',
      async () => {
        if (!killed && receiver.received.length >= killAt) {
          killed = true;
          await worker.kill('SIGKILL', false);
          return worker.waitForExit();
        }
        return undefined;
      },
      120_000,
      10,
    );
    const killedAt = Date.now();
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    const [atKill] = await stack.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE status = 'PENDING'`,
    );
    expect(atKill.pending).toBeGreaterThan(0); // deliveries were really interrupted

    await sleep(1_000);
    await worker.start();
    const restartedAt = Date.now();
    await requesting;
    await until(
      'every delivery DELIVERED',
      async () => {
        const [state] = await stack.query<{ total: number; delivered: number }>(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered FROM webhook_deliveries`,
        );
        return state.total === expected && state.delivered === expected;
      },
      300_000,
      500,
    );
    const drainedAt = Date.now();
    await sleep(3_000); // late copies would arrive now

    const deliveries = await stack.query<{ id: string; url: string }>(
      'SELECT d.id, e.url FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id',
    );
    expect(receiver.received.filter((request) => !request.verified.ok)).toEqual([]);
    const bodiesById = new Map<string, Set<string>>();
    for (const request of receiver.received) {
      const id = String(request.headers['webhook-id']);
      bodiesById.set(id, (bodiesById.get(id) ?? new Set()).add(`${request.path} ${request.body}`));
    }
    // every delivery arrived, at its own endpoint, and a repeat is the same delivery byte for byte
    expect([...bodiesById.keys()].sort()).toEqual(deliveries.map((delivery) => delivery.id).sort());
    expect([...bodiesById.values()].filter((bodies) => bodies.size !== 1)).toEqual([]);
    for (const delivery of deliveries) {
      const [described] = bodiesById.get(delivery.id)!;
      expect(delivery.url.endsWith(described.split(' ')[0])).toBe(true);
    }
    // each session's event reached each endpoint exactly once as a delivery
    const sessionsPerPath = ENDPOINTS.map(
      (path) =>
        new Set(
          receiver
            .at(path)
            .map((request) => (request.verified.ok ? String(request.verified.payload.data.sessionId) : ''))
            .filter(Boolean),
        ).size,
    );
    expect(sessionsPerPath).toEqual(ENDPOINTS.map(() => sessions.length));

    recordFigures('webhook-worker-sigkill', {
      deliveries: expected,
      requestsReceived: receiver.received.length,
      repeatsSameWebhookId: receiver.received.length - expected,
      pendingAtKill: atKill.pending,
      secondsToKill: seconds(killedAt - started),
      secondsFromRestartToAllDelivered: seconds(drainedAt - restartedAt),
    });
  });
});
