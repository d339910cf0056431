import { QueueName } from '@closer/queue';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { FormInviteService } from '../form-invite/form-invite.service';
import { PortalInviteService } from '../portal-invite/portal-invite.service';
import { LocalMailboxService } from './local-mailbox.service';
import { MailProcessor } from './mail.processor';
import { MailSender } from './mail-sender.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Mail })],
  providers: [LocalMailboxService, MailSender, PortalInviteService, FormInviteService, MailProcessor],
  exports: [LocalMailboxService, BullModule],
})
export class MailModule {}
