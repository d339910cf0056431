// Where the benchmarks run: the PostgreSQL/Redis that `npm start` and the tests use (found or
// started by @closer/local-services), a database of the benchmarks' own, migrated like any other.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { ensureDatabase, ensurePostgres, ensureRedis, LocalService, redactPassword, withDatabase } from '@closer/local-services';
import Redis from 'ioredis';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '..', '..');
/** Not `closer`: that one holds `npm start`'s demo data, which the benchmarks must never touch. */
export const DEFAULT_BENCH_DATABASE = 'closer_bench';

export interface BenchDatabase {
  url: string;
  /** The database's name, for messages. */
  name: string;
  stop(): Promise<void>;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/**
 * `database` on DATABASE_URL's server (or the machine's PostgreSQL, or a private one under
 * .data/), created when missing; without `database`, DATABASE_URL verbatim when set, else
 * `closer_bench`. Migrated in every case.
 */
export async function benchDatabase(database?: string, options: { migrate?: boolean } = {}): Promise<BenchDatabase> {
  const envUrl = process.env.DATABASE_URL || undefined;
  const server = await ensurePostgres({ envUrl, dataDir: join(ROOT, '.data', 'bench-postgres'), log });
  // with DATABASE_URL set, server.url is DATABASE_URL: ensureDatabase keeps its server and credentials
  const url = envUrl && !database ? envUrl : await ensureDatabase(server.url, database ?? DEFAULT_BENCH_DATABASE);
  if (options.migrate !== false) migrate(url);
  return { url, name: decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres', stop: () => server.stop() };
}

export async function benchRedis(): Promise<LocalService> {
  return ensureRedis({ envUrl: process.env.REDIS_URL || undefined, dataDir: join(ROOT, '.data', 'bench-redis'), log });
}

/** `npm run db:migrate` against `url`; a no-op when the schema is current. */
export function migrate(url: string): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'typeorm.mjs'), 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`migrating ${redactPassword(url)} failed:\n${run.stdout}\n${run.stderr}`);
}

/** Drops a database of the server `url` points at (from its `postgres` database). */
export async function dropBenchDatabase(url: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Deletes every key under `prefix:` (a benchmark's own queue prefix). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
