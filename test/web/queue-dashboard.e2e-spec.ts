import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import type { Browser, Page } from 'playwright-core';

import { RunningHttpApp, startCandidateService, startGateway } from '../support/apps';
import { DESKTOP, launchChromium } from './support/browser';
import { ensureWebBuilt } from './support/web-build';

/**
 * An on-call admin of the operating organization opens the queue dashboard from the recruiter
 * dashboard in Chromium: the Queues button trades the session token for the dashboard's cookie;
 * a recruiter never sees the button, and a direct visit without the cookie is refused.
 */
describe('web app: the queue dashboard for operators', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let candidateService: RunningHttpApp;
  let gateway: RunningHttpApp;
  let browser: Browser;
  let jwtSecret: string;

  beforeAll(async () => {
    ensureWebBuilt();
    database = await TestDatabase.create();
    redis = new TestRedis();
    const config = testConfig({ database, redis, env: { OPS_ORGANIZATION: 'ops' } });
    jwtSecret = config.auth.jwtSecret!;
    candidateService = await startCandidateService(config);
    gateway = await startGateway(
      testConfig({ database, redis, env: { OPS_ORGANIZATION: 'ops', CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` } }),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await candidateService?.close();
    await redis?.flush();
    await database?.drop();
  });

  /** A fresh browser profile signed in to /dashboard; collects script-blocking CSP reports. */
  async function signedIn(claims: Record<string, string>): Promise<{ page: Page; blockedScripts: string[] }> {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(15_000);
    const blockedScripts: string[] = [];
    context.on('console', (message) => {
      if (/script-src/.test(message.text())) blockedScripts.push(message.text());
    });
    const page = await context.newPage();
    const token = await signTestJwt(jwtSecret, claims);
    await page.goto(`${gateway.baseUrl}/dashboard#token=${token}`);
    await page.getByText(`${claims.name} · ${claims.org}`).waitFor();
    return { page, blockedScripts };
  }

  it('takes an operator from the dashboard to every queue', async () => {
    const { page, blockedScripts } = await signedIn({ org: 'ops', role: 'admin', sub: 'oncall', name: 'Olu Oncall' });
    await page.getByRole('button', { name: 'Queues' }).click();
    await page.waitForURL(`${gateway.baseUrl}/admin/queues/**`);
    await page.getByText('mail', { exact: true }).first().waitFor();
    await page.getByText('feedback', { exact: true }).first().waitFor();
    expect(blockedScripts).toEqual([]);
    // the cookie is HttpOnly: the page's scripts cannot read it
    expect(await page.evaluate('document.cookie')).toBe('');
    await page.context().close();
  });

  it('shows no Queues button to a recruiter, and refuses a direct visit without the cookie', async () => {
    const { page } = await signedIn({ org: 'ops', role: 'recruiter', sub: 'rae', name: 'Rae Recruiter' });
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByRole('button', { name: 'Queues' }).count()).toBe(0);
    const response = await page.goto(`${gateway.baseUrl}/admin/queues/`);
    expect(response?.status()).toBe(401);
    await page.context().close();
  });
});
