import { MetricsService } from '@closer/observability';
import { JOB_QUEUE, JobName, QueueName } from '@closer/queue';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';

import { JobRunner } from '../queue/job-runner.service';
import { NotYetDueError } from '../queue/not-yet-due.error';
import type { AnswerLateHandler } from './handlers/answer-late.handler';
import type { AnswerReadyHandler } from './handlers/answer-ready.handler';
import type { CandidateReplyHandler } from './handlers/candidate-reply.handler';
import type { EscalationHandler } from './handlers/escalation.handler';
import type { FormInviteHandler } from './handlers/form-invite.handler';
import type { FormReminderHandler } from './handlers/form-reminder.handler';
import type { NoAnswerNoteHandler } from './handlers/no-answer-note.handler';
import type { PortalInviteHandler } from './handlers/portal-invite.handler';
import type { SessionCancelledHandler } from './handlers/session-cancelled.handler';
import type { SessionRescheduledHandler } from './handlers/session-rescheduled.handler';
import { MailProcessor } from './mail.processor';
import { PermanentMailError } from './mail-sender.service';

function services(outcome: () => Promise<string>) {
  return {
    portalInvites: { handleSendPortalInvite: jest.fn(outcome) } as unknown as PortalInviteHandler,
    formInvites: { handleSendFormInvite: jest.fn(outcome) } as unknown as FormInviteHandler,
    reminders: { handleSendFormReminder: jest.fn(outcome) } as unknown as FormReminderHandler,
    escalations: { handleSendEscalation: jest.fn(outcome) } as unknown as EscalationHandler,
    answers: { handleSendAnswerReady: jest.fn(outcome) } as unknown as AnswerReadyHandler,
    rescheduled: { handleSendSessionRescheduled: jest.fn(outcome) } as unknown as SessionRescheduledHandler,
    cancellations: { handleSendSessionCancelled: jest.fn(outcome) } as unknown as SessionCancelledHandler,
    noAnswerNotes: { handleSendNoAnswerNote: jest.fn(outcome) } as unknown as NoAnswerNoteHandler,
    replies: { handleSendCandidateReply: jest.fn(outcome) } as unknown as CandidateReplyHandler,
    lateAnswers: { handleSendAnswerLate: jest.fn(outcome) } as unknown as AnswerLateHandler,
  };
}

function processor(outcome: () => Promise<string>) {
  const s = services(outcome);
  const metrics = new MetricsService();
  const sut = new MailProcessor(
    new JobRunner(metrics),
    s.portalInvites,
    s.formInvites,
    s.reminders,
    s.escalations,
    s.answers,
    s.rescheduled,
    s.cancellations,
    s.noAnswerNotes,
    s.replies,
    s.lateAnswers,
  );
  return { sut, metrics, ...s };
}

// the fields the processor reads, checked by name; the rest of a Job it never touches
const job = (name: string, data: object = {}, extra: Partial<Pick<Job, 'moveToDelayed'>> = {}) =>
  ({ name, data, attemptsMade: 0, opts: { attempts: 8 }, ...extra }) satisfies Pick<Job, 'name' | 'data' | 'attemptsMade' | 'opts'> as Job;

describe(MailProcessor.name, () => {
  it('has exactly one handler for every job of the mail queue', () => {
    const { sut } = processor(async () => 'sent');
    const mailJobs = Object.values(JobName).filter((name) => JOB_QUEUE[name] === QueueName.Mail);
    expect(Object.keys(sut.handlers).sort()).toEqual(mailJobs.sort());
  });

  it.each([
    [JobName.SendPortalInvite, 'portalInvites', 'handleSendPortalInvite'],
    [JobName.SendFormInvite, 'formInvites', 'handleSendFormInvite'],
    [JobName.SendFormReminder, 'reminders', 'handleSendFormReminder'],
    [JobName.SendEscalation, 'escalations', 'handleSendEscalation'],
    [JobName.SendAnswerReady, 'answers', 'handleSendAnswerReady'],
    [JobName.SendSessionRescheduled, 'rescheduled', 'handleSendSessionRescheduled'],
    [JobName.SendSessionCancelled, 'cancellations', 'handleSendSessionCancelled'],
    [JobName.SendNoAnswerNote, 'noAnswerNotes', 'handleSendNoAnswerNote'],
  ] as const)('passes %s data to its handler and returns the outcome', async (name, service, method) => {
    const built = processor(async () => 'sent');
    const data = { organizationId: 'o', id: name };
    await expect(built.sut.process(job(name, data))).resolves.toBe('sent');
    expect((built[service] as unknown as Record<string, jest.Mock>)[method]).toHaveBeenCalledWith(data);
  });

  it('turns a permanent mail error into a job that is not retried, counted as a final failure', async () => {
    const { sut, metrics } = processor(async () => Promise.reject(new PermanentMailError('SMTP 550: mailbox unavailable')));
    await expect(sut.process(job(JobName.SendPortalInvite))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await metrics.render()).toMatch(/closer_job_failures_total\{queue="mail",name="send-portal-invite",final="true"\} 1/);
  });

  it('lets transient errors through so the job retries with backoff', async () => {
    const { sut, metrics } = processor(async () => Promise.reject(new Error('ECONNRESET')));
    await expect(sut.process(job(JobName.SendPortalInvite))).rejects.toThrow('ECONNRESET');
    expect(await metrics.render()).toMatch(/closer_job_failures_total\{queue="mail",name="send-portal-invite",final="false"\} 1/);
  });

  it('puts a job that ran before its time back in the delayed set', async () => {
    const dueAt = new Date(Date.now() + 5_000);
    const { sut } = processor(async () => Promise.reject(new NotYetDueError(dueAt)));
    const moveToDelayed = jest.fn(async () => undefined);
    await expect(sut.process(job(JobName.SendFormReminder, {}, { moveToDelayed }), 'lock-token')).rejects.toBeInstanceOf(DelayedError);
    expect(moveToDelayed).toHaveBeenCalledWith(dueAt.getTime(), 'lock-token');
  });

  it('records how long jobs take', async () => {
    const { sut, metrics } = processor(async () => 'sent');
    await sut.process(job(JobName.SendEscalation));
    expect(await metrics.render()).toMatch(
      /closer_job_duration_seconds_count\{queue="mail",name="send-escalation",outcome="completed"\} 1/,
    );
  });

  it('refuses a job name it has no handler for, without retries', async () => {
    const { sut } = processor(async () => 'sent');
    await expect(sut.process(job('no-such-job'))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
