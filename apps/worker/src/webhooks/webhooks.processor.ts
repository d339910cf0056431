import { JobName, QueueName } from '@closer/queue';
import { Processor } from '@nestjs/bullmq';

import { JobProcessor } from '../queue/job-processor';
import { JobRunner } from '../queue/job-runner.service';
import { DeliverWebhookHandler } from './handlers/deliver-webhook.handler';

/** Thin adapter: one handler per job name of the webhooks queue. */
@Processor(QueueName.Webhooks, { concurrency: 20 })
export class WebhooksProcessor extends JobProcessor<QueueName.Webhooks> {
  constructor(runner: JobRunner, deliver: DeliverWebhookHandler) {
    super(QueueName.Webhooks, runner, {
      [JobName.DeliverWebhook]: (data, attempt) => deliver.handleDeliverWebhook(data, attempt),
    });
  }
}
