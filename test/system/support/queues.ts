import { bullConnection, QueueName, RedisMode, RedisSettings, releaseBullConnection } from '@closer/queue';
import { Job, Queue } from 'bullmq';

import type { SystemStack } from './system-stack';

/** The apps' Redis settings, from the environment the scenario gave them. */
export function redisSettings(stack: SystemStack): RedisSettings {
  const mode = (stack.env.REDIS_MODE ?? 'single') as RedisMode;
  return { url: stack.env.REDIS_URL!, mode, sentinelMaster: stack.env.REDIS_SENTINEL_MASTER };
}

/** A read-only look at the scenario's BullMQ queues, as an operator would take one. */
export async function withQueue<T>(stack: SystemStack, name: QueueName, use: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = bullConnection(redisSettings(stack), 'producer');
  const queue = new Queue(name, { connection, prefix: stack.env.QUEUE_PREFIX });
  queue.on('error', () => undefined);
  try {
    return await use(queue);
  } finally {
    await queue.close();
    releaseBullConnection(connection);
  }
}

export async function jobCounts(stack: SystemStack): Promise<Record<QueueName, Record<string, number>>> {
  const counts = {} as Record<QueueName, Record<string, number>>;
  for (const name of Object.values(QueueName)) {
    counts[name] = await withQueue(stack, name, (queue) => queue.getJobCounts('active', 'waiting', 'delayed', 'failed', 'completed'));
  }
  return counts;
}

/** The jobs with these ids (missing ones left out). */
export async function jobsById(stack: SystemStack, name: QueueName, ids: string[]): Promise<Job[]> {
  return withQueue(stack, name, async (queue) => {
    const jobs: Job[] = [];
    for (const id of ids) {
      const job = await queue.getJob(id);
      if (job) jobs.push(job);
    }
    return jobs;
  });
}
