import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@closer/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { AnswerLateService } from '../answer-late/answer-late.service';
import { AnswerReadyService } from '../answer-ready/answer-ready.service';
import { CandidateNoticeService } from '../candidate-notice/candidate-notice.service';
import { CandidateReplyService } from '../candidate-reply/candidate-reply.service';
import { EscalationService } from '../escalation/escalation.service';
import { FormInviteService } from '../form-invite/form-invite.service';
import { JobHandler, JobRunner } from '../jobs/job-runner.service';
import { PortalInviteService } from '../portal-invite/portal-invite.service';
import { FormReminderService } from '../reminder/form-reminder.service';
import { SessionRescheduledService } from '../session-rescheduled/session-rescheduled.service';

type MailJobName = { [J in JobName]: (typeof JOB_QUEUE)[J] extends QueueName.Mail ? J : never }[JobName];
type Handlers = { [J in MailJobName]: (data: JobPayloads[J]) => Promise<string> };

/** Thin adapter: one handler per job name of the mail queue, each calling one service. */
@Processor(QueueName.Mail, { concurrency: 20 })
export class MailProcessor extends WorkerHost {
  readonly handlers: Handlers;

  constructor(
    private readonly runner: JobRunner,
    portalInvites: PortalInviteService,
    formInvites: FormInviteService,
    reminders: FormReminderService,
    escalations: EscalationService,
    answers: AnswerReadyService,
    rescheduled: SessionRescheduledService,
    notices: CandidateNoticeService,
    replies: CandidateReplyService,
    lateAnswers: AnswerLateService,
  ) {
    super();
    this.handlers = {
      [JobName.SendPortalInvite]: (data) => portalInvites.handleSendPortalInvite(data),
      [JobName.SendFormInvite]: (data) => formInvites.handleSendFormInvite(data),
      [JobName.SendFormReminder]: (data) => reminders.handleSendFormReminder(data),
      [JobName.SendEscalation]: (data) => escalations.handleSendEscalation(data),
      [JobName.SendAnswerReady]: (data) => answers.handleSendAnswerReady(data),
      [JobName.SendSessionRescheduled]: (data) => rescheduled.handleSendSessionRescheduled(data),
      [JobName.SendCandidateReply]: (data) => replies.handleSendCandidateReply(data),
      [JobName.SendAnswerLate]: (data) => lateAnswers.handleSendAnswerLate(data),
      [JobName.SendSessionCancelled]: (data) => notices.handleSendSessionCancelled(data),
      [JobName.SendNoAnswerNote]: (data) => notices.handleSendNoAnswerNote(data),
    };
  }

  process(job: Job, token?: string): Promise<string> {
    return this.runner.run(QueueName.Mail, job, token, this.handlers[job.name as MailJobName] as JobHandler | undefined);
  }
}
