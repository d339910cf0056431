import type { Browser, BrowserContext, Page } from 'playwright-core';

import { HOSTILE_TEXTS } from '../security/support/hostile';
import { SecuritySuite } from '../security/support/security-suite';
import { launchChromium, PageWatch, PHONE } from './support/browser';
import { ensureWebBuilt } from './support/web-build';

/** Markup that would call the page's trap if it ever ran, in every place a page could put it. */
const TRAPS = [
  '<script>__pwned("script")</script>',
  '<img src=x onerror=__pwned("img")>',
  '"><svg onload=__pwned("svg")>',
  `'-__pwned('quote')-'`,
  'javascript:__pwned("js")',
  '<iframe srcdoc="<script>parent.__pwned(1)</script>"></iframe>',
  '<a href="javascript:__pwned(2)" id="x">click</a>',
  '<style>@import "//evil.example/x.css"</style>',
];
/** Very long, and unicode of every kind: right-to-left overrides, zero-width, emoji, combining marks. */
const ODD = ['A'.repeat(4_000), `<b>${'é😀'.repeat(600)}</b>`, '\u202E<script>__pwned("rtl")</script>\u202C', 'a\u0301\u200B\uFEFF🙂'];
// at least 6 characters once trimmed, so a token found in the page cannot be a coincidence ('null')
const TOKENS = [...new Set([...TRAPS, ...ODD, ...HOSTILE_TEXTS])].filter((token) => token.trim().length >= 6);

/**
 * Hostile tokens in a link page's own address (/f/<token>, /c/<token>), opened in Chromium: the
 * app renders its "link doesn't work" page, nothing in the token runs (no trap called, no dialog,
 * no CSP violation, no inline handler in the DOM) and the token is not echoed into the rendered
 * page, as markup or as text.
 */
describe('web app: hostile tokens in a link page’s address', () => {
  let suite: SecuritySuite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [suite, browser] = await Promise.all([SecuritySuite.start(), launchChromium()]);
    context = await browser.newContext({ ...PHONE, locale: 'en-GB', serviceWorkers: 'block' });
    context.setDefaultTimeout(10_000);
    // the trap a payload would call; defined before any of the page's scripts run
    await context.addInitScript('window.__executed = []; window.__pwned = (what) => window.__executed.push(String(what));');
    watch = new PageWatch();
    await watch.attach(context);
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await suite?.close();
  });

  it.each(['f', 'c'])(
    `/%s/<token>: ${TOKENS.length} hostile tokens render the "link doesn’t work" page and run nothing`,
    async (kind) => {
      const checked: string[] = [];
      for (const token of TOKENS) {
        watch.secret(token);
        await page.goto(`${suite.gateway.baseUrl}/${kind}/${encodeURIComponent(token)}`);
        // the page's final state first: the API was asked and its NOT_FOUND is on screen
        await page.getByRole('heading', { name: 'This link doesn’t work' }).waitFor();
        const rendered = await page.evaluate<{ executed: string[]; handlers: string[]; foreign: string[]; html: string; text: string }>(`({
        executed: window.__executed,
        handlers: [...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)).map((a) => el.tagName + ' ' + a.name)),
        foreign: [...document.querySelectorAll('iframe, object, embed, style, img, svg, script:not([src]), link[href*="evil"]')]
          .map((el) => el.outerHTML.slice(0, 80)),
        html: document.documentElement.outerHTML,
        text: document.body.innerText,
      })`);
        expect({ token, executed: rendered.executed, handlers: rendered.handlers, foreign: rendered.foreign }).toEqual({
          token,
          executed: [],
          handlers: [],
          foreign: [],
        });
        const trimmed = token.trim();
        expect({ token, inHtml: rendered.html.includes(trimmed), inText: rendered.text.includes(trimmed) }).toEqual({
          token,
          inHtml: false,
          inText: false,
        });
        checked.push(token);
      }
      expect(checked).toHaveLength(TOKENS.length);
      expect(dialogs).toEqual([]);
      expect(watch.problems).toEqual([]);
    },
    180_000,
  );
});
