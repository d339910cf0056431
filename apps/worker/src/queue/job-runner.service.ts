import { MetricsService } from '@closer/observability';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { Counter, Histogram } from 'prom-client';

import { NotYetDueError } from './not-yet-due.error';
import { PermanentJobError } from './permanent-job.error';

/** Which attempt this is: `made` attempts finished before it, of at most `max`. */
export interface JobAttempt {
  made: number;
  max: number;
}

export type JobHandler = (data: unknown, attempt: JobAttempt) => Promise<string>;

/** The job names a queue carries. */
export type JobNameOf<Q extends QueueName> = { [J in JobName]: (typeof JOB_QUEUE)[J] extends Q ? J : never }[JobName];

/** What a processor holds: exactly one handler per job name of its queue. */
export type QueueHandlers<Q extends QueueName> = {
  [J in JobNameOf<Q>]: (data: JobPayloads[J], attempt: JobAttempt) => Promise<string>;
};

/**
 * What every processor does around its handler: times it, counts failures, turns a permanent
 * refusal into a job BullMQ won't retry, and puts a job that ran early back in the delayed set.
 */
@Injectable()
export class JobRunner {
  private readonly duration: Histogram;
  private readonly failures: Counter;

  constructor(metrics: MetricsService) {
    this.duration = new Histogram({
      name: 'closer_job_duration_seconds',
      help: 'Time spent processing a job, by queue, job name and outcome',
      labelNames: ['queue', 'name', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [metrics.registry],
    });
    this.failures = new Counter({
      name: 'closer_job_failures_total',
      help: 'Failed job attempts; final="true" when no retry follows',
      labelNames: ['queue', 'name', 'final'],
      registers: [metrics.registry],
    });
  }

  /** Runs the handler `handlers` has for the job's name; a name it has none for fails without retries. */
  run<Q extends QueueName>(queue: Q, handlers: QueueHandlers<Q>, job: Job, token: string | undefined): Promise<string> {
    return this.runHandler(queue, job, token, (handlers as Record<string, JobHandler | undefined>)[job.name]);
  }

  private async runHandler(queue: QueueName, job: Job, token: string | undefined, handler: JobHandler | undefined): Promise<string> {
    const stop = this.duration.startTimer({ queue, name: job.name });
    try {
      if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
      const outcome = await handler(job.data, { made: job.attemptsMade, max: job.opts?.attempts ?? 1 });
      stop({ outcome: 'completed' });
      return outcome;
    } catch (error) {
      if (error instanceof NotYetDueError) {
        stop({ outcome: 'delayed' });
        await job.moveToDelayed(error.dueAt.getTime(), token);
        throw new DelayedError();
      }
      stop({ outcome: 'failed' });
      const permanent = error instanceof PermanentJobError || error instanceof UnrecoverableError;
      const final = permanent || job.attemptsMade + 1 >= (job.opts?.attempts ?? 1);
      this.failures.inc({ queue, name: job.name, final: String(final) });
      throw storable(error);
    }
  }
}

/** What of a job's error may be kept in Redis (see PermanentJobError). */
function storable(error: unknown): Error {
  if (error instanceof PermanentJobError) return new UnrecoverableError(error.storedReason);
  return error instanceof Error ? error : new Error(String(error));
}
