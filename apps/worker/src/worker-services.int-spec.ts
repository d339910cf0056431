import { verifyLinkToken } from '@closer/domain';
import { JobName, QueueName } from '@closer/queue';
import { Client } from 'pg';

import { WorkerServicesHarness } from '../test/services.harness';
import { CandidatePurgeService } from './feedback/candidate-purge.service';
import { SessionSettlement } from './feedback/session-settlement.service';
import { AnswerReadyHandler } from './mail/handlers/answer-ready.handler';
import { EscalationHandler } from './mail/handlers/escalation.handler';
import { FormInviteHandler } from './mail/handlers/form-invite.handler';
import { FormReminderHandler } from './mail/handlers/form-reminder.handler';
import { PermanentMailError } from './mail/mail-sender.service';
import { NotYetDueError } from './queue/not-yet-due.error';

const HOUR = 1_000;

let h: WorkerServicesHarness;

beforeAll(async () => {
  h = await WorkerServicesHarness.start({
    hourMs: HOUR,
    smtp: { refuseRecipient: (address) => (address.startsWith('refuse') ? { code: 550, message: 'No such mailbox' } : null) },
  });
});

afterAll(async () => {
  await h?.close();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const mailsTo = (address: string) => h.smtp.mails.filter((mail) => mail.to.includes(address));
const formRow = async (formId: string) =>
  (
    await h.query<{ status: string; reminders_sent: number; last_error: string | null }>(
      'SELECT status, reminders_sent, last_error FROM feedback_forms WHERE id = $1',
      [formId],
    )
  )[0];
const answerOf = async (sessionId: string) =>
  (await h.query<{ id: string; status: string }>('SELECT id, status FROM candidate_answers WHERE session_id = $1', [sessionId]))[0];

describe(FormReminderHandler.name, () => {
  it('reminds with the invitation link and due date, and counts the reminder once however often the job runs', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 4] });
    const session = await h.session(org, { completedHoursAgo: 2.5, forms: ['OPENED'], asked: true });
    const payload = { organizationId: org.organizationId, formId: session.formIds[0], linkVersion: 1, index: 0 };

    await expect(h.reminders.handleSendFormReminder(payload)).resolves.toBe('sent');
    await expect(h.reminders.handleSendFormReminder(payload)).resolves.toBe('already-sent');

    const mails = mailsTo(session.interviewers[0].email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Reminder: your feedback on Ada Lovelace (Backend engineer)');
    expect(mails[0].text).toContain('Ada Lovelace asked how well they fit the profile');
    expect(mails[0].text).toMatch(/The form closes on \w{3}, \d\d \w{3} \d{4} \d\d:\d\d UTC\./);
    const token = mails[0].links[0].split('/f/')[1];
    expect(verifyLinkToken(h.config.links.secret, 'form', token)).toEqual({ purpose: 'form', id: session.formIds[0], version: 1 });
    expect(await formRow(session.formIds[0])).toMatchObject({ status: 'OPENED', reminders_sent: 1 });
  });

  it('sends nothing once the form is answered, re-sent, expired, or the candidate erased', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 4] });
    const answered = await h.session(org, { completedHoursAgo: 2.5, forms: ['SUBMITTED', 'DECLINED', 'FAILED'] });
    for (const formId of answered.formIds) {
      await expect(
        h.reminders.handleSendFormReminder({ organizationId: org.organizationId, formId, linkVersion: 1, index: 0 }),
      ).resolves.toBe('answered');
    }
    const resent = await h.session(org, { completedHoursAgo: 2.5, forms: ['SENT'] });
    await h.query('UPDATE feedback_forms SET link_version = 2 WHERE id = $1', [resent.formIds[0]]);
    await expect(
      h.reminders.handleSendFormReminder({ organizationId: org.organizationId, formId: resent.formIds[0], linkVersion: 1, index: 0 }),
    ).resolves.toBe('superseded');
    const erased = await h.session(org, { completedHoursAgo: 2.5, forms: ['SENT'] });
    await h.query('UPDATE candidates SET erased_at = now() WHERE id = $1', [erased.candidateId]);
    await expect(
      h.reminders.handleSendFormReminder({ organizationId: org.organizationId, formId: erased.formIds[0], linkVersion: 1, index: 0 }),
    ).resolves.toBe('not-open');
    const otherOrg = await h.organization();
    await expect(
      h.reminders.handleSendFormReminder({
        organizationId: otherOrg.organizationId,
        formId: answered.formIds[0],
        linkVersion: 1,
        index: 0,
      }),
    ).resolves.toBe('not-open');
    for (const session of [answered, resent, erased]) {
      for (const interviewer of session.interviewers) expect(mailsTo(interviewer.email)).toEqual([]);
    }
  });

  it('waits when it runs early, and gives way to a later reminder that is due already', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 4] });
    const early = await h.session(org, { completedHoursAgo: 1, forms: ['SENT'] });
    const error = await h.reminders
      .handleSendFormReminder({ organizationId: org.organizationId, formId: early.formIds[0], linkVersion: 1, index: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotYetDueError);
    expect((error as NotYetDueError).dueAt.getTime()).toBeGreaterThan(Date.now() + 0.5 * HOUR);

    const late = await h.session(org, { completedHoursAgo: 4.5, forms: ['SENT'] });
    await expect(
      h.reminders.handleSendFormReminder({ organizationId: org.organizationId, formId: late.formIds[0], linkVersion: 1, index: 0 }),
    ).resolves.toBe('overtaken');
    await expect(
      h.reminders.handleSendFormReminder({ organizationId: org.organizationId, formId: late.formIds[0], linkVersion: 1, index: 1 }),
    ).resolves.toBe('sent');
    expect(mailsTo(late.interviewers[0].email)).toHaveLength(1);
    expect(await formRow(late.formIds[0])).toMatchObject({ reminders_sent: 1 });
  });

  it('skips a reminder hour at or after the deadline', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 6] });
    const session = await h.session(org, { completedHoursAgo: 5, forms: ['SENT'] });
    await expect(
      h.reminders.handleSendFormReminder({ organizationId: org.organizationId, formId: session.formIds[0], linkVersion: 1, index: 1 }),
    ).resolves.toBe('not-scheduled');
  });
});

