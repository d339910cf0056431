import { inviteLedger, recordFigures, seconds, SESSIONS } from './support/ledger';
import { COMPLETE_SESSION, errorCode, feedbackInput, formTokenFor, SUBMIT_FEEDBACK, untilAnswered } from './support/operations';
import { SeededForm, SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { inParallel, sleep, SystemStack, until } from './support/system-stack';

const HOUR_MS = 10_000;

/** Completed jobs a worker reports in /metrics. */
function completedJobs(metrics: string): number {
  return [...metrics.matchAll(/^closer_job_duration_seconds_count\{[^}]*outcome="completed"[^}]*\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

/**
 * Scenario 7: two workers and two gateways on one database and one Redis, as two replicas of
 * each run. Every session is completed through both gateways at once and every form answered
 * through both at once: one completion, one response and one composed answer win each race, the
 * other caller is told (unchanged session, CONFLICT), and every invitation goes out exactly once.
 */
describe('two workers and two gateways at once', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let sessions: SeededSession[];
  let forms: SeededForm[];

  beforeAll(async () => {
    stack = await SystemStack.start({ name: 'replicas', workers: 2, gateways: 2, env: { CLOSER_HOUR_MS: String(HOUR_MS) } });
    org = await seedOrganization(stack);
    sessions = await seedSessions(stack, org, { count: SESSIONS, tag: 'rep' });
    forms = sessions.flatMap((session) => session.forms);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('completes, invites, records and composes once per session, form and answer', async () => {
    const started = Date.now();
    const completions = await inParallel(sessions, 8, (session) =>
      Promise.all(
        [0, 1].map((gateway) =>
          untilAnswered(() => stack.graphql<{ completeSession: { status: string } }>(COMPLETE_SESSION, { id: session.id }, { gateway })),
        ),
      ),
    );
    expect(completions.flat().map((c) => c.result.body.data?.completeSession.status)).toEqual(completions.flat().map(() => 'COMPLETED'));
    const completedAt = Date.now();

    await until(
      'every form SENT',
      async () =>
        (await stack.query<{ open: number }>(`SELECT count(*)::int AS open FROM feedback_forms WHERE status <> 'SENT'`))[0].open === 0,
      120_000,
      250,
    );
    const invitedAt = Date.now();

    // every interviewer answers twice at once, once through each gateway
    const submissions = await inParallel(forms, 8, (form) => {
      const token = formTokenFor(stack, form.email);
      return Promise.all(
        [0, 1].map((gateway) =>
          untilAnswered(() => stack.graphql(SUBMIT_FEEDBACK, { token, input: feedbackInput(org.criteria) }, { gateway, auth: false }), {
            finalCodes: ['CONFLICT'],
          }),
        ),
      );
    });
    const outcomes = submissions.map((pair) => pair.map((attempt) => errorCode(attempt.result) ?? 'OK').sort());
    expect(outcomes).toEqual(forms.map(() => ['CONFLICT', 'OK']));

    await until(
      'every answer composed',
      async () =>
        (
          await stack.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM candidate_answers WHERE status = 'WAITING_FOR_FEEDBACK'`,
          )
        )[0].waiting === 0,
      60_000,
    );
    const composedAt = Date.now();
    await sleep(3_000); // stragglers from either worker, a few sweeps

    const ledger = await inviteLedger(stack, forms, { statuses: ['SUBMITTED'] });
    expect(ledger.problems).toEqual([]);
    expect(ledger).toMatchObject({ deliveries: forms.length, captured: forms.length, repeats: 0 });
    expect(stack.smtp.mails).toHaveLength(forms.length); // and no other mail: nobody asked for their answer

    const [counts] = await stack.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM feedback_responses) AS responses,
              (SELECT count(DISTINCT form_id)::int FROM feedback_responses) AS answered_forms,
              (SELECT count(*)::int FROM outbox_events WHERE type = 'session.completed') AS completed_events,
              (SELECT count(DISTINCT payload->>'sessionId')::int FROM outbox_events WHERE type = 'session.completed') AS completed_sessions,
              (SELECT count(*)::int FROM outbox_events WHERE type = 'answer.composed') AS composed_events,
              (SELECT count(DISTINCT payload->>'sessionId')::int FROM outbox_events WHERE type = 'answer.composed') AS composed_sessions,
              (SELECT count(*)::int FROM candidate_answers WHERE status = 'RELEASED' AND responses_count = 3) AS released,
              (SELECT count(*)::int FROM outbox_events WHERE relayed_at IS NULL) AS unrelayed`,
    );
    expect(counts).toEqual({
      responses: forms.length,
      answered_forms: forms.length,
      completed_events: sessions.length,
      completed_sessions: sessions.length,
      composed_events: sessions.length,
      composed_sessions: sessions.length,
      released: sessions.length,
      unrelayed: 0,
    });

    // both replicas of each took work
    const workerJobs = await Promise.all(stack.workers.map(async (worker) => completedJobs(await worker.metrics())));
    expect(workerJobs.every((jobs) => jobs > 0)).toBe(true);

    recordFigures('7-replicas', {
      sessions: sessions.length,
      forms: forms.length,
      completeCalls: completions.flat().length,
      submitCalls: submissions.flat().length,
      conflicts: outcomes.length,
      deliveries: ledger.deliveries,
      captured: ledger.captured,
      repeats: ledger.repeats,
      jobsPerWorker: workerJobs,
      secondsToComplete: seconds(completedAt - started),
      secondsToInvite: seconds(invitedAt - completedAt),
      secondsToCompose: seconds(composedAt - invitedAt),
    });
  });
});
