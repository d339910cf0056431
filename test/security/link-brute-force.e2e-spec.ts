import { randomBytes } from 'node:crypto';

import fc from 'fast-check';

import { graphql } from '../support/apps';
import { currentWindow, fakeDateOnly, startFreshWindow } from '../support/clock';
import { GqlResult, SecuritySuite } from './support/security-suite';
import { buildWorld, World } from './support/world';

/** The default of the operating contract: 60 link operations per client IP and minute, 6 per token. */
const PER_MINUTE = 60;
const GUESSES = 1_000;

/** Distinct guessed tokens: well-formed ones naming real forms and candidates with a made-up MAC, and junk. */
function guesses(world: World, count: number): string[] {
  const realIds = [...world.forms.open, world.forms.submitted, world.candidates.main.id, world.candidates.other.id];
  const forged = fc.constantFrom(...realIds).chain((id) =>
    fc.integer({ min: 1, max: 3 }).map((version) => {
      const v = Buffer.alloc(4);
      v.writeUInt32BE(version);
      return Buffer.concat([Buffer.from(id.replace(/-/g, ''), 'hex'), v, randomBytes(32)]).toString('base64url');
    }),
  );
  const arbitrary = fc.oneof(
    { weight: 4, arbitrary: forged },
    { weight: 4, arbitrary: fc.uint8Array({ minLength: 52, maxLength: 52 }).map((b) => Buffer.from(b).toString('base64url')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 90 }) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/) },
  );
  // distinct, so the per-token limit never refuses a guess that the per-IP limit would let through
  const distinct = [...new Set(fc.sample(arbitrary, count * 2))].slice(0, count);
  expect(distinct).toHaveLength(count);
  return distinct;
}

async function inBatches<T, R>(items: T[], size: number, each: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => each(item, i + j)))));
  return results;
}

const code = (result: GqlResult, index = 0) => result.body.errors?.[index]?.extensions?.code;

/**
 * Brute force against the link endpoints through the gateway at the default limit
 * (LINK_RATE_LIMIT_PER_MINUTE=60): a thousand guesses find nothing and all but the allowance
 * are refused with TOO_MANY_REQUESTS. Each scenario gets its own Redis prefix, so its own counters,
 * and each test starts one second into a fresh window of a faked clock (windows are fixed
 * minutes), so the counts are exact and a minute turning mid-test cannot change them.
 */
