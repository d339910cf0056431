import { HealthReport } from '@closer/local-services';

import { inviteLedger, recordFigures, seconds, SESSIONS } from './support/ledger';
import {
  COMPLETE_SESSION,
  errorCode,
  feedbackInput,
  formTokenFor,
  leakyFailures,
  SUBMIT_FEEDBACK,
  untilAnswered,
} from './support/operations';
import { SeededForm, SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { inParallel, sleep, SystemStack, until } from './support/system-stack';

const HOUR_MS = 10_000;
const OUTAGE_MS = 10_000;
/** Link operations per IP and minute; per token a tenth of it (100). */
const LINK_LIMIT = 1_000;
const PER_TOKEN = LINK_LIMIT / 10;
const BURST_MS = OUTAGE_MS + 6_000;

/** Starts `task` for item i at i·spreadMs/n, all running at once: a steady stream of clients. */
function spread<T, R>(items: T[], spreadMs: number, task: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map((item, index) => sleep((index * spreadMs) / items.length).then(() => task(item))));
}

/**
 * Scenario 3: Redis stopped for 10 s during a burst of completions (through the API) and
 * submissions (through the emailed links). Nothing needs Redis to commit: every request succeeds,
 * the outbox keeps what the relay cannot enqueue, and everything goes out once Redis is back.
 * Gateway rate limiting fails safe by counting in memory (the documented choice): links keep
 * working and the limits keep holding. /health names Redis while it is away.
 */
