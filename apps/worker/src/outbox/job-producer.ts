import { CloserConfig } from '@closer/config';
import { bullConnection, JOB_QUEUE, QueueName, releaseBullConnection } from '@closer/queue';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConnectionOptions, JobsOptions, Queue } from 'bullmq';

import { webhookJobOptions } from '../webhooks/webhook-retry';
import type { RoutedJob } from './outbox-routes';

/**
 * Job defaults: transient failures retry with exponential backoff and jitter; history is bounded.
 * Completed jobs are kept an hour (the crash windows in which a deterministic id stops a repeat
 * last seconds; delivery rows guard mail for good), so Redis memory stays flat under steady load;
 * failed ones two weeks, for whoever is on call.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 3600, count: 5_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 50_000 },
};

export interface JobToAdd {
  /** Deterministic (see jobs/job-ids.ts): adding an id that exists adds nothing. */
  id: string;
  job: RoutedJob;
  /** Milliseconds from now; 0 or absent runs it as soon as a worker is free. */
  delay?: number;
}

/**
 * Adds jobs with deterministic ids over a connection that fails fast while Redis is away, so the
 * relay's transaction rolls back instead of hanging with rows locked.
 */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues = new Map<QueueName, Queue>();
  private connection?: ConnectionOptions;

  constructor(private readonly config: CloserConfig) {}

  async add(jobs: JobToAdd[]): Promise<void> {
    const byQueue = new Map<QueueName, JobToAdd[]>();
    for (const entry of jobs) {
      const queue = JOB_QUEUE[entry.job.name];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), entry]);
    }
    for (const [name, entries] of byQueue) {
      await this.queue(name).addBulk(
        entries.map(({ id, job, delay }) => ({
          name: job.name,
          data: job.data,
          opts: { ...this.options(name), jobId: id, ...(delay && delay > 0 ? { delay: Math.ceil(delay) } : {}) },
        })),
      );
    }
  }

  /**
   * Makes sure each job will run (again): added when missing, re-run when it already finished
   * (completed or failed after its retries), left alone while waiting, delayed or active. The
   * sweeper calls this for work the database says is overdue; every handler is idempotent, so a
   * re-run that finds nothing to do costs one query.
   */
  async ensure(jobs: JobToAdd[]): Promise<{ added: number; rerun: number }> {
    let added = 0;
    let rerun = 0;
    for (const entry of jobs) {
      const queue = this.queue(JOB_QUEUE[entry.job.name]);
      const existing = await queue.getJob(entry.id);
      if (!existing) {
        await this.add([entry]);
        added++;
        continue;
      }
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') continue;
      try {
        await existing.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
        rerun++;
      } catch (error) {
        // it moved on meanwhile (another sweeper re-ran it, or it was removed): nothing to do now
        this.logger.debug(`could not re-run job ${entry.id}: ${(error as Error).message}`);
      }
    }
    return { added, rerun };
  }

  private options(queue: QueueName): JobsOptions {
    return queue === QueueName.Webhooks ? webhookJobOptions(this.config.hourMs) : DEFAULT_JOB_OPTIONS;
  }

  /** Removes a job that is not running; false when there is no such job or a worker holds it. */
  async remove(queue: QueueName, jobId: string): Promise<boolean> {
    return (await this.queue(queue).remove(jobId)) === 1;
  }

  /** The fail-fast queue handle, also used for health and metrics. */
  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= bullConnection(this.config.redis, 'producer');
      queue = new Queue(name, { connection: this.connection, prefix: this.config.redis.queuePrefix });
      queue.on('error', () => undefined); // connection errors surface on add(); the relay retries
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    if (this.connection) releaseBullConnection(this.connection);
  }
}
