import { CloserConfig, loadConfig } from '@closer/config';
import { freePort } from '@closer/local-services';
import { redisOptions } from '@closer/queue';
import { TestRedis } from '@closer/testing';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

import { LinkRateLimiter } from './link-rate-limiter';

const WINDOW_MS = 60_000;
/** One second into a fixed window, far from the real clock so no other test shares its keys. */
const START = (Math.floor(Date.now() / WINDOW_MS) + 1_000) * WINDOW_MS + 1_000;

describe(LinkRateLimiter.name, () => {
  let testRedis: TestRedis;
  let config: CloserConfig;
  const clients: Redis[] = [];

  const connect = (url: string) => {
    const client = new Redis(redisOptions(url, 'producer'));
    client.on('error', () => undefined); // the unreachable case errors by design
    clients.push(client);
    return client;
  };
  const connected = async (url: string) => {
    const client = connect(url);
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    return client;
  };
  const allowedOf = async (sut: LinkRateLimiter, ip: string, tokens: string[], now: number) => (await sut.check(ip, tokens, now)).allowed;

  beforeAll(() => {
    testRedis = new TestRedis();
    // 20 per IP per minute; per token max(5, 20 / 10) = 5
    config = loadConfig({ NODE_ENV: 'test', REDIS_URL: testRedis.url, QUEUE_PREFIX: testRedis.prefix, LINK_RATE_LIMIT_PER_MINUTE: '20' });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await testRedis.flush();
  });

  describe('counting in Redis', () => {
    let redis: Redis;

    beforeAll(async () => {
      redis = await connected(testRedis.url);
    });

    it('allows 5 uses of a token per window, refuses the 6th with the seconds left, and allows it again in the next window', async () => {
      const sut = new LinkRateLimiter(config, redis);
      for (let n = 1; n <= 5; n++)
        expect({ n, allowed: await allowedOf(sut, '10.0.0.1', ['form-token'], START + n) }).toEqual({ n, allowed: true });
      expect(await sut.check('10.0.0.1', ['form-token'], START + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 49 });
      // the same token from another address is the same token
      expect(await allowedOf(sut, '10.0.0.2', ['form-token'], START + 10_001)).toBe(false);
      expect(await allowedOf(sut, '10.0.0.1', ['other-token'], START + 10_002)).toBe(true);

      expect(await sut.check('10.0.0.1', ['form-token'], START + WINDOW_MS)).toEqual({ allowed: true, retryAfterSeconds: 59 });
    });

    it('allows 20 link requests per address per window and refuses the 21st, whatever the tokens', async () => {
      const sut = new LinkRateLimiter(config, redis);
      const start = START + 2 * WINDOW_MS;
      for (let n = 1; n <= 20; n++)
        expect({ n, allowed: await allowedOf(sut, '10.0.1.1', [`token-${n}`], start + n) }).toEqual({ n, allowed: true });
      expect(await allowedOf(sut, '10.0.1.1', ['token-21'], start + 21)).toBe(false);
      expect(await allowedOf(sut, '10.0.1.1', [], start + 22)).toBe(false);
      expect(await allowedOf(sut, '10.0.1.2', ['token-21'], start + 23)).toBe(true);
      expect(await allowedOf(sut, '10.0.1.1', ['token-21'], start + WINDOW_MS)).toBe(true);
    });

    it('counts a token repeated in one operation once, and refuses the operation when any of its tokens is over the limit', async () => {
      const sut = new LinkRateLimiter(config, redis);
      const start = START + 4 * WINDOW_MS;
      for (let n = 1; n <= 5; n++) expect(await allowedOf(sut, `10.0.2.${n}`, ['twice', 'twice'], start + n)).toBe(true);
      expect(await allowedOf(sut, '10.0.2.9', ['fresh', 'twice'], start + 6)).toBe(false);
      expect(await allowedOf(sut, '10.0.2.9', ['fresh'], start + 7)).toBe(true);
    });

    it('shares counts between replicas and keeps tokens out of Redis in clear, with keys that expire', async () => {
      const replicas = [new LinkRateLimiter(config, redis), new LinkRateLimiter(config, await connected(testRedis.url))];
      const start = START + 6 * WINDOW_MS;
      for (let n = 1; n <= 5; n++) expect(await allowedOf(replicas[n % 2], '10.0.3.1', ['secret-link-token'], start + n)).toBe(true);
      expect(await allowedOf(replicas[0], '10.0.3.1', ['secret-link-token'], start + 6)).toBe(false);
      expect(await allowedOf(replicas[1], '10.0.3.1', ['secret-link-token'], start + 7)).toBe(false);

      const window = Math.floor(start / WINDOW_MS);
      const keys = (await testRedis.keys()).filter((key) => key.endsWith(`:${window}`));
      expect(keys.sort()).toEqual([
        `${testRedis.prefix}:ratelimit:ip:10.0.3.1:${window}`,
        expect.stringMatching(new RegExp(`^${testRedis.prefix}:ratelimit:token:[\\w-]{32}:${window}$`)),
      ]);
      expect(keys.join(' ')).not.toContain('secret-link-token');
      for (const key of keys) {
        const ttl = await redis.pttl(key);
        expect(ttl).toBeGreaterThan(WINDOW_MS);
        expect(ttl).toBeLessThanOrEqual(2 * WINDOW_MS);
      }
    });
  });

  describe('when Redis is unreachable', () => {
    it('keeps enforcing the same limits in memory, fast, and warns once', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const sut = new LinkRateLimiter(config, connect(`redis://127.0.0.1:${await freePort()}`));
      const started = Date.now();

      for (let n = 1; n <= 5; n++)
        expect({ n, allowed: await allowedOf(sut, '10.0.4.1', ['form-token'], START + n) }).toEqual({ n, allowed: true });
      expect(await sut.check('10.0.4.1', ['form-token'], START + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 49 });
      for (let n = 1; n <= 14; n++) expect(await allowedOf(sut, '10.0.4.1', [`token-${n}`], START + 20_000 + n)).toBe(true);
      expect(await allowedOf(sut, '10.0.4.1', ['token-15'], START + 30_000)).toBe(false);

      // the next window starts afresh
      expect(await allowedOf(sut, '10.0.4.1', ['form-token'], START + WINDOW_MS)).toBe(true);
      expect(await allowedOf(sut, '10.0.4.1', ['token-16'], START + WINDOW_MS + 1)).toBe(true);

      expect(Date.now() - started).toBeLessThan(1_000); // link pages stay available: no waiting on Redis
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/^Redis unavailable, counting rate limits in memory/);
    });
  });
});
