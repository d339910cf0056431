import { JOB_QUEUE, JobName, QueueName } from '@closer/queue';
import { UnrecoverableError } from 'bullmq';

import type { FormInviteService } from '../form-invite/form-invite.service';
import type { PortalInviteService } from '../portal-invite/portal-invite.service';
import { MailProcessor } from './mail.processor';
import { PermanentMailError } from './mail-sender.service';

function portalInvites(outcome: () => Promise<string>): PortalInviteService {
  return { handleSendPortalInvite: jest.fn(outcome) } as unknown as PortalInviteService;
}

const formInvites = { handleSendFormInvite: jest.fn() } as unknown as FormInviteService;

describe(MailProcessor.name, () => {
  it('has exactly one handler for every job of the mail queue', () => {
    const sut = new MailProcessor(
      portalInvites(async () => 'sent'),
      formInvites,
    );
    const mailJobs = Object.values(JobName).filter((name) => JOB_QUEUE[name] === QueueName.Mail);
    expect(Object.keys(sut.handlers).sort()).toEqual(mailJobs.sort());
  });

  it('passes the job data to its service and returns the outcome', async () => {
    const service = portalInvites(async () => 'sent');
    const sut = new MailProcessor(service, formInvites);
    const data = { organizationId: 'o', candidateId: 'c', linkVersion: 2 };
    await expect(sut.process({ name: JobName.SendPortalInvite, data } as never)).resolves.toBe('sent');
    expect(service.handleSendPortalInvite).toHaveBeenCalledWith(data);
  });

  it('turns a permanent mail error into a job that is not retried', async () => {
    const sut = new MailProcessor(
      portalInvites(async () => Promise.reject(new PermanentMailError('SMTP 550: mailbox unavailable'))),
      formInvites,
    );
    await expect(sut.process({ name: JobName.SendPortalInvite, data: {} } as never)).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('lets transient errors through so the job retries with backoff', async () => {
    const sut = new MailProcessor(
      portalInvites(async () => Promise.reject(new Error('ECONNRESET'))),
      formInvites,
    );
    await expect(sut.process({ name: JobName.SendPortalInvite, data: {} } as never)).rejects.toThrow('ECONNRESET');
  });

  it('refuses a job name it has no handler for, without retries', async () => {
    const sut = new MailProcessor(
      portalInvites(async () => 'sent'),
      formInvites,
    );
    await expect(sut.process({ name: 'no-such-job', data: {} } as never)).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
