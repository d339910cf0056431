import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { ConfigError, loadConfig } from './closer-config';
import { envSchema } from './config.schema';

const SECRET = 's'.repeat(40);
const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: SECRET, INTERNAL_AUTH_SECRET: `i${SECRET}`, LINK_SECRET: `l${SECRET}` };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('applies the defaults of the operating contract', () => {
    const sut = loadConfig({});
    expect(sut.database.url).toBe('postgres://postgres@127.0.0.1:5432/closer');
    expect(sut.redis).toEqual({ url: 'redis://127.0.0.1:6379', queuePrefix: 'closer' });
    expect(sut.mail).toEqual({ smtpUrl: undefined, from: 'Closer <no-reply@closer.local>' });
    expect(sut.publicUrl).toBe('http://localhost:3000');
    expect(sut.ports).toEqual({ gateway: 3000, candidateService: 3001, worker: 3002 });
    expect(sut.candidateServiceUrl).toBe('http://127.0.0.1:3001/graphql');
    expect(sut.hourMs).toBe(3_600_000);
    expect(sut.links.rateLimitPerMinute).toBe(60);
  });

  it.each([
    ['60 per minute', '60', 6],
    ['20 per minute (floor of 5)', '20', 5],
    ['300 per minute', '300', 30],
  ])('derives the per-token link limit from %s', (_case, perMinute, perToken) => {
    expect(loadConfig({ LINK_RATE_LIMIT_PER_MINUTE: perMinute }).links.rateLimitPerToken).toBe(perToken);
  });

  it('gives development secrets outside production', () => {
    const sut = loadConfig({ NODE_ENV: 'development' });
    expect(sut.auth.jwtSecret).toHaveLength(sut.auth.jwtSecret!.length);
    expect(sut.auth.jwtSecret!.length).toBeGreaterThanOrEqual(32);
    expect(sut.auth.internalSecret.length).toBeGreaterThanOrEqual(32);
    expect(sut.links.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('names every missing secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'AUTH_JWT_SECRET or AUTH_JWKS_URL: one is required in production',
      'INTERNAL_AUTH_SECRET: required in production',
      'LINK_SECRET: required in production',
    ]);
  });

  it('accepts a JWKS URL instead of a JWT secret in production', () => {
    const { AUTH_JWT_SECRET: _unused, ...rest } = production;
    const sut = loadConfig({ ...rest, AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json' });
    expect(sut.auth).toEqual({
      jwtSecret: undefined,
      jwksUrl: 'https://id.example.com/.well-known/jwks.json',
      internalSecret: production.INTERNAL_AUTH_SECRET,
    });
  });

  it('refuses the development secrets in production', () => {
    const devSecret = loadConfig({}).links.secret;
    expect(problemsOf({ ...production, LINK_SECRET: devSecret })).toEqual([
      'LINK_SECRET: the development default may not be used in production',
    ]);
  });

  it('names every invalid variable in one error and never echoes a value', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://db/closer',
      REDIS_URL: 'not a url',
      GATEWAY_PORT: '70000',
      CLOSER_HOUR_MS: '-5',
      LINK_SECRET: 'short-secret-value',
      QUEUE_PREFIX: 'has spaces',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CLOSER_HOUR_MS',
      'DATABASE_URL',
      'GATEWAY_PORT',
      'LINK_SECRET',
      'QUEUE_PREFIX',
      'REDIS_URL',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret-value');
    expect(problems.join('\n')).not.toContain('mysql://db');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ SMTP_URL: '', QUEUE_PREFIX: '' }).redis.queuePrefix).toBe('closer');
  });

  it('reads nothing outside the contract', () => {
    expect(Object.keys(envSchema.shape).sort()).toEqual(
      [
        'AUTH_JWKS_URL',
        'AUTH_JWT_SECRET',
        'CANDIDATE_SERVICE_PORT',
        'CANDIDATE_SERVICE_URL',
        'CLOSER_HOUR_MS',
        'DATABASE_URL',
        'GATEWAY_PORT',
        'INTERNAL_AUTH_SECRET',
        'LINK_RATE_LIMIT_PER_MINUTE',
        'LINK_SECRET',
        'LOG_LEVEL',
        'MAIL_FROM',
        'NODE_ENV',
        'OPS_ORGANIZATION',
        'PUBLIC_URL',
        'QUEUE_PREFIX',
        'REDIS_URL',
        'SMTP_URL',
        'WORKER_PORT',
      ].sort(),
    );
  });

  it('makes a process exit non-zero with one clear message', () => {
    const root = join(__dirname, '..', '..', '..');
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-e',
        "require('./libs/config/src/closer-config').loadConfigOrExit(); console.log('started')",
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NODE_ENV: 'production', LINK_SECRET: 'leaky-but-too-short', WORKER_PORT: 'abc' },
      },
    );
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain('started');
    expect(run.stderr).toMatch(/^Invalid configuration \(4 problems\):/);
    for (const name of ['WORKER_PORT', 'LINK_SECRET', 'AUTH_JWT_SECRET or AUTH_JWKS_URL', 'INTERNAL_AUTH_SECRET'])
      expect(run.stderr).toContain(`- ${name}`);
    expect(run.stderr).not.toContain('leaky-but-too-short');
  });
});
