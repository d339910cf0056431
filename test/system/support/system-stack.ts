import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { loadConfig } from '@closer/config';
import { AppName, AppProcess, ensurePostgres, ensureRedis, freePort, LocalService, withDatabase } from '@closer/local-services';
import { SmtpMailbox, SmtpMailboxOptions } from '@closer/mailbox';
import { signTestJwt } from '@closer/testing';
import { Client, Pool } from 'pg';

import { ScaleOut, ScaleOutOptions } from './scale-out';

const ROOT = join(__dirname, '..', '..', '..');
const DATABASE = 'closer_system';
/** The dev secrets apply outside production: the apps and this process derive the same ones. */
export const DEV_CONFIG = loadConfig({ NODE_ENV: 'test' });
export const PUBLIC_URL = 'http://closer.system.test';

export interface StackOptions extends ScaleOutOptions {
  /** Names the data directory (`.data/system/<name>`), the queue prefix and the logs. */
  name: string;
  workers?: number;
  gateways?: number;
  smtp?: SmtpMailboxOptions;
  /** Extra environment for every app. */
  env?: Record<string, string>;
  /** Redis keeps its data across stopRedis()/startRedis() (append-only file), as a production Redis does. */
  redisPersistent?: boolean;
}

export interface GraphQLResult<T> {
  status: number;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const log = (line: string) => process.stderr.write(`[system] ${line}\n`);

/**
 * The whole suite as separate processes on private services: a PostgreSQL and a Redis that this
 * test starts, stops and restarts, a fresh database migrated with `npm run db:migrate`'s script,
 * an SMTP capture server with fault hooks, and the built apps (`node dist/apps/<app>/main.js`)
 * configured through the environment contract only.
 */
export class SystemStack {
  readonly candidateService: AppProcess;
  readonly gateways: AppProcess[];
  readonly workers: AppProcess[];
  readonly databaseUrl: string;
  readonly pool: Pool;
  scaleOut!: ScaleOut;
  private recruiterAuth?: string;

  private constructor(
    readonly options: StackOptions,
    readonly root: string,
    private postgres: LocalService,
    private readonly postgresPort: number,
    private redis: LocalService | undefined,
    private readonly redisPort: number,
    readonly smtp: SmtpMailbox,
    readonly env: Record<string, string>,
    ports: { candidateService: number; gateways: number[]; workers: number[] },
  ) {
    const logs = join(root, 'logs');
    this.databaseUrl = withDatabase(postgres.url, DATABASE);
    const app = (name: AppName, label: string, port: number) =>
      new AppProcess(name, port, { label, env: this.appEnv(name, port), logDir: logs, logPerStart: true });
    this.candidateService = app('candidate-service', 'candidate-service', ports.candidateService);
    this.gateways = ports.gateways.map((port, index) => app('gateway', `gateway-${index + 1}`, port));
    this.workers = ports.workers.map((port, index) => app('worker', `worker-${index + 1}`, port));
    this.pool = new Pool({ connectionString: this.databaseUrl, max: 4, application_name: 'closer-system-test' });
    this.pool.on('error', () => undefined); // PostgreSQL restarts during some scenarios
  }

  static async start(options: StackOptions): Promise<SystemStack> {
    const root = join(ROOT, '.data', 'system', options.name);
    mkdirSync(root, { recursive: true });
    rmSync(join(root, 'logs'), { recursive: true, force: true });
    mkdirSync(join(root, 'logs'), { recursive: true });
    rmSync(join(root, 'redis'), { recursive: true, force: true });

    const postgresPort = await freePort();
    const redisPort = await freePort();
    const [postgres, redis] = await Promise.all([
      ensurePostgres({ dataDir: join(root, 'postgres'), forcePrivate: true, port: postgresPort, log }),
      ensureRedis({ dataDir: join(root, 'redis'), forcePrivate: true, port: redisPort, persistent: options.redisPersistent, log }),
    ]);
    await freshDatabase(postgres.url);
    const scaleOut = new ScaleOut(options);
    try {
      await scaleOut.startRedis(root);
      await scaleOut.startReplica(root, postgres.url, log);
    } catch (error) {
      await Promise.all([scaleOut.close(), redis.stop(), postgres.stop()]);
      throw error;
    }

    const smtp = new SmtpMailbox(1_000_000, options.smtp);
    await smtp.start();
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: withDatabase(postgres.url, DATABASE),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `closer-system-${options.name}`,
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      APOLLO_TELEMETRY_DISABLED: 'true',
      LINK_RATE_LIMIT_PER_MINUTE: '100000',
      ...scaleOut.env(options.name, DATABASE),
      ...options.env,
    };
    const ports = {
      candidateService: await freePort(),
      gateways: await Promise.all(Array.from({ length: options.gateways ?? 1 }, () => freePort())),
      workers: await Promise.all(Array.from({ length: options.workers ?? 1 }, () => freePort())),
    };
    const stack = new SystemStack(options, root, postgres, postgresPort, redis, redisPort, smtp, env, ports);
    stack.scaleOut = scaleOut;
    try {
      await stack.candidateService.start();
      await Promise.all([...stack.gateways, ...stack.workers].map((app) => app.start()));
    } catch (error) {
      await stack.close();
      throw error;
    }
    return stack;
  }

