import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@closer/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { JobAttempt, JobHandler, JobRunner } from '../jobs/job-runner.service';
import { DeliverWebhookHandler } from './handlers/deliver-webhook.handler';

type WebhookJobName = { [J in JobName]: (typeof JOB_QUEUE)[J] extends QueueName.Webhooks ? J : never }[JobName];
type Handlers = { [J in WebhookJobName]: (data: JobPayloads[J], attempt: JobAttempt) => Promise<string> };

/** Thin adapter: one handler per job name of the webhooks queue. */
@Processor(QueueName.Webhooks, { concurrency: 20 })
export class WebhooksProcessor extends WorkerHost {
  readonly handlers: Handlers;

  constructor(
    private readonly runner: JobRunner,
    deliver: DeliverWebhookHandler,
  ) {
    super();
    this.handlers = {
      [JobName.DeliverWebhook]: (data, attempt) => deliver.handleDeliverWebhook(data, attempt),
    };
  }

  process(job: Job, token?: string): Promise<string> {
    return this.runner.run(QueueName.Webhooks, job, token, this.handlers[job.name as WebhookJobName] as JobHandler | undefined);
  }
}
