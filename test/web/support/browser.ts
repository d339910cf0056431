import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'artifacts', 'screenshots');

/** Debian's Chromium, headless, with nothing phoning home; a fresh temporary profile per launch. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** Where the dashboard opens and closes its sign-in sessions (POST and DELETE, besides /graphql). */
const SIGN_IN = /^\/(auth\/session|admin\/queues\/session)$/;

/**
 * Everything a page should never do: log an error (CSP violations are logged as errors), throw,
 * send a Referer, or put a link token anywhere but a navigation's own address and a GraphQL body.
 */
export class PageWatch {
  readonly problems: string[] = [];
  readonly graphqlBodies: string[] = [];
  /** Responses of 400 and above, to tell which request a browser's console error was about. */
  readonly responses: string[] = [];
  private readonly secrets: string[] = [];

  secret(...values: string[]): void {
    this.secrets.push(...values.filter(Boolean));
  }

  async attach(context: BrowserContext): Promise<void> {
    // belt and braces: report every violation the page sees, whether or not Chromium logs it
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')))`);
    context.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(text))
        this.problems.push(`console ${message.type()}: ${text}`);
    });
    context.on('weberror', (error) => this.problems.push(`page error: ${error.error().message}`));
    context.on('response', (response) => {
      if (response.status() < 400) return;
      const line = `${response.status()} ${response.request().method()} ${response.url()}`;
      this.responses.push(line);
      void response
        .text()
        .then((body) => this.responses.push(`${line}: ${body.slice(0, 300)}`))
        .catch(() => undefined);
    });
    context.on('request', (request) => {
      const headers = request.headers();
      if (headers.referer) this.problems.push(`a request carried a Referer: ${request.url()}`);
      const isNavigation = request.isNavigationRequest();
      for (const secret of this.secrets) {
        if (!isNavigation && request.url().includes(secret))
          this.problems.push(`a token travelled in a URL: ${request.method()} ${request.url()}`);
      }
      if (request.url().endsWith('/graphql')) this.graphqlBodies.push(request.postData() ?? '');
      else if (!isNavigation && request.method() !== 'GET' && !SIGN_IN.test(new URL(request.url()).pathname))
        this.problems.push(`unexpected ${request.method()} ${request.url()}`);
    });
  }
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The source goes in through
 * the DevTools protocol (page.evaluate), which the page's CSP does not govern.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Every axe-core violation on the page as it is now, whatever its impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE}\n;0`);
  return page.evaluate<AxeViolation[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Waits until the page has saved a form draft whose `field` is `value` (the form saves after it
 * renders a change, so a test polls for the save rather than sleeping).
 */
export async function draftSaved(page: Page, field: string, value: string): Promise<void> {
  await page.waitForFunction(
    `Object.keys(localStorage).some((key) => {
      if (!key.startsWith('closer.form-draft.')) return false;
      try { return JSON.parse(localStorage.getItem(key)).draft[${JSON.stringify(field)}] === ${JSON.stringify(value)}; } catch { return false; }
    })`,
  );
}
