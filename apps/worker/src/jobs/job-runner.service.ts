import { MetricsService } from '@closer/observability';
import { QueueName } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { Counter, Histogram } from 'prom-client';

import { PermanentMailError } from '../mail/mail-sender.service';
import { NotYetDueError } from './not-yet-due.error';

/** Which attempt this is: `made` attempts finished before it, of at most `max`. */
export interface JobAttempt {
  made: number;
  max: number;
}

export type JobHandler = (data: unknown, attempt: JobAttempt) => Promise<string>;

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

  async run(queue: QueueName, job: Job, token: string | undefined, handler: JobHandler | undefined): Promise<string> {
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
      const permanent = error instanceof PermanentMailError || error instanceof UnrecoverableError;
      const final = permanent || job.attemptsMade + 1 >= (job.opts?.attempts ?? 1);
      this.failures.inc({ queue, name: job.name, final: String(final) });
      throw withoutServerReply(error);
    }
  }
}

/**
 * A job's error is kept in Redis (failedReason, stacktrace, the events stream) long after the
 * candidate may be erased, and SMTP replies quote addresses: only the reply code goes there; the
 * full reply of a permanent refusal is in email_deliveries.error, which erasure clears.
 */
export function withoutServerReply(error: unknown): Error {
  if (error instanceof PermanentMailError)
    return new UnrecoverableError('permanent SMTP refusal (the reply is recorded in email_deliveries)');
  const code = (error as { responseCode?: unknown }).responseCode;
  if (typeof code === 'number') return new Error(`SMTP ${code}: transient failure`);
  return error instanceof Error ? error : new Error(String(error));
}
