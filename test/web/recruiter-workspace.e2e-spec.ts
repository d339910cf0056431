import { renderMailboxPage } from '@closer/mailbox';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { graphql, RunningHttpApp, startCandidateService, startGateway } from '../support/apps';
import { axeViolations, DESKTOP, launchChromium, PageWatch, screenshot } from './support/browser';
import { ensureWebBuilt } from './support/web-build';

/** The narrowest phone we design for. */
const PHONE_375 = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const PLACES: { tab: string; path: string; heading: string }[] = [
  { tab: 'Needs attention', path: '/dashboard/attention', heading: 'Needs attention' },
  { tab: 'Sessions', path: '/dashboard/sessions', heading: 'Sessions' },
  { tab: 'People', path: '/dashboard/people', heading: 'People' },
  { tab: 'Roles', path: '/dashboard/roles', heading: 'Roles' },
  { tab: 'Integrations', path: '/dashboard/integrations', heading: 'Integrations' },
  { tab: 'Settings', path: '/dashboard/settings', heading: 'Settings' },
  { tab: 'Overview', path: '/dashboard', heading: 'Closing feedback' },
];

/**
 * The recruiter's workspace in Chromium, on a desktop and on a 375 px phone, as a recruiter uses
 * it: every place has an address that survives Back, Forward and a second tab; a session opens on
 * its own page with every interviewer's words; nothing scrolls sideways, nothing is blocked by the
 * CSP and axe finds nothing.
 */