describe(FormInviteHandler.name, () => {
  it('queues the reminders of a sent form at their offsets from sent_at', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 4] });
    const session = await h.session(org, { completedHoursAgo: 0, forms: ['PENDING'] });
    const formId = session.formIds[0];
    await expect(h.formInvites.handleSendFormInvite({ organizationId: org.organizationId, formId, linkVersion: 1 })).resolves.toBe('sent');
    const [form] = await h.query<{ status: string; sent_at: Date }>('SELECT status, sent_at FROM feedback_forms WHERE id = $1', [formId]);
    expect(form.status).toBe('SENT');
    for (const [index, hours] of [2, 4].entries()) {
      const job = await h.producer.queue(QueueName.Mail).getJob(`reminder-${formId}-1-${index}`);
      expect(job?.name).toBe(JobName.SendFormReminder);
      expect(job?.data).toEqual({ organizationId: org.organizationId, formId, linkVersion: 1, index });
      expect(Math.abs(job!.timestamp + job!.delay - (form.sent_at.getTime() + hours * HOUR))).toBeLessThan(100);
    }
  });

  it('queues the reminders again, at the same times and without a second mail, when the job repeats after a crash', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 4] });
    const session = await h.session(org, { completedHoursAgo: 0, forms: ['PENDING'] });
    const formId = session.formIds[0];
    const payload = { organizationId: org.organizationId, formId, linkVersion: 1 };
    await expect(h.formInvites.handleSendFormInvite(payload)).resolves.toBe('sent');
    const reminder = (index: number) => h.producer.queue(QueueName.Mail).getJob(`reminder-${formId}-1-${index}`);
    const dueAt = async (index: number) => {
      const job = await reminder(index);
      return job!.timestamp + job!.delay;
    };
    const firstTimes = [await dueAt(0), await dueAt(1)];
    // the worker died after the mail and the status update, before queueing the reminders
    for (const index of [0, 1]) await (await reminder(index))!.remove();

    await expect(h.formInvites.handleSendFormInvite(payload)).resolves.toBe('already-sent');
    expect(mailsTo(session.interviewers[0].email)).toHaveLength(1);
    // counted from the sent_at the first attempt stored, not from the repeat
    for (const [index, first] of firstTimes.entries()) expect(Math.abs((await dueAt(index)) - first)).toBeLessThan(100);
  });

  it('records the delivery row with the form it sent, and marks a form sent whose delivery row an earlier attempt left alone', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2] });
    const session = await h.session(org, { completedHoursAgo: 0, forms: ['PENDING', 'PENDING'] });
    const [sentNow, recordedBefore] = session.formIds;
    await expect(h.formInvites.handleSendFormInvite({ organizationId: org.organizationId, formId: sentNow, linkVersion: 1 })).resolves.toBe(
      'sent',
    );
    expect(
      await h.query('SELECT status, recipient FROM email_deliveries WHERE idempotency_key = $1', [`form-invite:${sentNow}:1`]),
    ).toEqual([{ status: 'SENT', recipient: session.interviewers[0].email }]);
    expect(await formRow(sentNow)).toMatchObject({ status: 'SENT' });

    // a delivery row without the form's update (written apart, as before they went in one statement)
    await h.query(
      `INSERT INTO email_deliveries (organization_id, idempotency_key, kind, recipient, message_id, status)
       VALUES ($1, $2, 'form-invite', $3, '<m@closer.local>', 'SENT')`,
      [org.organizationId, `form-invite:${recordedBefore}:1`, session.interviewers[1].email],
    );
    const payload = { organizationId: org.organizationId, formId: recordedBefore, linkVersion: 1 };
    await expect(h.formInvites.handleSendFormInvite(payload)).resolves.toBe('already-sent');
    expect(mailsTo(session.interviewers[1].email)).toHaveLength(0);
    expect(await formRow(recordedBefore)).toMatchObject({ status: 'SENT' });
    expect(await h.producer.queue(QueueName.Mail).getJob(`reminder-${recordedBefore}-1-0`)).toBeDefined();
  });

  it('marks a form refused with 550 FAILED with the reason, and composes when it was the last open form', async () => {
    const org = await h.organization({ deadline: 6, minResponses: 1 });
    const session = await h.session(org, { completedHoursAgo: 0, forms: ['SUBMITTED', 'PENDING'], responses: [0] });
    await h.query(`UPDATE interviewers SET email = 'refuse-' || email WHERE id = $1`, [session.interviewers[1].id]);
    const payload = { organizationId: org.organizationId, formId: session.formIds[1], linkVersion: 1 };

    await expect(h.formInvites.handleSendFormInvite(payload)).rejects.toBeInstanceOf(PermanentMailError);
    expect(await formRow(session.formIds[1])).toMatchObject({ status: 'FAILED', last_error: expect.stringContaining('SMTP 550') });
    expect((await answerOf(session.sessionId)).status).toBe('RELEASED');
    // a repeat neither talks to the server again nor changes anything
    await expect(h.formInvites.handleSendFormInvite(payload)).resolves.toBe('not-open');
    expect(h.smtp.refusals.filter((refusal) => refusal.address === `refuse-${session.interviewers[1].email}`)).toHaveLength(1);
  });
});

