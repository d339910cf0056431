import { signTestJwt } from '@closer/testing';
import type { Page } from 'playwright-core';

import { graphql } from '../support/apps';
import { DESKTOP, seriousViolations } from './support/browser';
import { DashboardSuite } from './support/dashboard-suite';

/**
 * An admin manages the organization's integrations in Chromium: a key's secret is shown once,
 * works, and is gone once the dialog closes; revoking it stops it; an endpoint's signing secret is
 * shown once too. A recruiter never sees the page.
 */
describe('web app: the Integrations page', () => {
  const suite = new DashboardSuite();

  beforeAll(() => suite.start());
  afterAll(() => suite.close());

  async function signedIn(claims: Record<string, string>): Promise<Page> {
    const context = await suite.browser.newContext(DESKTOP);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${suite.gateway.baseUrl}/dashboard#token=${await signTestJwt(suite.jwtSecret, claims)}`);
    await page.getByText(`${claims.name} · ${claims.org}`).waitFor();
    return page;
  }

  const roles = (secret: string) =>
    graphql(`${suite.gateway.baseUrl}/graphql`, '{ roles { id } }', {}, { authorization: `Bearer ${secret}` }).then((r) => r.body);

  it('creates a key shown once, lists it by its prefix, and revokes it', async () => {
    const page = await signedIn({ org: 'acme', role: 'admin', sub: 'ada', name: 'Ada Admin' });
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    await page.getByLabel('Key name').fill('Greenhouse sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your new API key' });
    const secret = (await dialog.getByTestId('secret-once').textContent())!.trim();
    expect(secret).toMatch(/^closer_sk_[A-Za-z0-9_-]{43}$/);
    expect(await seriousViolations(page)).toEqual([]);
    expect((await roles(secret)).errors).toBeUndefined();

    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByRole('row', { name: /Greenhouse sync/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(secret.slice(0, 16));
    expect(await page.content()).not.toContain(secret);

    page.once('dialog', (confirm) => void confirm.accept());
    await row.getByRole('button', { name: 'Revoke Greenhouse sync' }).click();
    await page.getByRole('row', { name: /Greenhouse sync.*Revoked/ }).waitFor();
    expect((await roles(secret)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await page.context().close();
  });

  it('adds an endpoint for the chosen events and shows its signing secret once', async () => {
    const page = await signedIn({ org: 'acme', role: 'admin', sub: 'ada', name: 'Ada Admin' });
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/closer');
    await page.getByLabel(/An interviewer declined/).uncheck();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your endpoint’s signing secret' });
    const secret = (await dialog.getByTestId('secret-once').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('heading', { name: 'http://127.0.0.1:9/closer' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    const [stored] = await suite.database.query<{ events: string[] }>('SELECT events FROM webhook_endpoints');
    expect(stored.events).not.toContain('FORM_DECLINED');
    expect(stored.events).toHaveLength(6);
    await page.context().close();
  });

  it('is not offered to a recruiter', async () => {
    const page = await signedIn({ org: 'acme', role: 'recruiter', sub: 'rae', name: 'Rae Recruiter' });
    await page.getByRole('link', { name: 'Roles', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Integrations' }).count()).toBe(0);
    // nor by its address: no keys or endpoints to manage there
    await page.goto(`${suite.gateway.baseUrl}/dashboard/integrations`);
    await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    expect(await page.getByLabel('Key name').count()).toBe(0);
    expect(await page.getByLabel('Endpoint URL').count()).toBe(0);
    await page.context().close();
  });
});
