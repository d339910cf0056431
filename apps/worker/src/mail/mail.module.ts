import { QueueName } from '@closer/queue';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { AnswerLateService } from '../answer-late/answer-late.service';
import { AnswerReadyService } from '../answer-ready/answer-ready.service';
import { CandidateNoticeService } from '../candidate-notice/candidate-notice.service';
import { CandidateReplyService } from '../candidate-reply/candidate-reply.service';
import { EscalationService } from '../escalation/escalation.service';
import { FeedbackModule } from '../feedback/feedback.module';
import { FormInviteService } from '../form-invite/form-invite.service';
import { OpsModule } from '../ops/ops.module';
import { PortalInviteService } from '../portal-invite/portal-invite.service';
import { FormReminderService } from '../reminder/form-reminder.service';
import { SessionRescheduledService } from '../session-rescheduled/session-rescheduled.service';
import { LocalMailboxService } from './local-mailbox.service';
import { MailProcessor } from './mail.processor';
import { MailLock } from './mail-lock.service';
import { MailSender } from './mail-sender.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Mail }), FeedbackModule, OpsModule],
  providers: [
    LocalMailboxService,
    MailLock,
    MailSender,
    PortalInviteService,
    FormInviteService,
    FormReminderService,
    EscalationService,
    AnswerReadyService,
    SessionRescheduledService,
    CandidateReplyService,
    AnswerLateService,
    CandidateNoticeService,
    MailProcessor,
  ],
  exports: [LocalMailboxService, BullModule],
})
export class MailModule {}