describe(EscalationHandler.name, () => {
  it('mails the recruiter once, naming only the interviewers still unanswered', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 4] });
    const session = await h.session(org, { completedHoursAgo: 5.5, forms: ['SUBMITTED', 'SENT', 'OPENED', 'DECLINED'] });
    const payload = { organizationId: org.organizationId, sessionId: session.sessionId };
    await expect(h.escalations.handleSendEscalation(payload)).resolves.toBe('sent');
    await expect(h.escalations.handleSendEscalation(payload)).resolves.toBe('already-sent');
    const mails = mailsTo(org.userEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Feedback overdue: 2 of 4 interviewers for Ada Lovelace');
    const [submitted, sent, opened, declined] = session.interviewers;
    expect(mails[0].text).toContain(`- ${sent.name} <${sent.email}>`);
    expect(mails[0].text).toContain(`- ${opened.name} <${opened.email}> (opened the form)`);
    expect(mails[0].text).not.toContain(submitted.name);
    expect(mails[0].text).not.toContain(declined.name);
    expect(mails[0].html).toContain('Acme &amp; Co');
  });

  it('sends nothing when nobody is overdue, nobody scheduled the session, or the deadline passed; waits when early', async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 4] });
    const cases = [
      [await h.session(org, { completedHoursAgo: 5.5, forms: ['SUBMITTED', 'EXPIRED'] }), 'nobody-overdue'],
      [await h.session(org, { completedHoursAgo: 5.5, forms: ['SENT'], scheduledBy: false }), 'no-scheduler'],
      [await h.session(org, { completedHoursAgo: 6.5, forms: ['SENT'] }), 'too-late'],
    ] as const;
    for (const [session, outcome] of cases) {
      await expect(h.escalations.handleSendEscalation({ organizationId: org.organizationId, sessionId: session.sessionId })).resolves.toBe(
        outcome,
      );
    }
    const early = await h.session(org, { completedHoursAgo: 4, forms: ['SENT'] });
    await expect(
      h.escalations.handleSendEscalation({ organizationId: org.organizationId, sessionId: early.sessionId }),
    ).rejects.toBeInstanceOf(NotYetDueError);
    expect(mailsTo(org.userEmail)).toEqual([]);
  });
});

