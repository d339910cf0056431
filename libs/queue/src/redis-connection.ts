import type { ConnectionOptions } from 'bullmq';
import Redis, { Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';

export type RedisMode = 'single' | 'sentinel' | 'cluster';

/** REDIS_URL, REDIS_MODE and REDIS_SENTINEL_MASTER, as CloserConfig.redis holds them. */
export interface RedisSettings {
  /** One URL (single), or a comma-separated list of sentinels (sentinel) or seed nodes (cluster). */
  url: string;
  mode: RedisMode;
  sentinelMaster?: string;
}

export type RedisRole = 'worker' | 'producer';
/** A connection to Redis whatever the mode: ioredis's Redis (single, sentinel) or Cluster. */
export type RedisClient = Redis | Cluster;

const retryStrategy = (attempt: number) => Math.min(attempt * 200, 2_000);

/** A bare URL is one Redis (REDIS_MODE=single). */
const settingsOf = (settings: RedisSettings | string): RedisSettings =>
  typeof settings === 'string' ? { url: settings, mode: 'single' } : settings;

/** The nodes of REDIS_URL; credentials, TLS and the database number come from the first URL. */
export function redisNodes(url: string): { host: string; port: number }[] {
  return url
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const parsed = new URL(item);
      return { host: parsed.hostname, port: Number(parsed.port || 6379) };
    });
}

/**
 * The options of one node's connection. Workers block on Redis and need maxRetriesPerRequest
 * null; producers fail fast instead of queueing commands while Redis is away, so the caller can
 * roll back and try again later.
 */
function nodeOptions(settings: RedisSettings, role: RedisRole): RedisOptions {
  const first = new URL(settings.url.split(',')[0].trim());
  return {
    username: first.username ? decodeURIComponent(first.username) : undefined,
    password: first.password ? decodeURIComponent(first.password) : undefined,
    tls: first.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 5_000,
    ...(role === 'worker' ? { maxRetriesPerRequest: null, enableReadyCheck: true } : { maxRetriesPerRequest: 1 }),
  };
}

/** ioredis options for single and sentinel modes (a BullMQ connection may be given as options). */
export function redisOptions(given: RedisSettings | string, role: RedisRole): RedisOptions {
  const settings = settingsOf(given);
  if (settings.mode === 'cluster') throw new Error('a Redis Cluster needs a Cluster connection: use createRedis()');
  const node = nodeOptions(settings, role);
  const offline = role === 'worker' ? {} : { enableOfflineQueue: false };
  if (settings.mode === 'sentinel') {
    return {
      ...node,
      ...offline,
      sentinels: redisNodes(settings.url),
      name: settings.sentinelMaster,
      // sentinels usually share the master's credentials only when told to; the master's are in the URL
      sentinelUsername: node.username,
      sentinelPassword: node.password,
      enableTLSForSentinelMode: node.tls !== undefined,
      sentinelRetryStrategy: retryStrategy,
      // no failoverDetector: with it, a connection that was reconnecting when the sentinels
      // announced the new master ended for good (ioredis 5.11); the retry strategy finds it anyway
      retryStrategy,
    };
  }
  const parsed = new URL(settings.url);
  return {
    ...node,
    ...offline,
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    retryStrategy,
  };
}

/**
 * Cluster options with the same meaning as a single node's: maxRetriesPerRequest applies per
 * node, a producer's commands are not queued while the cluster is unreachable, and the cluster
 * reconnects with the same back-off. A node that drops is not retried on its own: the cluster
 * refreshes its slots and sends that node's slots to the replica that took over.
 */
function clusterOptions(settings: RedisSettings, role: RedisRole): ClusterOptions {
  return {
    redisOptions: nodeOptions(settings, role),
    enableOfflineQueue: role === 'worker',
    // BullMQ takes a Cluster in state "connect" for ready and sends INFO at once: without an
    // offline queue that command would fail unless the cluster turns ready with its slots loaded
    enableReadyCheck: role === 'worker',
    clusterRetryStrategy: retryStrategy,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    slotsRefreshTimeout: 2_000,
  };
}

/** A new connection in REDIS_MODE; `overrides` apply to the connection (single, sentinel) or to every node (cluster). */
export function createRedis(given: RedisSettings | string, role: RedisRole, overrides: RedisOptions = {}): RedisClient {
  const settings = settingsOf(given);
  if (settings.mode !== 'cluster') return new Redis({ ...redisOptions(settings, role), ...overrides });
  const options = clusterOptions(settings, role);
  const { enableOfflineQueue, lazyConnect, retryStrategy: nodeRetry, ...node } = overrides;
  return new Cluster(redisNodes(settings.url), {
    ...options,
    redisOptions: { ...options.redisOptions, ...node },
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    // giving up on a node means giving up on the cluster
    ...(nodeRetry == null ? {} : { clusterRetryStrategy: (attempt: number) => nodeRetry(attempt) ?? null }),
  });
}

/**
 * A BullMQ connection: options in single and sentinel modes (BullMQ opens and closes its own
 * connections), a Cluster in cluster mode (BullMQ opens connections only from options; a Queue
 * shares the Cluster and a Worker duplicates it for its blocking reads). Release it with
 * releaseBullConnection() once every queue and worker using it is closed.
 */
export function bullConnection(given: RedisSettings | string, role: RedisRole): ConnectionOptions {
  const settings = settingsOf(given);
  return (
    settings.mode === 'cluster' ? createRedis(settings, role, { lazyConnect: true }) : redisOptions(settings, role)
  ) as ConnectionOptions;
}

export function releaseBullConnection(connection: ConnectionOptions): void {
  if (connection instanceof Cluster || connection instanceof Redis) connection.disconnect();
}

/**
 * Resolves once `client` is ready, or after `timeoutMs` whatever its state (never rejects). A
 * producer queues nothing while disconnected, so an app waits for this at start-up: its first
 * requests would otherwise fail while the connection is still being made. Redis down at start
 * is not fatal: /health reports it and commands fail fast until it returns.
 */
export function whenReady(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}
