import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';
import { Client } from 'pg';

import { ensureDatabase, ensurePostgres, ensureRedis, freePort, isAlive, isPortOpen, LocalService } from '.';

function portOf(url: string): number {
  return Number(new URL(url).port);
}

describe('local services (private instances)', () => {
  let root: string;
  const started: LocalService[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'closer-local-services-'));
  });

  afterAll(async () => {
    await Promise.all(started.map((service) => service.stop()));
    rmSync(root, { recursive: true, force: true });
  });

  it('freePort returns a port nothing listens on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await isPortOpen(port)).toBe(false);
  });

  it('starts, serves, reuses and stops a private PostgreSQL', async () => {
    const dataDir = join(root, 'postgres');
    const pg = await ensurePostgres({ dataDir, forcePrivate: true });
    started.push(pg);
    expect(pg.private).toBe(true);
    expect(pg.pid).toBeDefined();

    const url = await ensureDatabase(pg.url, 'closer_local_services');
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ db: string; one: number }>('SELECT current_database() AS db, 1 AS one');
    await client.end();
    expect(rows[0]).toEqual({ db: 'closer_local_services', one: 1 });

    await pg.stop();
    await pg.stop(); // idempotent
    expect(await isPortOpen(portOf(pg.url))).toBe(false);
    expect(isAlive(pg.pid!)).toBe(false);
    expect(existsSync(join(dataDir, 'pgdata', 'postmaster.pid'))).toBe(false);

    // a second run reuses the initialized cluster and its databases
    const again = await ensurePostgres({ dataDir, forcePrivate: true });
    started.push(again);
    const reused = new Client({ connectionString: `${again.url}/closer_local_services` });
    await reused.connect();
    await reused.end();
    await again.stop();
    expect(await isPortOpen(portOf(again.url))).toBe(false);
  });

  it('starts, serves and stops a private Redis', async () => {
    const dataDir = join(root, 'redis');
    const redis = await ensureRedis({ dataDir, forcePrivate: true });
    started.push(redis);
    expect(redis.private).toBe(true);
    expect(Number(readFileSync(join(dataDir, 'redis.pid'), 'utf8'))).toBe(redis.pid);

    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    await client.set('closer:probe', 'ok');
    expect(await client.get('closer:probe')).toBe('ok');
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    client.disconnect();

    await redis.stop();
    await redis.stop();
    expect(await isPortOpen(portOf(redis.url))).toBe(false);
    expect(isAlive(redis.pid!)).toBe(false);
  });

  it('names the variable when an explicit URL is unreachable', async () => {
    const port = await freePort();
    await expect(ensureRedis({ envUrl: `redis://127.0.0.1:${port}`, dataDir: join(root, 'unused') })).rejects.toThrow(
      /REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\) is not reachable/,
    );
    await expect(ensurePostgres({ envUrl: `postgres://u:secret@127.0.0.1:${port}/x`, dataDir: join(root, 'unused') })).rejects.toThrow(
      /DATABASE_URL \(postgres:\/\/u:\*\*\*@127\.0\.0\.1:\d+\/x\) is not reachable/,
    );
  });

  it('external services are never stopped', async () => {
    // a server this test owns stands in for the machine's: found through its URL, it counts as external
    const server = await ensureRedis({ dataDir: join(root, 'external-redis'), forcePrivate: true });
    started.push(server);
    const external = await ensureRedis({ envUrl: server.url, dataDir: join(root, 'unused') });
    expect({ url: external.url, private: external.private, pid: external.pid }).toEqual({
      url: server.url,
      private: false,
      pid: undefined,
    });

    await external.stop();
    expect(await isPortOpen(portOf(server.url))).toBe(true);
    expect(isAlive(server.pid!)).toBe(true);
    const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    await server.stop();
  });
});
