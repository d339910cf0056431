import { readFile } from 'node:fs/promises';

import { graphql } from '../support/apps';
import { DESKTOP, PHONE, screenshot, seriousViolations } from './support/browser';
import { BrowserSuite } from './support/browser-suite';

/**
 * The candidate's promised date and their one reply in the portal, and the interviewer's private
 * calibration after submitting, in Debian's Chromium against the real suite.
 */
describe('web app: the promised date, the reply and calibration in a browser', () => {
  const suite = new BrowserSuite({ claims: { org: 'acme', sub: 'rae', name: 'Rae Recruiter', email: 'rae@acme.test' } });
  const { recruiter, linkIn, newPage } = suite;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await suite.start();
    await recruiter('mutation { updateOrganization(input: { feedbackDeadlineHours: 48, minResponsesForAnswer: 1 }) { id } }');
    const { createRole } = await recruiter<{ createRole: { id: string; criteria: { id: string }[] } }>(
      'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }',
      {
        input: {
          title: 'Backend Engineer',
          answerPolicy: 'AUTO_RELEASE',
          nextSteps: 'A call with the team lead.',
          criteria: [{ label: 'TypeScript and Node.js', kind: 'SKILL', weight: 4 }],
        },
      },
    );
    ids.role = createRole.id;
    ids.criterion = createRole.criteria[0].id;
    ids.iris = (
      await recruiter<{ addInterviewer: { id: string } }>(
        'mutation { addInterviewer(input: { name: "Iris Chen", email: "iris@acme.test" }) { id } }',
      )
    ).addInterviewer.id;
    ids.ada = (
      await recruiter<{ addCandidate: { id: string } }>(
        'mutation { addCandidate(input: { name: "Ada Lovelace", email: "ada@example.com" }) { id } }',
      )
    ).addCandidate.id;
    ids.session = (
      await recruiter<{ scheduleSession: { id: string } }>('mutation($i: ScheduleSessionInput!) { scheduleSession(input: $i) { id } }', {
        i: {
          candidateId: ids.ada,
          roleId: ids.role,
          interviewerIds: [ids.iris],
          title: 'Backend Engineer: panel interview',
          startsAt: new Date(Date.now() - 50 * 60_000).toISOString(),
          endsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
        },
      })
    ).scheduleSession.id;
  }, 90_000);

  afterAll(() => suite.close());

  let portalLink: string;

  it('shows the candidate, once they ask, the date promised to them in their own locale', async () => {
    const { completeSession } = await recruiter<{ completeSession: { completedAt: string } }>(
      'mutation($id: ID!) { completeSession(id: $id) { completedAt } }',
      { id: ids.session },
    );
    // no history yet: the deadline (48 hours after completion) plus one day
    const promised = new Date(Date.parse(completeSession.completedAt) + 72 * 3_600_000);
    portalLink = linkIn(await suite.smtp.waitFor((m) => m.to.includes('ada@example.com'), 20_000), 'c');

    const page = await newPage(PHONE);
    await page.goto(portalLink);
    const session = page.getByRole('region', { name: 'Backend Engineer: panel interview' });
    await session.getByRole('button', { name: /how well I fit/ }).click();
    const status = session.getByRole('status').filter({ hasText: 'you asked how well you fit' });
    await status.waitFor();
    const britishDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(promised);
    expect(await status.textContent()).toContain(`You can expect the panel’s answer by ${britishDate}.`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-promised-date-phone');

    // the same promise, read by a browser in the United States, in its own words
    const american = await newPage(DESKTOP, 'en-US');
    await american.goto(portalLink);
    const usDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(promised);
    expect(usDate).not.toBe(britishDate);
    await american.getByText(`You can expect the panel’s answer by ${usDate}.`).waitFor();
  }, 60_000);

  it('shows the interviewer their private calibration after submitting, naming nobody else', async () => {
    const formLink = linkIn(
      await suite.smtp.waitFor((m) => m.to.includes('iris@acme.test') && m.subject.includes('Your feedback on Ada'), 20_000),
      'f',
    );
    const token = formLink.split('/f/')[1];
    const page = await newPage(DESKTOP);
    await page.goto(formLink);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'How your ratings compare' }).count()).toBe(0);

    const { body } = await graphql(
      `${suite.origin}/graphql`,
      'mutation($t: String!, $i: SubmitFeedbackInput!) { submitFeedback(token: $t, input: $i) { status } }',
      {
        t: token,
        i: {
          overallFit: 'GOOD_FIT',
          ratings: [{ criterionId: ids.criterion, rating: 3 }],
          strengths: 'Clear reasoning',
          gaps: 'Little on-call evidence',
          candidateMessage: 'Thank you for a thoughtful conversation.',
        },
      },
    );
    expect(body.errors).toBeUndefined();
    await page.reload();
    const card = page.getByRole('region', { name: 'How your ratings compare' });
    await card.waitFor();
    const text = (await card.textContent())!;
    expect(text).toContain('Over your last 1 interview, you have not yet shared a panel with colleagues');
    expect(text).toContain('You 3.0 of 4');
    expect(text).toContain('Everyone in your organization 3.0 of 4');
    expect(text).not.toContain('Iris');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-calibration-desktop');
  }, 60_000);

  it('lets the candidate reply once to the released answer, shows the reply back and mails the recruiter', async () => {
    await suite.smtp.waitFor((m) => m.to.includes('ada@example.com') && m.subject.startsWith('Your answer from'), 20_000);
    const page = await newPage(PHONE);
    await page.goto(portalLink);
    const session = page.getByRole('region', { name: 'Backend Engineer: panel interview' });
    const form = session.getByRole('form', { name: 'Reply to the panel’s answer' });
    await form.waitFor();
    const send = form.getByRole('button', { name: 'Send my reply' });
    expect(await send.isDisabled()).toBe(true);
    const reply = 'Thank you. I ran the on-call rota at my last job for two years.';
    await form.getByLabel('Your reply').fill(reply);
    await send.click();
    const shown = session.getByRole('region', { name: 'Your reply' });
    await shown.waitFor();
    expect(await shown.locator('blockquote').textContent()).toBe(reply);
    expect(await session.getByRole('form', { name: 'Reply to the panel’s answer' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-reply-phone');

    // after a reload the reply is still there, and there is no second box
    await page.reload();
    await session.getByRole('region', { name: 'Your reply' }).waitFor();
    expect(await session.getByRole('textbox').count()).toBe(0);

    const mail = await suite.smtp.waitFor(
      (m) => m.to.includes('rae@acme.test') && m.subject === 'Ada Lovelace replied to their answer (Backend Engineer)',
      20_000,
    );
    expect(mail.text).toContain(`> ${reply}`);
    const { session: review } = await recruiter<{ session: { answer: { candidateReply: string } } }>(
      'query($id: ID!) { session(id: $id) { answer { candidateReply } } }',
      { id: ids.session },
    );
    expect(review.answer.candidateReply).toBe(reply);
  }, 60_000);

  it("gives the recruiter the candidate's export as a file, the legal hold toggle with its reason, and the erasure date", async () => {
    const grace = (
      await recruiter<{ addCandidate: { id: string } }>(
        'mutation { addCandidate(input: { name: "Grace Hopper", email: "grace@example.com" }) { id } }',
      )
    ).addCandidate.id;
    await recruiter('mutation($id: ID!) { eraseCandidate(id: $id) }', { id: grace });

    const page = await newPage(DESKTOP);
    await page.goto(`${suite.origin}/dashboard#token=${suite.jwt}`);
    // Ada's answer went out the moment it was composed, well before the date promised to her
    expect(await page.getByTestId('kpi-promises-kept').locator('.tile-value').textContent()).toBe('100%');
    await page.getByRole('link', { name: /Needs attention/ }).click();
    const replyCard = page.getByRole('listitem', { name: 'Reply from Ada Lovelace' });
    expect(await replyCard.locator('blockquote').textContent()).toBe('Thank you. I ran the on-call rota at my last job for two years.');
    await page.getByRole('link', { name: 'People' }).click();
    const ada = page.getByRole('listitem').filter({ hasText: 'ada@example.com' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ada.getByRole('button', { name: 'Export data of Ada Lovelace' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`candidate-${ids.ada}.json`);
    const document = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(document.candidate).toMatchObject({ id: ids.ada, name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(document.sessions[0].forms[0].interviewer).toBe('Interviewer 1');
    expect(document.sessions[0].answer.reply).toBe('Thank you. I ran the on-call rota at my last job for two years.');

    // a hold needs its reason
    await ada.getByRole('checkbox', { name: 'Legal hold for Ada Lovelace' }).check();
    const hold = ada.getByRole('form', { name: 'Legal hold for Ada Lovelace' });
    await hold.getByRole('button', { name: 'Put under legal hold' }).click();
    await hold.getByText(/required/i).waitFor();
    expect(
      (await recruiter<{ candidate: { legalHold: boolean } }>('query($id: ID!) { candidate(id: $id) { legalHold } }', { id: ids.ada }))
        .candidate.legalHold,
    ).toBe(false);
    await hold.getByLabel('Why is this candidate kept?').fill('Employment tribunal claim');
    await hold.getByRole('button', { name: 'Put under legal hold' }).click();
    await page.getByText('Ada Lovelace is under legal hold: kept past the retention period.').waitFor();
    expect(
      (await recruiter<{ candidate: { legalHold: boolean } }>('query($id: ID!) { candidate(id: $id) { legalHold } }', { id: ids.ada }))
        .candidate.legalHold,
    ).toBe(true);

    const erased = page.getByRole('listitem').filter({ hasText: 'Erased candidate' });
    const { candidate } = await recruiter<{ candidate: { erasedAt: string } }>('query($id: ID!) { candidate(id: $id) { erasedAt } }', {
      id: grace,
    });
    const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(new Date(candidate.erasedAt));
    await erased.getByText(`Erased on ${day}`).waitFor();
    expect(await erased.getByRole('checkbox').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-candidate-rights');
  }, 60_000);
});
