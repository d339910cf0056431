// Integration runs: find or start PostgreSQL and Redis once, migrate a template database once,
// and hand both to the test files through the environment. Each file then clones its own
// database from the template (test-database.ts), so files never see each other's data.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { Client } from 'pg';

// jest loads its global setup and teardown without the path aliases: the lib through its index
import { ensurePostgres, ensureRedis, LocalService, withDatabase } from '../../local-services/src';

const ROOT = join(__dirname, '..', '..', '..');

declare global {
  var __closerServices: LocalService[] | undefined;
  var __closerTemplate: { serverUrl: string; database: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[test services] ${line}\n`);
  const postgres = await ensurePostgres({ envUrl: process.env.DATABASE_URL, dataDir: join(ROOT, '.data', 'test-postgres'), log });
  const redis = await ensureRedis({ envUrl: process.env.REDIS_URL, dataDir: join(ROOT, '.data', 'test-redis'), log });
  globalThis.__closerServices = [postgres, redis];

  const template = `closer_test_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(postgres.url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  globalThis.__closerTemplate = { serverUrl: postgres.url, database: template };

  // the migrations run exactly as `npm run db:migrate` runs them
  const migrate = spawnSync(process.execPath, [join(ROOT, 'scripts', 'typeorm.mjs'), 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: withDatabase(postgres.url, template) },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrating the template database failed:\n${migrate.stdout}\n${migrate.stderr}`);

  process.env.CLOSER_TEST_PG_SERVER = postgres.url;
  process.env.CLOSER_TEST_TEMPLATE_DB = template;
  process.env.CLOSER_TEST_REDIS_URL = redis.url;
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}
