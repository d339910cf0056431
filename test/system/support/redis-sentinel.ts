import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { NODE_ARGS, RedisNode } from './redis-nodes';

export const SENTINEL_MASTER = 'closer-system';

/**
 * One master, one replica and three sentinels from the machine's redis-server. The sentinels
 * agree a master is down after one second (quorum 2) and promote the replica.
 */
export class RedisSentinels {
  private constructor(
    readonly dir: string,
    readonly servers: RedisNode[],
    readonly sentinels: RedisNode[],
  ) {}

  static async start(dir: string): Promise<RedisSentinels> {
    rmSync(dir, { recursive: true, force: true });
    const started: RedisNode[] = [];
    try {
      const master = await RedisNode.start(join(dir, 'master'), 'master', () => [...NODE_ARGS]);
      started.push(master);
      const replica = await RedisNode.start(join(dir, 'replica'), 'replica', () => [
        ...NODE_ARGS,
        '--replicaof',
        '127.0.0.1',
        String(master.port),
      ]);
      started.push(replica);
      await replica.waitFor('master_link_status:up', async (client) => /master_link_status:up/.test(await client.info('replication')));
      const sentinels: RedisNode[] = [];
      for (let i = 1; i <= 3; i++) {
        // a sentinel rewrites its configuration file: each gets its own
        const sentinel = await RedisNode.start(
          join(dir, `sentinel-${i}`),
          `sentinel-${i}`,
          () => ['--sentinel'],
          () =>
            [
              `sentinel monitor ${SENTINEL_MASTER} 127.0.0.1 ${master.port} 2`,
              `sentinel down-after-milliseconds ${SENTINEL_MASTER} 1000`,
              `sentinel failover-timeout ${SENTINEL_MASTER} 5000`,
              `sentinel parallel-syncs ${SENTINEL_MASTER} 1`,
              '',
            ].join('\n'),
        );
        sentinels.push(sentinel);
        started.push(sentinel);
      }
      // every sentinel knows the replica and the two other sentinels before any fault
      for (const sentinel of sentinels) {
        await sentinel.waitFor('the replica and two other sentinels', async (client) => {
          const fields = (await client.call('SENTINEL', 'MASTER', SENTINEL_MASTER)) as string[];
          const value = (name: string) => Number(fields[fields.indexOf(name) + 1]);
          return value('num-slaves') === 1 && value('num-other-sentinels') === 2;
        });
      }
      return new RedisSentinels(dir, [master, replica], sentinels);
    } catch (error) {
      await Promise.all(started.map((node) => node.stop()));
      throw error;
    }
  }

  /** REDIS_URL for REDIS_MODE=sentinel: the sentinels. */
  get url(): string {
    return this.sentinels.map((node) => node.url).join(',');
  }

  /** The server the sentinels name as master now. */
  async master(): Promise<RedisNode> {
    const [, port] = (await this.sentinels
      .find((s) => s.running)!
      .with((client) => client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER))) as [string, string];
    const node = this.servers.find((server) => server.port === Number(port));
    if (!node) throw new Error(`the sentinels name an unknown master (:${port})`);
    return node;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sentinels, ...this.servers].map((node) => node.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
