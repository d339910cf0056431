import { Cluster } from 'ioredis';

import type { RedisClient, RedisMode } from './redis-connection';

/** What /health says about Redis: the mode and how many nodes of each role answer. No addresses. */
export interface RedisHealth {
  mode: RedisMode;
  /** The primaries serving slots (cluster) or the master (sentinel) that answer. */
  primariesUp: number;
  primaries: number;
  /** Replicas the master reports connected (sentinel), or the cluster sees connected (cluster). */
  replicasUp: number;
  [key: string]: string | number;
}

/**
 * The cluster's own view (CLUSTER NODES): primaries are the nodes serving slots, and a node
 * answers unless the cluster flags it failing (`fail`, `fail?`) or its link is down.
 */
export function clusterCounts(nodes: string): Pick<RedisHealth, 'primaries' | 'primariesUp' | 'replicasUp'> {
  const lines = nodes
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
  const up = (fields: string[]) => !/fail/.test(fields[2]!) && fields[7] === 'connected';
  const primaries = lines.filter((fields) => fields[2]!.includes('master') && fields.length > 8);
  const replicas = lines.filter((fields) => fields[2]!.includes('slave'));
  return { primaries: primaries.length, primariesUp: primaries.filter(up).length, replicasUp: replicas.filter(up).length };
}

/**
 * Probes Redis for /health; throws (naming no address) when the queues cannot work: the master
 * does not answer, or a cluster is not in state ok. A single Redis is only pinged, as it always
 * was, and /health says nothing more about it.
 */
export async function redisHealth(client: RedisClient, mode: RedisMode): Promise<RedisHealth | undefined> {
  if (client instanceof Cluster) {
    const [info, nodes] = (await Promise.all([client.cluster('INFO'), client.cluster('NODES')])) as [string, string];
    if (!/cluster_state:ok/.test(info)) throw new Error('cluster state is not ok');
    return { mode, ...clusterCounts(nodes) };
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
