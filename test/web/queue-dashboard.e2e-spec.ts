import { signTestJwt } from '@closer/testing';
import type { Page } from 'playwright-core';

import { DESKTOP } from './support/browser';
import { DashboardSuite } from './support/dashboard-suite';

/**
 * A listed operator opens the queue dashboard from the recruiter dashboard in Chromium: the
 * Queues button trades the dashboard's sign-in for the queue dashboard's own cookie, and signing out of the
 * recruiter dashboard ends that session on the server too. Whoever is not listed — a recruiter,
 * or even an admin of the operating organization — never sees the button and is refused.
 */
describe('web app: the queue dashboard for operators', () => {
  const suite = new DashboardSuite({ OPS_ORGANIZATION: 'ops', OPS_OPERATORS: 'oncall,watcher' });

  beforeAll(() => suite.start());
  afterAll(() => suite.close());

  /** A fresh browser profile signed in to /dashboard; collects script-blocking CSP reports. */
  async function signedIn(claims: Record<string, string>): Promise<{ page: Page; blockedScripts: string[] }> {
    const context = await suite.browser.newContext(DESKTOP);
    context.setDefaultTimeout(15_000);
    const blockedScripts: string[] = [];
    context.on('console', (message) => {
      if (/script-src/.test(message.text())) blockedScripts.push(message.text());
    });
    const page = await context.newPage();
    const token = await signTestJwt(suite.jwtSecret, claims);
    await page.goto(`${suite.gateway.baseUrl}/dashboard#token=${token}`);
    await page.getByText(`${claims.name} · ${claims.org}`).waitFor();
    return { page, blockedScripts };
  }

  it('takes an operator from the dashboard to every queue, and signing out ends that session on the server', async () => {
    const { page, blockedScripts } = await signedIn({ org: 'ops', role: 'admin', sub: 'oncall', name: 'Olu Oncall' });
    await page.getByRole('button', { name: 'Queues' }).click();
    await page.waitForURL(`${suite.gateway.baseUrl}/admin/queues/**`);
    await page.getByText('mail', { exact: true }).first().waitFor();
    await page.getByText('feedback', { exact: true }).first().waitFor();
    expect(blockedScripts).toEqual([]);
    // the cookie is HttpOnly: the page's scripts cannot read it
    expect(await page.evaluate('document.cookie')).toBe('');
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'closer_ops');
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await page.goto(`${suite.gateway.baseUrl}/dashboard`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You signed out.').waitFor();
    // a copy of the cookie taken before signing out opens nothing
    await page.context().addCookies([cookie]);
    const replay = await page.goto(`${suite.gateway.baseUrl}/admin/queues/`);
    expect(replay?.status()).toBe(401);
    await page.context().close();
  });

  it('shows the Queues button to a listed operator of another organization, whose dashboard is read-only', async () => {
    const { page } = await signedIn({ org: 'acme', role: 'recruiter', sub: 'watcher', name: 'Wren Watcher' });
    await page.getByRole('button', { name: 'Queues' }).click();
    await page.waitForURL(`${suite.gateway.baseUrl}/admin/queues/**`);
    await page.getByText('mail', { exact: true }).first().waitFor();
    const retry = await page.evaluate(async () => (await fetch('/admin/queues/api/queues/mail/retry/failed', { method: 'PUT' })).status);
    expect(retry).toBe(403);
    await page.context().close();
  });

  it.each([
    ['a recruiter', { org: 'ops', role: 'recruiter', sub: 'rae', name: 'Rae Recruiter' }],
    ['an admin of the operating organization who is not listed', { org: 'ops', role: 'admin', sub: 'boss', name: 'Bo Boss' }],
  ])('shows no Queues button to %s, and refuses a direct visit', async (_case, claims) => {
    const { page } = await signedIn(claims);
    // once the gateway has answered the access check, the button must still be absent
    const answered = page.waitForResponse((response) => response.url().endsWith('/auth/session'));
    await page.reload();
    expect(await (await answered).json()).toEqual({ signedIn: true, queues: 'none' });
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByRole('button', { name: 'Queues' }).count()).toBe(0);
    const response = await page.goto(`${suite.gateway.baseUrl}/admin/queues/`);
    expect(response?.status()).toBe(401);
    await page.context().close();
  });
});
