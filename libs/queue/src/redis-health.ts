import { Cluster } from 'ioredis';

import type { RedisClient, RedisMode } from './redis-connection';

/** What /health says about Redis: the mode and how many nodes of each role answer. No addresses. */
export interface RedisHealth {
  mode: RedisMode;
  /** The primaries (cluster) or the master (single, sentinel) that answered PING. */
  primariesUp: number;
  primaries: number;
  /** Replicas the master reports connected (sentinel), or that answered PING (cluster). */
  replicasUp: number;
  [key: string]: string | number;
}

const PING_TIMEOUT_MS = 1_500;

function answers(node: { ping(): Promise<string> }): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    node.ping().then(
      (reply) => (clearTimeout(timer), resolve(reply === 'PONG')),
      () => (clearTimeout(timer), resolve(false)),
    );
  });
}

/**
 * Probes Redis for /health; throws (naming no address) when the queues cannot work: the master
 * does not answer, or a cluster is not in state ok. A single Redis is only pinged, as it always
 * was, and /health says nothing more about it.
 */
export async function redisHealth(client: RedisClient, mode: RedisMode): Promise<RedisHealth | undefined> {
  if (client instanceof Cluster) {
    const [primaries, replicas] = [client.nodes('master'), client.nodes('slave')];
    const [primaryAnswers, replicaAnswers, info] = await Promise.all([
      Promise.all(primaries.map(answers)),
      Promise.all(replicas.map(answers)),
      client.cluster('INFO') as Promise<string>,
    ]);
    if (!/cluster_state:ok/.test(info)) throw new Error('cluster state is not ok');
    return {
      mode,
      primariesUp: primaryAnswers.filter(Boolean).length,
      primaries: primaries.length,
      replicasUp: replicaAnswers.filter(Boolean).length,
    };
  }
  if (mode === 'single') {
    await client.ping();
    return undefined;
  }
  const replication = await client.info('replication');
  const replicas = Number(/connected_slaves:(\d+)/.exec(replication)?.[1] ?? 0);
  if (!/role:master/.test(replication)) throw new Error('the node answering is not a master');
  return { mode, primariesUp: 1, primaries: 1, replicasUp: replicas };
}
