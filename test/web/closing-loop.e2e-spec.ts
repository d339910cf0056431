import { createLinkToken } from '@closer/domain';
import type { Locator, Page } from 'playwright-core';

import { graphql } from '../support/apps';
import { DESKTOP, draftSaved, PageWatch, PHONE, screenshot, seriousViolations } from './support/browser';
import { BrowserSuite } from './support/browser-suite';

/**
 * The closing-feedback loop as its three users live it, in Debian's Chromium against the real
 * suite (gateway → candidate-service → PostgreSQL → worker → SMTP capture): the candidate asks
 * in the portal, interviewers answer on a phone, the candidate reads the answer, the recruiter
 * watches the dashboard, releases a held answer and re-sends a failed form.
 */
describe('web app: the closing-feedback loop in a browser', () => {
  const suite = new BrowserSuite();
  const { recruiter, linkIn, newPage } = suite;

  const ids: Record<string, string> = {};
  const formMail = (interviewer: string, candidate: string, after = 0) =>
    suite.smtp.waitFor((m) => m.seq > after && m.to.includes(interviewer) && m.subject.includes(`Your feedback on ${candidate}`), 20_000);
  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);

  beforeAll(async () => {
    await suite.start();
    await seed();
  }, 60_000);

  afterAll(() => suite.close());

  /** Two roles (one released automatically, one reviewed), three interviewers, three candidates, three sessions. */
  async function seed(): Promise<void> {
    const role = async (input: Record<string, unknown>) =>
      (
        await recruiter<{ createRole: { id: string; criteria: { id: string; label: string }[] } }>(
          'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id label } } }',
          { input },
        )
      ).createRole;
    const backend = await role({
      title: 'Backend Engineer',
      answerPolicy: 'AUTO_RELEASE',
      nextSteps: 'We will come back to you within a week about a final conversation with the team lead.',
      criteria: [
        { label: 'Distributed systems design', kind: 'SKILL', weight: 5 },
        { label: 'TypeScript and Node.js', kind: 'SKILL', weight: 4 },
        { label: 'Production on-call experience', kind: 'EXPERIENCE', weight: 3 },
        { label: 'Clear written communication', kind: 'QUALITY', weight: 2 },
      ],
    });
    const manager = await role({
      title: 'Engineering Manager',
      answerPolicy: 'RECRUITER_REVIEW',
      criteria: [
        { label: 'People leadership', kind: 'QUALITY', weight: 5 },
        { label: 'Delivery planning', kind: 'EXPERIENCE', weight: 4 },
      ],
    });
    ids.backend = backend.id;
    ids.manager = manager.id;
    for (const c of [...backend.criteria, ...manager.criteria]) ids[c.label] = c.id;
    for (const [key, name, email] of [
      ['iris', 'Iris Chen', 'iris@acme.test'],
      ['marek', 'Marek Nowak', 'marek@acme.test'],
      ['sofia', 'Sofia Reyes', 'sofia@acme.test'],
    ]) {
      ids[key] = (
        await recruiter<{ addInterviewer: { id: string } }>('mutation($i: AddInterviewerInput!) { addInterviewer(input: $i) { id } }', {
          i: { name, email },
        })
      ).addInterviewer.id;
    }
    for (const [key, name, email] of [
      ['ada', 'Ada Lovelace', 'ada@example.com'],
      ['alan', 'Alan Turing', 'alan@example.com'],
      ['grace', 'Grace Hopper', 'grace@example.com'],
    ]) {
      ids[key] = (
        await recruiter<{ addCandidate: { id: string } }>('mutation($i: AddCandidateInput!) { addCandidate(input: $i) { id } }', {
          i: { name, email },
        })
      ).addCandidate.id;
    }
    const schedule = async (candidate: string, roleId: string, panel: string[], title: string) =>
      (
        await recruiter<{ scheduleSession: { id: string } }>('mutation($i: ScheduleSessionInput!) { scheduleSession(input: $i) { id } }', {
          i: {
            candidateId: ids[candidate],
            roleId,
            interviewerIds: panel.map((p) => ids[p]),
            title,
            startsAt: new Date(Date.now() - 50 * 60_000).toISOString(),
            endsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
          },
        })
      ).scheduleSession.id;
    ids.s1 = await schedule('ada', backend.id, ['iris', 'marek'], 'Backend Engineer: panel interview');
    ids.s2 = await schedule('alan', manager.id, ['sofia'], 'Engineering Manager: leadership interview');
    ids.s3 = await schedule('grace', backend.id, ['iris', 'sofia'], 'Backend Engineer: system design');
  }

  let portal: Page;
  let portalLink: string;

  it('lets the candidate open the portal link from the invitation mail and ask how well they fit', async () => {
    const invitation = await suite.smtp.waitFor((m) => m.to.includes('ada@example.com'), 20_000);
    portalLink = linkIn(invitation, 'c');
    portal = await newPage(PHONE);
    const response = await portal.goto(portalLink);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await portal.getByRole('heading', { name: 'Hello, Ada' }).waitFor();
    const session = portal.getByRole('region', { name: 'Backend Engineer: panel interview' });
    expect(await session.getByText(/one combined answer from the interview panel.*within a few days/).count()).toBe(1);
    const ask = session.getByRole('button', { name: /how well I fit/ });
    await expectAccessible(portal);
    await screenshot(portal, 'portal-ask-phone');

    await ask.click();
    await session.getByRole('status').filter({ hasText: 'you asked how well you fit' }).waitFor();
    expect(await session.getByRole('button', { name: /how well I fit/ }).count()).toBe(0);
    const { session: stored } = await recruiter<{ session: { fitFeedbackRequested: boolean } }>(
      'query($id: ID!) { session(id: $id) { fitFeedbackRequested } }',
      { id: ids.s1 },
    );
    expect(stored.fitFeedbackRequested).toBe(true);
    // the token went to the server in GraphQL bodies only
    expect(suite.watch.graphqlBodies.filter((body) => body.includes(portalLink.split('/c/')[1]))).toHaveLength(2);
  }, 30_000);

  it('takes an interviewer through the form on a phone: inline validation, a draft that survives a reload, the read-only answer', async () => {
    const before = suite.smtp.mails.length ? suite.smtp.mails[suite.smtp.mails.length - 1].seq : 0;
    await Promise.all([ids.s1, ids.s2, ids.s3].map((id) => recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id })));
    const mail = await formMail('iris@acme.test', 'Ada Lovelace', before);
    const page = await newPage(PHONE);
    await page.goto(linkIn(mail, 'f'));

    await page.getByRole('heading', { name: 'Your feedback on Ada Lovelace' }).waitFor();
    expect(await page.getByText('Backend Engineer: panel interview', { exact: false }).count()).toBeGreaterThan(0);
    // the closing question the candidate asked, in plain words
    await page.getByRole('heading', { name: 'Ada asked the panel' }).waitFor();
    expect(await page.getByText(/how well do I fit the profile of the candidate you’re looking for\?/).count()).toBe(1);
    for (const label of [
      'Distributed systems design',
      'TypeScript and Node.js',
      'Production on-call experience',
      'Clear written communication',
    ]) {
      const group = page.getByRole('group', { name: label });
      expect(await group.getByRole('radio').count()).toBe(5);
      expect(await group.getByRole('radio', { name: 'Not assessed' }).count()).toBe(1);
    }
    expect(await page.getByText('This is shared with Ada').count()).toBe(1);

    // submitting nothing: a message next to every required field, focus on the first problem
    await page.getByRole('button', { name: 'Submit feedback' }).click();
    const first = page.getByRole('group', { name: 'Distributed systems design' });
    await first.getByText('Choose a rating, or “Not assessed” if it didn’t come up.').waitFor();
    expect(await page.getByText('Choose a rating, or “Not assessed”').count()).toBe(4);
    expect(await page.getByText('Choose the overall fit.').count()).toBe(1);
    expect(await page.getByText('Name at least one strength for this position.').count()).toBe(1);
    expect(await page.getByLabel(/^Strengths for this position/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.name')).toBe(`rating-${ids['Distributed systems design']}`);
    await expectAccessible(page);
    await screenshot(page, 'form-validation-phone');

    await rate(page, { 'Distributed systems design': '3', 'TypeScript and Node.js': '3', 'Production on-call experience': '2' });
    await page.getByLabel(/^Strengths for this position/).fill('Reasoned clearly about failure modes in the design exercise.');
    // an accidental reload keeps what was typed
    await draftSaved(page, 'strengths', 'Reasoned clearly about failure modes in the design exercise.');
    await page.reload();
    await page.getByText('We restored the answers you started on this device.').waitFor();
    expect(await page.getByLabel(/^Strengths for this position/).inputValue()).toBe(
      'Reasoned clearly about failure modes in the design exercise.',
    );
    expect(
      await page.getByRole('group', { name: 'Distributed systems design' }).getByRole('radio', { name: '3 · Meets' }).isChecked(),
    ).toBe(true);

    await rate(page, { 'Clear written communication': 'Not assessed' });
    await page
      .getByRole('group', { name: 'Overall fit' })
      .getByRole('radio', { name: /Good fit/ })
      .check();
    await page.getByLabel(/^Anything lacking in your picture of the candidate/).fill('Little evidence of running services in production.');
    await page
      .getByLabel(/^Message the candidate may read/)
      .fill('Thank you for a thoughtful conversation. Your design reasoning was clear.');
    await page.getByLabel(/^Private note/).fill('Would pair well with the platform team.');
    await page.getByRole('button', { name: 'Submit feedback' }).click();

    await page.getByRole('heading', { name: 'Thank you — your feedback is in' }).waitFor();
    const answer = page.getByRole('region', { name: 'Your answer' });
    expect(await answer.getByText('Reasoned clearly about failure modes in the design exercise.').count()).toBe(1);
    expect(await answer.getByText('Would pair well with the platform team.').count()).toBe(1);
    expect(await answer.getByText('2 · Partly').count()).toBe(1);
    expect(await page.evaluate(`Object.keys(localStorage).filter((k) => k.startsWith('closer.form-draft'))`)).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'form-submitted-phone');
  }, 30_000);

  it('composes and releases the answer when the second interviewer answers', async () => {
    const page = await newPage(PHONE);
    await page.goto(linkIn(await formMail('marek@acme.test', 'Ada Lovelace'), 'f'));
    await page.getByRole('heading', { name: 'Your feedback on Ada Lovelace' }).waitFor();
    // radio groups work from the keyboard: arrows move the choice within the group
    const design = page.getByRole('group', { name: 'Distributed systems design' });
    await design.getByRole('radio', { name: '3 · Meets' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await design.getByRole('radio', { name: '4 · Exceeds' }).isChecked()).toBe(true);
    await rate(page, {
      'TypeScript and Node.js': '3',
      'Production on-call experience': '2',
      'Clear written communication': 'Not assessed',
    });
    await page
      .getByRole('group', { name: 'Overall fit' })
      .getByRole('radio', { name: /Strong fit/ })
      .check();
    await page.getByLabel(/^Strengths for this position/).fill('Deep TypeScript knowledge.');
    await page.getByLabel(/^Anything lacking in your picture of the candidate/).fill('We did not talk about incidents.');
    await page.getByLabel(/^Message the candidate may read/).fill('Great depth on TypeScript; tell us more about incidents next time.');
    await page.getByRole('button', { name: 'Submit feedback' }).click();
    await page.getByRole('heading', { name: 'Thank you — your feedback is in' }).waitFor();

    const { session } = await recruiter<{ session: { answer: { status: string; fitBand: string } } }>(
      'query($id: ID!) { session(id: $id) { answer { status fitBand } } }',
      { id: ids.s1 },
    );
    expect(session.answer).toEqual({ status: 'RELEASED', fitBand: 'GOOD_FIT' });
  }, 20_000);

  it('lets an interviewer decline with a reason, and holds the reviewed role’s answer for the recruiter', async () => {
    // Alan's panel of one answers over the API (the browser path is proven above); the role is reviewed by a recruiter
    const sofiaAlan = linkIn(await formMail('sofia@acme.test', 'Alan Turing'), 'f').split('/f/')[1];
    const submitted = await graphql(
      `${suite.origin}/graphql`,
      `
        mutation ($token: String!, $input: SubmitFeedbackInput!) {
          submitFeedback(token: $token, input: $input) {
            status
          }
        }
      `,
      {
        token: sofiaAlan,
        input: {
          candidateAskedForFeedback: true,
          overallFit: 'PARTIAL_FIT',
          ratings: [
            { criterionId: ids['People leadership'], rating: 2 },
            { criterionId: ids['Delivery planning'], rating: 3 },
          ],
          strengths: 'Solid delivery planning.',
          gaps: 'Few examples of growing people.',
          candidateMessage: 'Thanks for the open conversation about planning.',
        },
      },
    );
    expect(submitted.body).toEqual({ data: { submitFeedback: { status: 'SUBMITTED' } } });

    const page = await newPage(PHONE);
    const sofiaGrace = await formMail('sofia@acme.test', 'Grace Hopper');
    await page.goto(linkIn(sofiaGrace, 'f'));
    await page.getByRole('heading', { name: 'Your feedback on Grace Hopper' }).waitFor();
    const toggle = page.getByRole('button', { name: 'I can’t give feedback on this session' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Decline this form' }).click();
    await page.getByText('Tell the recruiter briefly why').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('declineReason');
    await page.getByLabel('Reason (for the recruiter)').fill('I was ill and did not attend this interview.');
    await page.getByRole('button', { name: 'Decline this form' }).click();
    await page.getByRole('heading', { name: 'Thanks for letting us know' }).waitFor();

    // Iris's invitation to Grace's session bounced (a permanent SMTP error)
    await suite.database.query(
      `UPDATE feedback_forms SET status = 'FAILED', sent_at = NULL, last_error = '550 5.1.1 <iris@acme.test>: mailbox unavailable'
       WHERE session_id = $1 AND interviewer_id = $2`,
      [ids.s3, ids.iris],
    );
  }, 20_000);

  it('shows the candidate the released answer without naming an interviewer, and asks whether it helped', async () => {
    await portal.reload();
    const session = portal.getByRole('region', { name: 'Backend Engineer: panel interview' });
    await session.getByText('A good fit for the profile').waitFor();
    const profile = session.getByRole('list', { name: 'How you fit each part of the profile' });
    const rows = await profile.getByRole('listitem').allInnerTexts();
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      'Distributed systems design Skill A strength',
      'TypeScript and Node.js Skill Meets the profile',
      'Production on-call experience Experience Partly there',
      'Clear written communication Quality Not assessed in this interview',
    ]);
    expect(await session.getByText('We will come back to you within a week', { exact: false }).count()).toBe(1);
    expect(await session.getByText('Your design reasoning was clear.', { exact: false }).count()).toBe(1);
    expect(await session.getByText('tell us more about incidents next time', { exact: false }).count()).toBe(1);
    const text = await portal.locator('body').innerText();
    for (const name of ['Iris', 'Marek', 'Chen', 'Nowak', 'pair well']) expect(text).not.toContain(name);
    await expectAccessible(portal);
    await screenshot(portal, 'portal-answer-phone');

    await session.getByRole('group', { name: 'Was this helpful?' }).getByRole('button', { name: 'Yes' }).click();
    await session.getByText('Thank you for telling us this answer helped.').waitFor();
    const [answer] = await suite.database.query<{ helpful: boolean }>('SELECT helpful FROM candidate_answers WHERE session_id = $1', [
      ids.s1,
    ]);
    expect(answer.helpful).toBe(true);
  }, 20_000);

  let dashboard: Page;

  it('signs the recruiter in from the link, draws the dashboard with the right numbers, releases a held answer and re-sends a failed form', async () => {
    const page = (dashboard = await newPage(DESKTOP));
    await page.goto(`${suite.origin}/dashboard#token=${suite.jwt}`);
    await page.getByRole('heading', { name: 'Closing feedback' }).waitFor();
    expect(page.url()).toBe(`${suite.origin}/dashboard`);
    // the token was traded for an HttpOnly session cookie: page scripts hold neither
    expect(await page.evaluate(`sessionStorage.getItem('closer.recruiter-token')`)).toBeNull();
    expect(await page.evaluate('document.cookie')).toBe('');
    expect((await page.context().cookies()).map((cookie) => cookie.name)).toContain('closer_session');
    await page.getByText('Rae Recruiter · ').waitFor();

    const { closingFeedbackDashboard: stats } = await recruiter<{
      closingFeedbackDashboard: { sessionsCompleted: number; fitFeedbackRequested: number; formsSent: number; formsSubmitted: number };
    }>('{ closingFeedbackDashboard { sessionsCompleted fitFeedbackRequested formsSent formsSubmitted } }');
    expect(stats).toEqual({ sessionsCompleted: 3, fitFeedbackRequested: 2, formsSent: 4, formsSubmitted: 3 });
    const tile = async (id: string) => (await page.getByTestId(`kpi-${id}`).innerText()).replace(/\s+/g, ' ').trim();
    expect(await tile('sessions')).toBe('Sessions completed 3');
    expect(await tile('asked')).toBe('Candidates who asked 2 67% of sessions');
    expect(await tile('response-rate')).toBe('Form response rate 75% 3 of 4 forms · 1 declined');
    expect(await tile('released')).toBe('Answers released / withheld 1 / 0 released · withheld');
    expect(await tile('helpful')).toBe('Found helpful 100% of answers candidates rated');
    expect(await tile('hours-to-feedback')).toMatch(/^Median time to feedback \d+ min form sent → answered$/);
    expect(await tile('hours-to-answer')).toMatch(/^Median time to answer \d+ min session end → released$/);

    // the charts as drawn: one bar per figure, its number beside it, its length in proportion
    const { closingFeedbackDashboard: figures } = await recruiter<{
      closingFeedbackDashboard: {
        fitDistribution: { band: string; count: number }[];
        weekly: { sessionsCompleted: number; responseRate: number | null }[];
        interviewers: { interviewer: { name: string }; calibrationDelta: number | null }[];
      };
    }>(
      '{ closingFeedbackDashboard { fitDistribution { band count } weekly { sessionsCompleted responseRate } interviewers { interviewer { name } calibrationDelta } } }',
    );
    const barLabels = (chart: string) => page.getByTestId(`chart-${chart}`).locator('svg .chart-value').allTextContents();
    await page.getByTestId('chart-fit').locator('.svg-chart').waitFor();
    expect(figures.fitDistribution.map((f) => f.count)).toEqual([0, 1, 1, 0]);
    expect(await barLabels('fit')).toEqual(['0', '1', '1', '0']);
    const fitHeights = await barLengths(page.getByTestId('chart-fit'), 'height');
    expect(fitHeights[0]).toBe(0);
    expect(fitHeights[1]).toBeGreaterThan(100);
    expect(fitHeights).toEqual([0, fitHeights[1], fitHeights[1], 0]);
    expect(await page.getByRole('table', { name: 'Answers per fit band' }).getByRole('row').allInnerTexts()).toEqual([
      'Fit band\tAnswers',
      'Not a fit\t0',
      'Partial fit\t1',
      'Good fit\t1',
      'Strong fit\t0',
    ]);
    expect(await axisLabels(page.getByTestId('chart-fit'), 'x')).toEqual(['Not a fit', 'Partial fit', 'Good fit', 'Strong fit']);
    expect((await barLabels('criteria')).slice(0, 2)).toEqual(['2 of 2', '1 of 1']);
    const criteriaWidths = await barLengths(page.getByTestId('chart-criteria'), 'width');
    expect(criteriaWidths[0]).toBeGreaterThan(50);
    expect(Math.abs(criteriaWidths[0] - 2 * criteriaWidths[1])).toBeLessThanOrEqual(1);
    expect(await axisLabels(page.getByTestId('chart-criteria'), 'y')).toEqual([
      'Production on-call experience',
      'People leadership',
      'Delivery planning',
      'TypeScript and Node.js',
      'Distributed systems design',
    ]);
    // the weekly trend: a bar per week, a point per week with forms sent, at its rate on the right axis
    expect(figures.weekly).toEqual([{ sessionsCompleted: 3, responseRate: 0.75 }]);
    expect(await barLabels('weekly')).toEqual(['3']);
    expect(await page.getByTestId('chart-weekly').locator('svg .chart-bar').count()).toBe(1);
    expect(await ratesAtPoints(page.getByTestId('chart-weekly'))).toEqual([75]);
    // the interviewers' two charts: a row per interviewer, calibration figures as in the table
    const interviewers = page.getByTestId('chart-interviewers');
    expect(await interviewers.locator('.svg-chart').count()).toBe(2);
    for (const chart of await interviewers.locator('.svg-chart').all())
      expect(await axisLabels(chart, 'y')).toEqual(figures.interviewers.map((i) => i.interviewer.name));
    const calibration = interviewers.locator('.svg-chart').nth(1);
    const tableCalibration = await interviewers.locator('tbody tr td:nth-child(5)').allInnerTexts();
    expect(await calibration.locator('.chart-value').allTextContents()).toEqual(tableCalibration);
    expect(await calibration.locator('.chart-bar').count()).toBe(figures.interviewers.filter((i) => i.calibrationDelta !== null).length);
    expect(
      await page
        .getByTestId('chart-interviewers')
        .getByRole('row', { name: /Sofia Reyes/ })
        .innerText(),
    ).toContain('1 of 2');
    await expectAccessible(page);
    await screenshot(page, 'dashboard-overview');

    // the answer held for review: edit the message, release it
    await page.getByRole('link', { name: /Needs attention/ }).click();
    const card = page.getByRole('article', { name: 'Alan Turing — Engineering Manager' });
    const message = card.getByLabel('Message to the candidate');
    expect(await message.inputValue()).toBe('Thanks for the open conversation about planning.');
    const failed = page.getByTestId(/^form-/);
    expect(await failed.count()).toBe(1);
    expect(await failed.innerText()).toContain('550 5.1.1 <iris@acme.test>: mailbox unavailable');
    await expectAccessible(page);
    await screenshot(page, 'dashboard-needs-attention');

    await message.fill('Thank you for the open conversation about planning. We would like to hear more about how you grow people.');
    await card.getByRole('button', { name: 'Release answer to Alan Turing' }).click();
    // a release cannot be taken back: it asks first, saying so
    const confirmation = page.getByRole('dialog', { name: 'Release the answer to Alan Turing?' });
    expect(await confirmation.innerText()).toContain('A released answer cannot be withheld afterwards.');
    await confirmation.getByRole('button', { name: 'Release the answer' }).click();
    await page.getByText('Released the answer to Alan Turing.').waitFor();
    const [released] = await suite.database.query<{ status: string; message: string }>(
      'SELECT status, message FROM candidate_answers WHERE session_id = $1',
      [ids.s2],
    );
    expect(released).toEqual({
      status: 'RELEASED',
      message: 'Thank you for the open conversation about planning. We would like to hear more about how you grow people.',
    });

    // re-send the failed form: a fresh link reaches the interviewer
    const before = suite.smtp.mails[suite.smtp.mails.length - 1].seq;
    await page.getByRole('button', { name: 'Re-send form to Iris Chen' }).click();
    await page.getByText('Sent Iris Chen a fresh link to the form on Grace Hopper.').waitFor();
    const resent = await formMail('iris@acme.test', 'Grace Hopper', before);
    // the worker records the delivery right after the SMTP server accepted it
    const form = await eventually(async () => {
      const [row] = await suite.database.query<{ id: string; status: string; link_version: number; last_error: string | null }>(
        'SELECT id, status, link_version, last_error FROM feedback_forms WHERE session_id = $1 AND interviewer_id = $2',
        [ids.s3, ids.iris],
      );
      return row?.status === 'SENT' ? row : undefined;
    });
    expect(form).toMatchObject({ status: 'SENT', link_version: 2, last_error: null });
    expect(linkIn(resent, 'f')).toBe(
      `${suite.origin}/f/${createLinkToken(suite.config.links.secret, { purpose: 'form', id: form.id, version: 2 })}`,
    );
    await page.getByText('Every form was delivered.').waitFor();

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('kpi-released').getByText('2 / 0').waitFor();
    // the role filter narrows the figures and the charts to one role's sessions
    await page.getByLabel('Role').selectOption({ label: 'Engineering Manager' });
    await page.getByTestId('kpi-sessions').getByText('1', { exact: true }).waitFor();
    // one answer in that role, in one of the four bands
    expect((await barLabels('fit')).filter((label) => label !== '0')).toEqual(['1']);
    expect(await tile('released')).toBe('Answers released / withheld 1 / 0 released · withheld');
    await page.getByLabel('Role').selectOption({ label: 'All roles' });
    await page.getByTestId('kpi-sessions').getByText('3', { exact: true }).waitFor();
  }, 30_000);

  it('lets the recruiter run the loop without another tool: a role and its profile, a candidate, a session scheduled and completed', async () => {
    const page = dashboard;
    await page.getByRole('link', { name: 'Roles', exact: true }).click();
    await page.getByRole('button', { name: 'New role' }).click();
    const editor = page.getByRole('form', { name: 'New role' });
    await editor.getByRole('button', { name: 'Create role' }).click();
    await editor.getByText('Give the role a title.').waitFor();
    await editor.getByText('Name the criterion.').waitFor();
    await editor.getByLabel('Title').fill('Data Engineer');
    await editor
      .getByRole('group', { name: 'When an answer is composed' })
      .getByRole('radio', { name: /reviews every answer/ })
      .check();
    await editor.getByRole('group', { name: 'Criterion 1' }).getByLabel('Label').fill('SQL');
    await editor.getByRole('button', { name: 'Add a criterion' }).click();
    const second = editor.getByRole('group', { name: 'Criterion 2' });
    await second.getByLabel('Label').fill('Data modelling');
    await second.getByLabel('Kind').selectOption('EXPERIENCE');
    await second.getByLabel('Weight').selectOption('5');
    await editor.getByRole('button', { name: 'Create role' }).click();
    await page.getByText('Created the role “Data Engineer”.').waitFor();
    const { roles } = await recruiter<{
      roles: { title: string; answerPolicy: string; criteria: { label: string; kind: string; weight: number }[] }[];
    }>('{ roles { title answerPolicy criteria { label kind weight } } }');
    expect(roles.find((r) => r.title === 'Data Engineer')).toEqual({
      title: 'Data Engineer',
      answerPolicy: 'RECRUITER_REVIEW',
      criteria: [
        { label: 'SQL', kind: 'SKILL', weight: 3 },
        { label: 'Data modelling', kind: 'EXPERIENCE', weight: 5 },
      ],
    });

    await page.getByRole('link', { name: 'People', exact: true }).click();
    const addCandidate = page.getByRole('form', { name: 'Add a candidate' });
    await addCandidate.getByLabel('Name').fill('Katherine Johnson');
    await addCandidate.getByLabel('Email').fill('not-an-email');
    await addCandidate.getByRole('button', { name: 'Add candidate' }).click();
    await addCandidate.getByText('Enter a valid email address.').waitFor();
    await addCandidate.getByLabel('Email').fill('katherine@example.com');
    await addCandidate.getByRole('button', { name: 'Add candidate' }).click();
    await page.getByText('Added Katherine Johnson.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'dashboard-roles-and-people');

    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.getByRole('button', { name: 'Schedule a session' }).click();
    const form = page.getByRole('form', { name: 'Schedule a session' });
    await form.getByLabel('Candidate').selectOption({ label: 'Katherine Johnson (katherine@example.com)' });
    await form.getByLabel('Role').selectOption({ label: 'Data Engineer' });
    expect(await form.getByLabel('Title').inputValue()).toBe('Data Engineer: interview');
    await form.getByRole('group', { name: 'Interview panel' }).getByRole('checkbox', { name: 'Marek Nowak' }).check();
    // a panel of one, where answers need two responses: said before scheduling
    expect(await form.getByTestId('small-panel-warning').innerText()).toContain('at least 2 responses');
    // an interview that started a moment ago: only a started session can be completed
    const [starts, ends] = await page.evaluate(() => {
      const local = (at: number) => new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      return [local(Date.now() - 30 * 60_000), local(Date.now() + 30 * 60_000)];
    });
    await form.getByLabel('Start time').fill(starts);
    await form.getByLabel('End time').fill(ends);
    await form.getByRole('button', { name: 'Schedule and invite the candidate' }).click();
    await page.getByText('Scheduled the session. Katherine Johnson is emailed a link to their portal.').waitFor();
    linkIn(await suite.smtp.waitFor((m) => m.to.includes('katherine@example.com'), 20_000), 'c');

    const before = suite.smtp.mails[suite.smtp.mails.length - 1].seq;
    await page.getByRole('button', { name: 'Complete Katherine Johnson’s session' }).click();
    await page.getByText('Completed Katherine Johnson’s session', { exact: false }).waitFor();
    linkIn(await formMail('marek@acme.test', 'Katherine Johnson', before), 'f');
    await eventually(async () => {
      const [form] = await suite.database.query<{ status: string }>(
        `SELECT f.status FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id JOIN candidates c ON c.id = s.candidate_id
         WHERE c.email = 'katherine@example.com'`,
      );
      return form?.status === 'SENT' ? true : undefined;
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page
      .getByRole('row', { name: /Katherine Johnson/ })
      .getByText('Marek Nowak: Sent')
      .waitFor();
    await expectAccessible(page);
    await screenshot(page, 'dashboard-sessions');
  }, 30_000);

  it('explains a replaced or broken link on a clear page, saying whom to contact', async () => {
    const [form] = await suite.database.query<{ id: string }>(
      'SELECT id FROM feedback_forms WHERE session_id = $1 AND interviewer_id = $2',
      [ids.s3, ids.iris],
    );
    const oldToken = createLinkToken(suite.config.links.secret, { purpose: 'form', id: form.id, version: 1 });
    suite.watch.secret(oldToken);
    const page = await newPage(PHONE);
    await page.goto(`${suite.origin}/f/${oldToken}`);
    await page.getByRole('heading', { name: 'This link was replaced' }).waitFor();
    expect(await page.getByText('contact the recruiter who scheduled the interview', { exact: false }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'form-link-replaced-phone');

    await page.goto(`${suite.origin}/c/not-a-real-token`);
    await page.getByRole('heading', { name: 'This link doesn’t work' }).waitFor();
    expect(await page.getByText('contact the recruiter', { exact: false }).count()).toBe(1);
  }, 20_000);

  it('serves hashed assets for a year, and no page broke the CSP, logged an error or leaked a token', async () => {
    const html = await (await fetch(`${suite.origin}/dashboard`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const plain = await fetch(`${suite.origin}${script}`, { headers: { 'accept-encoding': 'identity' } });
    const gzipped = await fetch(`${suite.origin}${script}`, { headers: { 'accept-encoding': 'gzip, deflate' } });
    for (const asset of [plain, gzipped]) {
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(asset.headers.get('vary')).toMatch(/Accept-Encoding/i);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number(gzipped.headers.get('content-length'))).toBeLessThan(Number(plain.headers.get('content-length')) / 2);
    expect(await gzipped.text()).toBe(await plain.text());
    expect((await fetch(`${suite.origin}/assets/..%2f..%2fpackage.json`)).status).toBe(404);
    expect({ problems: suite.watch.problems, responses: suite.watch.responses }).toEqual({ problems: [], responses: [] });

    // and the watch would have seen a violation: an inline style is refused and reported
    const probe = new PageWatch();
    const context = await suite.browser.newContext();
    suite.contexts.push(context);
    await probe.attach(context);
    const page = await context.newPage();
    await page.goto(`${suite.origin}/c/not-a-real-token`);
    await page.getByRole('heading', { name: 'This link doesn’t work' }).waitFor();
    await page.evaluate(`document.head.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>')`);
    await eventually(async () => (probe.problems.some((p) => /style-src/.test(p)) ? true : undefined));
  });
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An axis's labels as drawn (a long one wrapped into several lines reads as one). */
async function axisLabels(chart: Locator, axis: 'x' | 'y'): Promise<string[]> {
  const labels: string[] = [];
  for (const text of await chart.locator(`[data-axis="${axis}"] text`).all()) {
    const lines = await text.locator('tspan').allTextContents();
    labels.push(lines.length > 0 ? lines.join(' ') : ((await text.textContent()) ?? ''));
  }
  return labels;
}

/** How long each bar of a chart is on screen, in whole pixels: its height for columns, its width for bars (0: none drawn). */
async function barLengths(chart: Locator, dimension: 'height' | 'width'): Promise<number[]> {
  const lengths: number[] = [];
  for (const rect of await chart.locator('svg .chart-bar rect').all())
    lengths.push(Math.round((await rect.boundingBox())?.[dimension] ?? 0));
  return lengths;
}

/**
 * The rate each point of a chart's line stands at, read as a person would: its height between
 * the right axis's 0% and 100% labels, in whole percent.
 */
async function ratesAtPoints(chart: Locator): Promise<number[]> {
  const middle = (box: { y: number; height: number } | null) => box!.y + box!.height / 2;
  const axis = chart.locator('[data-axis="y2"] text');
  const zero = middle(await axis.filter({ hasText: /^0%$/ }).boundingBox());
  const hundred = middle(await axis.filter({ hasText: /^100%$/ }).boundingBox());
  const rates: number[] = [];
  for (const point of await chart.locator('.chart-point').all())
    rates.push(Math.round(((zero - middle(await point.boundingBox())) / (zero - hundred)) * 100));
  return rates;
}

/** Clicks the given option of each criterion's radio group ("1".."4" or "Not assessed"). */
async function rate(page: Page, ratings: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(ratings)) {
    const group = page.getByRole('group', { name: label });
    const name = value === 'Not assessed' ? 'Not assessed' : new RegExp(`^${value} · `);
    await group.getByRole('radio', { name }).check();
  }
}
