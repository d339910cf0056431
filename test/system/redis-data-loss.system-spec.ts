import { inviteLedger, isFormInvite, recordFigures, seconds, SESSIONS } from './support/ledger';
import { jobCounts } from './support/queues';
import { completeInSql, SeededForm, SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { sleep, SystemStack, until } from './support/system-stack';

const HOUR_MS = 10_000;

/**
 * Scenario 3b: Redis comes back from a restart without its data (no persistence, a failover to a
 * replica that had not caught up, a flush) in the middle of a fan-out. The relayed outbox rows
 * are gone from the queue with everything else; PostgreSQL still knows which forms were never
 * sent, and the periodic sweeper must find them: nothing lost, without restarting any app.
 */
describe('Redis restarted without its data during a fan-out', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let sessions: SeededSession[];
  let forms: SeededForm[];

  beforeAll(async () => {
    stack = await SystemStack.start({
      name: 'redis-data-loss',
      redisPersistent: false,
      env: { CLOSER_HOUR_MS: String(HOUR_MS) },
      smtp: { replyDelayMs: () => 100 },
    });
    org = await seedOrganization(stack);
    sessions = await seedSessions(stack, org, { count: SESSIONS, tag: 'lost' });
    forms = sessions.flatMap((session) => session.forms);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('sends every invitation once Redis is back empty, without an app restart', async () => {
    const pids = stack.apps.map((app) => app.pid);
    await completeInSql(
      stack,
      org,
      sessions.map((session) => session.id),
      HOUR_MS,
    );
    await until('a third of the invitations', async () => stack.smtp.mails.filter(isFormInvite).length >= forms.length / 3, 60_000, 20);
    await stack.stopRedis();
    await sleep(2_000);
    await stack.startRedis();
    const backAt = Date.now();
    const emptied = await jobCounts(stack);
    expect(emptied.mail).toMatchObject({ waiting: 0, active: 0, delayed: 0 }); // the queue really lost its jobs

    await until(
      'every form SENT',
      async () =>
        (await stack.query<{ open: number }>(`SELECT count(*)::int AS open FROM feedback_forms WHERE status <> 'SENT'`))[0].open === 0,
      60_000,
      250,
    );
    const drainedAt = Date.now();
    await sleep(2_000);

    const ledger = await inviteLedger(stack, forms);
    expect(ledger.problems).toEqual([]);
    expect(stack.apps.map((app) => app.pid)).toEqual(pids);

    recordFigures('3b-redis-data-loss', {
      forms: forms.length,
      deliveries: ledger.deliveries,
      captured: ledger.captured,
      repeatsSameMessageId: ledger.repeats,
      secondsFromRedisBackToAllDelivered: seconds(drainedAt - backAt),
    });
  });
});
