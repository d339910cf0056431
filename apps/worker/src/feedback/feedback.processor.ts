import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@closer/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';

import { FormFanOutService } from './form-fan-out.service';

type FeedbackJobName = { [J in JobName]: (typeof JOB_QUEUE)[J] extends QueueName.Feedback ? J : never }[JobName];
type Handlers = { [J in FeedbackJobName]: (data: JobPayloads[J]) => Promise<string> };

/** Thin adapter: one handler per job name of the feedback queue, each calling one service. */
@Processor(QueueName.Feedback, { concurrency: 10 })
export class FeedbackProcessor extends WorkerHost {
  readonly handlers: Handlers;

  constructor(fanOut: FormFanOutService) {
    super();
    this.handlers = {
      [JobName.FanOutForms]: (data) => fanOut.handleFanOutForms(data),
    };
  }

  async process(job: Job): Promise<string> {
    const handler = this.handlers[job.name as FeedbackJobName] as ((data: unknown) => Promise<string>) | undefined;
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job.data);
  }
}
