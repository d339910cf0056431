import { CloserConfig } from '@closer/config';
import { bullConnection, JOB_QUEUE, JobName, JobPayloads, QueueName, releaseBullConnection } from '@closer/queue';
import { bullmqTelemetry } from '@closer/telemetry';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConnectionOptions, Queue } from 'bullmq';

import { jobOptions } from './job-options';

/** A job as the queue stores it: its name and its payload (ids only). */
export interface NamedJob<J extends JobName = JobName> {
  name: J;
  data: JobPayloads[J];
}

export interface JobToAdd {
  /** Deterministic (see job-ids.ts): adding an id that exists adds nothing. */
  id: string;
  job: NamedJob;
  /** Milliseconds from now; 0 or absent runs it as soon as a worker is free. */
  delay?: number;
  /** The trace the job continues, when not the active one (see traceRelayedRow). */
  telemetry?: { metadata: string };
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
        entries.map(({ id, job, delay, telemetry }) => ({
          name: job.name,
          data: job.data,
          opts: {
            ...jobOptions(name, this.config.hourMs),
            jobId: id,
            ...(delay && delay > 0 ? { delay: Math.ceil(delay) } : {}),
            ...(telemetry ? { telemetry } : {}),
          },
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

  /** Removes a job that is not running; false when there is no such job or a worker holds it. */
  async remove(queue: QueueName, jobId: string): Promise<boolean> {
    return (await this.queue(queue).remove(jobId)) === 1;
  }

  /** The fail-fast queue handle, also used for health and metrics. */
  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= bullConnection(this.config.redis, 'producer');
      queue = new Queue(name, { connection: this.connection, prefix: this.config.redis.queuePrefix, telemetry: bullmqTelemetry() });
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
