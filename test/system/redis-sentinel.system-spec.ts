import { recordFigures } from './support/ledger';
import { closingLoop, FAN_OUT_SESSIONS, fanOutThroughPrimaryLoss, LOOP_SESSIONS } from './support/scale-out-scenarios';
import { SeededOrganization, seedOrganization, seedSessions } from './support/seed';
import { SystemStack, until } from './support/system-stack';

/**
 * Scenario 10: REDIS_MODE=sentinel with one master, one replica and three sentinels. The closing
 * loop runs through it; the master is SIGKILLed in the middle of a fan-out, the sentinels promote
 * the replica, and the apps follow without a restart.
 */
describe('Redis behind Sentinel', () => {
  let stack: SystemStack;
  let org: SeededOrganization;

  beforeAll(async () => {
    stack = await SystemStack.start({ name: 'redis-sentinel', redisMode: 'sentinel', env: { CLOSER_HOUR_MS: '10000' } });
    org = await seedOrganization(stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('runs the whole closing loop, and /health shows the master and its replica', async () => {
    const sessions = await seedSessions(stack, org, { count: LOOP_SESSIONS, tag: 'loop' });
    recordFigures('10a-sentinel-closing-loop', await closingLoop(stack, org, sessions));
    const response = await fetch(`http://127.0.0.1:${stack.workers[0]!.port}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ details: { redis: { mode: 'sentinel', primariesUp: 1, primaries: 1, replicasUp: 1 } } });
  });

  it('loses the master mid fan-out: the sentinels promote the replica, every form mailed once, no app restarted', async () => {
    const sentinels = stack.scaleOut.sentinels!;
    const sessions = await seedSessions(stack, org, { count: FAN_OUT_SESSIONS, tag: 'fan' });
    const master = await sentinels.master();
    const figures = await fanOutThroughPrimaryLoss(stack, org, sessions, () => master.kill('SIGKILL'));
    const promoted = await until('the sentinels naming a new master', async () => {
      const now = await sentinels.master();
      return now.port !== master.port ? now : undefined;
    });
    expect(await promoted.info('replication')).toMatch(/role:master/);
    recordFigures('10b-sentinel-master-sigkill', figures);
  });
});