describe('Redis stopped for 10 s during a burst', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let before: SeededSession[];
  let during: SeededSession[];

  beforeAll(async () => {
    stack = await SystemStack.start({
      name: 'redis-outage',
      redisPersistent: true,
      env: { CLOSER_HOUR_MS: String(HOUR_MS), LINK_RATE_LIMIT_PER_MINUTE: String(LINK_LIMIT) },
    });
    org = await seedOrganization(stack);
    const sessions = await seedSessions(stack, org, { count: SESSIONS, tag: 'rds' });
    before = sessions.slice(0, Math.floor(SESSIONS / 2));
    during = sessions.slice(before.length);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('commits through the outage, loses nothing, doubles nothing, and keeps limiting link requests', async () => {
    const [gateway] = stack.gateways;
    const [worker] = stack.workers;
    const forms = [...before, ...during].flatMap((session) => session.forms);
    const answered: SeededForm[] = before.flatMap((session) => session.forms);

    // the first half is completed and invited before the outage: its interviewers answer during it
    await inParallel(before, 8, (session) => untilAnswered(() => stack.graphql(COMPLETE_SESSION, { id: session.id })));
    await until(
      'the first invitations',
      async () =>
        (await stack.query<{ sent: number }>(`SELECT count(*)::int AS sent FROM feedback_forms WHERE status = 'SENT'`))[0].sent ===
        answered.length,
      60_000,
    );
    // the rate-limit probe below must not straddle a minute (the limiter's fixed windows)
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await sleep(60_500 - intoMinute);

    let stoppedAt = 0;
    let restartedAt = 0;
    const succeededDuringOutage = { completions: 0, submissions: 0 };
    const countIfOutage = (kind: keyof typeof succeededDuringOutage) => {
      const now = Date.now();
      if (stoppedAt && now >= stoppedAt && (!restartedAt || now < restartedAt)) succeededDuringOutage[kind]++;
    };
    const burstStarted = Date.now();
    const completions = spread(during, BURST_MS, async (session) => {
      const attempt = await untilAnswered(() => stack.graphql(COMPLETE_SESSION, { id: session.id }));
      countIfOutage('completions');
      return attempt;
    });
    const submissions = spread(answered, BURST_MS, async (form) => {
      const token = formTokenFor(stack, form.email);
      const attempt = await untilAnswered(
        () => stack.graphql(SUBMIT_FEEDBACK, { token, input: feedbackInput(org.criteria) }, { auth: false }),
        {
          finalCodes: ['CONFLICT'],
        },
      );
      countIfOutage('submissions');
      return attempt;
    });

    const outage = (async () => {
      await sleep(2_000);
      await stack.stopRedis();
      stoppedAt = Date.now();
      const redisDown = (report: HealthReport) => (report.body.checks?.redis ?? '').startsWith('down');
      const health = {
        gateway: await gateway.waitForHealth(503, 5_000, redisDown),
        worker: await worker.waitForHealth(503, 5_000, redisDown),
      };
      // one client, one link token, 5 more requests than its allowance, all inside one window
      const probe: string[] = [];
      for (let index = 0; index < PER_TOKEN + 5; index++) {
        const result = await stack.graphql(
          'query($token: String!) { feedbackForm(token: $token) { formId } }',
          { token: 'probe-token-during-the-outage' },
          {
            auth: false,
          },
        );
        probe.push(errorCode(result) ?? 'OK');
      }
      const probeDoneAt = Date.now();
      await sleep(Math.max(0, stoppedAt + OUTAGE_MS - Date.now()));
      await stack.startRedis();
      restartedAt = Date.now();
      await Promise.all([gateway.waitForHealth(200, 30_000), worker.waitForHealth(200, 30_000)]);
      return { health, probe, probeMs: probeDoneAt - stoppedAt, recoveredMs: Date.now() - restartedAt };
    })();

    const [completed, submitted, outcome] = await Promise.all([completions, submissions, outage]);
    const burstEnded = Date.now();

    // /health named Redis while it was away, and the apps recovered without a restart
    expect(outcome.health.gateway.body.checks).toMatchObject({ redis: expect.stringMatching(/^down/) });
    expect(outcome.health.worker.body.checks).toMatchObject({ redis: expect.stringMatching(/^down/), postgres: 'up' });
    expect(stack.apps.every((app) => app.alive && app.exits.length === 0)).toBe(true);
    // fail safe: the link kept answering (its own error for a made-up token), and the per-token limit held
    const refused = outcome.probe.filter((code) => code === 'TOO_MANY_REQUESTS').length;
    expect(outcome.probe.slice(0, PER_TOKEN).filter((code) => code === 'TOO_MANY_REQUESTS')).toEqual([]);
    expect(refused).toBe(5);
    expect(succeededDuringOutage.completions + succeededDuringOutage.submissions).toBeGreaterThan(0);

    // every request eventually answered: completions succeeded, each form answered once
    expect(completed.every((attempt) => attempt.result.body.data)).toBe(true);
    expect(submitted.map((attempt) => errorCode(attempt.result) ?? 'OK').filter((code) => code !== 'OK')).toEqual([]);
    expect(leakyFailures([...completed, ...submitted])).toEqual([]);

    await until(
      'every invitation of the sessions completed during the outage',
      async () =>
        (
          await stack.query<{ open: number }>(`SELECT count(*)::int AS open FROM feedback_forms WHERE status NOT IN ('SENT', 'SUBMITTED')`)
        )[0].open === 0,
      120_000,
      250,
    );
    const drainedAt = Date.now();
    await sleep(3_000);

    const ledger = await inviteLedger(stack, forms, { statuses: ['SENT', 'SUBMITTED'] });
    expect(ledger.problems).toEqual([]);
    const [counts] = await stack.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM feedback_responses) AS responses,
              (SELECT count(*)::int FROM feedback_forms WHERE status = 'SUBMITTED') AS submitted_forms,
              (SELECT count(*)::int FROM interview_sessions WHERE status = 'COMPLETED') AS completed_sessions,
              (SELECT count(*)::int FROM outbox_events WHERE type = 'session.completed') AS completed_events,
              (SELECT count(*)::int FROM outbox_events WHERE relayed_at IS NULL) AS unrelayed,
              (SELECT count(*)::int FROM outbox_events WHERE created_at >= to_timestamp($1::float8 / 1000)
                                                        AND created_at < to_timestamp($2::float8 / 1000)) AS written_during_outage`,
      [stoppedAt, restartedAt],
    );
    expect(counts).toMatchObject({
      responses: answered.length,
      submitted_forms: answered.length,
      completed_sessions: before.length + during.length,
      completed_events: before.length + during.length,
      unrelayed: 0,
    });

    recordFigures('3-redis-outage', {
      forms: forms.length,
      outageSeconds: seconds(restartedAt - stoppedAt),
      completionsDuringOutage: succeededDuringOutage.completions,
      submissionsDuringOutage: succeededDuringOutage.submissions,
      outboxRowsWrittenDuringOutage: counts.written_during_outage,
      failedClientAttempts: [...completed, ...submitted].reduce((sum, attempt) => sum + attempt.failures, 0),
      probeRequests: outcome.probe.length,
      probeRefused: refused,
      secondsToHealthyAfterRestart: seconds(outcome.recoveredMs),
      secondsFromRedisBackToAllDelivered: seconds(drainedAt - restartedAt),
      deliveries: ledger.deliveries,
      captured: ledger.captured,
      repeatsSameMessageId: ledger.repeats,
      secondsBurst: seconds(burstEnded - burstStarted),
    });
  });
});
