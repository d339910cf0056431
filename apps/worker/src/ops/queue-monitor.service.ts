import { HealthService, MetricsService } from '@closer/observability';
import { QueueName } from '@closer/queue';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';

import { JobProducer } from '../queue/job-producer';

/** Waiting this long with nothing running means no worker is taking jobs from the queue. */
export const MAX_IDLE_WAIT_MS = 120_000;

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export interface MonitoredQueue {
  name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  getJobs(
    types: string[],
    start?: number,
    end?: number,
    asc?: boolean,
  ): Promise<({ timestamp: number; delay?: number; processedOn?: number } | undefined)[]>;
}

/**
 * Throws when a queue has had work waiting for longer than `maxWaitMs` while no job of it is
 * active: the workers are gone or stuck, and /health should say so.
 */
export async function checkQueuesProgress(queues: MonitoredQueue[], now = Date.now(), maxWaitMs = MAX_IDLE_WAIT_MS): Promise<void> {
  const stuck: string[] = [];
  for (const queue of queues) {
    const counts = await queue.getJobCounts('waiting', 'active');
    if ((counts.active ?? 0) > 0 || (counts.waiting ?? 0) === 0) continue;
    const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
    if (!oldest) continue;
    const readySince = Math.max(oldest.timestamp + (oldest.delay ?? 0), oldest.processedOn ?? 0);
    const waited = now - readySince;
    if (waited > maxWaitMs) stuck.push(`${queue.name}: ${counts.waiting} waiting, oldest for ${Math.round(waited / 1000)} s, none active`);
  }
  if (stuck.length > 0) throw new Error(`queues not progressing (${stuck.join('; ')})`);
}

/** Queue depths for /metrics and a "work is flowing" check for /health. */
@Injectable()
export class QueueMonitor implements OnModuleInit {
  constructor(
    private readonly producer: JobProducer,
    private readonly health: HealthService,
    metrics: MetricsService,
  ) {
    const queue = (name: QueueName) => this.producer.queue(name);
    new Gauge({
      name: 'closer_queue_jobs',
      help: 'Jobs per queue and state, read from Redis at scrape time',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
      async collect() {
        for (const name of Object.values(QueueName)) {
          try {
            const counts = await queue(name).getJobCounts(...STATES);
            for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
          } catch {
            // Redis away: /health names it; keep the last known values here
          }
        }
      },
    });
  }

  onModuleInit(): void {
    this.health.register('queues', () =>
      checkQueuesProgress(Object.values(QueueName).map((name) => this.producer.queue(name) as unknown as MonitoredQueue)),
    );
  }
}
