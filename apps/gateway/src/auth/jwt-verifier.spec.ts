import { loadConfig } from '@closer/config';
import { signTestJwt } from '@closer/testing';
import { GraphQLError } from 'graphql';
import { SignJWT } from 'jose';

import { JwtVerifier, VERIFIED_TOKEN_TTL_MS } from './jwt-verifier';

const SECRET = 'jwt-verifier-spec-secret-of-at-least-32-chars';
const NOW = Date.parse('2026-11-25T12:00:00Z');

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof GraphQLError ? error.extensions.code : String(error)),
  );

describe(JwtVerifier.name, () => {
  let sut: JwtVerifier;
  const bearer = (token: string) => `Bearer ${token}`;
  const at = (ms: number) => jest.setSystemTime(NOW + ms);

  beforeEach(() => {
    // only Date is faked: jose's WebCrypto work still resolves on its own
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    sut = new JwtVerifier(loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: SECRET }));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('turns a valid token into the recruiter identity and no credentials into null', async () => {
    const token = await signTestJwt(SECRET, { org: 'acme', sub: 'rae', email: 'rae@acme.test', name: 'Rae', role: 'admin' });
    expect(await sut.identify(bearer(token))).toEqual({ sub: 'rae', org: 'acme', email: 'rae@acme.test', name: 'Rae', role: 'admin' });
    expect(await sut.identify(undefined)).toBeNull();
  });

  it('checks a token’s signature once, then trusts it for a short while: the same identity, re-verified after the TTL', async () => {
    const token = await signTestJwt(SECRET, { org: 'acme', sub: 'rae' });
    const first = await sut.identify(bearer(token));
    at(VERIFIED_TOKEN_TTL_MS - 1);
    expect(await sut.identify(bearer(token))).toBe(first);
    at(VERIFIED_TOKEN_TTL_MS);
    const again = await sut.identify(bearer(token));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('refuses a remembered token as soon as it expires, even within the TTL', async () => {
    const token = await signTestJwt(SECRET, { org: 'acme', sub: 'rae' }, { expiresIn: '10s' });
    expect(await codeOf(sut.identify(bearer(token)))).toBe('accepted');
    at(9_000);
    expect(await codeOf(sut.identify(bearer(token)))).toBe('accepted');
    at(10_000);
    expect(await codeOf(sut.identify(bearer(token)))).toBe('UNAUTHENTICATED');
    at(11_000);
    expect(await codeOf(sut.identify(bearer(token)))).toBe('UNAUTHENTICATED');
  });

  it('refuses an altered copy of a remembered token, and never remembers a refusal', async () => {
    const token = await signTestJwt(SECRET, { org: 'acme', sub: 'rae' });
    expect(await codeOf(sut.identify(bearer(token)))).toBe('accepted');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), org: 'globex' }),
    ).toString('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const altered of [`${header}.${forgedPayload}.${signature}`, `${header}.${payload}.${flipped}`, `${token}x`]) {
      expect({ altered, first: await codeOf(sut.identify(bearer(altered))) }).toEqual({ altered, first: 'UNAUTHENTICATED' });
      expect({ altered, second: await codeOf(sut.identify(bearer(altered))) }).toEqual({ altered, second: 'UNAUTHENTICATED' });
    }
    // a token signed with another key is refused however often it comes
    const foreign = await signTestJwt('another-secret-of-at-least-32-characters', { org: 'acme', sub: 'rae' });
    for (let n = 0; n < 3; n++) expect(await codeOf(sut.identify(bearer(foreign)))).toBe('UNAUTHENTICATED');
  });

  it('refuses alg none, missing claims and malformed headers', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'rae', org: 'acme', exp: NOW / 1000 + 60 })).toString('base64url')}.`;
    const noOrg = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('rae')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    const noExp = await new SignJWT({ org: 'acme' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('rae')
      .sign(new TextEncoder().encode(SECRET));
    for (const authorization of [bearer(unsigned), bearer(noOrg), bearer(noExp), 'Basic cmFlOnNlY3JldA==', 'Bearer', 'Bearer a b'])
      expect({ authorization, code: await codeOf(sut.identify(authorization)) }).toEqual({ authorization, code: 'UNAUTHENTICATED' });
  });

  describe('with AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE', () => {
    const ISSUER = 'https://id.acme.example/';
    const AUDIENCE = 'closer-api';

    beforeEach(() => {
      sut = new JwtVerifier(
        loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: SECRET, AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE }),
      );
    });

    it('accepts a token that carries both, also among several audiences', async () => {
      const exact = await signTestJwt(SECRET, { org: 'acme', sub: 'rae' }, { issuer: ISSUER, audience: AUDIENCE });
      const several = await signTestJwt(SECRET, { org: 'acme', sub: 'rae' }, { issuer: ISSUER, audience: ['billing', AUDIENCE] });
      expect(await codeOf(sut.identify(bearer(exact)))).toBe('accepted');
      expect(await codeOf(sut.identify(bearer(several)))).toBe('accepted');
    });

    it.each([
      ['no issuer', { audience: AUDIENCE }],
      ['no audience', { issuer: ISSUER }],
      ['neither', {}],
      ['another issuer', { issuer: 'https://id.globex.example/', audience: AUDIENCE }],
      ['an issuer differing only by its trailing slash', { issuer: 'https://id.acme.example', audience: AUDIENCE }],
      ['another audience', { issuer: ISSUER, audience: 'closer-api-staging' }],
    ])('refuses a token with %s, signed with the right key', async (_case, options) => {
      const token = await signTestJwt(SECRET, { org: 'acme', sub: 'rae' }, options);
      expect(await codeOf(sut.identify(bearer(token)))).toBe('UNAUTHENTICATED');
    });
  });
});
