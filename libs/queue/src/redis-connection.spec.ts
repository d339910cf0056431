import { Cluster } from 'ioredis';

import { bullConnection, createRedis, redisNodes, redisOptions, releaseBullConnection } from './redis-connection';

const sentinels = 'redis://:pw@10.0.0.1:26379, redis://10.0.0.2:26380,redis://10.0.0.3';
const seeds = 'rediss://user:pw@10.0.1.1:7000,rediss://10.0.1.2:7001';

describe('Redis connections by REDIS_MODE', () => {
  it('single: one node, with the producer failing fast and the worker waiting', () => {
    expect(redisOptions('redis://u:p%40ss@10.0.0.9:6390/2', 'producer')).toMatchObject({
      host: '10.0.0.9',
      port: 6390,
      db: 2,
      username: 'u',
      password: 'p@ss',
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    const worker = redisOptions({ url: 'redis://10.0.0.9', mode: 'single' }, 'worker');
    expect(worker).toMatchObject({ port: 6379, maxRetriesPerRequest: null });
    expect(worker.enableOfflineQueue).toBeUndefined();
  });

  it('sentinel: every sentinel listed, the master named, the master credentials reused', () => {
    const options = redisOptions({ url: sentinels, mode: 'sentinel', sentinelMaster: 'closer-main' }, 'producer');
    expect(options.sentinels).toEqual([
      { host: '10.0.0.1', port: 26379 },
      { host: '10.0.0.2', port: 26380 },
      { host: '10.0.0.3', port: 6379 },
    ]);
    expect(options).toMatchObject({ name: 'closer-main', password: 'pw', sentinelPassword: 'pw', maxRetriesPerRequest: 1 });
    expect(options.host).toBeUndefined();
  });

  it('cluster: a Cluster over the seed nodes; per-node retries per role, offline queue per role', () => {
    const producer = createRedis({ url: seeds, mode: 'cluster' }, 'producer', { lazyConnect: true });
    const worker = createRedis({ url: seeds, mode: 'cluster' }, 'worker', { lazyConnect: true });
    try {
      expect(producer).toBeInstanceOf(Cluster);
      const p = (producer as Cluster).options;
      expect(p.enableOfflineQueue).toBe(false);
      expect(p.redisOptions).toMatchObject({ maxRetriesPerRequest: 1, username: 'user', password: 'pw', tls: {} });
      const w = (worker as Cluster).options;
      expect(w.enableOfflineQueue).toBe(true);
      expect(w.redisOptions?.maxRetriesPerRequest).toBeNull();
      expect(() => redisOptions({ url: seeds, mode: 'cluster' }, 'worker')).toThrow(/Cluster connection/);
    } finally {
      producer.disconnect();
      worker.disconnect();
    }
  });

  it('gives BullMQ options for one node and a Cluster for a cluster', () => {
    expect(bullConnection('redis://127.0.0.1:6379', 'worker')).toMatchObject({ host: '127.0.0.1', maxRetriesPerRequest: null });
    const cluster = bullConnection({ url: seeds, mode: 'cluster' }, 'worker');
    expect(cluster).toBeInstanceOf(Cluster);
    releaseBullConnection(cluster);
    expect((cluster as Cluster).status).toBe('end');
  });

  it('lists the nodes of a comma-separated REDIS_URL', () => {
    expect(redisNodes(seeds)).toEqual([
      { host: '10.0.1.1', port: 7000 },
      { host: '10.0.1.2', port: 7001 },
    ]);
  });
});
