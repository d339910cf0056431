import { createRedis, RedisClient, RedisSettings } from '@closer/queue';
import { Cluster } from 'ioredis';

export interface ConfigGetClient {
  config(subcommand: 'GET', parameter: string): Promise<unknown>;
}

export class RedisPolicyError extends Error {
  constructor(policy: string) {
    super(
      `Redis maxmemory-policy is "${policy}": the worker needs "noeviction", or Redis may silently drop queued jobs ` +
        '(reminders, deadlines) under memory pressure. Set `maxmemory-policy noeviction` in redis.conf or with CONFIG SET.',
    );
    this.name = 'RedisPolicyError';
  }
}

/**
 * BullMQ keeps jobs as ordinary keys: under any eviction policy but noeviction, Redis may delete
 * them when memory runs short, and work is lost without a trace. Returns 'ok', or 'unknown' when
 * the server refuses CONFIG (managed Redis often does) — the caller warns and goes on.
 */
export async function checkEvictionPolicy(client: ConfigGetClient): Promise<'ok' | 'unknown'> {
  let reply: unknown;
  try {
    reply = await client.config('GET', 'maxmemory-policy');
  } catch {
    return 'unknown';
  }
  const values = Array.isArray(reply) ? (reply as unknown[]) : [];
  const policy = values.length >= 2 ? String(values[1]) : undefined;
  if (policy === undefined) return 'unknown';
  if (policy !== 'noeviction') throw new RedisPolicyError(policy);
  return 'ok';
}

/** Every primary of a cluster holds queue keys (or will, after a reshard): each must keep them. */
async function checkEveryPrimary(client: RedisClient): Promise<'ok' | 'unknown'> {
  const primaries = client instanceof Cluster ? client.nodes('master') : [client];
  const results = await Promise.all(primaries.map((node) => checkEvictionPolicy(node)));
  return results.every((result) => result === 'ok') ? 'ok' : 'unknown';
}

/** Connects once to REDIS_URL for the check (retrying briefly while Redis starts). */
export async function assertRedisKeepsJobs(settings: RedisSettings, warn: (message: string) => void, attempts = 15): Promise<void> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const client = createRedis(settings, 'producer', { lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await checkEveryPrimary(client)) === 'unknown') {
        warn('could not read Redis maxmemory-policy (CONFIG is disabled): make sure it is "noeviction", or queued jobs may be evicted');
      }
      return;
    } catch (error) {
      if (error instanceof RedisPolicyError) throw error;
      lastError = error;
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`Redis (REDIS_URL) is not reachable: ${(lastError as Error | undefined)?.message ?? 'no answer'}`);
}
