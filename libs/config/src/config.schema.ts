import { z } from 'zod';

const DEV_SECRETS = {
  AUTH_JWT_SECRET: 'closer-dev-jwt-secret-not-for-production-use',
  INTERNAL_AUTH_SECRET: 'closer-dev-internal-secret-not-for-production-use',
  LINK_SECRET: 'closer-dev-link-secret-not-for-production-use',
} as const;

export const SECRET_VARIABLES = ['AUTH_JWT_SECRET', 'INTERNAL_AUTH_SECRET', 'LINK_SECRET'] as const;

const port = z.coerce
  .number({ error: 'must be a port number (0-65535)' })
  .int('must be a port number (0-65535)')
  .min(0, 'must be a port number (0-65535)')
  .max(65535, 'must be a port number (0-65535)');
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(' or ')})` },
  );
const secret = z.string().min(32, 'must be at least 32 characters');
const positiveInt = z.coerce
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .positive('must be a positive integer');

/** The environment contract of DESIGN.md ("Operating contract"), plus NODE_ENV and LOG_LEVEL. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/closer'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}:.-]{1,64}$/, 'must be 1-64 letters, digits or _{}:.-')
    .default('closer'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Closer <no-reply@closer.local>'),
  PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  AUTH_JWT_SECRET: secret.optional(),
  AUTH_JWKS_URL: url(['http:', 'https:']).optional(),
  INTERNAL_AUTH_SECRET: secret.optional(),
  LINK_SECRET: secret.optional(),
  GATEWAY_PORT: port.default(3000),
  CANDIDATE_SERVICE_PORT: port.default(3001),
  WORKER_PORT: port.default(3002),
  CANDIDATE_SERVICE_URL: url(['http:', 'https:']).default('http://127.0.0.1:3001/graphql'),
  CLOSER_HOUR_MS: positiveInt.default(3_600_000),
  LINK_RATE_LIMIT_PER_MINUTE: positiveInt.default(60),
  // the organization whose admins operate the suite (queue dashboard); unset: no one
  OPS_ORGANIZATION: z.string().max(200, 'must be an organization slug (at most 200 characters)').optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Outside production every secret has a dev default; in production a missing one is an error. */
export function secretProblems(env: Partial<Record<keyof Env, unknown>>): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV !== 'production') return problems;
  if (!env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL) {
    problems.push('AUTH_JWT_SECRET or AUTH_JWKS_URL: one is required in production');
  }
  for (const name of ['INTERNAL_AUTH_SECRET', 'LINK_SECRET'] as const) {
    if (!env[name]) problems.push(`${name}: required in production`);
  }
  for (const name of SECRET_VARIABLES) {
    if (env[name] && env[name] === DEV_SECRETS[name]) problems.push(`${name}: the development default may not be used in production`);
  }
  return problems;
}

export function withDevSecrets(env: Env): Env {
  if (env.NODE_ENV === 'production') return env;
  return {
    ...env,
    AUTH_JWT_SECRET: env.AUTH_JWT_SECRET ?? (env.AUTH_JWKS_URL ? undefined : DEV_SECRETS.AUTH_JWT_SECRET),
    INTERNAL_AUTH_SECRET: env.INTERNAL_AUTH_SECRET ?? DEV_SECRETS.INTERNAL_AUTH_SECRET,
    LINK_SECRET: env.LINK_SECRET ?? DEV_SECRETS.LINK_SECRET,
  };
}
