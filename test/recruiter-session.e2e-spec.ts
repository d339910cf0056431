import { randomBytes } from 'node:crypto';

import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import Redis from 'ioredis';

import { RunningHttpApp, startCandidateService, startGateway } from './support/apps';

type GraphQLBody = { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };

/**
 * The dashboard's sign-in: a recruiter's token, sent once, becomes an HttpOnly SameSite=Strict
 * cookie naming a session kept (hashed) in Redis; /graphql takes it as the recruiter's identity
 * when no Authorization header is sent. Signing out deletes the session on the server.
 */
describe('recruiter sign-in session', () => {
  const internalSecret = randomBytes(24).toString('hex');
  let database: TestDatabase;
  let redis: TestRedis;
  let candidateService: RunningHttpApp;
  let gateway: RunningHttpApp;
  let jwtSecret: string;
  const token = (claims: Record<string, string> = { org: 'acme', sub: 'rae', name: 'Rae Recruiter' }, expiresIn: string | number = '1h') =>
    signTestJwt(jwtSecret, claims, { expiresIn });
  const open = (headers: Record<string, string>) => fetch(`${gateway.baseUrl}/auth/session`, { method: 'POST', headers });
  const signIn = async (bearer?: string) => {
    const response = await open({ authorization: `Bearer ${bearer ?? (await token())}` });
    expect(response.status).toBe(204);
    const setCookie = response.headers.get('set-cookie')!;
    return { setCookie, cookie: setCookie.split(';')[0], id: /^closer_session=([^;]+)/.exec(setCookie)![1] };
  };
  const ask = async (query: string, headers: Record<string, string>, contentType = 'application/json') => {
    const response = await fetch(`${gateway.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(contentType === 'application/json' ? { 'apollo-require-preflight': 'true' } : {}),
        ...headers,
      },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as GraphQLBody | null };
  };
  const me = async (headers: Record<string, string>) => {
    const { body } = await ask('{ me { name organization { slug } } }', headers);
    return body?.errors?.[0]?.extensions?.code ?? body?.data?.me;
  };
  const redisContents = async () => {
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys(`${redis.prefix}:web-session:*`);
      const values = await Promise.all(keys.map((key) => client.get(key)));
      return { keys, values: values.join('\n'), ttls: await Promise.all(keys.map((key) => client.pttl(key))) };
    } finally {
      client.disconnect();
    }
  };
  const candidates = async () => Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM candidates'))[0].n);

  beforeAll(async () => {
    database = await TestDatabase.create();
    redis = new TestRedis();
    candidateService = await startCandidateService(testConfig({ database, redis, env: { INTERNAL_AUTH_SECRET: internalSecret } }));
    const config = testConfig({
      database,
      redis,
      env: { INTERNAL_AUTH_SECRET: internalSecret, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` },
    });
    jwtSecret = config.auth.jwtSecret!;
    gateway = await startGateway(config);
  });

  afterAll(async () => {
    await gateway?.close();
    await candidateService?.close();
    await redis?.flush();
    await database?.drop();
  });

  it('trades a token for an HttpOnly, SameSite=Strict cookie that /graphql accepts in place of the token', async () => {
    const bearer = await token();
    const { setCookie, cookie, id } = await signIn(bearer);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await me({ cookie })).toEqual({ name: 'Rae Recruiter', organization: { slug: 'acme' } });
    // Redis holds a hash of the id and who signed in: neither the cookie's id nor the token
    const stored = await redisContents();
    expect(stored.keys).toHaveLength(1);
    expect(stored.keys[0]).not.toContain(id);
    expect(stored.values).not.toContain(id);
    expect(stored.values).not.toContain(bearer);
  });

  it('tells the page whether the browser is signed in (never an error) and whether it may open the queues', async () => {
    const state = async (headers: Record<string, string>) => {
      const response = await fetch(`${gateway.baseUrl}/auth/session`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      return response.json();
    };
    expect(await state({})).toEqual({ signedIn: false, queues: 'none' });
    expect(await state({ cookie: `closer_session=${'B'.repeat(43)}` })).toEqual({ signedIn: false, queues: 'none' });
    const { cookie } = await signIn();
    // no operator is listed on this gateway
    expect(await state({ cookie })).toEqual({ signedIn: true, queues: 'none' });
  });

  it('is no one without the cookie, or with a made-up one', async () => {
    expect(await me({})).toBe('UNAUTHENTICATED');
    expect(await me({ cookie: `closer_session=${'A'.repeat(43)}` })).toBe('UNAUTHENTICATED');
    expect(await me({ cookie: 'closer_session=../../etc' })).toBe('UNAUTHENTICATED');
  });

  it('lets a Bearer header win over the cookie: a bad token is refused even beside a good session', async () => {
    const { cookie } = await signIn();
    expect(await me({ cookie, authorization: 'Bearer not.a.token' })).toBe('UNAUTHENTICATED');
    const other = await token({ org: 'globex', sub: 'gil', name: 'Gil' });
    expect(await me({ cookie, authorization: `Bearer ${other}` })).toEqual({ name: 'Gil', organization: { slug: 'globex' } });
  });

  it.each([
    ['no token', {}],
    ['a malformed header', { authorization: 'Basic cmFlOnB3' }],
    ['a token signed with another key', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }],
  ])('opens no session for %s', async (_case, headers: Record<string, string>) => {
    const before = (await redisContents()).keys.length;
    const response = await open(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await redisContents()).keys).toHaveLength(before);
  });

  it('opens no session for an expired token, and ends a session when its token would have expired', async () => {
    const expired = await token(undefined, Math.floor(Date.now() / 1000) - 60);
    expect((await open({ authorization: `Bearer ${expired}` })).status).toBe(401);
    const { setCookie, cookie } = await signIn(await token(undefined, '3s'));
    const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie)![1]);
    expect(maxAge).toBeLessThanOrEqual(3);
    expect(await me({ cookie })).toMatchObject({ name: 'Rae Recruiter' });
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    expect(await me({ cookie })).toBe('UNAUTHENTICATED');
  });

  it('refuses what a cross-site form can send with the cookie (CSRF), and changes nothing', async () => {
    const { cookie } = await signIn();
    const before = await candidates();
    const mutation = 'mutation { addCandidate(input: { name: "Mallory", email: "mallory@evil.test" }) { id } }';
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const { status, body } = await ask(mutation, { cookie }, type);
      expect({ type, status }).toEqual({ type, status: 400 });
      expect(body?.data ?? null).toBeNull();
    }
    expect(await candidates()).toBe(before);
    // the same request as the dashboard sends it does run: the refusal above was the CSRF rule
    const { body } = await ask(mutation, { cookie });
    expect(body?.errors).toBeUndefined();
    expect(await candidates()).toBe(before + 1);
  });

  it('signs out on the server: the session is deleted and a copy of the cookie stops working', async () => {
    const { cookie, id } = await signIn();
    const keysBefore = (await redisContents()).keys.length;
    const response = await fetch(`${gateway.baseUrl}/auth/session`, { method: 'DELETE', headers: { cookie } });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/^closer_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect((await redisContents()).keys).toHaveLength(keysBefore - 1);
    expect(await me({ cookie: `closer_session=${id}` })).toBe('UNAUTHENTICATED');
  });

  it('ends the previous session of the browser when it signs in again', async () => {
    const first = await signIn();
    const response = await open({ authorization: `Bearer ${await token()}`, cookie: first.cookie });
    expect(response.status).toBe(204);
    expect(await me({ cookie: first.cookie })).toBe('UNAUTHENTICATED');
    expect(await me({ cookie: response.headers.get('set-cookie')!.split(';')[0] })).toMatchObject({ name: 'Rae Recruiter' });
  });
});
