import type { ConnectionOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';

/**
 * Connection options from REDIS_URL. Workers block on Redis and need maxRetriesPerRequest null;
 * producers fail fast instead of queueing commands while Redis is away, so the caller can
 * roll back and try again later.
 */
export function redisOptions(url: string, role: 'worker' | 'producer'): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    ...(role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false }),
  };
}

/** The same options typed for BullMQ, whose own RedisOptions type differs from ioredis's in detail only. */
export function bullConnection(url: string, role: 'worker' | 'producer'): ConnectionOptions {
  return redisOptions(url, role) as ConnectionOptions;
}
