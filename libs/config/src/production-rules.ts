import { DEV_SECRETS, Env, SECRET_VARIABLES } from './config.schema';

/**
 * Every secret value written anywhere in the repository, now or before: development defaults,
 * docker-compose placeholders, examples. A deployment that copied one is refused.
 * production-rules.spec.ts scans the repository so this list cannot fall behind.
 */
export const SECRET_VALUES_IN_REPOSITORY: readonly string[] = [
  ...Object.values(DEV_SECRETS),
  'closer-compose-jwt-secret-change-me-in-production',
  'closer-compose-internal-secret-change-me-in-production',
  'closer-compose-link-secret-change-me-in-production',
];

/** A random 32-character secret has far more; a typed phrase of one repeated word does not. */
const MIN_DISTINCT_CHARACTERS = 10;

type RawEnv = Partial<Record<keyof Env, unknown>>;

function isHttps(value: unknown): boolean {
  try {
    return new URL(String(value)).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * What production demands beyond the schema (DESIGN.md, "Fail closed"). Names each problem;
 * never includes a value.
 */
export function productionProblems(env: RawEnv): string[] {
  if (env.NODE_ENV !== undefined && env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL) problems.push('AUTH_JWT_SECRET or AUTH_JWKS_URL: one is required in production');
  for (const name of ['INTERNAL_AUTH_SECRET', 'LINK_SECRET'] as const) {
    if (!env[name]) problems.push(`${name}: required in production`);
  }
  const seen = new Map<string, string>();
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (typeof value !== 'string' || value === '') continue;
    if (SECRET_VALUES_IN_REPOSITORY.includes(value)) {
      problems.push(`${name}: a value written in the repository may not be used in production`);
    } else if (new Set(value).size < MIN_DISTINCT_CHARACTERS) {
      problems.push(`${name}: must be random (at least ${MIN_DISTINCT_CHARACTERS} different characters)`);
    }
    const twin = seen.get(value);
    if (twin) problems.push(`${name}: must differ from ${twin}`);
    else seen.set(value, name);
  }
  if (!env.SMTP_URL) problems.push('SMTP_URL: required in production (the local mailbox never runs in production)');
  if (!env.AUTH_JWT_ISSUER) problems.push('AUTH_JWT_ISSUER: required in production');
  if (!env.AUTH_JWT_AUDIENCE) problems.push('AUTH_JWT_AUDIENCE: required in production');
  if (env.AUTH_JWKS_URL && !isHttps(env.AUTH_JWKS_URL)) problems.push('AUTH_JWKS_URL: must be an https URL in production');
  return problems;
}
