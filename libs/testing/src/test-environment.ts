import { randomBytes } from 'node:crypto';

import { CloserConfig, loadConfig } from '@closer/config';
import { withDatabase } from '@closer/local-services';
import Redis from 'ioredis';
import { Client } from 'pg';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests run through jest's integration project (global setup)`);
  return value;
}

/** A database cloned from the migrated template, private to one test file. */
export class TestDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  static async create(): Promise<TestDatabase> {
    const server = required('CLOSER_TEST_PG_SERVER');
    const name = `closer_test_${randomBytes(6).toString('hex')}`;
    await TestDatabase.admin(server, `CREATE DATABASE ${name} TEMPLATE ${required('CLOSER_TEST_TEMPLATE_DB')}`);
    return new TestDatabase(name, withDatabase(server, name));
  }

  /** Runs one query on a short-lived connection (keeps no pool alive between tests). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await TestDatabase.admin(required('CLOSER_TEST_PG_SERVER'), `DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  private static async admin(server: string, sql: string): Promise<void> {
    const client = new Client({ connectionString: withDatabase(server, 'postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

/** A BullMQ key prefix of its own, and a way to remove its keys afterwards. */
export class TestRedis {
  readonly url = required('CLOSER_TEST_REDIS_URL');
  readonly prefix = `closer-test-${randomBytes(5).toString('hex')}`;

  async keys(): Promise<string[]> {
    const redis = new Redis(this.url);
    try {
      return await redis.keys(`${this.prefix}:*`);
    } finally {
      redis.disconnect();
    }
  }

  async flush(): Promise<void> {
    const redis = new Redis(this.url);
    try {
      const keys = await redis.keys(`${this.prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  }
}

/** The apps' configuration for a test: its own database, prefix and SMTP server; ports chosen by the OS. */
export function testConfig(options: {
  database: TestDatabase;
  redis: TestRedis;
  smtpUrl?: string;
  env?: Record<string, string>;
}): CloserConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: options.database.url,
    REDIS_URL: options.redis.url,
    QUEUE_PREFIX: options.redis.prefix,
    SMTP_URL: options.smtpUrl,
    GATEWAY_PORT: '0',
    CANDIDATE_SERVICE_PORT: '0',
    WORKER_PORT: '0',
    ...options.env,
  });
}
