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
import {
  type Audit,
  CATEGORIES,
  type Category,
  listOption,
  markdownTable,
  openLighthouse,
  openSession,
  type Page,
  percent,
  redactToken,
} from './support/lighthouse';

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

    const lighthouse = await openLighthouse(origin, cookie);
    const audits: Audit[] = [];
    try {
      for (const page of pages.filter((p) => chosen.includes(p.name))) {
        const audit = await lighthouse.audit(page, categories);
        audits.push(audit);
        process.stderr.write(`[audit] ${page.name}: ${categories.map((c) => `${c} ${percent(audit.scores[c])}`).join(', ')}\n`);
      }
    } finally {
      await lighthouse.close();
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

function table(audits: Audit[], categories: Category[]): string {
  return markdownTable([['page', ...categories], ...audits.map((a) => [a.page.name, ...categories.map((c) => percent(a.scores[c]))])]);
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
