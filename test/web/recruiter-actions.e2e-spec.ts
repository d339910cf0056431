import { createLinkToken } from '@closer/domain';
import type { BrowserContext, Page } from 'playwright-core';

import { graphql } from '../support/apps';
import { DESKTOP, PHONE, screenshot, seriousViolations } from './support/browser';
import { BrowserSuite } from './support/browser-suite';

/**
 * The recruiter's workspace in Debian's Chromium against the real suite: numbers that add up on
 * demo-like data (forms answered before their send was recorded), and a cancellation that asks
 * first, says what it will do, and does nothing when the recruiter steps back.
 */
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('web app: the recruiter’s numbers and safe actions (%s)', (viewportName, device) => {
  const suite = new BrowserSuite();
  const { recruiter } = suite;
  let context: BrowserContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await suite.start();
    context = await suite.newContext(device);
    await seed();
  }, 90_000);

  afterAll(() => suite.close());

  /**
   * Like `npm start`'s demo: a session whose two interviewers answered through their links before
   * their invitations were recorded as sent, and one tomorrow.
   */
  async function seed(): Promise<void> {
    const role = (
      await recruiter<{ createRole: { id: string; criteria: { id: string }[] } }>(
        'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }',
        { input: { title: 'Backend Engineer', answerPolicy: 'AUTO_RELEASE', criteria: [{ label: 'SQL', kind: 'SKILL', weight: 3 }] } },
      )
    ).createRole;
    const add = async (mutation: 'addInterviewer' | 'addCandidate', name: string, email: string) =>
      (
        await recruiter<Record<string, { id: string }>>(
          `mutation($i: ${mutation === 'addInterviewer' ? 'AddInterviewerInput' : 'AddCandidateInput'}!) { ${mutation}(input: $i) { id } }`,
          { i: { name, email } },
        )
      )[mutation].id;
    const panel = [
      await add('addInterviewer', 'Iris Chen', 'iris@acme.test'),
      await add('addInterviewer', 'Marek Nowak', 'marek@acme.test'),
    ];
    const schedule = async (candidate: string, startsInHours: number) =>
      (
        await recruiter<{ scheduleSession: { id: string; forms: { id: string }[] } }>(
          'mutation($i: ScheduleSessionInput!) { scheduleSession(input: $i) { id forms { id } } }',
          {
            i: {
              candidateId: candidate,
              roleId: role.id,
              interviewerIds: panel,
              title: 'Panel interview',
              startsAt: new Date(Date.now() + startsInHours * 3_600_000).toISOString(),
              endsAt: new Date(Date.now() + (startsInHours + 1) * 3_600_000).toISOString(),
            },
          },
        )
      ).scheduleSession;
    const past = await schedule(await add('addCandidate', 'Ada Lovelace', 'ada@example.com'), -2);
    const tomorrow = await schedule(await add('addCandidate', 'Grace Hopper', 'grace@example.com'), 24);
    ids.past = past.id;
    ids.tomorrow = tomorrow.id;
    await recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: past.id });
    for (const form of past.forms) {
      const { body } = await graphql(
        `${suite.origin}/graphql`,
        'mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { status } }',
        {
          token: createLinkToken(suite.config.links.secret, { purpose: 'form', id: form.id, version: 1 }),
          input: {
            overallFit: 'GOOD_FIT',
            ratings: [{ criterionId: role.criteria[0].id, rating: 3 }],
            strengths: 'Clear SQL',
            gaps: 'Little on operations',
            candidateMessage: 'Thank you for the conversation.',
          },
        },
      );
      expect(body).toEqual({ data: { submitFeedback: { status: 'SUBMITTED' } } });
    }
    // the sends were never recorded before the answers: what made the demo show "500%"
    await suite.database.query('UPDATE feedback_forms SET sent_at = NULL WHERE session_id = $1', [past.id]);

    // a panel that could not judge: both decline, the answer is withheld; one more interviewer exists
    await add('addInterviewer', 'Sofia Reyes', 'sofia@acme.test');
    const thin = await schedule(await add('addCandidate', 'Alan Turing', 'alan@example.com'), -3);
    ids.thin = thin.id;
    await recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: thin.id });
    for (const form of thin.forms) {
      const { body } = await graphql(
        `${suite.origin}/graphql`,
        'mutation($token: String!) { declineFeedbackForm(token: $token, reason: "Did not attend") { status } }',
        { token: createLinkToken(suite.config.links.secret, { purpose: 'form', id: form.id, version: 1 }) },
      );
      expect(body).toEqual({ data: { declineFeedbackForm: { status: 'DECLINED' } } });
    }
  }

  let page: Page;
  /**
   * Activates a button of the modal dialog. On the phone the dashboard still overflows sideways
   * (its layout is being fixed separately), so Chromium zooms the page out and its hit test misses
   * the fixed dialog's buttons: there the keyboard, which the dialog must serve anyway, presses them.
   */
  const press = async (button: ReturnType<Page['getByRole']>) => {
    if (viewportName === 'desktop') return button.click();
    await button.focus();
    await page.keyboard.press('Enter');
  };

  it('shows rates of at most 100% on data where forms were answered before their send was recorded', async () => {
    page = await context.newPage();
    await page.goto(`${suite.origin}/dashboard#token=${suite.jwt}`);
    await page.getByRole('heading', { name: 'Closing feedback' }).waitFor();
    const tile = async (id: string) => (await page.getByTestId(`kpi-${id}`).innerText()).replace(/\s+/g, ' ').trim();
    await page.getByTestId('kpi-response-rate').waitFor();
    expect(await tile('response-rate')).toBe('Form response rate 50% 2 of 4 forms · 2 declined');
    const percentages = (await page.locator('main').innerText()).match(/\d+%/g) ?? [];
    expect(percentages.length).toBeGreaterThan(0);
    expect(percentages.filter((p) => Number.parseInt(p, 10) > 100)).toEqual([]);
    // the weekly chart's rate axis (its ticks carry the unit) ends at 100%
    const ticks = page.getByTestId('chart-weekly').locator('[data-axis="y2"] text');
    await ticks.filter({ hasText: '%' }).first().waitFor();
    const rateTicks = (await ticks.allTextContents()).filter((t) => t.endsWith('%')).map((t) => Number.parseInt(t, 10));
    expect(Math.max(...rateTicks)).toBe(100);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `workspace-overview-${viewportName}`);
  }, 40_000);

  it('asks before cancelling, states the consequence, and changes nothing when the recruiter steps back', async () => {
    await page.getByRole('link', { name: 'Sessions' }).click();
    const row = page.getByTestId(`session-${ids.tomorrow}`);
    await row.waitFor();
    // tomorrow's interview cannot be completed yet, and its forms are not "queued"
    expect(await row.getByRole('button', { name: /^Complete/ }).isDisabled()).toBe(true);
    expect(await row.getByText('not sent yet — after the interview').count()).toBe(2);
    expect(await row.getByText(/Queued|Waiting for feedback/).count()).toBe(0);

    await row.getByRole('button', { name: /^Cancel/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel Grace Hopper’s session?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Grace Hopper is emailed that the interview is cancelled');
    expect(await dialog.innerText()).toContain('This cannot be undone.');
    // focus starts on the safe choice
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Keep the session');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `workspace-cancel-dialog-${viewportName}`);

    await press(dialog.getByRole('button', { name: 'Keep the session' }));
    await dialog.waitFor({ state: 'detached' });
    // focus returns to the button that opened it
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toMatch(/^Cancel/);
    const kept = await recruiter<{ session: { status: string } }>('query($id: ID!) { session(id: $id) { status } }', { id: ids.tomorrow });
    expect(kept.session.status).toBe('SCHEDULED');
    expect((await suite.database.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'session.cancelled'`))[0]).toEqual({
      n: 0,
    });

    // Escape is a "no" too
    await row.getByRole('button', { name: /^Cancel/ }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(
      (await recruiter<{ session: { status: string } }>('query($id: ID!) { session(id: $id) { status } }', { id: ids.tomorrow })).session
        .status,
    ).toBe('SCHEDULED');

    // confirmed: cancelled, labelled so, and the candidate is mailed once
    await row.getByRole('button', { name: /^Cancel/ }).click();
    await dialog.waitFor();
    await press(dialog.getByRole('button', { name: 'Cancel the session' }));
    await row.getByText('cancelled').first().waitFor();
    expect(await row.getByText(/Queued|Waiting for feedback/).count()).toBe(0);
    const mail = await suite.smtp.waitFor((m) => m.to.includes('grace@example.com') && m.subject.includes('is cancelled'), 20_000);
    expect(mail.subject).toMatch(/^Your interview with .+ is cancelled$/);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('lists the withheld answer in Needs attention with its reason and the ways out, and tells the candidate once', async () => {
    // the count on the tab is what the page lists: one withheld answer, nothing for the cancelled session
    expect((await page.getByRole('link', { name: /Needs attention/ }).innerText()).trim()).toMatch(/^Needs attention\s*1$/);
    await page.getByRole('link', { name: /Needs attention/ }).click();
    const card = page.getByTestId(`withheld-${ids.thin}`);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/why it was withheld\s+not enough feedback: 0 of 2 required responses/i);
    // the one interviewer not on the panel can be added; nobody answered, so there is nothing to release by hand
    expect(await card.getByLabel('Add an interviewer to the panel').locator('option').allTextContents()).toEqual([
      'Choose an interviewer',
      'Sofia Reyes',
    ]);
    expect(await card.getByLabel('Write the answer yourself').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `workspace-withheld-${viewportName}`);

    await card.getByRole('button', { name: 'Email Alan Turing that no answer is coming' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tell Alan Turing no answer is coming?' });
    expect(await dialog.innerText()).toContain('emailed, once, that not enough feedback could be gathered');
    await press(dialog.getByRole('button', { name: 'Send the note' }));
    await card.getByText(/Alan Turing was told on .+ that not enough feedback could be gathered\./).waitFor();
    const mail = await suite.smtp.waitFor((m) => m.to.includes('alan@example.com') && m.subject.startsWith('About your interview'), 20_000);
    expect(mail.text).toContain('we could not gather enough feedback');
    expect(await card.getByRole('button', { name: /no answer is coming/ }).count()).toBe(0);

    // the candidate's page says so kindly, instead of promising an email
    const invitation = await suite.smtp.waitFor(
      (m) => m.to.includes('alan@example.com') && m.subject.startsWith('Your interview with'),
      20_000,
    );
    const link = invitation.links.find((l) => l.startsWith(`${suite.origin}/c/`))!;
    suite.watch.secret(link.slice(`${suite.origin}/c/`.length));
    const portal = await context.newPage();
    await portal.goto(link);
    const session = portal.getByRole('region', { name: 'Panel interview' });
    await session.getByTestId('no-answer').waitFor();
    expect(await session.innerText()).toContain('the panel could not give enough feedback for a fair answer');
    expect(await session.getByText(/we email you|by email/).count()).toBe(0);
    expect(await session.getByRole('button', { name: /how well I fit/ }).count()).toBe(0);
    expect(await seriousViolations(portal)).toEqual([]);
    await screenshot(portal, `workspace-portal-no-answer-${viewportName}`);
  }, 40_000);
});
