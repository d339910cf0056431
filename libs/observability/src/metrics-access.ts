import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether a request may read /metrics: always when no METRICS_TOKEN is set, otherwise only with
 * `Authorization: Bearer <token>`. Compared as SHA-256 digests in constant time, so neither the
 * token's characters nor its length leak through timing.
 */
export function metricsAuthorized(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token));
}
