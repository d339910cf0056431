import { envSchema, TrustProxy, withDevSecrets } from './config.schema';
import { productionProblems } from './production-rules';
import { scaleOutProblems } from './scale-out-rules';

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
  /** readUrl: a streaming replica for dashboard, export and list reads (DATABASE_READ_URL). */
  readonly database!: { url: string; readUrl?: string };
  /** url: one URL (single), the sentinels (sentinel) or the seed nodes (cluster), comma-separated. */
  readonly redis!: { url: string; mode: 'single' | 'sentinel' | 'cluster'; sentinelMaster?: string; queuePrefix: string };
  /** `poolSize`: SMTP connections each worker keeps open (nodemailer's maxConnections). */
  readonly mail!: { smtpUrl?: string; from: string; poolSize: number };
  readonly publicUrl!: string;
  readonly auth!: { jwtSecret?: string; jwksUrl?: string; issuer?: string; audience?: string; internalSecret: string };
  readonly links!: { secret: string; rateLimitPerMinute: number; rateLimitPerToken: number };
  readonly ports!: { gateway: number; candidateService: number; worker: number };
  readonly candidateServiceUrl!: string;
  /** How the candidate service executes queries (mutations always run on graphql-js). */
  readonly graphqlExecutor!: 'jit' | 'graphql-js';
  readonly hourMs!: number;
  /** Which proxies' X-Forwarded-For is believed; undefined: the socket's address is the client. */
  readonly trustProxy?: TrustProxy;
  /** When set, /metrics needs `Authorization: Bearer <metricsToken>`. */
  readonly metricsToken?: string;
  readonly webhooks!: { allowPrivateUrls: boolean };
  /** Slug of the organization whose admins may act on the queue dashboard. */
  readonly opsOrganization?: string;
  /** JWT subjects allowed to open the queue dashboard; empty: nobody. */
  readonly opsOperators!: readonly string[];
  /**
   * OpenTelemetry tracing: on when an OTLP endpoint is set (and OTEL_SDK_DISABLED is not true).
   * `serviceName` is OTEL_SERVICE_NAME when set; otherwise each app names itself.
   */
  readonly tracing!: { enabled: boolean; serviceName?: string };

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
    ...productionProblems(relevant),
    ...scaleOutProblems(relevant),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const env = withDevSecrets(parsed.data);
  return Object.assign(new CloserConfig(), {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL, readUrl: env.DATABASE_READ_URL },
    redis: { url: env.REDIS_URL, mode: env.REDIS_MODE, sentinelMaster: env.REDIS_SENTINEL_MASTER, queuePrefix: env.QUEUE_PREFIX },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, poolSize: env.SMTP_POOL_SIZE },
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET,
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_JWT_ISSUER,
      audience: env.AUTH_JWT_AUDIENCE,
      internalSecret: env.INTERNAL_AUTH_SECRET!,
    },
    links: {
      secret: env.LINK_SECRET!,
      rateLimitPerMinute: env.LINK_RATE_LIMIT_PER_MINUTE,
      rateLimitPerToken: Math.max(5, Math.floor(env.LINK_RATE_LIMIT_PER_MINUTE / 10)),
    },
    ports: { gateway: env.GATEWAY_PORT, candidateService: env.CANDIDATE_SERVICE_PORT, worker: env.WORKER_PORT },
    candidateServiceUrl: env.CANDIDATE_SERVICE_URL,
    graphqlExecutor: env.GRAPHQL_EXECUTOR,
    hourMs: env.CLOSER_HOUR_MS,
    trustProxy: env.TRUST_PROXY,
    metricsToken: env.METRICS_TOKEN,
    webhooks: { allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS ?? env.NODE_ENV !== 'production' },
    opsOrganization: env.OPS_ORGANIZATION,
    opsOperators: env.OPS_OPERATORS ?? [],
    tracing: {
      enabled: Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== true,
      serviceName: env.OTEL_SERVICE_NAME,
    },
  });
}

/**
 * The migration CLI needs only the database: it must run in a production image without the
 * apps' secrets, so it validates DATABASE_URL alone.
 */
export function loadDatabaseConfig(source: NodeJS.ProcessEnv = process.env): { url: string } {
  const parsed = envSchema.pick({ DATABASE_URL: true }).safeParse({ DATABASE_URL: source.DATABASE_URL || undefined });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return { url: parsed.data.DATABASE_URL };
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
