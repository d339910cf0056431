import { JobName, QueueName } from '@closer/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { JobRunner, QueueHandlers } from '../queue/job-runner.service';
import { DeliverWebhookHandler } from './handlers/deliver-webhook.handler';

/** Thin adapter: one handler per job name of the webhooks queue. */
@Processor(QueueName.Webhooks, { concurrency: 20 })
export class WebhooksProcessor extends WorkerHost {
  readonly handlers: QueueHandlers<QueueName.Webhooks>;

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
    return this.runner.run(QueueName.Webhooks, this.handlers, job, token);
  }
}
