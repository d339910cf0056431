import { createHash, randomBytes } from 'node:crypto';

import type { RedisClient } from '@closer/queue';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Browser sign-in sessions in Redis (shared by every gateway replica): the browser holds a random
 * 256-bit id in an HttpOnly cookie, Redis only its SHA-256, so neither a leaked cookie store nor
 * a Redis dump yields the other. The token itself is never stored: a session keeps who signed in
 * and ends, at the latest, when the token it was opened with would have expired. Closing a
 * session deletes it: a copied cookie dies with it.
 */
export class BrowserSessions<T extends object> {
  /**
   * @param keyPrefix Redis key prefix naming the kind of session ("<queue prefix>:ops-session").
   * @param maxMs A session lasts at most this long, and never beyond its token.
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    readonly maxMs: number,
  ) {}

  /** Opens a session until the token's expiry (or maxMs); null when the token is about to expire. */
  async open(holder: T, tokenExpiresAt: number, now = Date.now()): Promise<{ id: string; maxAgeMs: number } | null> {
    const maxAgeMs = Math.min(this.maxMs, tokenExpiresAt - now);
    if (maxAgeMs < 1_000) return null;
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(id), JSON.stringify({ holder, expiresAt: now + maxAgeMs }), 'PX', maxAgeMs);
    return { id, maxAgeMs };
  }

  /** Who holds the session; null when it is unknown, closed or expired. */
  async find(id: string | undefined, now = Date.now()): Promise<T | null> {
    return (await this.lookup(id, now))?.holder ?? null;
  }

  /** The holder and when the session ends (ms); null when it is unknown, closed or expired. */
  async lookup(id: string | undefined, now = Date.now()): Promise<{ holder: T; expiresAt: number } | null> {
    if (!id || !SESSION_ID.test(id)) return null;
    const stored = await this.redis.get(this.key(id));
    if (!stored) return null;
    const session = JSON.parse(stored) as { holder?: T; expiresAt: number };
    // Redis expires the key; this holds even if a key outlived its TTL (e.g. restored from a dump)
    if (!session.holder || !(session.expiresAt > now)) return null;
    return { holder: session.holder, expiresAt: session.expiresAt };
  }

  async close(id: string | undefined): Promise<void> {
    if (id && SESSION_ID.test(id)) await this.redis.del(this.key(id));
  }

  private key(id: string): string {
    return `${this.keyPrefix}:${createHash('sha256').update(id).digest('hex')}`;
  }
}

/** A cookie's value from a Cookie header. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}
