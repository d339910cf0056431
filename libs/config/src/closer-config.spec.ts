import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { ConfigError, loadConfig } from './closer-config';
import { envSchema } from './config.schema';
import { hashTag } from './scale-out-rules';

const secret = () => randomBytes(32).toString('base64url');
/** A complete, valid production environment. */
const production = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: secret(),
  INTERNAL_AUTH_SECRET: secret(),
  LINK_SECRET: secret(),
  SMTP_URL: 'smtps://mail.acme.example:465',
  AUTH_JWT_ISSUER: 'https://id.acme.example/',
  AUTH_JWT_AUDIENCE: 'closer',
};
const development = { NODE_ENV: 'development' };

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
    const sut = loadConfig(development);
    expect(sut.database.url).toBe('postgres://postgres@127.0.0.1:5432/closer');
    expect(sut.redis).toEqual({ url: 'redis://127.0.0.1:6379', mode: 'single', sentinelMaster: undefined, queuePrefix: 'closer' });
    expect(sut.database.readUrl).toBeUndefined();
    expect(sut.mail).toEqual({ smtpUrl: undefined, from: 'Closer <no-reply@closer.local>', poolSize: 5 });
    expect(sut.publicUrl).toBe('http://localhost:3000');
    expect(sut.ports).toEqual({ gateway: 3000, candidateService: 3001, worker: 3002 });
    expect(sut.candidateServiceUrl).toBe('http://127.0.0.1:3001/graphql');
    expect(sut.graphqlExecutor).toBe('graphql-js');
    expect(sut.hourMs).toBe(3_600_000);
    expect(sut.links.rateLimitPerMinute).toBe(60);
  });

  it.each([
    ['60 per minute', '60', 6],
    ['20 per minute (floor of 5)', '20', 5],
    ['300 per minute', '300', 30],
  ])('derives the per-token link limit from %s', (_case, perMinute, perToken) => {
    expect(loadConfig({ ...development, LINK_RATE_LIMIT_PER_MINUTE: perMinute }).links.rateLimitPerToken).toBe(perToken);
  });

  it('gives development secrets outside production', () => {
    const sut = loadConfig({ NODE_ENV: 'development' });
    expect(sut.auth.jwtSecret).toHaveLength(sut.auth.jwtSecret!.length);
    expect(sut.auth.jwtSecret!.length).toBeGreaterThanOrEqual(32);
    expect(sut.auth.internalSecret.length).toBeGreaterThanOrEqual(32);
    expect(sut.links.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('names every missing secret and setting in production', () => {
    const everyProblem = [
      'AUTH_JWT_SECRET or AUTH_JWKS_URL: one is required in production',
      'INTERNAL_AUTH_SECRET: required in production',
      'LINK_SECRET: required in production',
      'SMTP_URL: required in production (the local mailbox never runs in production)',
      'AUTH_JWT_ISSUER: required in production',
      'AUTH_JWT_AUDIENCE: required in production',
    ];
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(everyProblem);
    // an unset NODE_ENV is production: the same refusal, not development's defaults
    expect(problemsOf({})).toEqual(everyProblem);
    expect(problemsOf({ NODE_ENV: '' })).toEqual(everyProblem);
  });

  it('starts in production with every required setting, and never hands out a development secret there', () => {
    const sut = loadConfig(production);
    expect(sut.isProduction).toBe(true);
    expect(sut.auth).toEqual({
      jwtSecret: production.AUTH_JWT_SECRET,
      jwksUrl: undefined,
      issuer: 'https://id.acme.example/',
      audience: 'closer',
      internalSecret: production.INTERNAL_AUTH_SECRET,
    });
    expect(sut.mail.smtpUrl).toBe('smtps://mail.acme.example:465');
    expect(sut.links.secret).toBe(production.LINK_SECRET);
  });

  it.each([
    ['31 characters', 'AUTH_JWT_SECRET', 31, 'AUTH_JWT_SECRET: must be at least 32 characters'],
    ['31 characters', 'INTERNAL_AUTH_SECRET', 31, 'INTERNAL_AUTH_SECRET: must be at least 32 characters'],
    ['31 characters', 'LINK_SECRET', 31, 'LINK_SECRET: must be at least 32 characters'],
    ['31 characters', 'METRICS_TOKEN', 31, 'METRICS_TOKEN: must be at least 32 characters'],
  ])('refuses a secret of %s (%s)', (_case, name, length, problem) => {
    const value = randomBytes(64).toString('base64url').slice(0, length);
    expect(problemsOf({ ...production, [name]: value })).toEqual([problem]);
    // 32 is enough
    expect(() => loadConfig({ ...production, [name]: randomBytes(64).toString('base64url').slice(0, 32) })).not.toThrow();
  });

  it.each([
    ['one repeated character', 'x'.repeat(48)],
    ['a short word repeated', 'secret'.repeat(8)],
    ['nine characters in turn', 'abcdefghi'.repeat(4)],
  ])('refuses a secret that is not random: %s', (_case, value) => {
    expect(problemsOf({ ...production, LINK_SECRET: value })).toEqual(['LINK_SECRET: must be random (at least 10 different characters)']);
  });

  it('refuses the same value for two secrets, naming both', () => {
    const shared = secret();
    expect(problemsOf({ ...production, INTERNAL_AUTH_SECRET: shared, LINK_SECRET: shared })).toEqual([
      'LINK_SECRET: must differ from INTERNAL_AUTH_SECRET',
    ]);
    expect(problemsOf({ ...production, METRICS_TOKEN: production.AUTH_JWT_SECRET })).toEqual([
      'METRICS_TOKEN: must differ from AUTH_JWT_SECRET',
    ]);
  });

  it('requires an https JWKS URL in production, and not elsewhere', () => {
    const { AUTH_JWT_SECRET: _unused, ...jwks } = production;
    expect(problemsOf({ ...jwks, AUTH_JWKS_URL: 'http://id.acme.example/.well-known/jwks.json' })).toEqual([
      'AUTH_JWKS_URL: must be an https URL in production',
    ]);
    expect(loadConfig({ ...development, AUTH_JWKS_URL: 'http://127.0.0.1:9999/jwks.json' }).auth.jwksUrl).toBe(
      'http://127.0.0.1:9999/jwks.json',
    );
  });

  it.each([
    ['1', { hops: 1 }],
    ['2', { hops: 2 }],
    ['0', undefined],
    ['10.0.0.0/8', { cidrs: ['10.0.0.0/8'] }],
    [' 10.0.0.0/8 , 192.0.2.7,2001:db8::/32 ', { cidrs: ['10.0.0.0/8', '192.0.2.7', '2001:db8::/32'] }],
  ])('reads TRUST_PROXY=%j', (value, expected) => {
    expect(loadConfig({ ...development, TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', 'loopback', '10.0.0.0/33', '2001:db8::/129', '10.0.0/8', '1.2.3.4/8/1', '-1', ','])(
    'refuses TRUST_PROXY=%j',
    (value) => {
      expect(problemsOf({ ...development, TRUST_PROXY: value })).toEqual([
        'TRUST_PROXY: must be a number of proxy hops (e.g. 1) or comma-separated addresses/CIDRs (e.g. 10.0.0.0/8)',
      ]);
    },
  );

  it('lets webhooks reach private addresses outside production only, unless told otherwise', () => {
    expect(loadConfig(production).webhooks.allowPrivateUrls).toBe(false);
    expect(loadConfig(development).webhooks.allowPrivateUrls).toBe(true);
    expect(loadConfig({ ...development, WEBHOOK_ALLOW_PRIVATE_URLS: 'false' }).webhooks.allowPrivateUrls).toBe(false);
    expect(problemsOf({ ...development, WEBHOOK_ALLOW_PRIVATE_URLS: 'yes' })).toEqual([
      'WEBHOOK_ALLOW_PRIVATE_URLS: must be true or false',
    ]);
  });

  it('reads the queue dashboard operators as a list of JWT subjects', () => {
    expect(loadConfig(development).opsOperators).toEqual([]);
    expect(loadConfig({ ...development, OPS_OPERATORS: ' ops-1, auth0|42 ,,' }).opsOperators).toEqual(['ops-1', 'auth0|42']);
  });

  it('accepts a JWKS URL instead of a JWT secret in production', () => {
    const { AUTH_JWT_SECRET: _unused, ...rest } = production;
    const sut = loadConfig({ ...rest, AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json' });
    expect(sut.auth).toMatchObject({ jwtSecret: undefined, jwksUrl: 'https://id.example.com/.well-known/jwks.json' });
  });

  it('refuses the development secrets in production, without printing them', () => {
    const dev = loadConfig(development);
    const problems = problemsOf({
      ...production,
      AUTH_JWT_SECRET: dev.auth.jwtSecret!,
      INTERNAL_AUTH_SECRET: dev.auth.internalSecret,
      LINK_SECRET: dev.links.secret,
    });
    expect(problems).toEqual([
      'AUTH_JWT_SECRET: a value written in the repository may not be used in production',
      'INTERNAL_AUTH_SECRET: a value written in the repository may not be used in production',
      'LINK_SECRET: a value written in the repository may not be used in production',
    ]);
    expect(problems.join('\n')).not.toContain(dev.links.secret);
  });

  it('names every invalid variable in one error and never echoes a value', () => {
    const problems = problemsOf({
      ...development,
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
    expect(loadConfig({ ...development, SMTP_URL: '', QUEUE_PREFIX: '' }).redis.queuePrefix).toBe('closer');
  });

  it('reads nothing outside the contract', () => {
    expect(Object.keys(envSchema.shape).sort()).toEqual(
      [
        'AUTH_JWKS_URL',
        'AUTH_JWT_AUDIENCE',
        'AUTH_JWT_ISSUER',
        'AUTH_JWT_SECRET',
        'CANDIDATE_SERVICE_PORT',
        'CANDIDATE_SERVICE_URL',
        'CLOSER_HOUR_MS',
        'DATABASE_READ_URL',
        'DATABASE_URL',
        'GATEWAY_PORT',
        'GRAPHQL_EXECUTOR',
        'INTERNAL_AUTH_SECRET',
        'LINK_RATE_LIMIT_PER_MINUTE',
        'LINK_SECRET',
        'LOG_LEVEL',
        'MAIL_FROM',
        'METRICS_TOKEN',
        'NODE_ENV',
        'OPS_OPERATORS',
        'OPS_ORGANIZATION',
        'OTEL_EXPORTER_OTLP_ENDPOINT',
        'OTEL_EXPORTER_OTLP_PROTOCOL',
        'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
        'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
        'OTEL_SDK_DISABLED',
        'OTEL_SERVICE_NAME',
        'OTEL_TRACES_SAMPLER',
        'OTEL_TRACES_SAMPLER_ARG',
        'PUBLIC_URL',
        'QUEUE_PREFIX',
        'REDIS_MODE',
        'REDIS_SENTINEL_MASTER',
        'REDIS_URL',
        'SMTP_POOL_SIZE',
        'SMTP_URL',
        'TRUST_PROXY',
        'WEBHOOK_ALLOW_PRIVATE_URLS',
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
        // no NODE_ENV at all: production
        env: { PATH: process.env.PATH, LINK_SECRET: 'leaky-but-too-short', WORKER_PORT: 'abc' },
      },
    );
    expect(run.status).toBe(78);
    expect(run.stdout).not.toContain('started');
    expect(run.stderr).toMatch(/^Invalid configuration \(7 problems\):/);
    for (const name of [
      'WORKER_PORT',
      'LINK_SECRET',
      'AUTH_JWT_SECRET or AUTH_JWKS_URL',
      'INTERNAL_AUTH_SECRET',
      'SMTP_URL',
      'AUTH_JWT_ISSUER',
      'AUTH_JWT_AUDIENCE',
    ])
      expect(run.stderr).toContain(`- ${name}`);
    expect(run.stderr).not.toContain('leaky-but-too-short');
  });
});

describe('tracing settings', () => {
  it('keeps tracing off without an OTLP endpoint', () => {
    expect(loadConfig(development).tracing).toEqual({ enabled: false, serviceName: undefined });
  });

  it.each([['OTEL_EXPORTER_OTLP_ENDPOINT'], ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']])('turns tracing on with %s', (name) => {
    expect(loadConfig({ ...development, [name]: 'http://127.0.0.1:4318' }).tracing.enabled).toBe(true);
  });

  it('stays off when OTEL_SDK_DISABLED is true, whatever the endpoint', () => {
    const env = { ...development, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' };
    expect(loadConfig(env).tracing.enabled).toBe(false);
  });

  it('passes OTEL_SERVICE_NAME on', () => {
    expect(loadConfig({ ...development, OTEL_SERVICE_NAME: 'closer-eu' }).tracing.serviceName).toBe('closer-eu');
  });

  it('names malformed OpenTelemetry variables', () => {
    const problems = problemsOf({
      ...development,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/xml',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_SAMPLER_ARG: '2',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      'OTEL_TRACES_SAMPLER',
      'OTEL_TRACES_SAMPLER_ARG',
    ]);
  });

  it.each([['grpc'], ['http/protobuf'], ['http/json']])('accepts the OTLP protocol %s', (protocol) => {
    expect(() => loadConfig({ ...development, OTEL_EXPORTER_OTLP_PROTOCOL: protocol })).not.toThrow();
  });
});

const sentinels = 'redis://10.0.0.1:26379,redis://10.0.0.2:26379,redis://10.0.0.3:26379';
const seeds = 'redis://10.0.1.1:7000,redis://10.0.1.2:7000';

describe('REDIS_MODE and DATABASE_READ_URL', () => {
  it('reads a sentinel setup: the sentinels and the master name', () => {
    const sut = loadConfig({ ...development, REDIS_MODE: 'sentinel', REDIS_URL: sentinels, REDIS_SENTINEL_MASTER: 'closer-main' });
    expect(sut.redis).toEqual({ url: sentinels, mode: 'sentinel', sentinelMaster: 'closer-main', queuePrefix: 'closer' });
  });

  it('reads a cluster whose queue prefix carries a hash tag', () => {
    const sut = loadConfig({ ...development, REDIS_MODE: 'cluster', REDIS_URL: seeds, QUEUE_PREFIX: '{closer}' });
    expect(sut.redis).toEqual({ url: seeds, mode: 'cluster', sentinelMaster: undefined, queuePrefix: '{closer}' });
  });

  it('refuses a cluster without a hash tag in QUEUE_PREFIX, the default one included, and says why', () => {
    for (const prefix of [undefined, 'closer', 'closer{}', '}closer{', 'clo{ser']) {
      const env: Record<string, string> = { ...development, REDIS_MODE: 'cluster', REDIS_URL: seeds };
      if (prefix !== undefined) env.QUEUE_PREFIX = prefix;
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^QUEUE_PREFIX: REDIS_MODE=cluster needs a hash tag in the prefix, e\.g\. \{closer\}/);
    }
  });

  it('refuses a sentinel setup without the master name, and a master name outside sentinel mode', () => {
    expect(problemsOf({ ...development, REDIS_MODE: 'sentinel', REDIS_URL: sentinels })).toEqual([
      'REDIS_SENTINEL_MASTER: required when REDIS_MODE=sentinel (the master name the sentinels monitor)',
    ]);
    expect(problemsOf({ ...development, REDIS_SENTINEL_MASTER: 'closer-main' })).toEqual([
      'REDIS_SENTINEL_MASTER: only used when REDIS_MODE=sentinel',
    ]);
  });

  it('refuses a list of URLs in single mode, an unknown mode, and a list with one bad URL', () => {
    expect(problemsOf({ ...development, REDIS_URL: seeds })).toEqual([
      'REDIS_URL: lists 2 URLs; REDIS_MODE=single takes one (set REDIS_MODE=sentinel or cluster for a list)',
    ]);
    expect(problemsOf({ ...development, REDIS_MODE: 'replicated' })).toEqual(['REDIS_MODE: must be single, sentinel or cluster']);
    expect(problemsOf({ ...development, REDIS_MODE: 'cluster', QUEUE_PREFIX: '{c}', REDIS_URL: `${seeds},http://x:1` })).toEqual([
      'REDIS_URL: must be a URL (redis: or rediss:) or a comma-separated list of them',
    ]);
  });

  it('takes a PostgreSQL URL as DATABASE_READ_URL and names a wrong one without echoing it', () => {
    const readUrl = 'postgres://reader@10.0.2.2:5432/closer';
    expect(loadConfig({ ...development, DATABASE_READ_URL: readUrl }).database).toEqual({
      url: 'postgres://postgres@127.0.0.1:5432/closer',
      readUrl,
    });
    const problems = problemsOf({ ...development, DATABASE_READ_URL: 'mysql://replica/closer' });
    expect(problems).toEqual(['DATABASE_READ_URL: must be a URL (postgres: or postgresql:)']);
  });
});

describe(hashTag.name, () => {
  it('finds the first non-empty {…}, as Redis Cluster does', () => {
    expect(hashTag('{closer}')).toBe('closer');
    expect(hashTag('acme-{closer}:x')).toBe('closer');
    expect(hashTag('{a}{b}')).toBe('a');
    expect(hashTag('{}x{y}')).toBeUndefined();
    expect(hashTag('closer')).toBeUndefined();
  });
});
