import { randomBytes } from 'node:crypto';

import { testConfig, TestRedis } from '@closer/testing';

import { graphql, RunningHttpApp, startGateway } from '../support/apps';
import { SecuritySuite, sleep } from './support/security-suite';

/** LINK_RATE_LIMIT_PER_MINUTE in every gateway of this file: 5 link operations per client and minute. */
const LIMIT = 5;
const window = () => Math.floor(Date.now() / 60_000);

/**
 * Waits, when needed, for a window with at least 20 s left, so a burst of requests is counted
 * in one window; the caller asserts afterwards that it was.
 */
async function freshWindow(): Promise<number> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 20_000) await sleep(left + 50);
  return window();
}

const randomIPv4 = () => [...randomBytes(4)].map((byte) => byte % 250).join('.');
const randomToken = () => randomBytes(52).toString('base64url');

/**
 * Which client the gateway counts a request against, through the link rate limit: without
 * TRUST_PROXY the socket's address (X-Forwarded-For ignored), with a hop count the address that
 * many hops from the right, with CIDRs the right-most address outside them; IPv6 by /64; junk in
 * the header never becomes a client of its own.
 */
describe('client address behind proxies', () => {
  let suite: SecuritySuite;
  let byHops: RunningHttpApp;
  let byCidr: RunningHttpApp;
  const prefixes: TestRedis[] = [];

  /** One link operation with a never-seen token: NOT_FOUND while the client has allowance left. */
  const guess = async (gateway: string, forwardedFor?: string): Promise<string> => {
    const { status, body } = await graphql(
      gateway,
      'query($token: String!) { feedbackForm(token: $token) { formId } }',
      { token: randomToken() },
      forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    );
    const code = String(body.errors?.[0]?.extensions?.code);
    expect({ status, code }).toEqual(code === 'TOO_MANY_REQUESTS' ? { status: 429, code } : { status: 200, code: 'NOT_FOUND' });
    return code;
  };
  const inSequence = async (gateway: string, headers: (string | undefined)[]): Promise<string[]> => {
    const codes: string[] = [];
    for (const header of headers) codes.push(await guess(gateway, header));
    return codes;
  };
  const answered = (n: number) => Array<string>(n).fill('NOT_FOUND');
  const refused = (n: number) => Array<string>(n).fill('TOO_MANY_REQUESTS');

  beforeAll(async () => {
    suite = await SecuritySuite.start({ env: { LINK_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    // more gateways in front of the same subgraph, each with its own counters
    const gateway = async (trustProxy: string) => {
      const redis = new TestRedis();
      prefixes.push(redis);
      const env = {
        LINK_RATE_LIMIT_PER_MINUTE: String(LIMIT),
        TRUST_PROXY: trustProxy,
        CANDIDATE_SERVICE_URL: `${suite.candidateService.baseUrl}/graphql`,
      };
      return startGateway(testConfig({ database: suite.database, redis, env }));
    };
    byHops = await gateway('1');
    // the test client connects from the loopback address: it plays the trusted proxy
    byCidr = await gateway('127.0.0.1/32');
  }, 60_000);

  afterAll(async () => {
    await byHops?.close();
    await byCidr?.close();
    for (const redis of prefixes) await redis.flush();
    await suite?.close();
  });

  it('without TRUST_PROXY ignores X-Forwarded-For: a different one on every request is one client, limited after 5', async () => {
    const start = await freshWindow();
    const codes = await inSequence(
      suite.gatewayUrl,
      Array.from({ length: 8 }, () => randomIPv4()),
    );
    expect(window()).toBe(start);
    expect(codes).toEqual([...answered(5), ...refused(3)]);
  });

  describe('TRUST_PROXY=1', () => {
    const url = () => `${byHops.baseUrl}/graphql`;

    it('counts the address the proxy appended, whatever the client wrote before it: limited after 5', async () => {
      const start = await freshWindow();
      const codes = await inSequence(
        url(),
        Array.from({ length: 8 }, () => `${randomIPv4()}, 203.0.113.5`),
      );
      expect(window()).toBe(start);
      expect(codes).toEqual([...answered(5), ...refused(3)]);
    });

    it('counts two clients behind the same proxy apart, each limited after 5', async () => {
      const start = await freshWindow();
      const headers = Array.from({ length: 6 }, () => ['198.51.100.7', `${randomIPv4()}, 198.51.100.8`]).flat();
      const codes = await inSequence(url(), headers);
      expect(window()).toBe(start);
      expect(codes).toEqual([...answered(10), ...refused(2)]);
    });

    it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 address', async () => {
      const start = await freshWindow();
      const sameSlash64 = await inSequence(url(), [
        '2001:db8:1:2:aaaa::1',
        '2001:db8:1:2:bbbb::9',
        '2001:0db8:0001:0002:ffff:ffff:ffff:fffe',
        `2001:db8:1:2:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`,
        '2001:db8:1:2::1',
        '2001:db8:1:2:cccc:dddd:eeee:1',
      ]);
      // the next /64 is another subscriber
      const otherSlash64 = await inSequence(url(), ['2001:db8:1:3::1', '2001:db8:1:3:aaaa::1']);
      const mapped = await inSequence(url(), [
        '203.0.113.77',
        '::ffff:203.0.113.77',
        '203.0.113.77',
        '::ffff:203.0.113.77',
        '0:0:0:0:0:ffff:cb00:714d',
        '203.0.113.77',
      ]);
      expect(window()).toBe(start);
      expect(sameSlash64).toEqual([...answered(5), ...refused(1)]);
      expect(otherSlash64).toEqual(answered(2));
      expect(mapped).toEqual([...answered(5), ...refused(1)]);
    });

    it('never takes junk in the header for a client: it counts against the proxy that handed it over', async () => {
      const start = await freshWindow();
      const junk = [
        'unknown',
        '999.1.1.1',
        `999.1.1.${randomBytes(1)[0]}`,
        ', , ',
        '',
        `${randomIPv4()}, unknown`,
        `${randomIPv4()},, `,
        `not-an-address-${randomBytes(4).toString('hex')}`,
        '203.0.113.5:8080',
        '[2001:db8::1]',
      ];
      const codes = await inSequence(url(), junk);
      expect(window()).toBe(start);
      expect(codes).toEqual([...answered(5), ...refused(5)]);
      // the proxy's own allowance is what was spent: a request without any header is refused too
      expect(await guess(url())).toBe('TOO_MANY_REQUESTS');
    });
  });

  describe('TRUST_PROXY=127.0.0.1/32 (the proxy in front)', () => {
    const url = () => `${byCidr.baseUrl}/graphql`;

    it('counts the right-most address outside the trusted set, however the chain is padded: limited after 5', async () => {
      const start = await freshWindow();
      const spoofed = [
        `${randomIPv4()}, 192.0.2.44`,
        `${randomIPv4()}, 127.0.0.1, 192.0.2.44`,
        `127.0.0.1, ${randomIPv4()}, 192.0.2.44, 127.0.0.1`,
        `${randomIPv4()}, ${randomIPv4()}, 192.0.2.44`,
        '192.0.2.44',
        `${randomIPv4()}, 192.0.2.44, 127.0.0.1, 127.0.0.1`,
        `${randomIPv4()}, 192.0.2.44`,
      ];
      const codes = await inSequence(url(), spoofed);
      // another client behind the same proxies still has its own allowance
      const other = await guess(url(), `192.0.2.44, 198.51.100.20, 127.0.0.1`);
      expect(window()).toBe(start);
      expect(codes).toEqual([...answered(5), ...refused(2)]);
      expect(other).toBe('NOT_FOUND');
    });

    it('never takes junk right of the real client for a client: it counts against the trusted proxy', async () => {
      const start = await freshWindow();
      const junk = [
        'unknown',
        `${randomIPv4()}, 999.1.1.1`,
        `${randomIPv4()}, unknown, 127.0.0.1`,
        `not-an-address-${randomBytes(4).toString('hex')}`,
        `192.0.2.60, 999.${randomBytes(1)[0]}.1.1`,
        'unknown, 127.0.0.1',
        '',
      ];
      const codes = await inSequence(url(), junk);
      expect(window()).toBe(start);
      expect(codes).toEqual([...answered(5), ...refused(2)]);
      expect(await guess(url())).toBe('TOO_MANY_REQUESTS');
    });
  });
});
