import { JobName, QueueName } from '@closer/queue';
import { Processor } from '@nestjs/bullmq';

import { JobProcessor } from '../queue/job-processor';
import { JobRunner } from '../queue/job-runner.service';
import { AnswerLateHandler } from './handlers/answer-late.handler';
import { AnswerReadyHandler } from './handlers/answer-ready.handler';
import { CandidateReplyHandler } from './handlers/candidate-reply.handler';
import { EscalationHandler } from './handlers/escalation.handler';
import { FormInviteHandler } from './handlers/form-invite.handler';
import { FormReminderHandler } from './handlers/form-reminder.handler';
import { NoAnswerNoteHandler } from './handlers/no-answer-note.handler';
import { PortalInviteHandler } from './handlers/portal-invite.handler';
import { SessionCancelledHandler } from './handlers/session-cancelled.handler';
import { SessionRescheduledHandler } from './handlers/session-rescheduled.handler';

/** Thin adapter: one handler per job name of the mail queue. */
@Processor(QueueName.Mail, { concurrency: 20 })
export class MailProcessor extends JobProcessor<QueueName.Mail> {
  constructor(
    runner: JobRunner,
    portalInvites: PortalInviteHandler,
    formInvites: FormInviteHandler,
    reminders: FormReminderHandler,
    escalations: EscalationHandler,
    answers: AnswerReadyHandler,
    rescheduled: SessionRescheduledHandler,
    cancellations: SessionCancelledHandler,
    noAnswerNotes: NoAnswerNoteHandler,
    replies: CandidateReplyHandler,
    lateAnswers: AnswerLateHandler,
  ) {
    super(QueueName.Mail, runner, {
      [JobName.SendPortalInvite]: (data) => portalInvites.handleSendPortalInvite(data),
      [JobName.SendFormInvite]: (data) => formInvites.handleSendFormInvite(data),
      [JobName.SendFormReminder]: (data) => reminders.handleSendFormReminder(data),
      [JobName.SendEscalation]: (data) => escalations.handleSendEscalation(data),
      [JobName.SendAnswerReady]: (data) => answers.handleSendAnswerReady(data),
      [JobName.SendSessionRescheduled]: (data) => rescheduled.handleSendSessionRescheduled(data),
      [JobName.SendCandidateReply]: (data) => replies.handleSendCandidateReply(data),
      [JobName.SendAnswerLate]: (data) => lateAnswers.handleSendAnswerLate(data),
      [JobName.SendSessionCancelled]: (data) => cancellations.handleSendSessionCancelled(data),
      [JobName.SendNoAnswerNote]: (data) => noAnswerNotes.handleSendNoAnswerNote(data),
    });
  }
}
