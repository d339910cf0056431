/**
 * Verified credentials, remembered for a short while so a client's repeated requests skip the
 * signature check. Bounded (least recently used first out) and keyed by the exact token string:
 * a different or altered token is never a hit. An entry is good until the token's own expiry
 * or `ttlMs` after it was verified, whichever comes first, so an expired token is refused like
 * before and any other reason to refuse a token (a key withdrawn from the JWKS) is honoured
 * within `ttlMs`. Only successes are remembered: a refused token is checked afresh every time.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string, now: number): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (now >= entry.expiresAt) {
      this.entries.delete(token);
      return undefined;
    }
    // most recently used last: Map keeps insertion order
    this.entries.delete(token);
    this.entries.set(token, entry);
    return entry.value;
  }

  /** `expiresAtMs`: the token's own expiry (its `exp` claim, in ms). */
  set(token: string, value: T, expiresAtMs: number, now: number): void {
    const expiresAt = Math.min(expiresAtMs, now + this.ttlMs);
    if (expiresAt <= now) return;
    this.entries.delete(token);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { value, expiresAt });
  }
}