describe('web app: the recruiter’s workspace', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let candidateService: RunningHttpApp;
  let gateway: RunningHttpApp;
  let browser: Browser;
  let origin: string;
  let jwt: string;
  let sessionId: string;
  const watch = new PageWatch();
  const contexts: BrowserContext[] = [];
  /** Requests that left the gateway's origin (a web font, a CDN): there must be none. */
  const elsewhere: string[] = [];

  const recruiter = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const { body } = await graphql<T>(`${origin}/graphql`, query, variables, { authorization: `Bearer ${jwt}` });
    expect(body.errors).toBeUndefined();
    return body.data!;
  };

  const newContext = async (device: typeof DESKTOP | typeof PHONE_375): Promise<BrowserContext> => {
    const context = await browser.newContext(device);
    context.setDefaultTimeout(15_000);
    await watch.attach(context);
    context.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) elsewhere.push(request.url());
    });
    contexts.push(context);
    return context;
  };

  const heading = (page: Page) => page.locator('main h1').first().innerText();
  /** Sideways scrolling: how much wider the page is than the window (0 when it fits). */
  const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

  beforeAll(async () => {
    ensureWebBuilt();
    database = await TestDatabase.create();
    redis = new TestRedis();
    const ops = { OPS_ORGANIZATION: 'acme', OPS_OPERATORS: 'rae' };
    const config = testConfig({ database, redis, env: ops });
    candidateService = await startCandidateService(config);
    gateway = await startGateway(
      testConfig({ database, redis, env: { ...ops, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` } }),
    );
    origin = gateway.baseUrl;
    jwt = await signTestJwt(config.auth.jwtSecret!, { org: 'acme', role: 'admin', sub: 'rae', name: 'Rae Recruiter' });
    watch.secret(jwt);
    browser = await launchChromium();

    // a completed session: Ada answered in full, Bob declined, the answer released
    const { createRole } = await recruiter<{ createRole: { id: string; criteria: { id: string }[] } }>(
      `mutation { createRole(input: { title: "Platform Engineer", criteria: [
        { label: "Distributed systems design", kind: SKILL, weight: 5 }, { label: "Mentoring", kind: QUALITY, weight: 3 }] })
        { id criteria { id } } }`,
    );
    const { addCandidate } = await recruiter<{ addCandidate: { id: string } }>(
      'mutation { addCandidate(input: { name: "Grace Hopper", email: "grace@example.test" }) { id } }',
    );
    const ada = (
      await recruiter<{ addInterviewer: { id: string } }>(
        'mutation { addInterviewer(input: { name: "Ada Lovelace", email: "ada@acme.test" }) { id } }',
      )
    ).addInterviewer.id;
    const bob = (
      await recruiter<{ addInterviewer: { id: string } }>(
        'mutation { addInterviewer(input: { name: "Bob Kahn", email: "bob@acme.test" }) { id } }',
      )
    ).addInterviewer.id;
    const startsAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const endsAt = new Date(Date.now() - 3_600_000).toISOString();
    const { scheduleSession } = await recruiter<{ scheduleSession: { id: string; forms: { id: string; interviewer: { id: string } }[] } }>(
      'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id forms { id interviewer { id } } } }',
      {
        input: {
          candidateId: addCandidate.id,
          roleId: createRole.id,
          interviewerIds: [ada, bob],
          title: 'Platform on-site',
          startsAt,
          endsAt,
        },
      },
    );
    sessionId = scheduleSession.id;
    await recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: sessionId });
    await recruiter('mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: sessionId });
    const formOf = (interviewer: string) => scheduleSession.forms.find((form) => form.interviewer.id === interviewer)!.id;
    const [{ organization_id: org }] = await database.query<{ organization_id: string }>(
      'SELECT organization_id FROM interview_sessions WHERE id = $1',
      [sessionId],
    );
    await database.query(`UPDATE feedback_forms SET status = 'SUBMITTED', sent_at = now(), submitted_at = now() WHERE id = $1`, [
      formOf(ada),
    ]);
    const [response] = await database.query<{ id: string }>(
      `INSERT INTO feedback_responses (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, next_steps, candidate_message, private_note)
       VALUES ($1, $2, $3, $4, 3, 'Reasoned clearly about failure modes.', 'Little on-call experience so far.', 'A systems deep-dive.',
               'Your design reasoning was clear.', 'Would pair well with the storage team.') RETURNING id`,
      [org, formOf(ada), sessionId, ada],
    );
    await database.query(
      `INSERT INTO criterion_ratings (organization_id, response_id, criterion_id, rating, note) VALUES ($1, $2, $3, 4, 'Sharp trade-offs'), ($1, $2, $4, NULL, NULL)`,
      [org, response.id, createRole.criteria[0].id, createRole.criteria[1].id],
    );
    await database.query(
      `UPDATE feedback_forms SET status = 'DECLINED', sent_at = now(), declined_at = now(), decline_reason = 'I had to leave after ten minutes.' WHERE id = $1`,
      [formOf(bob)],
    );
    await database.query(
      `UPDATE candidate_answers SET status = 'RELEASED', fit_band = 3, fit_score = 71, responses_count = 1, released_at = now(), composed_at = now(),
         profile = '[{"criterion":"Distributed systems design","kind":"SKILL","level":"STRENGTH"},{"criterion":"Mentoring","kind":"QUALITY","level":"NOT_ASSESSED"}]',
         strengths = '{"Distributed systems design"}', gaps = '{}', next_steps = 'We will call you within a week.', message = 'Your design reasoning was clear.'
       WHERE session_id = $1`,
      [sessionId],
    );
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await gateway?.close();
    await candidateService?.close();
    await redis?.flush();
    await database?.drop();
  });

  describe.each([
    ['desktop', DESKTOP],
    ['phone', PHONE_375],
  ] as const)('on a %s', (device, viewport) => {
    let page: Page;

    it('reaches every place by clicking and by its address, with Back and Forward, no sideways scroll and no axe violation', async () => {
      page = await (await newContext(viewport)).newPage();
      await page.goto(`${origin}/dashboard#token=${jwt}`);
      await page.getByRole('heading', { name: 'Closing feedback' }).waitFor();
      // the token left the address bar, and the page keeps neither it nor the cookie within reach of scripts
      expect(page.url()).toBe(`${origin}/dashboard`);
      expect(await page.evaluate('document.cookie')).toBe('');
      expect(await page.evaluate('JSON.stringify([Object.keys(sessionStorage), Object.keys(localStorage)])')).toBe('[[],[]]');

      let previous = `${origin}/dashboard`;
      for (const place of PLACES) {
        await page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: place.tab, exact: true }).click();
        await page.waitForURL(`${origin}${place.path}`);
        await page.getByRole('heading', { level: 1, name: place.heading }).waitFor();
        expect(await page.getByRole('link', { name: place.tab, exact: true }).getAttribute('aria-current')).toBe('page');
        expect({ place: place.path, overflow: await overflow(page) }).toEqual({ place: place.path, overflow: 0 });
        expect({ place: place.path, violations: await axeViolations(page) }).toEqual({ place: place.path, violations: [] });
        await screenshot(page, `workspace-${place.tab.toLowerCase().replace(/\s+/g, '-')}-${device}`);

        await page.goBack();
        await page.waitForURL(previous);
        await page.goForward();
        await page.waitForURL(`${origin}${place.path}`);
        expect(await heading(page)).toBe(place.heading);
        previous = `${origin}${place.path}`;
      }

      for (const place of [...PLACES, { path: `/dashboard/sessions/${sessionId}`, heading: 'Platform on-site' }]) {
        await page.goto(`${origin}${place.path}`);
        await page.getByRole('heading', { level: 1, name: place.heading }).waitFor();
        expect(page.url()).toBe(`${origin}${place.path}`);
      }
      // a shared link to nowhere says so inside the dashboard
      await page.goto(`${origin}/dashboard/nowhere`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    }, 90_000);

    it('opens a session from the list: each interviewer’s strengths, private note and decline reason, the mails and the answer as the candidate sees it', async () => {
      await page.goto(`${origin}/dashboard/sessions`);
      await page.getByRole('link', { name: 'Platform on-site' }).click();
      await page.waitForURL(`${origin}/dashboard/sessions/${sessionId}`);
      await page.getByRole('heading', { level: 1, name: 'Platform on-site' }).waitFor();

      const ada = page.getByRole('article', { name: 'Ada Lovelace' });
      const adaText = await ada.innerText();
      for (const words of [
        'Good fit',
        'Reasoned clearly about failure modes.',
        'Little on-call experience so far.',
        'A systems deep-dive.',
        'Your design reasoning was clear.',
        'Would pair well with the storage team.',
        'Sharp trade-offs',
        '4 · Exceeds',
        'Not assessed',
      ]) {
        expect(adaText).toContain(words);
      }
      const bob = page.getByRole('article', { name: 'Bob Kahn' });
      expect(await bob.getByText('I had to leave after ten minutes.').count()).toBe(1);
      expect(await bob.innerText()).toContain('Declined');

      const answer = page.getByRole('region', { name: 'The candidate’s answer' });
      expect(await answer.getByText('Exactly as the candidate sees it on their portal:').count()).toBe(1);
      expect(await answer.getByText('A good fit for the profile').count()).toBe(1);
      expect(await answer.getByText('We will call you within a week.').count()).toBe(1);
      // the organization does not share scores with candidates: neither does the preview
      expect(await answer.innerText()).not.toContain('71');
      expect(await answer.innerText()).not.toContain('Would pair well');

      expect({ overflow: await overflow(page) }).toEqual({ overflow: 0 });
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `workspace-session-${device}`);

      await page.goBack();
      await page.waitForURL(`${origin}/dashboard/sessions`);
      await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
    }, 60_000);

    it('is signed in in a second tab of the browser, and signing out in one tab signs out both', async () => {
      const second = await page.context().newPage();
      await second.goto(`${origin}/dashboard/people`);
      await second.getByRole('heading', { level: 1, name: 'People' }).waitFor();
      expect(await second.getByLabel('Access token').count()).toBe(0);
      await second.getByText('Grace Hopper').first().waitFor();

      await second.getByRole('button', { name: 'Sign out' }).click();
      await second.getByText('You signed out.').waitFor();
      await page.reload();
      await page.getByLabel('Access token').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in to the closing-feedback dashboard');
      expect(await axeViolations(page)).toEqual([]);
      expect({ overflow: await overflow(page) }).toEqual({ overflow: 0 });

      // pasting the token signs the browser in again, and the page stays where it was
      await page.getByLabel('Access token').fill(jwt);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
      await second.close();
    }, 45_000);

    it('opens the queue dashboard, which loads nothing from elsewhere and links back', async () => {
      await page.goto(`${origin}/dashboard`);
      await page.getByRole('button', { name: 'Queues' }).click();
      await page.waitForURL(`${origin}/admin/queues/**`);
      await page.getByText('mail', { exact: true }).first().waitFor();
      // bull-board lists extra links in the menu at the end of its header's actions
      await page.locator('ul[class^="actions-"] > li').last().getByRole('button').click();
      await page.getByText('Back to the dashboard').click();
      await page.waitForURL(`${origin}/dashboard`);
      await page.getByRole('heading', { level: 1, name: 'Closing feedback' }).waitFor();
    }, 45_000);
  });

  it('keeps people right: warns of a duplicate email offering the existing person, edits, archives out of scheduling, and says what is wrong in screen words', async () => {
    const page = await (await newContext(DESKTOP)).newPage();
    await page.goto(`${origin}/dashboard/people#token=${jwt}`);
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    expect(page.url()).toBe(`${origin}/dashboard/people`);
    const candidates = async () => (await database.query<{ name: string }>('SELECT name FROM candidates ORDER BY name')).map((c) => c.name);
    expect(await candidates()).toEqual(['Grace Hopper']);

    // a second candidate with the same address: warned, nothing added, the existing one a click away
    const add = page.getByRole('form', { name: 'Add a candidate' });
    await add.getByLabel('Name').fill('Grace H.');
    await add.getByLabel('Email').fill(' GRACE@example.test ');
    await add.getByRole('button', { name: 'Add candidate' }).click();
    await add.getByText('Grace Hopper (grace@example.test) is already a candidate here.').waitFor();
    expect(await candidates()).toEqual(['Grace Hopper']);
    await add.getByRole('button', { name: 'Open Grace Hopper' }).click();
    const edit = page.getByRole('form', { name: 'Edit Grace Hopper' });
    await edit.getByLabel('Name').fill('Grace Brewster Hopper');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved Grace Brewster Hopper.').waitFor();
    expect(await candidates()).toEqual(['Grace Brewster Hopper']);

    // a form sent empty: focus goes to its first problem; the limits are on the inputs
    const addInterviewer = page.getByRole('form', { name: 'Add an interviewer' });
    await addInterviewer.getByRole('button', { name: 'Add interviewer' }).click();
    await addInterviewer.getByText('Enter a name.').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('interviewer-name');
    expect(await addInterviewer.getByLabel('Name').getAttribute('maxlength')).toBe('200');
    expect(await addInterviewer.getByLabel('Email').getAttribute('maxlength')).toBe('254');

    // an archived interviewer keeps their history but is not offered for a new panel
    await page.getByRole('button', { name: 'Archive Bob Kahn' }).click();
    await page.getByText('Archived Bob Kahn', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Bring back Bob Kahn' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.getByRole('button', { name: 'Schedule a session' }).click();
    const form = page.getByRole('form', { name: 'Schedule a session' });
    const panel = form.getByRole('group', { name: 'Interview panel' });
    await panel.getByRole('checkbox', { name: 'Ada Lovelace' }).check();
    expect(await panel.getByRole('checkbox', { name: 'Bob Kahn' }).count()).toBe(0);
    expect(await form.getByLabel('Title').getAttribute('maxlength')).toBe('200');

    // the API's refusal, in the words on the screen, at the field it is about
    const sessionsBefore = await database.query('SELECT id FROM interview_sessions');
    await form.getByLabel('Candidate').selectOption({ label: 'Grace Brewster Hopper (grace@example.test)' });
    await form.getByLabel('Role').selectOption({ label: 'Platform Engineer' });
    await form.getByLabel('Start time').fill('2030-03-04T09:00');
    await form.getByLabel('End time').fill('2030-03-05T10:00');
    await form.getByRole('button', { name: 'Schedule and invite the candidate' }).click();
    await form.getByText('Must be at most 24 hours after the start time.').waitFor();
    expect(await form.innerText()).not.toMatch(/startsAt|endsAt|input\./);
    expect(await page.evaluate('document.activeElement.id')).toBe('schedule-ends');
    expect(await database.query('SELECT id FROM interview_sessions')).toEqual(sessionsBefore);
  }, 60_000);

  it('shows the local mailbox on a phone without sideways scrolling, however long a link', async () => {
    const page = await (await newContext(PHONE_375)).newPage();
    const link = `http://localhost:3000/f/${'x'.repeat(300)}`;
    await page.setContent(
      renderMailboxPage([
        {
          seq: 1,
          messageId: '<1@closer.test>',
          from: 'Closer <no-reply@closer.test>',
          to: ['a-very-long-address-of-an-interviewer@a-long-company-domain.example.test'],
          subject: 'Your feedback on Grace Hopper',
          text: `Open the form: ${link}`,
          html: '',
          receivedAt: new Date('2030-01-01T10:00:00Z'),
          links: [link],
        },
      ]),
    );
    expect(await page.getByRole('link', { name: link }).count()).toBe(1);
    expect({ overflow: await overflow(page) }).toEqual({ overflow: 0 });
  });

  it('broke no CSP rule, logged no error and asked nothing of another site (no web font) on any page', () => {
    // the pages above did run under this watch
    expect(watch.graphqlBodies.length).toBeGreaterThan(20);
    expect({ problems: watch.problems, responses: watch.responses, elsewhere }).toEqual({ problems: [], responses: [], elsewhere: [] });
  });
});
