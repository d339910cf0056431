import { verifyLinkToken } from '@closer/domain';
import { QueueName } from '@closer/queue';

import { JobProducer } from '../apps/worker/src/queue/job-producer';
import { sleep, WorkerFlow } from './support/worker-flow';

/** One "hour" of the organization's settings: deadline 6 h = 3 s, reminders at 2 h and 4 h, escalation at 5 h. */
const HOUR = 500;

interface FormRow {
  id: string;
  email: string;
  status: string;
  sent_at: Date | null;
  reminders_sent: number;
  link_version: number;
  last_error: string | null;
}

describe('worker: forms, reminders, escalation and the composed answer', () => {
  let flow: WorkerFlow;
  let role: { id: string; criteria: { id: string }[] };
  const flakyAttempts = new Map<string, number>();

  beforeAll(async () => {
    flow = await WorkerFlow.start({
      hourMs: HOUR,
      smtp: {
        refuseRecipient: (address) => {
          if (address.startsWith('refuse')) return { code: 550, message: 'Mailbox unavailable' };
          if (!address.startsWith('flaky')) return null;
          const attempts = (flakyAttempts.get(address) ?? 0) + 1;
          flakyAttempts.set(address, attempts);
          return attempts <= 2 ? { code: 421, message: 'Try again later' } : null;
        },
      },
    });
    await flow.configureOrganization({ feedbackDeadlineHours: 6, reminderHours: [2, 4], minResponsesForAnswer: 2 });
    role = await flow.createRole('Backend engineer', ['TypeScript', 'PostgreSQL']);
  });

  afterAll(async () => {
    await flow?.close();
  });

  const formsOf = (sessionId: string) =>
    flow.query<FormRow>(
      `SELECT f.id, i.email, f.status, f.sent_at, f.reminders_sent, f.link_version, f.last_error
         FROM feedback_forms f JOIN interviewers i ON i.id = f.interviewer_id
        WHERE f.session_id = $1 ORDER BY f.created_at`,
      [sessionId],
    );
  const answerOf = async (sessionId: string) =>
    (
      await flow.query<{ id: string; status: string; composed_at: Date | null; feedback_due_at: Date; responses_count: number | null }>(
        `SELECT a.id, a.status, a.composed_at, s.feedback_due_at, a.responses_count
           FROM candidate_answers a JOIN interview_sessions s ON s.id = a.session_id WHERE a.session_id = $1`,
        [sessionId],
      )
    )[0];
  const composed = (sessionId: string, timeoutMs = 10_000) =>
    flow.until(
      'the answer to be composed',
      async () => {
        const answer = await answerOf(sessionId);
        return answer.status !== 'WAITING_FOR_FEEDBACK' && answer;
      },
      timeoutMs,
    );

  /** A candidate and a panel of new interviewers (addresses unique to the scenario). */
  async function setUp(tag: string, names: string[], prefixes: string[] = []) {
    const candidateEmail = `${tag}-candidate@example.test`;
    const candidateId = await flow.addCandidate(`${tag} Candidate`, candidateEmail);
    const interviewers: { id: string; name: string; email: string }[] = [];
    for (const [index, name] of names.entries()) {
      const email = `${prefixes[index] ?? ''}${tag}-${index + 1}@example.test`;
      interviewers.push({ id: await flow.addInterviewer(name, email), name, email });
    }
    return { candidateId, candidateEmail, interviewers };
  }

  async function portalToken(candidateEmail: string): Promise<string> {
    return flow.tokenIn(await flow.waitForMail(candidateEmail, 'portal-invite'), 'portal');
  }

  describe('a session from completion to its deadline', () => {
    let sessionId: string;
    let people: Awaited<ReturnType<typeof setUp>>;
    let completedAt: Date;
    let tokens: string[];

    it('mails the candidate their portal link and the interviewers nothing before the session ends', async () => {
      people = await setUp('main', ['Alan Turing', 'Barbara Liskov', 'Claude Shannon']);
      sessionId = await flow.schedule({
        candidateId: people.candidateId,
        roleId: role.id,
        interviewerIds: people.interviewers.map((i) => i.id),
        title: 'Final round',
      });
      // the candidate asks the closing question from their portal, before the end
      await flow.requestFitFeedback(await portalToken(people.candidateEmail), sessionId);
      await flow.settled();
      for (const interviewer of people.interviewers) expect(flow.mailsTo(interviewer.email)).toEqual([]);
      expect((await formsOf(sessionId)).map((form) => form.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    });

    it('sends exactly one form per interviewer when the session completes, each with its own working link', async () => {
      await flow.completeSession(sessionId);
      completedAt = (await flow.query<{ completed_at: Date }>('SELECT completed_at FROM interview_sessions WHERE id = $1', [sessionId]))[0]
        .completed_at;
      const mails = await Promise.all(people.interviewers.map((interviewer) => flow.waitForMail(interviewer.email, 'form-invite')));
      const forms = await formsOf(sessionId);
      tokens = mails.map((mail, index) => {
        const token = flow.tokenIn(mail, 'form');
        expect(token.length).toBeGreaterThan(40);
        expect(forms[index].email).toBe(people.interviewers[index].email);
        expect(mail.text).toContain(people.interviewers[index].name);
        return token;
      });
      tokens.forEach((token, index) =>
        expect(verifyLinkToken(flow.config.links.secret, 'form', token)).toEqual({ purpose: 'form', id: forms[index].id, version: 1 }),
      );
      // the first interviewer answers at once, with the link from the mail
      await flow.submitFeedback(tokens[0], role.criteria);
      for (const interviewer of people.interviewers) expect(flow.mailsTo(interviewer.email, 'form-invite')).toHaveLength(1);
    });

    it('reminds only the interviewers who have not answered, at the reminder offsets', async () => {
      const [alan, barbara, claude] = people.interviewers;
      const first = await flow.waitForMail(barbara.email, 'form-reminder');
      await flow.submitFeedback(tokens[1], role.criteria, 'STRONG_FIT');
      const second = await flow.waitForMail(claude.email, 'form-reminder', 10_000, 2);

      expect(flow.mailsTo(alan.email, 'form-reminder')).toEqual([]);
      expect(flow.mailsTo(barbara.email, 'form-reminder')).toEqual([first]);
      const claudes = flow.mailsTo(claude.email, 'form-reminder');
      expect(claudes).toHaveLength(2);
      expect(claudes[1]).toBe(second);

      // the count is written right after the mail is accepted
      const forms = await flow.until('the reminders to be counted', async () => {
        const rows = await formsOf(sessionId);
        return rows[2].reminders_sent === 2 && rows;
      });
      const offset = (mail: { receivedAt: Date }, form: FormRow) => mail.receivedAt.getTime() - form.sent_at!.getTime();
      expect(offset(first, forms[1])).toBeGreaterThanOrEqual(2 * HOUR - 20);
      // the first offset's reminder, not the second's (an order, not a wall-clock bound)
      expect(first.receivedAt.getTime()).toBeLessThan(claudes[1].receivedAt.getTime());
      expect(offset(claudes[0], forms[2])).toBeGreaterThanOrEqual(2 * HOUR - 20);
      expect(offset(claudes[1], forms[2])).toBeGreaterThanOrEqual(4 * HOUR - 20);
      // the reminder carries the invitation's link
      expect(flow.tokenIn(claudes[1], 'form')).toBe(tokens[2]);
      // answered or not (the unanswered form may already have expired: its deadline is an hour on)
      expect(forms.map((form) => [form.status === 'SUBMITTED', form.reminders_sent])).toEqual([
        [true, 0],
        [true, 1],
        [false, 2],
      ]);
    });

    it('escalates once to the recruiter who scheduled the session, naming only the overdue interviewer', async () => {
      const mail = await flow.waitForMail(flow.recruiterEmail, 'escalation');
      expect(mail.receivedAt.getTime() - completedAt.getTime()).toBeGreaterThanOrEqual(5 * HOUR - 20);
      expect(mail.subject).toBe('Feedback overdue: 1 of 3 interviewers for main Candidate');
      expect(mail.text).toContain(`Claude Shannon <${people.interviewers[2].email}>`);
      expect(mail.text).not.toContain('Alan Turing');
      expect(mail.text).not.toContain('Barbara Liskov');
    });

    it('expires the unanswered form and composes the answer at the deadline', async () => {
      const answer = await composed(sessionId);
      expect(answer.composed_at!.getTime()).toBeGreaterThanOrEqual(answer.feedback_due_at.getTime());
      expect(answer).toMatchObject({ status: 'RELEASED', responses_count: 2 });
      expect((await formsOf(sessionId)).map((form) => form.status)).toEqual(['SUBMITTED', 'SUBMITTED', 'EXPIRED']);
    });

    it('tells the candidate who asked that their answer is ready, exactly once, without naming an interviewer', async () => {
      const mail = await flow.waitForMail(people.candidateEmail, 'answer-ready');
      expect(mail.subject).toBe('Your answer from acme is ready');
      flow.tokenIn(mail, 'portal');
      for (const interviewer of people.interviewers) {
        expect(mail.text).not.toContain(interviewer.name);
        expect(mail.html).not.toContain(interviewer.name);
      }
      await flow.settled(); // more sweeps, and any straggling job sent
      expect(flow.mailsTo(people.candidateEmail, 'answer-ready')).toHaveLength(1);
      expect(flow.mailsTo(flow.recruiterEmail, 'escalation').filter((m) => m.text.includes('Claude Shannon'))).toHaveLength(1);
      expect(flow.mailsTo(people.interviewers[2].email, 'form-reminder')).toHaveLength(2);
      const portal = await flow.anonymous<{ candidatePortal: { sessions: { sessionId: string; answer: { fitBand: string } | null }[] } }>(
        'query($token: String!) { candidatePortal(token: $token) { sessions { sessionId answer { fitBand } } } }',
        { token: flow.tokenIn(mail, 'portal') },
      );
      expect(portal.candidatePortal.sessions).toEqual([{ sessionId, answer: { fitBand: 'GOOD_FIT' } }]);
    });
  });

  it('withholds the answer when fewer than the minimum responded, and mails the candidate nothing', async () => {
    const people = await setUp('thin', ['Dana Scott', 'Edsger Dijkstra']);
    const sessionId = await flow.schedule({
      candidateId: people.candidateId,
      roleId: role.id,
      interviewerIds: people.interviewers.map((i) => i.id),
      title: 'Second round',
    });
    await flow.requestFitFeedback(await portalToken(people.candidateEmail), sessionId);
    await flow.completeSession(sessionId);
    const invite = await flow.waitForMail(people.interviewers[0].email, 'form-invite');
    await flow.submitFeedback(flow.tokenIn(invite, 'form'), role.criteria);

    const answer = await composed(sessionId);
    expect(answer).toMatchObject({ status: 'WITHHELD', responses_count: 1 });
    expect(answer.composed_at!.getTime()).toBeGreaterThanOrEqual(answer.feedback_due_at.getTime());
    expect((await formsOf(sessionId)).map((form) => form.status)).toEqual(['SUBMITTED', 'EXPIRED']);
    await flow.settled();
    expect(flow.mailsTo(people.candidateEmail, 'answer-ready')).toEqual([]);
  });

  it('mails a candidate who asks after the release at once, exactly once, and nothing before they ask', async () => {
    const people = await setUp('later', ['Frances Allen', 'Grace Hopper']);
    const sessionId = await flow.schedule({
      candidateId: people.candidateId,
      roleId: role.id,
      interviewerIds: people.interviewers.map((i) => i.id),
      title: 'Pairing',
    });
    const portal = await portalToken(people.candidateEmail);
    await flow.completeSession(sessionId);
    for (const interviewer of people.interviewers) {
      await flow.submitFeedback(flow.tokenIn(await flow.waitForMail(interviewer.email, 'form-invite'), 'form'), role.criteria);
    }
    // the last submission composed and released the answer in the candidate service
    expect((await answerOf(sessionId)).status).toBe('RELEASED');
    await flow.until('the release to be relayed', async () => {
      const [row] = await flow.query<{ relayed: boolean }>(
        `SELECT relayed_at IS NOT NULL AS relayed FROM outbox_events WHERE type = 'answer.released' AND payload->>'sessionId' = $1`,
        [sessionId],
      );
      return row?.relayed;
    });
    await flow.settled();
    expect(flow.mailsTo(people.candidateEmail, 'answer-ready')).toEqual([]);

    await flow.requestFitFeedback(portal, sessionId);
    await flow.waitForMail(people.candidateEmail, 'answer-ready', 5_000);
    await flow.requestFitFeedback(portal, sessionId); // asking again changes nothing
    await flow.settled();
    expect(flow.mailsTo(people.candidateEmail, 'answer-ready')).toHaveLength(1);
    // the interviewers answered: no reminders for them
    for (const interviewer of people.interviewers) expect(flow.mailsTo(interviewer.email, 'form-reminder')).toEqual([]);
  });

  it('marks a form refused with SMTP 550 FAILED with the reason, never retries it, and composes without it', async () => {
    const people = await setUp('bounce', ['Ivan Sutherland', 'Jean Sammet'], ['refuse-']);
    const [refused, other] = people.interviewers;
    const sessionId = await flow.schedule({
      candidateId: people.candidateId,
      roleId: role.id,
      interviewerIds: people.interviewers.map((i) => i.id),
      title: 'Systems',
    });
    await flow.completeSession(sessionId);
    await flow.submitFeedback(flow.tokenIn(await flow.waitForMail(other.email, 'form-invite'), 'form'), role.criteria);

    const answer = await composed(sessionId, 5_000);
    expect(answer.composed_at!.getTime()).toBeLessThan(answer.feedback_due_at.getTime());
    expect(answer.status).toBe('WITHHELD');
    const session = await flow.recruiter<{ session: { forms: { status: string; lastError: string | null }[] } }>(
      'query($id: ID!) { session(id: $id) { forms { status lastError } } }',
      { id: sessionId },
    );
    expect(session.session.forms[0]).toEqual({ status: 'FAILED', lastError: expect.stringContaining('SMTP 550') });
    await sleep(2 * HOUR); // past the first reminder's time
    await flow.settled();
    expect(flow.smtp.refusals.filter((refusal) => refusal.address === refused.email)).toHaveLength(1);
    expect(flow.mailsTo(refused.email)).toEqual([]);
  });

  it('delivers once after SMTP answered 421 twice', async () => {
    const people = await setUp('retry', ['Kathleen Booth'], ['flaky-']);
    const sessionId = await flow.schedule({
      candidateId: people.candidateId,
      roleId: role.id,
      interviewerIds: [people.interviewers[0].id],
      title: 'Retry',
    });
    await flow.completeSession(sessionId);
    const mail = await flow.waitForMail(people.interviewers[0].email, 'form-invite', 15_000);
    expect(flow.tokenIn(mail, 'form').length).toBeGreaterThan(40);
    expect(flakyAttempts.get(people.interviewers[0].email)).toBe(3);
    const form = await flow.until('the form to be marked sent', async () => {
      const [row] = await formsOf(sessionId);
      return row.status === 'SENT' && row;
    });
    await flow.settled();
    expect(flow.mailsTo(people.interviewers[0].email, 'form-invite')).toHaveLength(1);
    expect(await flow.query('SELECT status FROM email_deliveries WHERE idempotency_key = $1', [`form-invite:${form.id}:1`])).toEqual([
      { status: 'SENT' },
    ]);
  });

  it('re-sends a form with a new link whose reminders count from the new invitation', async () => {
    const people = await setUp('resend', ['Leslie Lamport']);
    const [leslie] = people.interviewers;
    const sessionId = await flow.schedule({
      candidateId: people.candidateId,
      roleId: role.id,
      interviewerIds: [leslie.id],
      title: 'Design',
    });
    await flow.completeSession(sessionId);
    const first = await flow.waitForMail(leslie.email, 'form-invite');
    await sleep(HOUR);
    const [form] = await formsOf(sessionId);
    await flow.recruiter('mutation($id: ID!) { resendFeedbackForm(formId: $id) { id } }', { id: form.id });
    const second = await flow.waitForMail(leslie.email, 'form-invite', 5_000, 2);
    expect(verifyLinkToken(flow.config.links.secret, 'form', flow.tokenIn(first, 'form'))?.version).toBe(1);
    expect(verifyLinkToken(flow.config.links.secret, 'form', flow.tokenIn(second, 'form'))).toEqual({
      purpose: 'form',
      id: form.id,
      version: 2,
    });

    const reminder = await flow.waitForMail(leslie.email, 'form-reminder', 5_000);
    const [resent] = await formsOf(sessionId);
    expect(resent.link_version).toBe(2);
    expect(flow.tokenIn(reminder, 'form')).toBe(flow.tokenIn(second, 'form'));
    expect(reminder.receivedAt.getTime() - resent.sent_at!.getTime()).toBeGreaterThanOrEqual(2 * HOUR - 20);
    expect(flow.mailsTo(leslie.email, 'form-reminder')).toHaveLength(1);
  });

  it("sends nothing more about an erased candidate's session: its queued reminders and escalation are removed", async () => {
    const people = await setUp('erase', ['Margaret Hamilton']);
    const [margaret] = people.interviewers;
    const sessionId = await flow.schedule({
      candidateId: people.candidateId,
      roleId: role.id,
      interviewerIds: [margaret.id],
      title: 'Culture',
    });
    await flow.completeSession(sessionId);
    await flow.waitForMail(margaret.email, 'form-invite');
    const [form] = await formsOf(sessionId);
    const queue = flow.workers[0].app.get(JobProducer).queue(QueueName.Mail);
    const queued = async (id: string) => (await queue.getJob(id)) !== undefined;
    await flow.until('the reminders to be queued', () => queued(`reminder-${form.id}-1-0`));
    expect(await queued(`escalation-${sessionId}`)).toBe(true);

    await flow.recruiter('mutation($id: ID!) { eraseCandidate(id: $id) }', { id: people.candidateId });
    // the purge removes the jobs one by one: wait until none of the three is left (or time out)
    const purgeable = [`reminder-${form.id}-1-0`, `reminder-${form.id}-1-1`, `escalation-${sessionId}`];
    await flow.until('the queued reminders and escalation to be purged', async () => {
      for (const id of purgeable) if (await queued(id)) return false;
      return true;
    });

    await sleep(5 * HOUR); // past both reminder times and the escalation time
    await flow.settled();
    expect(flow.mailsTo(margaret.email, 'form-reminder')).toEqual([]);
    expect(flow.mailsTo(flow.recruiterEmail, 'escalation').filter((mail) => mail.text.includes('Margaret Hamilton'))).toEqual([]);
  });

  it('reports queue depths, job durations and failures, and is healthy', async () => {
    const base = `http://127.0.0.1:${flow.workers[0].opsPort}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up', queues: 'up' } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^closer_queue_jobs\{queue="mail",state="delayed",app="worker"\} \d+$/m);
    expect(metrics).toMatch(
      /^closer_job_duration_seconds_count\{[^}]*queue="mail",name="send-form-reminder",outcome="completed"[^}]*\} [1-9]/m,
    );
    expect(metrics).toMatch(/^closer_job_failures_total\{queue="mail",name="send-form-invite",final="true",app="worker"\} [1-9]/m);
    expect(metrics).toMatch(/^closer_mails_total\{kind="escalation",outcome="sent",app="worker"\} [1-9]/m);
  });
});
