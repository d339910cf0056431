import { QueueName } from '@closer/queue';
import { WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { JobRunner, QueueHandlers } from './job-runner.service';

/**
 * A queue's processor: a table with one handler per job name of the queue, each run through the
 * JobRunner. Subclasses carry `@Processor(queue)` and build the table from their handlers.
 */
export abstract class JobProcessor<Q extends QueueName> extends WorkerHost {
  protected constructor(
    private readonly queueName: Q,
    private readonly runner: JobRunner,
    readonly handlers: QueueHandlers<Q>,
  ) {
    super();
  }

  process(job: Job, token?: string): Promise<string> {
    return this.runner.run(this.queueName, this.handlers, job, token);
  }
}
