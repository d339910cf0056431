import { createHash, randomUUID } from 'node:crypto';

import { CloserConfig } from '@closer/config';
import { createRedis, RedisClient } from '@closer/queue';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';

/** Another job is sending the mail with this key right now: retry later (it will find the delivery row). */
export class MailInFlightError extends Error {
  constructor() {
    super('a mail with this idempotency key is being sent by another job');
    this.name = 'MailInFlightError';
  }
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A short Redis lock per idempotency key around "check the delivery row, send, record it". Two
 * different jobs can carry the same key (the answer-ready mail is started by the release and by
 * the candidate's request); without the lock both could pass the check before either records.
 * The lock expires on its own, so a crashed holder only delays the mail.
 */
@Injectable()
export class MailLock implements OnApplicationShutdown {
  static readonly TTL_MS = 90_000;
  private readonly redis: RedisClient;

  constructor(private readonly config: CloserConfig) {
    this.redis = createRedis(config.redis, 'producer', { enableOfflineQueue: true, lazyConnect: true });
    this.redis.on('error', () => undefined); // a failing command rejects; the job retries
  }

  async withLock<T>(idempotencyKey: string, send: () => Promise<T>): Promise<T> {
    const key = `${this.config.redis.queuePrefix}:mail-lock:${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
    const token = randomUUID();
    if ((await this.redis.set(key, token, 'PX', MailLock.TTL_MS, 'NX')) !== 'OK') throw new MailInFlightError();
    try {
      return await send();
    } finally {
      await this.release(key, token);
    }
  }

  /**
   * A few tries: a Redis failover (Sentinel or Cluster promoting a replica) fails the first, and a
   * lock left behind would hold the mail's retries off until it expires.
   */
  private async release(key: string, token: string): Promise<void> {
    for (let attempt = 1; attempt <= 4; attempt++) {
      try {
        await this.redis.eval(RELEASE, 1, key, token);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, attempt * 500));
      }
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