  /** The environment an app gets: the shared contract plus its own port and, for gateways, the subgraph. */
  private appEnv(app: AppName, port: number): Record<string, string> {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...this.env };
    if (app === 'gateway') {
      env.GATEWAY_PORT = String(port);
      env.CANDIDATE_SERVICE_URL = `${this.candidateService.url}/graphql`;
    }
    if (app === 'candidate-service') env.CANDIDATE_SERVICE_PORT = String(port);
    if (app === 'worker') env.WORKER_PORT = String(port);
    return env;
  }

  get apps(): AppProcess[] {
    return [this.candidateService, ...this.gateways, ...this.workers];
  }

  async close(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop().catch(() => undefined)));
    await this.smtp.stop().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await this.redis?.stop().catch(() => undefined);
    await this.scaleOut.close();
    await this.postgres.stop().catch(() => undefined);
  }

  // --- services -----------------------------------------------------------------------------

  async stopRedis(): Promise<void> {
    await this.redis?.stop();
    this.redis = undefined;
  }

  /** Starts Redis again on the same port: the apps reconnect on their own. */
  async startRedis(): Promise<void> {
    this.redis = await ensureRedis({
      dataDir: join(this.root, 'redis'),
      forcePrivate: true,
      port: this.redisPort,
      persistent: this.options.redisPersistent,
      log,
    });
  }

  async stopPostgres(): Promise<void> {
    await this.postgres.stop();
  }

  /** Starts PostgreSQL again on the same port with the same data. */
  async startPostgres(): Promise<void> {
    this.postgres = await ensurePostgres({ dataDir: join(this.root, 'postgres'), forcePrivate: true, port: this.postgresPort, log });
  }

  // --- clients ------------------------------------------------------------------------------

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  /** POSTs a GraphQL operation to a gateway as a browser would; network errors reject. */
  async graphql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { gateway?: number; auth?: boolean; timeoutMs?: number; headers?: Record<string, string> } = {},
  ): Promise<GraphQLResult<T>> {
    const gateway = this.gateways[options.gateway ?? 0]!;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...options.headers };
    if (options.auth !== false) headers.authorization = `Bearer ${await this.recruiterToken()}`;
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as GraphQLResult<T>['body'] };
    } catch {
      return { status: response.status, body: { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] } };
    }
  }

  /** A recruiter operation that must succeed. */
  async recruiter<T>(query: string, variables: Record<string, unknown> = {}, gateway = 0): Promise<T> {
    const { status, body } = await this.graphql<T>(query, variables, { gateway });
    if (body.errors?.length || !body.data) throw new Error(`GraphQL ${status}: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  private async recruiterToken(): Promise<string> {
    this.recruiterAuth ??= await signTestJwt(DEV_CONFIG.auth.jwtSecret!, { org: 'acme', sub: 'rae', email: 'rae@acme.test' });
    return this.recruiterAuth;
  }
}

/** Drops and re-creates the scenario's database and applies the migrations as `npm run db:migrate` does. */
async function freshDatabase(serverUrl: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const migrate = spawnSync(process.execPath, [join(ROOT, 'scripts', 'typeorm.mjs'), 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: withDatabase(serverUrl, DATABASE) },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrating ${DATABASE} failed:\n${migrate.stdout}\n${migrate.stderr}`);
}

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await sleep(everyMs);
  }
}

/** Runs `task` for every item with at most `limit` at once; resolves with the results in order. */
export async function inParallel<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
