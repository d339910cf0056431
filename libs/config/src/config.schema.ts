import { isIP } from 'node:net';

import { z } from 'zod';

/** Outside production the secrets fall back to these; production refuses them (production-rules.ts). */
export const DEV_SECRETS = {
  AUTH_JWT_SECRET: 'closer-dev-jwt-secret-not-for-production-use',
  INTERNAL_AUTH_SECRET: 'closer-dev-internal-secret-not-for-production-use',
  LINK_SECRET: 'closer-dev-link-secret-not-for-production-use',
} as const;

export const SECRET_VARIABLES = ['AUTH_JWT_SECRET', 'INTERNAL_AUTH_SECRET', 'LINK_SECRET', 'METRICS_TOKEN'] as const;
export type SecretVariable = (typeof SECRET_VARIABLES)[number];

const port = z.coerce
  .number({ error: 'must be a port number (0-65535)' })
  .int('must be a port number (0-65535)')
  .min(0, 'must be a port number (0-65535)')
  .max(65535, 'must be a port number (0-65535)');
const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
const url = (protocols: string[]) =>
  z.string().refine((value) => isUrl(value, protocols), { message: `must be a URL (${protocols.join(' or ')})` });
/** One URL, or a comma-separated list of them (Sentinel and Cluster seed nodes). */
const urlList = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      const items = list(value);
      return items.length > 0 && items.every((item) => isUrl(item, protocols));
    },
    { message: `must be a URL (${protocols.join(' or ')}) or a comma-separated list of them` },
  );
const secret = z.string().min(32, 'must be at least 32 characters');
const positiveInt = z.coerce
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .positive('must be a positive integer');
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

const otlpProtocol = z.enum(['grpc', 'http/protobuf', 'http/json'], { error: 'must be grpc, http/protobuf or http/json' });

/** One address or CIDR block, IPv4 or IPv6 (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`). */
function isAddressOrCidr(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: a number of proxy hops, or the CIDRs of the trusted proxies. */
export type TrustProxy = { hops: number } | { cidrs: string[] };
const trustProxy = z.string().transform((value, ctx): TrustProxy | undefined => {
  if (/^\d{1,2}$/.test(value.trim())) {
    const hops = Number(value);
    return hops === 0 ? undefined : { hops };
  }
  const cidrs = list(value);
  if (cidrs.length === 0 || !cidrs.every(isAddressOrCidr)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a number of proxy hops (e.g. 1) or comma-separated addresses/CIDRs (e.g. 10.0.0.0/8)',
    });
    return z.NEVER;
  }
  return { cidrs };
});

/** The environment contract of DESIGN.md ("Operating contract"), plus LOG_LEVEL. */
export const envSchema = z.object({
  // unset counts as production: a deployment that forgets it fails closed
  NODE_ENV: z.enum(['development', 'test', 'production']).default('production'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/closer'),
  REDIS_URL: urlList(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_MODE: z.enum(['single', 'sentinel', 'cluster'], { error: 'must be single, sentinel or cluster' }).default('single'),
  // the master's name as the sentinels know it (`sentinel monitor <name> …`)
  REDIS_SENTINEL_MASTER: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a Sentinel master name (letters, digits, _.-)')
    .optional(),
  DATABASE_READ_URL: url(['postgres:', 'postgresql:']).optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}:.-]{1,64}$/, 'must be 1-64 letters, digits or _{}:.-')
    .default('closer'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Closer <no-reply@closer.local>'),
  // connections the worker keeps open to the SMTP server (each worker process)
  SMTP_POOL_SIZE: positiveInt.max(100, 'must be at most 100').default(5),
  PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  AUTH_JWT_SECRET: secret.optional(),
  AUTH_JWKS_URL: url(['http:', 'https:']).optional(),
  AUTH_JWT_ISSUER: z.string().max(500, 'must be at most 500 characters').optional(),
  AUTH_JWT_AUDIENCE: z.string().max(500, 'must be at most 500 characters').optional(),
  INTERNAL_AUTH_SECRET: secret.optional(),
  LINK_SECRET: secret.optional(),
  GATEWAY_PORT: port.default(3000),
  CANDIDATE_SERVICE_PORT: port.default(3001),
  WORKER_PORT: port.default(3002),
  CANDIDATE_SERVICE_URL: url(['http:', 'https:']).default('http://127.0.0.1:3001/graphql'),
  // how the candidate service executes queries: graphql-jit's compiled queries, or graphql-js
  GRAPHQL_EXECUTOR: z.enum(['jit', 'graphql-js'], { error: 'must be jit or graphql-js' }).default('graphql-js'),
  CLOSER_HOUR_MS: positiveInt.default(3_600_000),
  LINK_RATE_LIMIT_PER_MINUTE: positiveInt.default(60),
  TRUST_PROXY: trustProxy.optional(),
  METRICS_TOKEN: secret.optional(),
  WEBHOOK_ALLOW_PRIVATE_URLS: flag.optional(),
  // the organization whose admins act on the queue dashboard
  OPS_ORGANIZATION: z.string().max(200, 'must be an organization slug (at most 200 characters)').optional(),
  // JWT subjects (`sub`) allowed to open the queue dashboard; unset: no one
  OPS_OPERATORS: z.string().max(5_000, 'must be at most 5,000 characters').transform(list).optional(),
  // OpenTelemetry's own variables: validated here so a typo fails at start-up; the SDK reads them
  // (and the other OTEL_* it knows) itself. No endpoint: tracing stays off.
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url(['http:', 'https:']).optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
  OTEL_TRACES_SAMPLER: z
    .enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'], {
      error: 'must be an OpenTelemetry sampler (e.g. parentbased_traceidratio)',
    })
    .optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number({ error: 'must be a number between 0 and 1' }).min(0).max(1).optional(),
  OTEL_SERVICE_NAME: z.string().max(200, 'must be at most 200 characters').optional(),
  OTEL_SDK_DISABLED: flag.optional(),
});

export type Env = z.infer<typeof envSchema>;

export function withDevSecrets(env: Env): Env {
  if (env.NODE_ENV === 'production') return env;
  return {
    ...env,
    AUTH_JWT_SECRET: env.AUTH_JWT_SECRET ?? (env.AUTH_JWKS_URL ? undefined : DEV_SECRETS.AUTH_JWT_SECRET),
    INTERNAL_AUTH_SECRET: env.INTERNAL_AUTH_SECRET ?? DEV_SECRETS.INTERNAL_AUTH_SECRET,
    LINK_SECRET: env.LINK_SECRET ?? DEV_SECRETS.LINK_SECRET,
  };
}
