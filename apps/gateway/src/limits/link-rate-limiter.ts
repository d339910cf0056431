import { createHash } from 'node:crypto';

import { CloserConfig } from '@closer/config';
import type { RedisClient } from '@closer/queue';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { rateLimitSubject } from './client-address';

export const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');
const WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Fixed one-minute windows per client IP and per link token, counted in Redis so the limits hold
 * across gateway replicas. Tokens are counted by hash: they never reach Redis in clear.
 *
 * When Redis is unreachable the limiter fails safe by counting in this process's memory: every
 * replica still enforces the same limits (a client spread over N replicas gets at most N times
 * the allowance) and link pages stay available.
 */
@Injectable()
export class LinkRateLimiter {
  private readonly logger = new Logger(LinkRateLimiter.name);
  private readonly local = new Map<string, { count: number; resetAt: number }>();
  private redisFailing = false;

  constructor(
    private readonly config: CloserConfig,
    @Inject(RATE_LIMIT_REDIS) private readonly redis: RedisClient,
  ) {}

  /**
   * `cost`: how many link lookups the request makes (one per link field); it counts against the
   * IP (an IPv6 client's whole /64).
   */
  async check(ip: string, tokens: string[], now = Date.now(), cost = 1): Promise<RateDecision> {
    const window = Math.floor(now / WINDOW_MS);
    const retryAfterSeconds = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    const keys: [string, number, number][] = [[`ip:${rateLimitSubject(ip)}`, this.config.links.rateLimitPerMinute, Math.max(1, cost)]];
    for (const token of new Set(tokens)) {
      keys.push([`token:${createHash('sha256').update(token).digest('base64url').slice(0, 32)}`, this.config.links.rateLimitPerToken, 1]);
    }
    const counts = await this.count(
      keys.map(([key, , increment]) => [`${this.config.redis.queuePrefix}:ratelimit:${key}:${window}`, increment]),
      now,
    );
    const allowed = counts.every((count, i) => count <= keys[i]![1]);
    return { allowed, retryAfterSeconds };
  }

  private async count(keys: [string, number][], now: number): Promise<number[]> {
    try {
      // one MULTI over several keys: on a cluster they share QUEUE_PREFIX's hash tag, hence one slot
      const multi = this.redis.multi();
      for (const [key, increment] of keys) multi.incrby(key, increment).pexpire(key, WINDOW_MS * 2);
      const results = (await multi.exec()) ?? [];
      if (this.redisFailing) this.logger.log('rate limits counted in Redis again');
      this.redisFailing = false;
      return keys.map((_, i) => Number(results[i * 2]?.[1] ?? 0));
    } catch (error) {
      if (!this.redisFailing) this.logger.warn(`Redis unavailable, counting rate limits in memory: ${(error as Error).message}`);
      this.redisFailing = true;
      return keys.map(([key, increment]) => this.countLocally(key, increment, now));
    }
  }

  private countLocally(key: string, increment: number, now: number): number {
    if (this.local.size > 100_000) this.local.clear(); // bounded memory under a flood of distinct keys
    const entry = this.local.get(key);
    if (!entry || entry.resetAt <= now) {
      this.local.set(key, { count: increment, resetAt: now + WINDOW_MS * 2 });
      return increment;
    }
    entry.count += increment;
    return entry.count;
  }
}
