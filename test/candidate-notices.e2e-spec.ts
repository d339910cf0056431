import { JobName, QueueName } from '@closer/queue';

import { JobProducer } from '../apps/worker/src/queue/job-producer';
import { kindOf, sleep, WorkerFlow } from './support/worker-flow';

/** One "hour" of the organization's settings: deadline 6 h = 3 s, reminders at 2 h and 4 h. */
const HOUR = 500;

/** Mails a candidate hears about one session by: its cancellation, and a withheld answer's note. */
describe('worker: mails that tell the candidate what became of their session', () => {
  let flow: WorkerFlow;
  let role: { id: string; criteria: { id: string }[] };

  beforeAll(async () => {
    flow = await WorkerFlow.start({ hourMs: HOUR });
    await flow.configureOrganization({ feedbackDeadlineHours: 6, reminderHours: [2, 4], minResponsesForAnswer: 2 });
    await flow.recruiter('mutation { updateOrganization(input: { name: "Acme Talent" }) { name } }');
    role = await flow.createRole('Backend engineer', ['TypeScript', 'PostgreSQL']);
  });

  afterAll(async () => {
    await flow?.close();
  });

  async function setUp(tag: string) {
    const candidateEmail = `${tag}-candidate@example.test`;
    const candidateId = await flow.addCandidate(`${tag} Candidate`, candidateEmail);
    const interviewers = [`${tag}-1@example.test`, `${tag}-2@example.test`];
    const ids = [await flow.addInterviewer('Ada Lovelace', interviewers[0]), await flow.addInterviewer('Alan Turing', interviewers[1])];
    return { candidateId, candidateEmail, interviewers, ids };
  }

  it('cancelling mails the candidate once, in the organization’s name, and no form, reminder or other mail goes out after', async () => {
    const people = await setUp('cancel');
    // a session that started an hour ago and ends in 3 s: left alone, the sweeper would complete it
    // and mail the forms, then the reminders
    const scheduledAt = Date.now();
    const sessionId = await flow.schedule({
      candidateId: people.candidateId,
      roleId: role.id,
      interviewerIds: people.ids,
      title: 'Onsite',
      endsInMs: 3_000,
    });

    const cancel = 'mutation($id: ID!) { cancelSession(id: $id) { id status } }';
    await flow.recruiter(cancel, { id: sessionId });
    await flow.recruiter(cancel, { id: sessionId });
    const forms = await flow.query<{ id: string; organization_id: string }>(
      'SELECT id, organization_id FROM feedback_forms WHERE session_id = $1',
      [sessionId],
    );
    // jobs already queued for the forms (a fan-out or reminder that raced the cancellation) find it and send nothing
    await flow.workers[0].app.get(JobProducer).add(
      forms.flatMap((form) => [
        {
          id: `form-invite-${form.id}-1`,
          job: { name: JobName.SendFormInvite, data: { organizationId: form.organization_id, formId: form.id, linkVersion: 1 } },
        },
        {
          id: `reminder-${form.id}-1-0`,
          job: {
            name: JobName.SendFormReminder,
            data: { organizationId: form.organization_id, formId: form.id, linkVersion: 1, index: 0 },
          },
        },
      ]),
    );

    const mail = await flow.smtp.waitFor((m) => m.to.includes(people.candidateEmail) && m.subject.includes('is cancelled'), 10_000);
    expect(mail.subject).toMatch(/^Your interview with Acme Talent on .+ is cancelled$/);
    expect(mail.text).toContain('Hello cancel Candidate,');
    expect(mail.text).toContain('for the Backend engineer role with Acme Talent');
    // the organization's display name, never its slug ("acme")
    expect(mail.text.replaceAll('Acme Talent', '')).not.toMatch(/acme/i);
    // past the end, every reminder offset and the deadline it would have had
    await sleep(scheduledAt + 3_000 + 6 * HOUR + 1_500 - Date.now());
    await flow.waitForMail(people.candidateEmail, 'portal-invite');

    const toCandidate = flow.mailsTo(people.candidateEmail).map((m) => (m.subject.includes('is cancelled') ? 'cancelled' : kindOf(m)));
    expect(toCandidate.sort()).toEqual(['cancelled', 'portal-invite']);
    for (const address of people.interviewers) expect(flow.mailsTo(address)).toEqual([]);
    expect(
      await flow.query(`SELECT kind, status, idempotency_key FROM email_deliveries WHERE idempotency_key LIKE 'session-cancelled:%'`),
    ).toEqual([{ kind: 'session-cancelled', status: 'SENT', idempotency_key: `session-cancelled:${sessionId}` }]);
    expect(
      await flow.query<{ status: string; sent_at: Date | null; reminders_sent: number }>(
        'SELECT status, sent_at, reminders_sent FROM feedback_forms WHERE session_id = $1',
        [sessionId],
      ),
    ).toEqual([
      { status: 'EXPIRED', sent_at: null, reminders_sent: 0 },
      { status: 'EXPIRED', sent_at: null, reminders_sent: 0 },
    ]);
    const [session] = await flow.query<{ status: string }>('SELECT status FROM interview_sessions WHERE id = $1', [sessionId]);
    expect(session.status).toBe('CANCELLED');
    const mailQueue = flow.workers[0].app.get(JobProducer).queue(QueueName.Mail);
    expect(await mailQueue.getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 0, active: 0 });
  }, 60_000);

  it('tells the candidate of a withheld answer once that not enough feedback could be gathered, and the portal says so', async () => {
    const people = await setUp('thin');
    const sessionId = await flow.schedule({
      candidateId: people.candidateId,
      roleId: role.id,
      interviewerIds: people.ids,
      title: 'Onsite',
    });
    const portalToken = flow.tokenIn(await flow.waitForMail(people.candidateEmail, 'portal-invite'), 'portal');
    await flow.completeSession(sessionId);
    for (const address of people.interviewers) {
      const token = flow.tokenIn(await flow.waitForMail(address, 'form-invite'), 'form');
      await flow.anonymous('mutation($token: String!) { declineFeedbackForm(token: $token, reason: "Did not attend") { status } }', {
        token,
      });
    }
    const [answer] = await flow.query<{ id: string; status: string }>('SELECT id, status FROM candidate_answers WHERE session_id = $1', [
      sessionId,
    ]);
    expect(answer.status).toBe('WITHHELD');
    const portal = async () =>
      (
        await flow.anonymous<{ candidatePortal: { sessions: { sessionId: string; answerUnavailable: boolean; answer: unknown }[] } }>(
          'query($token: String!) { candidatePortal(token: $token) { sessions { sessionId answerUnavailable answer { fitBand } } } }',
          { token: portalToken },
        )
      ).candidatePortal.sessions.find((view) => view.sessionId === sessionId);
    expect(await portal()).toEqual({ sessionId, answerUnavailable: true, answer: null });

    const notify = 'mutation($id: ID!) { notifyCandidateNoAnswer(id: $id) { candidateNotifiedAt } }';
    await flow.recruiter(notify, { id: answer.id });
    await flow.recruiter(notify, { id: answer.id });

    const note = await flow.smtp.waitFor(
      (m) => m.to.includes(people.candidateEmail) && m.subject === 'About your interview with Acme Talent',
    );
    expect(note.text).toContain('we could not gather enough feedback from the panel');
    // no interviewer is named to the candidate
    expect(note.text).not.toMatch(/Ada Lovelace|Alan Turing/);
    await sleep(1_500);
    expect(flow.mailsTo(people.candidateEmail).filter((m) => m.subject.startsWith('About your interview'))).toHaveLength(1);
    expect(await flow.query(`SELECT kind, idempotency_key FROM email_deliveries WHERE idempotency_key LIKE 'no-answer-note:%'`)).toEqual([
      { kind: 'no-answer-note', idempotency_key: `no-answer-note:${answer.id}` },
    ]);
  }, 60_000);
});
