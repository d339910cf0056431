// npm run bench:web: Lighthouse's performance audit (mobile, simulated throttling) on the three
// pages people open first — the interviewer's form, the candidate's portal, the recruiter's
// dashboard overview — with `npm start`'s demo data (scripts/demo/, seeded through the
// public API), median of `--runs` (3) per page, interleaved so a load spike hits every page alike.
// The suite runs in-process on ports the OS picks (as `npm run audit:pages`), not through
// `npm start`, whose fixed ports may be taken by a running demo. Also prints the dashboard's
// first-load scripts (scripts/web-bundle-size.ts).
import { signTestJwt } from '@closer/testing';

import globalSetup from '../libs/testing/src/global-setup';
import globalTeardown from '../libs/testing/src/global-teardown';
import { seedDemo } from '../scripts/demo/seed-demo';
import { initialScripts, kB } from '../scripts/web-bundle-size';
import { SecuritySuite, sleep } from '../test/security/support/security-suite';
import { graphql } from '../test/support/apps';
import { ensureWebBuilt } from '../test/web/support/web-build';
import { parseArgs, runMain } from './support/cli';
import {
  type Audit,
  CATEGORIES,
  type Category,
  markdownTable,
  type Metric,
  openLighthouse,
  openSession,
  type Page,
  percent,
} from './support/lighthouse';
import { median } from './support/stats';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { runs: 'number' });
  const runs = Math.max(1, Math.round(Number(args.runs ?? 3)));

  ensureWebBuilt();
  const ownServices = !process.env.CLOSER_TEST_TEMPLATE_DB;
  if (ownServices) await globalSetup();
  const suite = await SecuritySuite.start({ worker: true });
  try {
    const origin = suite.gateway.baseUrl;
    const jwt = await signTestJwt(suite.config.auth.jwtSecret!, {
      org: 'demo',
      sub: 'demo-recruiter',
      email: 'recruiter@demo.closer.local',
      name: 'Robin Recruiter',
      role: 'admin',
    });
    const demo = await seedDemo(async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const { body } = await graphql<T>(suite.gatewayUrl, query, variables, { authorization: `Bearer ${jwt}` });
      if (body.errors?.length || !body.data) throw new Error(`seeding: ${JSON.stringify(body.errors)}`);
      return body.data;
    }, suite.config.links.secret);
    process.stderr.write(`[web] ${demo.summary}\n`);
    await released(suite, demo.answered.sessionId);
    const pages: Page[] = [
      {
        name: 'form',
        path: `/f/${suite.formToken(demo.openForm.id)}`,
        signedIn: false,
        heading: `Your feedback on ${demo.openForm.candidateName}`,
      },
      { name: 'portal', path: `/c/${suite.portalToken(demo.answered.candidateId)}`, signedIn: false, heading: 'Hello, Grace' },
      { name: 'overview', path: '/dashboard', signedIn: true, heading: 'Closing feedback' },
    ];

    const lighthouse = await openLighthouse(origin, await openSession(origin, jwt));
    const audits = new Map<string, Audit[]>(pages.map((page) => [page.name, []]));
    try {
      for (let run = 1; run <= runs; run++)
        for (const page of pages) {
          const audit = await lighthouse.audit(page, CATEGORIES);
          audits.get(page.name)!.push(audit);
          process.stderr.write(`[web] run ${run}/${runs} ${page.name}: performance ${percent(audit.scores.performance)}\n`);
        }
    } finally {
      await lighthouse.close();
    }
    process.stdout.write(`\nLighthouse (mobile, simulated throttling), median of ${runs} per page:\n\n${table(audits)}\n`);
    const first = initialScripts('dashboard.html');
    process.stdout.write(
      `\n/dashboard before its charts load: ${kB(first.total)} gzip (${first.files.map((f) => `${f.file} ${kB(f.gzip)}`).join(', ')})\n`,
    );
    process.stdout.write(
      `BENCH_JSON ${JSON.stringify({ bench: 'web', runs, pages: summary(audits), dashboardFirstLoadGzip: first.total })}\n`,
    );
  } finally {
    await suite.close();
    if (ownServices) await globalTeardown();
  }
});

const SCORES: Category[] = ['performance', 'accessibility', 'best-practices'];
const SHOWN: Metric[] = ['FCP', 'LCP', 'TBT', 'SI', 'CLS'];

interface PageSummary {
  scores: Record<Category, number>;
  performanceRuns: number[];
  metrics: Record<Metric, number>;
}

/** Medians per page: scores in points, metrics in milliseconds (CLS unitless). */
function summary(audits: Map<string, Audit[]>): Record<string, PageSummary> {
  const points = (score: number | null | undefined) => Math.round((score ?? 0) * 100);
  return Object.fromEntries(
    [...audits].map(([name, list]) => [
      name,
      {
        scores: Object.fromEntries(SCORES.map((c) => [c, median(list.map((a) => points(a.scores[c])))])) as Record<Category, number>,
        performanceRuns: list.map((a) => points(a.scores.performance)),
        metrics: Object.fromEntries(SHOWN.map((m) => [m, median(list.map((a) => a.metrics[m] ?? Number.NaN))])) as Record<Metric, number>,
      },
    ]),
  );
}

function table(audits: Map<string, Audit[]>): string {
  const rows = Object.entries(summary(audits)).map(([name, s]) => [
    name,
    ...SCORES.map((c) => String(s.scores[c])),
    s.performanceRuns.join(', '),
    ...SHOWN.map((m) => (m === 'CLS' ? s.metrics[m].toFixed(3) : `${(s.metrics[m] / 1000).toFixed(2)} s`)),
  ]);
  return markdownTable([['page', ...SCORES, 'performance runs', ...SHOWN], ...rows]);
}

/** The worker composes and releases the full panel's answer: the portal is audited as it then looks. */
async function released(suite: SecuritySuite, sessionId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [answer] = await suite.query<{ status: string }>('SELECT status FROM candidate_answers WHERE session_id = $1', [sessionId]);
    if (answer?.status === 'RELEASED') return;
    await sleep(250);
  }
  throw new Error('the demo answer was not released within 60 s');
}
