import { bullConnection, JobName, QueueName } from '@closer/queue';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { Queue } from 'bullmq';

import { RunningHttpApp, startGateway } from './support/apps';

type QueuesResponse = { queues: { name: string; counts: Record<string, number> }[] };

/**
 * The queue dashboard (@bull-board) at the gateway: every organization's jobs, so it opens only
 * to the admins of the operating organization (OPS_ORGANIZATION), by Bearer token or by the
 * HttpOnly cookie the browser trades it for; and it stays closed when no organization operates.
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
  const operator = () => bearer({ org: 'ops', role: 'admin', sub: 'oncall' });

  beforeAll(async () => {
    database = await TestDatabase.create();
    redis = new TestRedis();
    const config = testConfig({ database, redis, env: { OPS_ORGANIZATION: 'ops' } });
    jwtSecret = config.auth.jwtSecret!;
    gateway = await startGateway(config);
    closedGateway = await startGateway(testConfig({ database, redis }));
    // a job waiting with no worker running, as the dashboard should show it
    mailQueue = new Queue(QueueName.Mail, { connection: bullConnection(redis.url, 'producer'), prefix: redis.prefix });
    await mailQueue.add(JobName.SendFormInvite, { formId: '00000000-0000-4000-8000-000000000001' }, { jobId: 'form-invite-1' });
  });

  afterAll(async () => {
    await mailQueue?.close();
    await closedGateway?.close();
    await gateway?.close();
    await redis?.flush();
    await database?.drop();
  });

  it("shows the operating organization's admin every queue with its jobs", async () => {
    const response = await fetch(url('/api/queues'), { headers: { authorization: await operator() } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as QueuesResponse;
    expect(body.queues.map((queue) => queue.name).sort()).toEqual([QueueName.Feedback, QueueName.Mail].sort());
    expect(body.queues.find((queue) => queue.name === QueueName.Mail)!.counts).toMatchObject({ waiting: 1 });
  });

  it.each([
    ['no credentials', async () => undefined, 401],
    ['a token signed with another key', () => bearer({ org: 'ops', role: 'admin' }, 'x'.repeat(48)), 401],
    ['an expired token', () => bearer({ org: 'ops', role: 'admin' }, jwtSecret, Math.floor(Date.now() / 1000) - 60), 401],
    ['a malformed header', async () => 'Basic b3BzOmFkbWlu', 401],
    ['a recruiter (not admin) of the operating organization', () => bearer({ org: 'ops', role: 'recruiter' }), 403],
    ['an admin of another organization', () => bearer({ org: 'acme', role: 'admin' }), 403],
  ])('refuses %s, on the page and on the API', async (_case, authorization, status) => {
    const header = await authorization();
    const headers: Record<string, string> = header ? { authorization: header } : {};
    for (const path of ['/', '/api/queues']) {
      const response = await fetch(url(path), { headers });
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(await response.text()).not.toContain(QueueName.Mail);
    }
    const retry = await fetch(url(`/api/queues/${QueueName.Mail}/retry/failed`), { method: 'PUT', headers });
    expect(retry.status).toBe(status);
    expect(await mailQueue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('trades an operator token for an HttpOnly, same-site cookie the browser UI works with', async () => {
    const refused = await fetch(url('/session'), {
      method: 'POST',
      headers: { authorization: await bearer({ org: 'acme', role: 'admin' }) },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();

    const signIn = await fetch(url('/session'), { method: 'POST', headers: { authorization: await operator() } });
    expect(signIn.status).toBe(204);
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^closer_ops=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/admin\/queues/);
    const cookie = setCookie.split(';')[0]!;

    const page = await fetch(url('/'), { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Closer queues');
    // scripts only from the gateway itself, and the page never leaks its address onwards
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const script = /<script defer src="([^"]+)"/.exec(html)![1]!;
    expect((await fetch(url(`/${script}`), { headers: { cookie } })).status).toBe(200);

    const api = await fetch(url('/api/queues'), { headers: { cookie } });
    expect(api.status).toBe(200);

    const signOut = await fetch(url('/session'), { method: 'DELETE', headers: { cookie } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/closer_ops=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('refuses a forged cookie', async () => {
    const forged = (await bearer({ org: 'ops', role: 'admin' }, 'y'.repeat(48))).slice('Bearer '.length);
    const response = await fetch(url('/api/queues'), { headers: { cookie: `closer_ops=${forged}` } });
    expect(response.status).toBe(401);
  });

  it('is closed to everyone when no organization operates the suite', async () => {
    for (const path of ['/', '/api/queues', '/session']) {
      const response = await fetch(`${closedGateway.baseUrl}/admin/queues${path}`, {
        method: path === '/session' ? 'POST' : 'GET',
        headers: { authorization: await operator() },
      });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});
