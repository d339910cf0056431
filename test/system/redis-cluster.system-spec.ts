import { randomBytes } from 'node:crypto';

import { recordFigures, seconds } from './support/ledger';
import { errorCode } from './support/operations';
import { closingLoop, FAN_OUT_SESSIONS, fanOutThroughPrimaryLoss, LOOP_SESSIONS } from './support/scale-out-scenarios';
import { SeededOrganization, seedOrganization, seedSessions } from './support/seed';
import { sleep, SystemStack, until } from './support/system-stack';

const FEEDBACK_FORM = 'query($token: String!) { feedbackForm(token: $token) { formId } }';

interface RedisHealthBody {
  status: string;
  checks: Record<string, string>;
  details?: { redis?: Record<string, string | number> };
}

/**
 * Scenario 9: REDIS_MODE=cluster on a Redis Cluster of 3 primaries and 3 replicas. The closing
 * loop runs through it; the primary holding the queues' hash tag is SIGKILLed in the middle of a
 * fan-out and its replica takes over without an app restart; link rate limits still refuse,
 * counted in the cluster across two gateways.
 */
describe('Redis Cluster', () => {
  let stack: SystemStack;
  let org: SeededOrganization;

  beforeAll(async () => {
    stack = await SystemStack.start({
      name: 'redis-cluster',
      redisMode: 'cluster',
      gateways: 2,
      // 1,000 link operations per address and 100 per token a minute: room for the loop, a limit to reach
      env: { CLOSER_HOUR_MS: '10000', LINK_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    org = await seedOrganization(stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('runs the whole closing loop, and /health shows the cluster by roles without an address', async () => {
    const sessions = await seedSessions(stack, org, { count: LOOP_SESSIONS, tag: 'loop' });
    recordFigures('9a-cluster-closing-loop', await closingLoop(stack, org, sessions));

    for (const url of [stack.gateways[0]!.url, `http://127.0.0.1:${stack.workers[0]!.port}`]) {
      const response = await fetch(`${url}/health`);
      const text = await response.text();
      expect(response.status).toBe(200);
      expect((JSON.parse(text) as RedisHealthBody).details?.redis).toEqual({
        mode: 'cluster',
        primariesUp: 3,
        primaries: 3,
        replicasUp: 3,
      });
      expect(text).not.toMatch(/127\.0\.0\.1|:\d{4,5}/);
    }
  });

  it('loses the primary holding the queues mid fan-out: every form mailed once, no app restarted', async () => {
    const cluster = stack.scaleOut.cluster!;
    const sessions = await seedSessions(stack, org, { count: FAN_OUT_SESSIONS, tag: 'fan' });
    const killed = await cluster.primaryFor(stack.env.QUEUE_PREFIX!);
    const before = await cluster.primaryPorts();
    const figures = await fanOutThroughPrimaryLoss(stack, org, sessions, () => killed.kill('SIGKILL'));

    const after = await until('the replica promoted', async () => {
      const ports = await cluster.primaryPorts();
      return ports.length === 3 && !ports.includes(killed.port) ? ports : undefined;
    });
    expect(after).not.toEqual(before);
    const health = await until('/health showing the lost node', async () => {
      const body = (await (await fetch(`${stack.gateways[0]!.url}/health`)).json()) as RedisHealthBody;
      return body.details?.redis?.replicasUp === 2 ? body : undefined;
    });
    expect(health).toMatchObject({ status: 'ok', details: { redis: { mode: 'cluster', primariesUp: 3, primaries: 3, replicasUp: 2 } } });
    recordFigures('9b-cluster-primary-sigkill', figures);
  });

  it('refuses the 101st use of a link token within a minute, counted in the cluster across both gateways', async () => {
    // the windows are fixed minutes: start early in one so that 101 requests fit in it
    while (Date.now() % 60_000 > 30_000) await sleep(500);
    const token = randomBytes(24).toString('base64url');
    const started = Date.now();
    for (let n = 1; n <= 100; n++) {
      const result = await stack.graphql(FEEDBACK_FORM, { token }, { auth: false, gateway: n % 2 });
      expect({ n, code: errorCode(result) }).toEqual({ n, code: 'NOT_FOUND' });
    }
    // in memory each gateway would allow 100 on its own: this refusal comes from the shared count
    for (const gateway of [0, 1]) {
      const refused = await stack.graphql(FEEDBACK_FORM, { token }, { auth: false, gateway });
      expect({ status: refused.status, code: errorCode(refused) }).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
    }
    recordFigures('9c-cluster-rate-limit', { requests: 102, seconds: seconds(Date.now() - started) });
  });
});
