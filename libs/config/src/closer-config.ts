import { envSchema, secretProblems, withDevSecrets } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The typed, grouped configuration every app receives; nothing else reads process.env. */
export class CloserConfig {
  readonly env!: 'development' | 'test' | 'production';
  readonly logLevel!: string;
  readonly database!: { url: string };
  readonly redis!: { url: string; queuePrefix: string };
  readonly mail!: { smtpUrl?: string; from: string };
  readonly publicUrl!: string;
  readonly auth!: { jwtSecret?: string; jwksUrl?: string; internalSecret: string };
  readonly links!: { secret: string; rateLimitPerMinute: number; rateLimitPerToken: number };
  readonly ports!: { gateway: number; candidateService: number; worker: number };
  readonly candidateServiceUrl!: string;
  readonly hourMs!: number;
  /** Slug of the organization whose admins may open the queue dashboard; undefined: nobody. */
  readonly opsOrganization?: string;

  get isProduction(): boolean {
    return this.env === 'production';
  }
}

/**
 * Validates the environment once; every problem is named in one error and no value is ever
 * echoed back, so a mistyped secret cannot leak into logs.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): CloserConfig {
  const relevant = Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, source[key] === '' ? undefined : source[key]]));
  const parsed = envSchema.safeParse(relevant);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...secretProblems(relevant),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const env = withDevSecrets(parsed.data);
  return Object.assign(new CloserConfig(), {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL },
    redis: { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    auth: { jwtSecret: env.AUTH_JWT_SECRET, jwksUrl: env.AUTH_JWKS_URL, internalSecret: env.INTERNAL_AUTH_SECRET! },
    links: {
      secret: env.LINK_SECRET!,
      rateLimitPerMinute: env.LINK_RATE_LIMIT_PER_MINUTE,
      rateLimitPerToken: Math.max(5, Math.floor(env.LINK_RATE_LIMIT_PER_MINUTE / 10)),
    },
    ports: { gateway: env.GATEWAY_PORT, candidateService: env.CANDIDATE_SERVICE_PORT, worker: env.WORKER_PORT },
    candidateServiceUrl: env.CANDIDATE_SERVICE_URL,
    hourMs: env.CLOSER_HOUR_MS,
    opsOrganization: env.OPS_ORGANIZATION,
  });
}

/** For main.ts: print the problems (never values) and exit non-zero. */
export function loadConfigOrExit(source: NodeJS.ProcessEnv = process.env): CloserConfig {
  try {
    return loadConfig(source);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
