// Memory over the soak: every app's V8 heap (prom-client's nodejs_heap_size_used_bytes on its
// /metrics) and RSS (/proc/<pid>/status), Redis's used_memory and key count. The apps run without
// --expose-gc, so no sample can be taken after a forced collection: "flat" is judged on medians
// of several samples at the start and at the end, and on the trend over the second half.
import { memoryOf } from '@closer/local-services';
import { QueueName } from '@closer/queue';
import Redis from 'ioredis';

import { withQueue } from '../system/support/queues';
import type { SystemStack } from '../system/support/system-stack';

export interface Sample {
  /** seconds since the load started */
  at: number;
  /** per app label: MiB */
  heapMiB: Record<string, number | null>;
  rssMiB: Record<string, number | null>;
  redisMiB: number;
  redisKeys: number;
  /** finished jobs BullMQ keeps as history (completed + failed), over every queue */
  jobHistory: number;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export class MemorySampler {
  readonly samples: Sample[] = [];
  private readonly redis: Redis;

  constructor(private readonly stack: SystemStack) {
    this.redis = new Redis(stack.env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  async sample(at: number): Promise<Sample> {
    const heapMiB: Record<string, number | null> = {};
    const rssMiB: Record<string, number | null> = {};
    for (const app of this.stack.apps) {
      heapMiB[app.label] = await app.metrics().then(
        (text) => {
          const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\d+(?:\.\d+)?)/m.exec(text);
          return match ? mib(Number(match[1])) : null;
        },
        () => null,
      );
      rssMiB[app.label] = app.pid ? memoryOf(app.pid).rssMiB : null;
    }
    const info = await this.redis.info('memory');
    const usedMemory = Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? NaN);
    let jobHistory = 0;
    for (const name of Object.values(QueueName)) {
      const counts = await withQueue(this.stack, name, (queue) => queue.getJobCounts('completed', 'failed'));
      jobHistory += (counts.completed ?? 0) + (counts.failed ?? 0);
    }
    const sample = { at, heapMiB, rssMiB, redisMiB: mib(usedMemory), redisKeys: await this.redis.dbsize(), jobHistory };
    this.samples.push(sample);
    return sample;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export interface Growth {
  /** median of the first `window` samples after warm-up */
  start: number;
  /** median of the last `window` samples */
  end: number;
  /** end / start */
  ratio: number;
  /** least-squares slope over the second half of the samples after warm-up, per hour, as a share of `start` */
  trendPerHour: number;
}

/** How `series` (values after warm-up, in order, with their times in seconds) grew. */
export function growth(series: { at: number; value: number }[], window: number): Growth | null {
  if (series.length < 2) return null;
  const n = Math.min(window, Math.floor(series.length / 2)) || 1;
  const start = median(series.slice(0, n).map((point) => point.value));
  const end = median(series.slice(-n).map((point) => point.value));
  const half = series.slice(Math.floor(series.length / 2));
  return { start, end, ratio: start > 0 ? end / start : NaN, trendPerHour: start > 0 ? (slope(half) * 3600) / start : NaN };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function slope(points: { at: number; value: number }[]): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.at, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.value, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (const point of points) {
    numerator += (point.at - meanX) * (point.value - meanY);
    denominator += (point.at - meanX) ** 2;
  }
  return denominator > 0 ? numerator / denominator : 0;
}