describe(AnswerReadyHandler.name, () => {
  const release = (sessionId: string) =>
    h.query(
      `UPDATE candidate_answers SET status = 'RELEASED', composed_at = now(), released_at = now(), fit_band = 3 WHERE session_id = $1`,
      [sessionId],
    );

  it('mails a candidate who asked, once, with their current portal link and no interviewer name', async () => {
    const org = await h.organization();
    const session = await h.session(org, { completedHoursAgo: 1, forms: ['SUBMITTED'], asked: true });
    await h.query('UPDATE candidates SET portal_link_version = 3 WHERE id = $1', [session.candidateId]);
    await release(session.sessionId);
    const payload = { organizationId: org.organizationId, sessionId: session.sessionId };

    // two jobs at once (the release and the request): one sends, the other waits for the lock or finds the delivery
    const outcomes = await Promise.all(
      [h.answers.handleSendAnswerReady(payload), h.answers.handleSendAnswerReady(payload)].map((p) => p.catch((e: Error) => e.name)),
    );
    expect(outcomes.filter((outcome) => outcome === 'sent')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'sent')).toEqual([expect.stringMatching(/^(MailInFlightError|already-sent)$/)]);
    await expect(h.answers.handleSendAnswerReady(payload)).resolves.toBe('already-sent');

    const [candidate] = await h.query<{ email: string }>('SELECT email FROM candidates WHERE id = $1', [session.candidateId]);
    const mails = mailsTo(candidate.email);
    expect(mails).toHaveLength(1);
    const token = mails[0].links[0].split('/c/')[1];
    expect(verifyLinkToken(h.config.links.secret, 'portal', token)).toEqual({ purpose: 'portal', id: session.candidateId, version: 3 });
    expect(mails[0].text).not.toContain(session.interviewers[0].name);
    const answer = await answerOf(session.sessionId);
    expect(await h.query('SELECT kind FROM email_deliveries WHERE idempotency_key = $1', [`answer-ready:${answer.id}`])).toEqual([
      { kind: 'answer-ready' },
    ]);
  });

  it('sends nothing to a candidate who did not ask, before release, or once erased', async () => {
    const org = await h.organization();
    const notAsked = await h.session(org, { completedHoursAgo: 1, forms: ['SUBMITTED'] });
    await release(notAsked.sessionId);
    const waiting = await h.session(org, { completedHoursAgo: 1, forms: ['SENT'], asked: true });
    const erased = await h.session(org, { completedHoursAgo: 1, forms: ['SUBMITTED'], asked: true });
    await release(erased.sessionId);
    await h.query('UPDATE candidates SET erased_at = now() WHERE id = $1', [erased.candidateId]);
    const outcome = (sessionId: string) => h.answers.handleSendAnswerReady({ organizationId: org.organizationId, sessionId });
    await expect(outcome(notAsked.sessionId)).resolves.toBe('not-asked');
    await expect(outcome(waiting.sessionId)).resolves.toBe('not-released');
    await expect(outcome(erased.sessionId)).resolves.toBe('candidate-gone');
  });
});

