import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { ensurePostgres, ensureRedis, freePort, LocalService, withDatabase } from '@closer/local-services';
import { Client } from 'pg';

import { until } from './support/system-stack';

const ROOT = join(__dirname, '..', '..');
const APPS = ['gateway', 'candidate-service', 'worker'] as const;
const random = () => randomBytes(32).toString('base64url');

/** What a deployment that followed the README would set. */
const validProduction = () => ({
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: random(),
  INTERNAL_AUTH_SECRET: random(),
  LINK_SECRET: random(),
  SMTP_URL: 'smtp://127.0.0.1:25',
  AUTH_JWT_ISSUER: 'https://id.acme.example/',
  AUTH_JWT_AUDIENCE: 'closer',
  LOG_LEVEL: 'info',
});

interface Run {
  code: number | null;
  output: string;
}

const children = new Set<ChildProcess>();

/** `node dist/apps/<app>/main.js` with exactly `env` (and PATH); resolves when it exits. */
function runApp(app: (typeof APPS)[number], env: Record<string, string>, timeoutMs = 30_000): Promise<Run> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', APOLLO_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} was still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, output });
    });
  });
}

/**
 * A deployment's mistakes, made with the built apps as processes: each app refuses to start,
 * exits non-zero and names what is wrong, without printing a secret.
 */
describe('fail closed at start-up (built apps)', () => {
  beforeAll(() => {
    for (const app of APPS) if (!existsSync(join(ROOT, 'dist', 'apps', app, 'main.js'))) throw new Error('run `npm run build` first');
  });

  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  it.each(APPS)('%s: an unset NODE_ENV is production, which requires every secret and setting', async (app) => {
    const { code, output } = await runApp(app, {});
    expect(code).toBe(78);
    for (const named of [
      'AUTH_JWT_SECRET or AUTH_JWKS_URL: one is required in production',
      'INTERNAL_AUTH_SECRET: required in production',
      'LINK_SECRET: required in production',
      'SMTP_URL: required in production',
      'AUTH_JWT_ISSUER: required in production',
      'AUTH_JWT_AUDIENCE: required in production',
    ])
      expect(output).toContain(named);
  });

  it.each(APPS)('%s: with no NODE_ENV, the development secrets written in the repository are refused, unprinted', async (app) => {
    const written = {
      AUTH_JWT_SECRET: 'closer-dev-jwt-secret-not-for-production-use',
      INTERNAL_AUTH_SECRET: 'closer-compose-internal-secret-change-me-in-production',
      LINK_SECRET: 'closer-dev-link-secret-not-for-production-use',
    };
    const { NODE_ENV: _unset, ...rest } = validProduction();
    const { code, output } = await runApp(app, { ...rest, ...written });
    expect(code).toBe(78);
    for (const name of Object.keys(written))
      expect(output).toContain(`${name}: a value written in the repository may not be used in production`);
    for (const value of Object.values(written)) expect(output).not.toContain(value);
  });

  it.each(APPS)('%s: production refuses a short secret, a plain-http JWKS URL, and names each', async (app) => {
    const { AUTH_JWT_SECRET: _jwt, ...env } = validProduction();
    const short = randomBytes(12).toString('hex').slice(0, 31);
    const { code, output } = await runApp(app, {
      ...env,
      LINK_SECRET: short,
      AUTH_JWKS_URL: 'http://id.acme.example/.well-known/jwks.json',
    });
    expect(code).toBe(78);
    expect(output).toContain('Invalid configuration (2 problems)');
    expect(output).toContain('LINK_SECRET: must be at least 32 characters');
    expect(output).toContain('AUTH_JWKS_URL: must be an https URL in production');
    expect(output).not.toContain(short);
  });

  describe('the worker in production', () => {
    let postgres: LocalService;
    let redis: LocalService;
    let databaseUrl: string;
    const database = `closer_fail_closed_${randomBytes(4).toString('hex')}`;

    beforeAll(async () => {
      postgres = await ensurePostgres({ envUrl: process.env.DATABASE_URL, dataDir: join(ROOT, '.data', 'system', 'fail-closed-postgres') });
      redis = await ensureRedis({ envUrl: process.env.REDIS_URL, dataDir: join(ROOT, '.data', 'system', 'fail-closed-redis') });
      const admin = new Client({ connectionString: withDatabase(postgres.url, 'postgres') });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      databaseUrl = withDatabase(postgres.url, database);
      const migrate = spawnSync(process.execPath, [join(ROOT, 'scripts', 'typeorm.mjs'), 'migrate'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      });
      if (migrate.status !== 0) throw new Error(`migration failed:\n${migrate.stdout}\n${migrate.stderr}`);
    });

    afterAll(async () => {
      const admin = new Client({ connectionString: withDatabase(postgres.url, 'postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
      await redis.stop();
      await postgres.stop();
    });

    it('exits naming SMTP_URL when it is missing, and never serves the local mailbox', async () => {
      const port = await freePort();
      const { SMTP_URL: _missing, ...env } = validProduction();
      const run = runApp('worker', { ...env, DATABASE_URL: databaseUrl, REDIS_URL: redis.url, WORKER_PORT: String(port) });
      // while it lives and after it exits, nothing answers on its port
      const probe = await fetch(`http://127.0.0.1:${port}/mailbox.json`).then(
        (response) => response.status,
        () => 'refused',
      );
      const { code, output } = await run;
      expect(code).toBe(78);
      expect(output).toContain('SMTP_URL: required in production (the local mailbox never runs in production)');
      expect(probe).toBe('refused');
      await expect(fetch(`http://127.0.0.1:${port}/mailbox`)).rejects.toThrow();
    });

    it('starts with the same environment plus SMTP_URL, and has no mailbox pages', async () => {
      const port = await freePort();
      const prefix = `closer-fail-closed-${randomBytes(4).toString('hex')}`;
      const env = {
        ...validProduction(),
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        WORKER_PORT: String(port),
      };
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'worker', 'main.js')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', APOLLO_TELEMETRY_DISABLED: 'true', ...env },
        stdio: 'ignore',
      });
      children.add(child);
      try {
        await until('the worker answers /health', async () =>
          fetch(`http://127.0.0.1:${port}/health`).then(
            (response) => response.status === 200,
            () => false,
          ),
        );
        expect((await fetch(`http://127.0.0.1:${port}/mailbox`)).status).toBe(404);
        expect((await fetch(`http://127.0.0.1:${port}/mailbox.json`)).status).toBe(404);
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
        children.delete(child);
      }
    });
  });
});
