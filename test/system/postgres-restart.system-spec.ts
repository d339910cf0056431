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
const DOWN_MS = 5_000;
const LOAD_MS = 16_000;

function spread<T, R>(items: T[], spreadMs: number, task: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map((item, index) => sleep((index * spreadMs) / items.length).then(() => task(item))));
}

/**
 * Scenario 4: PostgreSQL is stopped (fast shutdown: every connection cut) and started again
 * while completions and submissions stream in and invitations go out. The apps keep running and
 * reconnect on their own; /health says 503 naming PostgreSQL during the outage and 200 after;
 * clients retry what failed; every committed change is delivered once (a mail sent just before
 * its delivery row could be written may go out again, with the same Message-ID).
 */
describe('PostgreSQL restarted under load', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let before: SeededSession[];
  let during: SeededSession[];

  beforeAll(async () => {
    stack = await SystemStack.start({ name: 'postgres-restart', env: { CLOSER_HOUR_MS: String(HOUR_MS) } });
    org = await seedOrganization(stack);
    const sessions = await seedSessions(stack, org, { count: SESSIONS, tag: 'pgr' });
    before = sessions.slice(0, Math.floor(SESSIONS / 2));
    during = sessions.slice(before.length);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('reconnects without a restart, reports the outage and the recovery, and loses nothing', async () => {
    const service = stack.candidateService;
    const [worker] = stack.workers;
    const forms = [...before, ...during].flatMap((session) => session.forms);
    const answered: SeededForm[] = before.flatMap((session) => session.forms);
    const pids = stack.apps.map((app) => app.pid);

    await inParallel(before, 8, (session) => untilAnswered(() => stack.graphql(COMPLETE_SESSION, { id: session.id })));
    await until(
      'the first invitations',
      async () =>
        (await stack.query<{ sent: number }>(`SELECT count(*)::int AS sent FROM feedback_forms WHERE status = 'SENT'`))[0].sent ===
        answered.length,
      60_000,
    );

    const loadStarted = Date.now();
    const completions = spread(during, LOAD_MS, (session) => untilAnswered(() => stack.graphql(COMPLETE_SESSION, { id: session.id })));
    const submissions = spread(answered, LOAD_MS, (form) => {
      const token = formTokenFor(stack, form.email);
      return untilAnswered(() => stack.graphql(SUBMIT_FEEDBACK, { token, input: feedbackInput(org.criteria) }, { auth: false }), {
        finalCodes: ['CONFLICT'],
      });
    });

    const restart = (async () => {
      await sleep(3_000);
      await stack.stopPostgres();
      const stoppedAt = Date.now();
      const postgresDown = (report: HealthReport) => (report.body.checks?.postgres ?? '').startsWith('down');
      const outage = {
        candidateService: await service.waitForHealth(503, DOWN_MS, postgresDown),
        worker: await worker.waitForHealth(503, DOWN_MS, postgresDown),
      };
      const reportedMs = Date.now() - stoppedAt;
      await sleep(Math.max(0, stoppedAt + DOWN_MS - Date.now()));
      await stack.startPostgres();
      const startedAt = Date.now();
      const recovered = {
        candidateService: await service.waitForHealth(200, 30_000),
        worker: await worker.waitForHealth(200, 30_000),
      };
      return { outage, recovered, reportedMs, backAt: startedAt, downMs: startedAt - stoppedAt, recoveredMs: Date.now() - startedAt };
    })();

    const [completed, submitted, outcome] = await Promise.all([completions, submissions, restart]);
    const loadEnded = Date.now();

    expect(outcome.outage.candidateService.body.checks).toMatchObject({ postgres: expect.stringMatching(/^down/) });
    expect(outcome.outage.worker.body.checks).toMatchObject({ postgres: expect.stringMatching(/^down/), redis: 'up' });
    expect(outcome.recovered.candidateService.body).toMatchObject({ status: 'ok' });
    expect(outcome.recovered.worker.body).toMatchObject({ status: 'ok' });
    // the same processes: nobody restarted them
    expect(stack.apps.map((app) => app.pid)).toEqual(pids);
    expect(stack.apps.every((app) => app.alive && app.exits.length === 0)).toBe(true);

    expect(completed.every((attempt) => attempt.result.body.data)).toBe(true);
    // what clients saw meanwhile: a retryable error that names no internals
    expect(leakyFailures([...completed, ...submitted])).toEqual([]);
    const conflicts = submitted.filter((attempt) => errorCode(attempt.result) === 'CONFLICT').length;

    await until(
      'every invitation',
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
              (SELECT count(DISTINCT form_id)::int FROM feedback_responses WHERE form_id = ANY($1::uuid[])) AS answered_forms,
              (SELECT count(*)::int FROM outbox_events WHERE type = 'session.completed') AS completed_events,
              (SELECT count(DISTINCT payload->>'sessionId')::int FROM outbox_events WHERE type = 'session.completed') AS completed_sessions,
              (SELECT count(*)::int FROM outbox_events WHERE relayed_at IS NULL) AS unrelayed`,
      [answered.map((form) => form.id)],
    );
    expect(counts).toEqual({
      responses: answered.length,
      answered_forms: answered.length,
      completed_events: before.length + during.length,
      completed_sessions: before.length + during.length,
      unrelayed: 0,
    });

    recordFigures('4-postgres-restart', {
      forms: forms.length,
      secondsDown: seconds(outcome.downMs),
      secondsUntilBothHealthReported503: seconds(outcome.reportedMs),
      secondsFromStartToBothHealthy: seconds(outcome.recoveredMs),
      failedClientAttempts: [...completed, ...submitted].reduce((sum, attempt) => sum + attempt.failures, 0),
      submissionsAnsweredConflictOnRetry: conflicts,
      deliveries: ledger.deliveries,
      captured: ledger.captured,
      repeatsSameMessageId: ledger.repeats,
      secondsLoad: seconds(loadEnded - loadStarted),
      secondsFromPostgresBackToAllDelivered: seconds(drainedAt - outcome.backAt),
    });
  });
});
