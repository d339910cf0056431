import { recordFigures } from './support/ledger';
import { COMPLETE_SESSION } from './support/operations';
import { closingLoop, LOOP_SESSIONS } from './support/scale-out-scenarios';
import { SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { SystemStack, until } from './support/system-stack';

const DASHBOARD = 'query { closingFeedbackDashboard { sessionsCompleted formsSent formsSubmitted answersReleased } }';

interface Dashboard {
  sessionsCompleted: number;
  formsSent: number;
  formsSubmitted: number;
  answersReleased: number;
}

/** Reads the candidate service's counter of dashboard, export and list reads on one server. */
async function readsOn(stack: SystemStack, node: 'replica' | 'primary'): Promise<number> {
  const metrics = await stack.candidateService.metrics();
  return Number(new RegExp(`^closer_replica_reads_total\\{[^}]*node="${node}"[^}]*\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? NaN);
}

/**
 * Scenario 11: DATABASE_READ_URL on a streaming replica (pg_basebackup -R of the scenario's
 * PostgreSQL), with one Redis. The closing loop runs; dashboards are served from the replica
 * once it has replayed the organization's changes, a read right after a write is exact (it runs
 * on the primary), and with the replica stopped dashboards come from the primary while /health
 * says the replica is down.
 */
describe('PostgreSQL read replica', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let looped: SeededSession[];

  const dashboard = async () => (await stack.recruiter<{ closingFeedbackDashboard: Dashboard }>(DASHBOARD)).closingFeedbackDashboard;
  const expected = (completed: number, answered: number): Dashboard => ({
    sessionsCompleted: completed,
    formsSent: completed * 3,
    formsSubmitted: answered * 3,
    answersReleased: answered,
  });

  beforeAll(async () => {
    stack = await SystemStack.start({ name: 'read-replica', readReplica: true, env: { CLOSER_HOUR_MS: '10000' } });
    org = await seedOrganization(stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('runs the whole closing loop on one Redis with the replica configured', async () => {
    looped = await seedSessions(stack, org, { count: LOOP_SESSIONS, tag: 'loop' });
    recordFigures('11a-single-redis-closing-loop', await closingLoop(stack, org, looped));
    expect((await stack.candidateService.health()).body).toMatchObject({
      status: 'ok',
      checks: { postgres: 'up', 'postgres-replica': 'up' },
    });
  });

  it('serves the dashboard from the replica once it holds the organization, and exact right after each write', async () => {
    const fromReplica = await readsOn(stack, 'replica');
    // the worker folds the loop's last changes; the replica replays them; then reads go there
    const served = await until(
      'a dashboard read on the replica',
      async () => {
        const board = await dashboard();
        return (await readsOn(stack, 'replica')) > fromReplica ? board : undefined;
      },
      30_000,
      300,
    );
    expect(served).toEqual(expected(looped.length, looped.length));

    // a recruiter completes a session and looks at once: their own change is there, every time
    const extra = await seedSessions(stack, org, { count: 3, tag: 'raw' });
    for (const [index, session] of extra.entries()) {
      await stack.recruiter(COMPLETE_SESSION, { id: session.id });
      // its forms are still being mailed: only what the write itself changed is asserted
      expect(await dashboard()).toMatchObject({
        sessionsCompleted: looped.length + index + 1,
        formsSubmitted: looped.length * 3,
        answersReleased: looped.length,
      });
    }
    recordFigures('11b-replica-reads', { replicaReads: await readsOn(stack, 'replica'), primaryReads: await readsOn(stack, 'primary') });
  });

  it('falls back to the primary while the replica is stopped, and /health says so', async () => {
    const replica = stack.scaleOut.replica!;
    const completed = (await dashboard()).sessionsCompleted;
    await replica.stop();
    const report = await stack.candidateService.waitForHealth(200, 30_000, (r) => r.body.checks?.['postgres-replica'] === 'down');
    expect(report.body).toMatchObject({ status: 'ok', checks: { postgres: 'up', 'postgres-replica': 'down' } });

    const fromPrimary = await readsOn(stack, 'primary');
    const [more] = await seedSessions(stack, org, { count: 1, tag: 'down' });
    await stack.recruiter(COMPLETE_SESSION, { id: more!.id });
    for (let n = 0; n < 3; n++) expect((await dashboard()).sessionsCompleted).toBe(completed + 1);
    expect(await readsOn(stack, 'primary')).toBeGreaterThanOrEqual(fromPrimary + 3);

    await replica.startAgain((line) => process.stderr.write(`[system] ${line}\n`));
    await stack.candidateService.waitForHealth(200, 30_000, (r) => r.body.checks?.['postgres-replica'] === 'up');
  });
});
