import { join } from 'node:path';

import { withDatabase } from '@closer/local-services';

import { PostgresReplica } from './pg-replica';
import { RedisCluster } from './redis-cluster';
import { RedisSentinels, SENTINEL_MASTER } from './redis-sentinel';

export interface ScaleOutOptions {
  /** Redis as a Cluster (3 primaries, 3 replicas) or behind Sentinel (master, replica, 3 sentinels) instead of one server. */
  redisMode?: 'cluster' | 'sentinel';
  /** A streaming replica of the scenario's PostgreSQL, given to the apps as DATABASE_READ_URL. */
  readReplica?: boolean;
}

/** The services of "Beyond one machine" a scenario asked for, and the environment that points the apps at them. */
export class ScaleOut {
  cluster?: RedisCluster;
  sentinels?: RedisSentinels;
  replica?: PostgresReplica;

  constructor(private readonly options: ScaleOutOptions) {}

  async startRedis(root: string): Promise<void> {
    if (this.options.redisMode === 'cluster') this.cluster = await RedisCluster.start(join(root, 'redis-cluster'));
    if (this.options.redisMode === 'sentinel') this.sentinels = await RedisSentinels.start(join(root, 'redis-sentinel'));
  }

  /** After the database is migrated: the replica starts from a base backup of it. */
  async startReplica(root: string, postgresUrl: string, log: (line: string) => void): Promise<void> {
    if (this.options.readReplica) this.replica = await PostgresReplica.start(join(root, 'postgres-replica'), postgresUrl, log);
  }

  /** Overrides of the apps' environment; `name` becomes a hash-tagged queue prefix on a cluster. */
  env(name: string, database: string): Record<string, string> {
    const env: Record<string, string> = {};
    if (this.cluster) Object.assign(env, { REDIS_MODE: 'cluster', REDIS_URL: this.cluster.url, QUEUE_PREFIX: `{closer-system-${name}}` });
    if (this.sentinels)
      Object.assign(env, { REDIS_MODE: 'sentinel', REDIS_URL: this.sentinels.url, REDIS_SENTINEL_MASTER: SENTINEL_MASTER });
    if (this.replica) env.DATABASE_READ_URL = withDatabase(this.replica.url, database);
    return env;
  }

  async close(): Promise<void> {
    await Promise.all([this.cluster?.stop(), this.sentinels?.stop(), this.replica?.remove()].map((done) => done?.catch(() => undefined)));
  }
}
