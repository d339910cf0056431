import { createHash, randomBytes } from 'node:crypto';

import { bullConnection, JobName, QueueName } from '@closer/queue';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';

import { RunningHttpApp, startGateway } from './support/apps';

type QueuesResponse = { queues: { name: string; readOnlyMode: boolean; counts: Record<string, number> }[] };

const FAILED_JOB = 'form-invite-failed';

/**
 * The queue dashboard (@bull-board) at the gateway holds every organization's jobs, so it opens
 * only to the JWT subjects OPS_OPERATORS lists — whatever organization or role a token claims —
 * and only those who are also admins of OPS_ORGANIZATION act on jobs; the rest look, read-only.
 * The browser's cookie holds a random session id that signing out revokes on the server.
 */
describe('queue dashboard', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let gateway: RunningHttpApp;
  let closedGateway: RunningHttpApp;
  let jwtSecret: string;
  let mailQueue: Queue;
  const url = (path = '') => `${gateway.baseUrl}/admin/queues${path}`;
  const bearer = async (claims: Record<string, string>, secret = jwtSecret, expiresIn: string | number = '1h') =>
    `Bearer ${await signTestJwt(secret, claims, { expiresIn })}`;
  /** Listed, and an admin of the operating organization: full access. */
  const operator = () => bearer({ org: 'ops', role: 'admin', sub: 'oncall' });
  /** Listed, but a recruiter of another organization: read-only. */
  const watcher = () => bearer({ org: 'acme', role: 'recruiter', sub: 'watcher' });
  const state = async () => ({
    counts: await mailQueue.getJobCounts('waiting', 'failed', 'delayed', 'completed', 'active', 'prioritized'),
    paused: await mailQueue.isPaused(),
    failedJob: (await mailQueue.getJob(FAILED_JOB))?.failedReason,
  });
  const signIn = async (authorization: string) => {
    const response = await fetch(url('/session'), { method: 'POST', headers: { authorization } });
    expect(response.status).toBe(204);
    const setCookie = response.headers.get('set-cookie')!;
    return { setCookie, cookie: setCookie.split(';')[0], id: /^closer_ops=([^;]*)/.exec(setCookie)![1] };
  };
  const sessionKeys = async () => {
    const client = new Redis(redis.url);
    try {
      return await client.keys(`${redis.prefix}:ops-session:*`);
    } finally {
      client.disconnect();
    }
  };

  beforeAll(async () => {
    database = await TestDatabase.create();
    redis = new TestRedis();
    const config = testConfig({ database, redis, env: { OPS_ORGANIZATION: 'ops', OPS_OPERATORS: 'oncall, watcher' } });
    jwtSecret = config.auth.jwtSecret!;
    gateway = await startGateway(config);
    closedGateway = await startGateway(testConfig({ database, redis, env: { OPS_ORGANIZATION: 'ops' } }));
    const connection = bullConnection(redis.url, 'producer');
    mailQueue = new Queue(QueueName.Mail, { connection, prefix: redis.prefix });
    // one failed job (a worker that throws), one waiting and one delayed, with no worker left running
    await mailQueue.add(JobName.SendFormInvite, { formId: '00000000-0000-4000-8000-000000000009' }, { jobId: FAILED_JOB });
    const failing = new Worker(
      QueueName.Mail,
      async () => {
        throw new Error('SMTP said no');
      },
      { connection: bullConnection(redis.url, 'worker'), prefix: redis.prefix },
    );
    await new Promise((resolve) => failing.once('failed', resolve));
    await failing.close();
    await mailQueue.add(JobName.SendFormInvite, { formId: '00000000-0000-4000-8000-000000000001' }, { jobId: 'form-invite-1' });
    await mailQueue.add(
      JobName.SendFormInvite,
      { formId: '00000000-0000-4000-8000-000000000002' },
      { jobId: 'form-invite-later', delay: 3_600_000 },
    );
    expect(await state()).toMatchObject({ counts: { waiting: 1, failed: 1, delayed: 1 }, paused: false, failedJob: 'SMTP said no' });
  });

  afterAll(async () => {
    await mailQueue?.close();
    await closedGateway?.close();
    await gateway?.close();
    await redis?.flush();
    await database?.drop();
  });

  it('shows a listed operator who is an admin of the operating organization every queue, with its jobs', async () => {
    const response = await fetch(url('/api/queues'), { headers: { authorization: await operator() } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as QueuesResponse;
    expect(body.queues.map((queue) => queue.name).sort()).toEqual(['feedback', 'mail', 'webhooks']);
    expect(body.queues.find((queue) => queue.name === QueueName.Mail)).toMatchObject({
      readOnlyMode: false,
      counts: { waiting: 1, failed: 1, delayed: 1 },
    });
  });

  it.each([
    ['no credentials', async () => undefined, 401],
    ['a token signed with another key', () => bearer({ org: 'ops', role: 'admin', sub: 'oncall' }, 'x'.repeat(48)), 401],
    ['an expired token', () => bearer({ org: 'ops', role: 'admin', sub: 'oncall' }, jwtSecret, Math.floor(Date.now() / 1000) - 60), 401],
    ['a malformed header', async () => 'Basic b3BzOmFkbWlu', 401],
    ['an admin of the operating organization whose subject is not listed', () => bearer({ org: 'ops', role: 'admin', sub: 'boss' }), 403],
    ['a recruiter of the operating organization whose subject is not listed', () => bearer({ org: 'ops', role: 'recruiter' }), 403],
    ['a subject that only resembles a listed one', () => bearer({ org: 'ops', role: 'admin', sub: 'oncall ' }), 403],
  ])('refuses %s, on the page, the API and the actions, with the jobs untouched', async (_case, authorization, status) => {
    const header = await authorization();
    const headers: Record<string, string> = header ? { authorization: header } : {};
    const before = await state();
    for (const path of ['/', '/api/queues', '/access']) {
      const response = await fetch(url(path), { headers });
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(await response.text()).not.toContain(QueueName.Mail);
    }
    for (const path of [`/api/queues/${QueueName.Mail}/retry/failed`, `/api/queues/${QueueName.Mail}/${FAILED_JOB}/retry`]) {
      const response = await fetch(url(path), { method: 'PUT', headers });
      expect({ path, status: response.status }).toEqual({ path, status });
    }
    const session = await fetch(url('/session'), { method: 'POST', headers });
    expect(session.status).toBe(status);
    expect(session.headers.get('set-cookie')).toBeNull();
    expect(await state()).toEqual(before);
  });

  it('lets a listed operator of another organization look, read-only, and refuses every action with the jobs untouched', async () => {
    const authorization = await watcher();
    const access = await fetch(url('/access'), { headers: { authorization } });
    expect(access.status).toBe(200);
    expect(await access.json()).toEqual({ access: 'read-only' });
    const view = await fetch(url('/api/queues'), { headers: { authorization } });
    expect(view.status).toBe(200);
    const body = (await view.json()) as QueuesResponse;
    expect(body.queues.find((queue) => queue.name === QueueName.Mail)).toMatchObject({ readOnlyMode: true, counts: { failed: 1 } });

    // the same operator as an admin of another organization is no admin here
    const foreignAdmin = await bearer({ org: 'acme', role: 'admin', sub: 'watcher' });
    const { cookie } = await signIn(authorization);
    const actions = [
      `/api/queues/${QueueName.Mail}/retry/failed`,
      `/api/queues/${QueueName.Mail}/clean/failed`,
      `/api/queues/${QueueName.Mail}/clean/delayed`,
      `/api/queues/${QueueName.Mail}/promote`,
      `/api/queues/${QueueName.Mail}/pause`,
      `/api/queues/${QueueName.Mail}/empty`,
      `/api/queues/${QueueName.Mail}/${FAILED_JOB}/retry`,
      `/api/queues/${QueueName.Mail}/${FAILED_JOB}/clean`,
      `/api/queues/${QueueName.Mail}/form-invite-later/promote`,
      '/api/queues/pause',
    ];
    const before = await state();
    const everyWay: Record<string, string>[] = [{ authorization }, { authorization: foreignAdmin }, { cookie }];
    for (const credentials of everyWay) {
      for (const path of actions) {
        const response = await fetch(url(path), { method: 'PUT', headers: credentials });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
      }
      const add = await fetch(url(`/api/queues/${QueueName.Mail}/add`), {
        method: 'POST',
        headers: { ...credentials, 'content-type': 'application/json' },
        body: JSON.stringify({ name: JobName.SendFormInvite, data: {} }),
      });
      expect(add.status).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  it("lets the operating organization's listed admin retry a failed job", async () => {
    const authorization = await operator();
    const access = await fetch(url('/access'), { headers: { authorization } });
    expect(await access.json()).toEqual({ access: 'full' });
    const { cookie } = await signIn(authorization);
    const retry = await fetch(url(`/api/queues/${QueueName.Mail}/${FAILED_JOB}/retry`), { method: 'PUT', headers: { cookie } });
    expect(retry.status).toBe(204);
    expect((await state()).counts).toMatchObject({ waiting: 2, failed: 0, delayed: 1 });
  });

  it('keeps the session on the server: the cookie is a random id, stored hashed, lasting no longer than the token', async () => {
    const jwt = await signTestJwt(jwtSecret, { org: 'ops', role: 'admin', sub: 'oncall' }, { expiresIn: '2m' });
    const keysBefore = await sessionKeys();
    const { setCookie, cookie, id } = await signIn(`Bearer ${jwt}`);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/admin\/queues/);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie)![1]);
    expect(maxAge).toBeGreaterThan(100);
    expect(maxAge).toBeLessThanOrEqual(120);
    // 32 random bytes: no JWT, nothing that decodes to the token or its claims
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(id).not.toContain('.');
    expect(id).not.toBe(jwt);
    const decoded = Buffer.from(id, 'base64url').toString('latin1');
    for (const text of ['oncall', 'ops', 'admin', '"sub"', jwt.split('.')[1]]) expect(decoded).not.toContain(text);

    // Redis holds the id's SHA-256 only, and expires it with the token
    const created = (await sessionKeys()).filter((key) => !keysBefore.includes(key));
    expect(created).toEqual([`${redis.prefix}:ops-session:${createHash('sha256').update(id).digest('hex')}`]);
    const client = new Redis(redis.url);
    try {
      const ttl = await client.pttl(created[0]);
      expect(ttl).toBeGreaterThan(100_000);
      expect(ttl).toBeLessThanOrEqual(120_000);
      expect(await client.get(created[0])).not.toContain(id);
    } finally {
      client.disconnect();
    }

    expect((await fetch(url('/api/queues'), { headers: { cookie } })).status).toBe(200);
    const page = await fetch(url('/'), { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Closer queues');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const script = /<script defer src="([^"]+)"/.exec(html)![1];
    expect((await fetch(url(`/${script}`), { headers: { cookie } })).status).toBe(200);

    const signOut = await fetch(url('/session'), { method: 'DELETE', headers: { cookie } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/closer_ops=;.*Expires=Thu, 01 Jan 1970/);
    expect(await sessionKeys()).not.toContain(created[0]);
    // a copy of the cookie taken before signing out is worth nothing now
    for (const path of ['/', '/api/queues', `/api/queues/${QueueName.Mail}/form-invite-later/promote`]) {
      const replay = await fetch(url(path), { method: path.endsWith('promote') ? 'PUT' : 'GET', headers: { cookie } });
      expect({ path, status: replay.status }).toEqual({ path, status: 401 });
    }
    expect((await state()).counts).toMatchObject({ delayed: 1 });
  });

  it.each([
    ['a random id', async () => randomBytes(32).toString('base64url')],
    ["an operator's JWT itself", async () => (await operator()).slice('Bearer '.length)],
    ['a forged JWT', async () => (await bearer({ org: 'ops', role: 'admin', sub: 'oncall' }, 'y'.repeat(48))).slice('Bearer '.length)],
    ['an empty value', async () => ''],
  ])('refuses %s as the cookie', async (_case, value) => {
    const cookie = `closer_ops=${await value()}`;
    for (const path of ['/', '/api/queues']) {
      const response = await fetch(url(path), { headers: { cookie } });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
  });

  it("opens from the recruiter dashboard's sign-in cookie for operators only, links back, and loads nothing from elsewhere", async () => {
    const dashboardSignIn = async (authorization: string) => {
      const response = await fetch(`${gateway.baseUrl}/auth/session`, { method: 'POST', headers: { authorization } });
      expect(response.status).toBe(204);
      return response.headers.get('set-cookie')!.split(';')[0];
    };
    const signInState = async (cookie: string) => (await fetch(`${gateway.baseUrl}/auth/session`, { headers: { cookie } })).json();
    const operatorCookie = await dashboardSignIn(await operator());
    expect(await signInState(operatorCookie)).toEqual({ signedIn: true, queues: 'full' });
    expect(await signInState(await dashboardSignIn(await watcher()))).toEqual({ signedIn: true, queues: 'read-only' });
    expect((await fetch(url('/access'), { headers: { cookie: operatorCookie } })).status).toBe(200);
    const opened = await fetch(url('/session'), { method: 'POST', headers: { cookie: operatorCookie } });
    expect(opened.status).toBe(204);
    const opsCookie = opened.headers.get('set-cookie')!.split(';')[0];
    expect(opsCookie).toMatch(/^closer_ops=/);
    const page = await fetch(url('/'), { headers: { cookie: opsCookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Back to the dashboard');
    // the page asks nothing of other sites (its Google Fonts link would be refused by the CSP)
    expect(html).toMatch(/<link href="static\/css\/[^"]+" rel="stylesheet">/);
    expect(html).not.toMatch(/https?:\/\//);

    const recruiterCookie = await dashboardSignIn(await bearer({ org: 'ops', role: 'admin', sub: 'boss' }));
    expect(await signInState(recruiterCookie)).toEqual({ signedIn: true, queues: 'none' });
    expect((await fetch(url('/access'), { headers: { cookie: recruiterCookie } })).status).toBe(403);
    const refused = await fetch(url('/session'), { method: 'POST', headers: { cookie: recruiterCookie } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    // the dashboard's cookie is not a queue dashboard session by itself
    expect((await fetch(url('/api/queues'), { headers: { cookie: operatorCookie } })).status).toBe(401);
  });

  it('is closed to everyone, the operating organization admins included, while no operator is listed', async () => {
    for (const path of ['/', '/api/queues', '/session', '/access']) {
      const response = await fetch(`${closedGateway.baseUrl}/admin/queues${path}`, {
        method: path === '/session' ? 'POST' : 'GET',
        headers: { authorization: await operator() },
      });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});
