// npm run audit:pages: Lighthouse (mobile, its defaults) on the pages people open — the interviewer's
// form, the candidate's portal and the recruiter's dashboard — against the suite in-process with a
// little seeded data, in Debian's Chromium with nothing downloaded. Prints each page's scores and
// every failing accessibility audit with its elements; exits non-zero when a page's accessibility
// is below 100. `--pages form,portal,overview` audits a subset; `--categories accessibility` only
// that category (what test/web/lighthouse.e2e-spec.ts runs).
import { signTestJwt } from '@closer/testing';

import globalSetup from '../libs/testing/src/global-setup';
import globalTeardown from '../libs/testing/src/global-teardown';
import { SecuritySuite } from '../test/security/support/security-suite';
import { graphql } from '../test/support/apps';
import { ensureWebBuilt } from '../test/web/support/web-build';
import { parseArgs, runMain } from './support/cli';

const CATEGORIES = ['accessibility', 'best-practices', 'performance'] as const;
type Category = (typeof CATEGORIES)[number];

/** Debian's Chromium, headless, with nothing phoning home (as test/web/support/browser.ts launches it). */
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Page {
  name: string;
  path: string;
  /** The recruiter's session cookie rides along (Lighthouse resets the origin's storage, cookies included). */
  signedIn: boolean;
  /** The page's h1 once Lighthouse is done: proof it judged the page itself, not a sign-in or error page. */
  heading: string;
}

interface Failure {
  id: string;
  title: string;
  items: string[];
}

