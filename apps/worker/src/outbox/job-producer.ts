import { CloserConfig } from '@closer/config';
import { bullConnection, JOB_QUEUE, QueueName } from '@closer/queue';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';

import type { RoutedJob } from './outbox-routes';

/** Job defaults: transient failures retry with exponential backoff and jitter; history is bounded. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 50_000 },
};

/**
 * Adds jobs with deterministic ids over a connection that fails fast while Redis is away, so the
 * relay's transaction rolls back instead of hanging with rows locked.
 */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: CloserConfig) {}

  async add(jobs: { id: string; job: RoutedJob }[]): Promise<void> {
    const byQueue = new Map<QueueName, { id: string; job: RoutedJob }[]>();
    for (const entry of jobs) {
      const queue = JOB_QUEUE[entry.job.name];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), entry]);
    }
    for (const [name, entries] of byQueue) {
      await this.queue(name).addBulk(
        entries.map(({ id, job }) => ({ name: job.name, data: job.data, opts: { ...DEFAULT_JOB_OPTIONS, jobId: id } })),
      );
    }
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: bullConnection(this.config.redis.url, 'producer'), prefix: this.config.redis.queuePrefix });
      queue.on('error', () => undefined); // connection errors surface on add(); the relay retries
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
