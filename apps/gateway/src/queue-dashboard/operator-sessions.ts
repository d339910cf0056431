import { createHash, randomBytes } from 'node:crypto';

import type Redis from 'ioredis';

import type { OperatorIdentity } from './operator-access';

/** A session lasts at most this long, and never beyond the token it was opened with. */
export const SESSION_MS = 3_600_000;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Queue dashboard sessions in Redis (shared by every gateway replica, under the queue prefix):
 * the browser holds a random 256-bit id, Redis only its SHA-256, so neither a leaked cookie store
 * nor a Redis dump yields the other. Closing a session deletes it: a copied cookie dies with it.
 */
export class OperatorSessions {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Opens a session until the token's expiry (or SESSION_MS); returns its id and lifetime. It
   * keeps who signed in, not what they may do: that is decided again on every request.
   */
  async open(identity: OperatorIdentity, tokenExpiresAt: number, now = Date.now()): Promise<{ id: string; maxAgeMs: number } | null> {
    const maxAgeMs = Math.min(SESSION_MS, tokenExpiresAt - now);
    if (maxAgeMs < 1_000) return null;
    const id = randomBytes(32).toString('base64url');
    const session = { sub: identity.sub, org: identity.org, role: identity.role, expiresAt: now + maxAgeMs };
    await this.redis.set(this.key(id), JSON.stringify(session), 'PX', maxAgeMs);
    return { id, maxAgeMs };
  }

  /** Who holds the session; null when it is unknown, closed or expired. */
  async find(id: string | undefined, now = Date.now()): Promise<OperatorIdentity | null> {
    if (!id || !SESSION_ID.test(id)) return null;
    const stored = await this.redis.get(this.key(id));
    if (!stored) return null;
    const session = JSON.parse(stored) as OperatorIdentity & { expiresAt: number };
    // Redis expires the key; this holds even if a key outlived its TTL (e.g. restored from a dump)
    if (!(session.expiresAt > now)) return null;
    return { sub: session.sub, org: session.org, role: session.role };
  }

  async close(id: string | undefined): Promise<void> {
    if (id && SESSION_ID.test(id)) await this.redis.del(this.key(id));
  }

  private key(id: string): string {
    return `${this.prefix}:ops-session:${createHash('sha256').update(id).digest('hex')}`;
  }
}