describe(`${AnswerReadyHandler.name} racing an erasure`, () => {
  it('waits for an erasure in progress and then sends nothing, though the job read the candidate before it', async () => {
    const org = await h.organization();
    const session = await h.session(org, { completedHoursAgo: 1, forms: ['SUBMITTED'], asked: true });
    await h.query(
      `UPDATE candidate_answers SET status = 'RELEASED', composed_at = now(), released_at = now(), fit_band = 3 WHERE session_id = $1`,
      [session.sessionId],
    );
    const [{ email }] = await h.query<{ email: string }>('SELECT email FROM candidates WHERE id = $1', [session.candidateId]);
    // an erasure that has locked the candidate and not committed yet
    const erasure = new Client({ connectionString: h.database.url });
    await erasure.connect();
    try {
      await erasure.query('BEGIN');
      await erasure.query('SELECT 1 FROM candidates WHERE id = $1 FOR UPDATE', [session.candidateId]);
      const sending = h.answers.handleSendAnswerReady({ organizationId: org.organizationId, sessionId: session.sessionId });
      const waiting = async () =>
        (
          await h.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0',
          )
        )[0].n > 0;
      for (let tries = 0; !(await waiting()); tries++) {
        if (tries > 200) throw new Error('the mail never waited for the erasure');
        await settle();
      }
      await erasure.query(
        `UPDATE candidates SET name = 'Erased candidate', email = 'erased-' || id || '@erased.invalid', erased_at = now() WHERE id = $1`,
        [session.candidateId],
      );
      await erasure.query('COMMIT');
      await expect(sending).resolves.toBe('candidate-gone');
    } finally {
      await erasure.end();
    }
    await settle();
    expect(mailsTo(email)).toEqual([]);
    expect(
      await h.query(`SELECT 1 FROM email_deliveries WHERE kind = 'answer-ready' AND idempotency_key LIKE '%' || $1 || '%'`, [
        (await answerOf(session.sessionId)).id,
      ]),
    ).toEqual([]);
  });
});

describe(SessionSettlement.name, () => {
  it('expires and composes at the deadline exactly once, however many callers race', async () => {
    const org = await h.organization({ deadline: 6, minResponses: 1 });
    const session = await h.session(org, { completedHoursAgo: 6.1, forms: ['SUBMITTED', 'SENT', 'OPENED'], responses: [0] });
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => h.settlement.settle(org.organizationId, session.sessionId, { dueOnly: true })),
    );
    const composed = outcomes.filter((outcome) => outcome !== 'not-completed' && outcome.composed !== null);
    expect(composed).toEqual([{ expired: 2, composed: 'RELEASED' }]);
    const events = await h.query<{ type: string }>(`SELECT type FROM outbox_events WHERE payload->>'sessionId' = $1 ORDER BY id`, [
      session.sessionId,
    ]);
    expect(events.map((event) => event.type)).toEqual(['answer.composed', 'answer.released']);
  });

  it('waits until feedbackDueAt when the deadline job runs early', async () => {
    const org = await h.organization({ deadline: 6 });
    const session = await h.session(org, { completedHoursAgo: 3, forms: ['SENT'] });
    await expect(
      h.settlement.handleCloseSessionFeedback({ organizationId: org.organizationId, sessionId: session.sessionId }),
    ).rejects.toBeInstanceOf(NotYetDueError);
    expect((await formRow(session.formIds[0])).status).toBe('SENT');
  });
});

describe(CandidatePurgeService.name, () => {
  it("removes the queued invitations, reminders and escalation of an erased candidate's sessions", async () => {
    const org = await h.organization({ deadline: 6, reminders: [2, 4] });
    const session = await h.session(org, { completedHoursAgo: 0, forms: ['SENT', 'PENDING'] });
    const other = await h.session(org, { completedHoursAgo: 0, forms: ['SENT'] });
    for (const s of [session, other]) {
      await h.reminderScheduler.scheduleForForm(org.organizationId, s.formIds[0], 1);
      await h.fanOut.handleFanOutForms({ organizationId: org.organizationId, sessionId: s.sessionId });
    }
    const ids = [
      `reminder-${session.formIds[0]}-1-0`,
      `reminder-${session.formIds[0]}-1-1`,
      `form-invite-${session.formIds[1]}-1`,
      `escalation-${session.sessionId}`,
    ];
    for (const id of ids) expect(['waiting', 'delayed']).toContain(await h.jobState('mail', id));

    await expect(h.purge.handlePurgeCandidateJobs({ organizationId: org.organizationId, candidateId: session.candidateId })).resolves.toBe(
      'removed 4',
    );
    for (const id of ids) expect(await h.jobState('mail', id)).toBeNull();
    expect(await h.jobState('mail', `reminder-${other.formIds[0]}-1-0`)).toBe('delayed');
    expect(await h.jobState('mail', `escalation-${other.sessionId}`)).toBe('delayed');
    // the deadline job stays: it finds the erasure and does nothing
    expect(await h.jobState('feedback', `expire-${session.sessionId}`)).toBe('delayed');
    await settle();
  });
});
