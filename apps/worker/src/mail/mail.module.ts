import { QueueName } from '@closer/queue';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { FeedbackModule } from '../feedback/feedback.module';
import { QueueModule } from '../queue/queue.module';
import { CandidateMailRepository } from './candidate-mail.repository';
import { FeedbackFormMailRepository } from './feedback-form-mail.repository';
import { FormMailSender } from './form-mail-sender.service';
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
import { LocalMailboxService } from './local-mailbox.service';
import { MailProcessor } from './mail.processor';
import { MailLock } from './mail-lock.service';
import { MailSender } from './mail-sender.service';
import { SessionMailRepository } from './session-mail.repository';

/** The mail queue: its processor and handlers, the SQL they share, and the SMTP sender. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Mail }), QueueModule, FeedbackModule],
  providers: [
    LocalMailboxService,
    MailLock,
    MailSender,
    FormMailSender,
    CandidateMailRepository,
    FeedbackFormMailRepository,
    SessionMailRepository,
    PortalInviteHandler,
    FormInviteHandler,
    FormReminderHandler,
    EscalationHandler,
    AnswerReadyHandler,
    SessionRescheduledHandler,
    SessionCancelledHandler,
    NoAnswerNoteHandler,
    CandidateReplyHandler,
    AnswerLateHandler,
    MailProcessor,
  ],
  exports: [LocalMailboxService, BullModule],
})
export class MailModule {}