interface Audit {
  page: Page;
  scores: Partial<Record<Category, number | null>>;
  failures: Failure[];
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { pages: 'string', categories: 'string' });
  const categories = listOption(args.categories, CATEGORIES, 'categories') as Category[];

  ensureWebBuilt();
  // under jest the services and the migrated template are already there (its global setup's
  // environment): use them rather than migrate a second template
  const ownServices = !process.env.CLOSER_TEST_TEMPLATE_DB;
  if (ownServices) await globalSetup();
  const suite = await SecuritySuite.start();
  try {
    const origin = suite.gateway.baseUrl;
    const seeded = await seed(suite);
    const cookie = await openSession(origin, seeded.jwt);
    const pages: Page[] = [
      { name: 'form', path: `/f/${seeded.formToken}`, signedIn: false, heading: 'Your feedback on Grace Hopper' },
      { name: 'portal', path: `/c/${seeded.portalToken}`, signedIn: false, heading: 'Hello, Grace' },
      { name: 'overview', path: '/dashboard', signedIn: true, heading: 'Closing feedback' },
      { name: 'attention', path: '/dashboard/attention', signedIn: true, heading: 'Needs attention' },
      { name: 'sessions', path: '/dashboard/sessions', signedIn: true, heading: 'Sessions' },
      { name: 'session', path: `/dashboard/sessions/${seeded.sessionId}`, signedIn: true, heading: 'Platform on-site' },
      { name: 'people', path: '/dashboard/people', signedIn: true, heading: 'People' },
      { name: 'settings', path: '/dashboard/settings', signedIn: true, heading: 'Settings' },
    ];
    const chosen = listOption(
      args.pages,
      pages.map((page) => page.name),
      'pages',
    );

    // Lighthouse 12 ships as ES modules only; Node 20.19 imports them from this CommonJS script
    const { default: lighthouse } = await import('lighthouse');
    const { launch } = await import('chrome-launcher');
    const puppeteer = await import('puppeteer-core');
    const chrome = await launch({ chromePath: process.env.CHROME_PATH || '/usr/bin/chromium', chromeFlags: CHROME_FLAGS });
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const audits: Audit[] = [];
    try {
      for (const page of pages.filter((p) => chosen.includes(p.name))) {
        const tab = await browser.newPage();
        const result = await lighthouse(
          `${origin}${page.path}`,
          {
            onlyCategories: categories,
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
        if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${page.name}: ${lhr.runtimeError.message}`);
        // a page that landed elsewhere (a sign-in screen, an error page) would be judged in its place
        const heading = (await tab.evaluate("document.querySelector('h1')?.textContent.trim() ?? null")) as string | null;
        if (new URL(lhr.finalDisplayedUrl).pathname !== page.path || heading !== page.heading)
          throw new Error(
            `${page.name} ended on ${redactToken(lhr.finalDisplayedUrl)} headed "${heading}", not ${redactToken(page.path)} headed "${page.heading}"`,
          );
        await tab.close();
        const scores = Object.fromEntries(categories.map((c) => [c, lhr.categories[c]?.score ?? null]));
        const failures = (lhr.categories.accessibility?.auditRefs ?? [])
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative')
          .map((audit) => ({ id: audit.id, title: audit.title, items: itemsOf(audit.details) }));
        audits.push({ page, scores, failures });
        process.stderr.write(`[audit] ${page.name}: ${categories.map((c) => `${c} ${percent(scores[c])}`).join(', ')}\n`);
      }
    } finally {
      await browser.disconnect();
      chrome.kill();
    }

    process.stdout.write(`\n${table(audits, categories)}\n`);
    for (const { page, failures } of audits)
      for (const failure of failures) {
        process.stdout.write(`\n${page.name} (${redactToken(page.path)}): ${failure.id} — ${failure.title}\n`);
        for (const item of failure.items) process.stdout.write(`  - ${item}\n`);
      }
    const below = audits.filter((a) => categories.includes('accessibility') && a.scores.accessibility !== 1);
    if (below.length) {
      process.stdout.write(`\naccessibility below 100 on: ${below.map((a) => a.page.name).join(', ')}\n`);
      process.exitCode = 1;
    } else if (categories.includes('accessibility')) {
      process.stdout.write(`\naccessibility 100 on every page audited (${audits.length})\n`);
    }
  } finally {
    await suite.close();
    if (ownServices) await globalTeardown();
  }
});

/** A comma-separated option, every name known; all names when it is absent. */
function listOption<T extends string>(value: string | number | boolean | undefined, known: readonly T[], option: string): T[] {
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
const redactToken = (address: string) => address.replace(/\/(f|c)\/[^/?#]+/, '/$1/<token>');

const percent = (score: number | null | undefined) => (score === null || score === undefined ? 'n/a' : String(Math.round(score * 100)));

function table(audits: Audit[], categories: Category[]): string {
  const rows = [['page', ...categories], ...audits.map((a) => [a.page.name, ...categories.map((c) => percent(a.scores[c]))])];
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

/** Trades the recruiter's token for the session cookie, as the dashboard does with `#token=`. */
async function openSession(origin: string, jwt: string): Promise<string> {
  const response = await fetch(`${origin}/auth/session`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } });
  const cookie = /^(closer_session=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 204 || !cookie) throw new Error(`POST /auth/session answered ${response.status} without a session cookie`);
  return cookie;
}

/**
 * A role, a candidate and a completed session with two interviewers: Ada answered (her words fill
 * the session page and the released answer the portal), Bob has not (his form is the one audited).
 */
async function seed(suite: SecuritySuite): Promise<{ jwt: string; formToken: string; portalToken: string; sessionId: string }> {
  const jwt = await signTestJwt(suite.config.auth.jwtSecret!, { org: 'acme', role: 'admin', sub: 'rae', name: 'Rae Recruiter' });
  const recruiter = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const { body } = await graphql<T>(suite.gatewayUrl, query, variables, { authorization: `Bearer ${jwt}` });
    if (body.errors?.length) throw new Error(`seeding: ${JSON.stringify(body.errors)}`);
    return body.data!;
  };
  const { createRole } = await recruiter<{ createRole: { id: string; criteria: { id: string }[] } }>(
    `mutation { createRole(input: { title: "Platform Engineer", nextSteps: "A call with the team lead.", criteria: [
      { label: "Distributed systems design", kind: SKILL, weight: 5 }, { label: "Mentoring", kind: QUALITY, weight: 3 }] })
      { id criteria { id } } }`,
  );
  const { addCandidate } = await recruiter<{ addCandidate: { id: string } }>(
    'mutation { addCandidate(input: { name: "Grace Hopper", email: "grace@example.test" }) { id } }',
  );
  const interviewer = async (name: string, email: string) =>
    (
      await recruiter<{ addInterviewer: { id: string } }>(
        'mutation($name: String!, $email: String!) { addInterviewer(input: { name: $name, email: $email }) { id } }',
        {
          name,
          email,
        },
      )
    ).addInterviewer.id;
  const ada = await interviewer('Ada Lovelace', 'ada@acme.test');
  const bob = await interviewer('Bob Kahn', 'bob@acme.test');
  const { scheduleSession } = await recruiter<{ scheduleSession: { id: string; forms: { id: string; interviewer: { id: string } }[] } }>(
    'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id forms { id interviewer { id } } } }',
    {
      input: {
        candidateId: addCandidate.id,
        roleId: createRole.id,
        interviewerIds: [ada, bob],
        title: 'Platform on-site',
        startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        endsAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
    },
  );
  const sessionId = scheduleSession.id;
  await recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: sessionId });
  await recruiter('mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: sessionId });
  const formOf = (id: string) => scheduleSession.forms.find((form) => form.interviewer.id === id)!.id;
  const [{ organization_id: org }] = (await suite.query<{ organization_id: string }>(
    'SELECT organization_id FROM interview_sessions WHERE id = $1',
    [sessionId],
  )) as [{ organization_id: string }];
  await suite.query(`UPDATE feedback_forms SET status = 'SUBMITTED', sent_at = now(), submitted_at = now() WHERE id = $1`, [formOf(ada)]);
  await suite.query(`UPDATE feedback_forms SET status = 'SENT', sent_at = now() WHERE id = $1`, [formOf(bob)]);
  const [response] = await suite.query<{ id: string }>(
    `INSERT INTO feedback_responses (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, next_steps, candidate_message, private_note)
     VALUES ($1, $2, $3, $4, 3, 'Reasoned clearly about failure modes.', 'Little on-call experience so far.', 'A systems deep-dive.',
             'Your design reasoning was clear.', 'Would pair well with the storage team.') RETURNING id`,
    [org, formOf(ada), sessionId, ada],
  );
  await suite.query(
    `INSERT INTO criterion_ratings (organization_id, response_id, criterion_id, rating, note) VALUES ($1, $2, $3, 4, 'Sharp trade-offs'), ($1, $2, $4, NULL, NULL)`,
    [org, response.id, createRole.criteria[0].id, createRole.criteria[1].id],
  );
  await suite.query(
    `UPDATE candidate_answers SET status = 'RELEASED', fit_band = 3, fit_score = 71, responses_count = 1, released_at = now(), composed_at = now(),
       profile = '[{"criterion":"Distributed systems design","kind":"SKILL","level":"STRENGTH"},{"criterion":"Mentoring","kind":"QUALITY","level":"NOT_ASSESSED"}]',
       strengths = '{"Distributed systems design"}', gaps = '{}', next_steps = 'We will call you within a week.', message = 'Your design reasoning was clear.'
     WHERE session_id = $1`,
    [sessionId],
  );
  return { jwt, formToken: suite.formToken(formOf(bob)), portalToken: suite.portalToken(addCandidate.id), sessionId };
}
