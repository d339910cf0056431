import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { NODE_ARGS, redisCli, RedisNode } from './redis-nodes';

/** One line of CLUSTER NODES. */
interface NodeLine {
  port: number;
  flags: string[];
}

/**
 * A Redis Cluster of 3 primaries and 3 replicas from the machine's redis-server, built with
 * `redis-cli --cluster create … --cluster-replicas 1`. Replicas sync at once (diskless sync
 * without delay) and a dead primary is replaced within about two seconds (node timeout 1 s).
 */
export class RedisCluster {
  private constructor(
    readonly dir: string,
    readonly nodes: RedisNode[],
  ) {}

  static async start(dir: string): Promise<RedisCluster> {
    rmSync(dir, { recursive: true, force: true });
    const args = ['--cluster-enabled', 'yes', '--cluster-node-timeout', '1000', '--cluster-replica-validity-factor', '0', ...NODE_ARGS];
    const nodes: RedisNode[] = [];
    try {
      for (let i = 1; i <= 6; i++) {
        const name = `node-${i}`;
        nodes.push(await RedisNode.start(join(dir, name), name, () => [...args, '--cluster-config-file', join(dir, name, 'nodes.conf')]));
      }
      redisCli(['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '1', '--cluster-yes']);
      const cluster = new RedisCluster(dir, nodes);
      await cluster.waitUntilHealthy();
      return cluster;
    } catch (error) {
      await Promise.all(nodes.map((node) => node.stop()));
      throw error;
    }
  }

  /** REDIS_URL for REDIS_MODE=cluster: every node as a seed. */
  get url(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  /** Every slot served, every live node agreeing, every replica's link to its primary up. */
  async waitUntilHealthy(timeoutMs = 30_000): Promise<void> {
    for (const node of this.nodes.filter((n) => n.running)) {
      await node.waitFor(
        'cluster_state:ok',
        async (client) => /cluster_state:ok/.test((await client.cluster('INFO')) as string),
        timeoutMs,
      );
    }
    for (const node of this.nodes.filter((n) => n.running)) {
      await node.waitFor(
        'the replication link up',
        async (client) => {
          const info = await client.info('replication');
          return /role:master/.test(info) || /master_link_status:up/.test(info);
        },
        timeoutMs,
      );
    }
  }

  /** The node currently primary for `key`'s slot. */
  async primaryFor(key: string): Promise<RedisNode> {
    const alive = this.nodes.find((node) => node.running)!;
    const slot = await alive.with((client) => client.cluster('KEYSLOT', key) as Promise<number>);
    const shards = await alive.with((client) => client.cluster('SLOTS'));
    const owner = shards.find(([from, to]) => slot >= from && slot <= to)!;
    const port = Number(owner[2]![1]);
    const node = this.nodes.find((n) => n.port === port);
    if (!node) throw new Error(`no primary found for slot ${slot}`);
    return node;
  }

  /** Ports of the nodes that are primaries now, by a live node's view. */
  async primaryPorts(): Promise<number[]> {
    const lines = await this.topology(this.nodes.find((node) => node.running)!);
    return lines
      .filter((line) => line.flags.includes('master') && !line.flags.includes('fail'))
      .map((line) => line.port)
      .sort();
  }

  private async topology(node: RedisNode): Promise<NodeLine[]> {
    const text = await node.with((client) => client.cluster('NODES') as Promise<string>);
    return text
      .trim()
      .split('\n')
      .map((line) => {
        const [, address, flags] = line.split(' ');
        return { port: Number(/:(\d+)@/.exec(address!)?.[1]), flags: flags!.split(',') };
      });
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