describe('link tokens brute-forced through the gateway', () => {
  describe('one guess per request', () => {
    let suite: SecuritySuite;
    let world: World;

    beforeAll(async () => {
      suite = await SecuritySuite.start({ env: { LINK_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
      world = await buildWorld(suite, 'acme');
      // after the apps are up: their schemas are built against the real Date
      fakeDateOnly();
    }, 60_000);
    afterAll(async () => {
      jest.useRealTimers();
      await suite?.close();
    });

    it(`${GUESSES} guesses against feedbackForm and candidatePortal find nothing, and all but ${PER_MINUTE} a minute are refused`, async () => {
      const tokens = guesses(world, GUESSES);
      const before = await suite.snapshot();
      const startWindow = startFreshWindow();
      const results = await inBatches(tokens, 10, (token, index) => {
        const query =
          index % 2 === 0
            ? 'query($token: String!) { feedbackForm(token: $token) { formId candidateName interviewerName response { privateNote } } }'
            : 'query($token: String!) { candidatePortal(token: $token) { candidateName sessions { sessionId } } }';
        // a spoofed forwarding header must not buy a fresh allowance
        return graphql(suite.gatewayUrl, query, { token }, { 'x-forwarded-for': `10.${index % 250}.0.${index % 200}` });
      });
      expect(currentWindow()).toBe(startWindow);

      expect(results.filter((r) => r.body.data != null && Object.values(r.body.data).some((v) => v !== null))).toEqual([]);
      const limited = results.filter((r) => code(r) === 'TOO_MANY_REQUESTS');
      const answered = results.filter((r) => code(r) !== 'TOO_MANY_REQUESTS');
      expect(answered.map((r) => code(r)).every((c) => c === 'NOT_FOUND')).toBe(true);
      expect(answered).toHaveLength(PER_MINUTE);
      expect(limited).toHaveLength(GUESSES - PER_MINUTE);
      for (const r of limited) {
        expect(r.status).toBe(429);
        const retry = r.body.errors![0].extensions!.retryAfterSeconds as number;
        expect(retry).toBeGreaterThanOrEqual(1);
        expect(retry).toBeLessThanOrEqual(60);
      }
      // guessing changed nothing (no form was marked opened) and no guess is kept in clear
      expect(await suite.snapshot()).toEqual(before);
      const redis = JSON.stringify(await suite.redisDump());
      expect(tokens.filter((token) => token.length > 8 && redis.includes(token))).toEqual([]);
      console.log(
        `brute force: ${GUESSES} guesses, ${answered.length} answered NOT_FOUND, ${limited.length} refused TOO_MANY_REQUESTS, 0 found`,
      );

      // the allowance is spent for this client: a real link is refused too until the window turns
      const real = await suite.anonymous('query($token: String!) { feedbackForm(token: $token) { formId } }', {
        token: suite.formToken(world.forms.submitted),
      });
      expect(currentWindow()).toBe(startWindow);
      expect(code(real)).toBe('TOO_MANY_REQUESTS');
    }, 60_000);
  });

  describe('one link used over and over', () => {
    let suite: SecuritySuite;
    let world: World;

    beforeAll(async () => {
      suite = await SecuritySuite.start({ env: { LINK_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
      world = await buildWorld(suite, 'acme');
      // after the apps are up: their schemas are built against the real Date
      fakeDateOnly();
    }, 60_000);
    afterAll(async () => {
      jest.useRealTimers();
      await suite?.close();
    });

    it('is limited per token at a tenth of the per-IP limit (at least 5)', async () => {
      const token = suite.formToken(world.forms.open[0]);
      const startWindow = startFreshWindow();
      const results: GqlResult[] = [];
      for (let i = 0; i < 10; i++)
        results.push(await suite.anonymous('query($token: String!) { feedbackForm(token: $token) { formId } }', { token }));
      expect(currentWindow()).toBe(startWindow);
      expect(results.map((r) => code(r) ?? 'ok')).toEqual([...Array(6).fill('ok'), ...Array(4).fill('TOO_MANY_REQUESTS')]);
    });
  });

  describe('many guesses in one request', () => {
    let suite: SecuritySuite;
    let world: World;

    beforeAll(async () => {
      suite = await SecuritySuite.start({ env: { LINK_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
      world = await buildWorld(suite, 'acme');
      // after the apps are up: their schemas are built against the real Date
      fakeDateOnly();
    }, 60_000);
    afterAll(async () => {
      jest.useRealTimers();
      await suite?.close();
    });

    // Every link field costs one unit of the IP's allowance, so 15 aliased guesses cost 15: aliases buy
    // no extra guesses. They reveal nothing either — the link fields are non-null, so one wrong token
    // nulls the whole answer — and requests beyond the allowance are refused.
    it(`aliases: ${GUESSES} guesses 15 to a request find nothing, and requests beyond the allowance are refused`, async () => {
      const tokens = guesses(world, GUESSES);
      const requests: string[][] = [];
      for (let i = 0; i < tokens.length; i += 15) requests.push(tokens.slice(i, i + 15));
      const startWindow = startFreshWindow();
      const results = await inBatches(requests, 5, (batch) => {
        const fields = batch.map((_, i) => `g${i}: feedbackForm(token: $t${i}) { formId candidateName }`).join(' ');
        const query = `query(${batch.map((_, i) => `$t${i}: String!`).join(', ')}) { ${fields} }`;
        return suite.anonymous(query, Object.fromEntries(batch.map((token, i) => [`t${i}`, token])));
      });
      expect(results.filter((r) => r.body.data != null)).toEqual([]);
      const answered = results.filter((r) => code(r) !== 'TOO_MANY_REQUESTS');
      expect(answered.every((r) => r.body.errors!.length === 1 && code(r) === 'NOT_FOUND')).toBe(true);
      expect(currentWindow()).toBe(startWindow);
      expect(answered).toHaveLength(PER_MINUTE / 15);
      console.log(
        `aliased brute force: ${GUESSES} guesses in ${requests.length} requests, ${answered.length} requests answered (NOT_FOUND), ${results.length - answered.length} refused`,
      );
    }, 60_000);
  });

  describe('a guess wrapped in a fragment', () => {
    let suite: SecuritySuite;
    let world: World;

    beforeAll(async () => {
      suite = await SecuritySuite.start({ env: { LINK_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
      world = await buildWorld(suite, 'acme');
      // after the apps are up: their schemas are built against the real Date
      fakeDateOnly();
    }, 60_000);
    afterAll(async () => {
      jest.useRealTimers();
      await suite?.close();
    });

    // a link field inside an inline fragment or a fragment spread counts like any other
    it.each([
      [
        'an inline fragment',
        (t: string) => ({ query: 'query($t: String!) { ... on Query { feedbackForm(token: $t) { formId } } }', variables: { t } }),
      ],
      [
        'a fragment spread',
        (t: string) => ({
          query: 'query($t: String!) { ...F } fragment F on Query { feedbackForm(token: $t) { formId } }',
          variables: { t },
        }),
      ],
    ])('%s is counted like any other guess', async (_case, request) => {
      const tokens = guesses(world, 2 * PER_MINUTE);
      const startWindow = startFreshWindow();
      const results = await inBatches(tokens, 10, (token) => {
        const { query, variables } = request(token);
        return suite.anonymous(query, variables);
      });
      expect(currentWindow()).toBe(startWindow);
      expect(results.map((r) => code(r)).filter((c) => c === 'NOT_FOUND')).toHaveLength(PER_MINUTE);
      expect(results.map((r) => code(r)).filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(tokens.length - PER_MINUTE);
    });
  });
});
