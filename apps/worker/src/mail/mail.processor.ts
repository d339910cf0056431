import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@closer/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';

import { FormInviteService } from '../form-invite/form-invite.service';
import { PortalInviteService } from '../portal-invite/portal-invite.service';
import { PermanentMailError } from './mail-sender.service';

type MailJobName = { [J in JobName]: (typeof JOB_QUEUE)[J] extends QueueName.Mail ? J : never }[JobName];
type Handlers = { [J in MailJobName]: (data: JobPayloads[J]) => Promise<string> };

/** Thin adapter: one handler per job name of the mail queue, each calling one service. */
@Processor(QueueName.Mail, { concurrency: 20 })
export class MailProcessor extends WorkerHost {
  readonly handlers: Handlers;

  constructor(portalInvites: PortalInviteService, formInvites: FormInviteService) {
    super();
    this.handlers = {
      [JobName.SendPortalInvite]: (data) => portalInvites.handleSendPortalInvite(data),
      [JobName.SendFormInvite]: (data) => formInvites.handleSendFormInvite(data),
    };
  }

  async process(job: Job): Promise<string> {
    const handler = this.handlers[job.name as MailJobName] as ((data: unknown) => Promise<string>) | undefined;
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    try {
      return await handler(job.data);
    } catch (error) {
      if (error instanceof PermanentMailError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
