import { kindOf, WorkerFlow } from './support/worker-flow';

const HOUR = 500;

/**
 * Two workers on one database and one queue prefix, as two replicas would run: every mail still
 * goes out exactly once, and a session nobody completes is completed by the sweeper at its end.
 */
describe('two workers at once', () => {
  let flow: WorkerFlow;

  beforeAll(async () => {
    flow = await WorkerFlow.start({ hourMs: HOUR, workers: 2 });
    // 12 "hours" (6 s) leaves room to answer two forms on a loaded machine before they expire
    await flow.configureOrganization({ feedbackDeadlineHours: 12, reminderHours: [2, 4], minResponsesForAnswer: 2 });
  });

  afterAll(async () => {
    await flow?.close();
  });

  it('send every mail exactly once through the whole flow, including a session completed by the sweeper', async () => {
    const role = await flow.createRole('Data engineer', ['SQL', 'Kafka']);
    const panel = async (tag: string, size: number) => {
      const ids: string[] = [];
      for (let index = 1; index <= size; index++)
        ids.push(await flow.addInterviewer(`${tag} Interviewer ${index}`, `${tag}-${index}@example.test`));
      return ids;
    };
    const askingId = await flow.addCandidate('Asking Candidate', 'asking@example.test');
    const sweptId = await flow.addCandidate('Swept Candidate', 'swept@example.test');
    const completed = await flow.schedule({
      candidateId: askingId,
      roleId: role.id,
      interviewerIds: await panel('api', 3),
      title: 'Onsite',
    });
    const swept = await flow.schedule({
      candidateId: sweptId,
      roleId: role.id,
      interviewerIds: await panel('swept', 2),
      title: 'Phone screen',
      endsInMs: 1_500,
    });
    const [{ ends_at: sweptEndsAt }] = await flow.query<{ ends_at: Date }>('SELECT ends_at FROM interview_sessions WHERE id = $1', [swept]);

    const portal = flow.tokenIn(await flow.waitForMail('asking@example.test', 'portal-invite'), 'portal');
    await flow.requestFitFeedback(portal, completed);
    await flow.completeSession(completed);
    for (const index of [1, 2]) {
      await flow.submitFeedback(flow.tokenIn(await flow.waitForMail(`api-${index}@example.test`, 'form-invite'), 'form'), role.criteria);
    }

    // nobody completes the second session: the sweeper does, at its end, and its forms go out
    const sweptInvite = await flow.waitForMail('swept-1@example.test', 'form-invite', 10_000);
    expect(sweptInvite.receivedAt.getTime()).toBeGreaterThanOrEqual(sweptEndsAt.getTime());
    const [sweptSession] = await flow.query<{ status: string; after_end: boolean; due_ms: number }>(
      `SELECT status, completed_at >= ends_at AS after_end, (extract(epoch FROM feedback_due_at - completed_at) * 1000)::float8 AS due_ms
         FROM interview_sessions WHERE id = $1`,
      [swept],
    );
    expect(sweptSession).toEqual({ status: 'COMPLETED', after_end: true, due_ms: 12 * HOUR });

    for (const sessionId of [completed, swept]) {
      await flow.until(
        'the answer at the deadline',
        async () =>
          (await flow.query<{ status: string }>('SELECT status FROM candidate_answers WHERE session_id = $1', [sessionId]))[0].status !==
          'WAITING_FOR_FEEDBACK',
        15_000,
      );
    }
    await flow.waitForMail('asking@example.test', 'answer-ready');
    await flow.settled(); // a couple of sweeps, and stragglers from either worker sent

    const count = (to: string, kind: string) => flow.smtp.mails.filter((mail) => mail.to.includes(to) && kindOf(mail) === kind).length;
    expect({
      invites: ['api-1', 'api-2', 'api-3', 'swept-1', 'swept-2'].map((tag) => count(`${tag}@example.test`, 'form-invite')),
      reminders: ['api-1', 'api-2', 'api-3', 'swept-1', 'swept-2'].map((tag) => count(`${tag}@example.test`, 'form-reminder')),
      escalations: count(flow.recruiterEmail, 'escalation'),
      answers: [count('asking@example.test', 'answer-ready'), count('swept@example.test', 'answer-ready')],
      portalInvites: [count('asking@example.test', 'portal-invite'), count('swept@example.test', 'portal-invite')],
    }).toEqual({
      invites: [1, 1, 1, 1, 1],
      reminders: [0, 0, 2, 2, 2],
      escalations: 2,
      answers: [1, 0],
      portalInvites: [1, 1],
    });
    const messageIds = flow.smtp.mails.map((mail) => mail.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    const [{ deliveries }] = await flow.query<{ deliveries: number }>(
      `SELECT count(*)::int AS deliveries FROM email_deliveries WHERE status = 'SENT'`,
    );
    expect(deliveries).toBe(messageIds.length);

    // both replicas took work
    for (const worker of flow.workers) {
      const metrics = await (await fetch(`http://127.0.0.1:${worker.opsPort}/metrics`)).text();
      const jobs = [...metrics.matchAll(/^closer_job_duration_seconds_count\{[^}]*outcome="completed"[^}]*\} (\d+)$/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
      expect(jobs).toBeGreaterThan(0);
    }
  });
});
