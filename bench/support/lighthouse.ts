// Lighthouse (mobile, its defaults: simulated slow 4G and 4× CPU slowdown) in Debian's Chromium
// with nothing downloaded, on pages of a running gateway; shared by `npm run audit:pages` and
// `npm run bench:web`. LIGHTHOUSE_REPORTS=<dir> keeps every full report there (JSON) to study.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser } from 'puppeteer-core';

export const CATEGORIES = ['accessibility', 'best-practices', 'performance'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The timings behind the performance score, in milliseconds (CLS unitless), as Lighthouse simulated them. */
export const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'SI',
} as const;
export type Metric = (typeof METRICS)[keyof typeof METRICS];

/** Debian's Chromium, headless, with nothing phoning home (as test/web/support/browser.ts launches it). */
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Page {
  name: string;
  path: string;
  /** The recruiter's session cookie rides along (Lighthouse resets the origin's storage, cookies included). */
  signedIn: boolean;
  /** The page's h1 once Lighthouse is done: proof it judged the page itself, not a sign-in or error page. */
  heading: string;
}

export interface Failure {
  id: string;
  title: string;
  items: string[];
}

export interface Audit {
  page: Page;
  scores: Partial<Record<Category, number | null>>;
  metrics: Partial<Record<Metric, number>>;
  failures: Failure[];
}

export interface Lighthouse {
  audit(page: Page, categories: readonly Category[]): Promise<Audit>;
  close(): Promise<void>;
}

/** One Chromium for every audit; `cookie` is the recruiter's session for pages that need it. */
export async function openLighthouse(origin: string, cookie: string): Promise<Lighthouse> {
  // Lighthouse 12 ships as ES modules only; Node 20.19 imports them from this CommonJS script
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const puppeteer = await import('puppeteer-core');
  const chrome = await launch({ chromePath: process.env.CHROME_PATH || '/usr/bin/chromium', chromeFlags: CHROME_FLAGS });
  let browser: Browser;
  try {
    browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  } catch (error) {
    chrome.kill();
    throw error;
  }

  const audit = async (page: Page, categories: readonly Category[], attempt = 1): Promise<Audit> => {
    const tab = await browser.newPage();
    const result = await lighthouse(
      `${origin}${page.path}`,
      {
        onlyCategories: [...categories],
        logLevel: 'error',
        output: 'json',
        extraHeaders: page.signedIn ? { Cookie: cookie } : undefined,
        // weight 0 (no score), and its trip away and Back reloads the page without the header:
        // skipped, the tab still shows what was judged when its heading is checked below
        skipAudits: ['bf-cache'],
      },
      undefined,
      tab,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${page.name}`);
    const { lhr } = result;
    // a trace Chromium failed to record under load: Lighthouse itself says to run it again
    if (lhr.runtimeError?.code === 'NO_NAVSTART' && attempt < 3) {
      await tab.close();
      return audit(page, categories, attempt + 1);
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${page.name}: ${lhr.runtimeError.message}`);
    // a page that landed elsewhere (a sign-in screen, an error page) would be judged in its place
    const heading = (await tab.evaluate("document.querySelector('h1')?.textContent.trim() ?? null")) as string | null;
    if (new URL(lhr.finalDisplayedUrl).pathname !== page.path || heading !== page.heading)
      throw new Error(
        `${page.name} ended on ${redactToken(lhr.finalDisplayedUrl)} headed "${heading}", not ${redactToken(page.path)} headed "${page.heading}"`,
      );
    await tab.close();
    if (process.env.LIGHTHOUSE_REPORTS) {
      mkdirSync(process.env.LIGHTHOUSE_REPORTS, { recursive: true });
      writeFileSync(join(process.env.LIGHTHOUSE_REPORTS, `${page.name}-${Date.now()}.json`), JSON.stringify(lhr));
    }
    const scores = Object.fromEntries(categories.map((c) => [c, lhr.categories[c]?.score ?? null]));
    const metrics = Object.fromEntries(
      Object.entries(METRICS).flatMap(([id, name]) => {
        const value = lhr.audits[id]?.numericValue;
        return value === undefined ? [] : [[name, value]];
      }),
    );
    const failures = (lhr.categories.accessibility?.auditRefs ?? [])
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative')
      .map((audit) => ({ id: audit.id, title: audit.title, items: itemsOf(audit.details) }));
    return { page, scores, metrics, failures };
  };

  return {
    audit,
    close: async () => {
      await browser.disconnect();
      chrome.kill();
    },
  };
}

/** Trades the recruiter's token for the session cookie, as the dashboard does with `#token=`. */
export async function openSession(origin: string, jwt: string): Promise<string> {
  const response = await fetch(`${origin}/auth/session`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } });
  const cookie = /^(closer_session=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 204 || !cookie) throw new Error(`POST /auth/session answered ${response.status} without a session cookie`);
  return cookie;
}

/** A comma-separated option, every name known; all names when it is absent. */
export function listOption<T extends string>(value: string | number | boolean | undefined, known: readonly T[], option: string): T[] {
  if (value === undefined) return [...known];
  const names = String(value)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !known.includes(name as T));
  if (unknown.length || !names.length)
    throw new Error(`--${option}: unknown ${unknown.join(', ') || '(empty)'}; known: ${known.join(', ')}`);
  return names as T[];
}

/** Link tokens stay out of the output (they open a form or a portal). */
export const redactToken = (address: string) => address.replace(/\/(f|c)\/[^/?#]+/, '/$1/<token>');

export const percent = (score: number | null | undefined) =>
  score === null || score === undefined ? 'n/a' : String(Math.round(score * 100));

/** A Markdown table, as BENCHMARKS.md shows it. */
export function markdownTable(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** The elements an audit found, as Lighthouse names them: selector, a snippet and axe's explanation. */
function itemsOf(details: unknown): string[] {
  const items =
    (details as { items?: { node?: { selector?: string; snippet?: string; explanation?: string } }[] } | undefined)?.items ?? [];
  return items.map(({ node }) =>
    node ? [node.selector, node.snippet, node.explanation?.replace(/\s+/g, ' ')].filter(Boolean).join('  ') : '(no element)',
  );
}
