import { createLinkToken } from '@closer/domain';
import type { BrowserContext } from 'playwright-core';

import { graphql } from '../support/apps';
import { DESKTOP, screenshot, seriousViolations } from './support/browser';
import { BrowserSuite } from './support/browser-suite';

const MESSAGE =
  'Thank you for your time. You found the race condition quickly, but we felt a younger engineer would suit the team, ' +
  'and your hearing aid worried us on client calls.';

/**
 * The review page shows a reviewer why the wording check held an answer: the flagged words marked
 * in the composed message, the flags in the other fields listed, and a warning when the reviewer's
 * own edited message is flagged on release. In Debian's Chromium against the real gateway and
 * candidate-service; the interviewer's submission goes through the API.
 */
describe('web app: wording flags on the review page', () => {
  const suite = new BrowserSuite({ worker: false, claims: { org: 'acme', sub: 'rae', name: 'Rae' } });
  const { recruiter } = suite;
  let context: BrowserContext;
  let sessionId: string;

  beforeAll(async () => {
    await suite.start();

    // an AUTO_RELEASE role: only the wording check can hold its answer for review
    const { createRole: role } = await recruiter<{ createRole: { id: string; criteria: { id: string; label: string }[] } }>(
      'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id label } } }',
      {
        input: {
          title: 'Backend Engineer',
          answerPolicy: 'AUTO_RELEASE',
          criteria: [
            { label: 'Youthful energy', kind: 'QUALITY', weight: 3 },
            { label: 'Distributed systems design', kind: 'SKILL', weight: 5 },
          ],
        },
      },
    );
    const { addInterviewer } = await recruiter<{ addInterviewer: { id: string } }>(
      'mutation($i: AddInterviewerInput!) { addInterviewer(input: $i) { id } }',
      { i: { name: 'Iris Chen', email: 'iris@acme.test' } },
    );
    const { addCandidate } = await recruiter<{ addCandidate: { id: string } }>(
      'mutation($i: AddCandidateInput!) { addCandidate(input: $i) { id } }',
      { i: { name: 'Ada Lovelace', email: 'ada@example.com' } },
    );
    ({
      scheduleSession: { id: sessionId },
    } = await recruiter<{ scheduleSession: { id: string } }>('mutation($i: ScheduleSessionInput!) { scheduleSession(input: $i) { id } }', {
      i: {
        candidateId: addCandidate.id,
        roleId: role.id,
        interviewerIds: [addInterviewer.id],
        title: 'Backend Engineer: panel interview',
        startsAt: new Date(Date.now() - 50 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      },
    }));
    await recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: sessionId });
    const [form] = await suite.database.query<{ id: string }>('SELECT id FROM feedback_forms WHERE session_id = $1', [sessionId]);
    const { body } = await graphql(
      `${suite.origin}/graphql`,
      'mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { status } }',
      {
        token: createLinkToken(suite.config.links.secret, { purpose: 'form', id: form.id, version: 1 }),
        input: {
          overallFit: 'GOOD_FIT',
          ratings: role.criteria.map((criterion) => ({ criterionId: criterion.id, rating: 4 })),
          strengths: 'Quick on concurrency bugs.',
          gaps: 'None to speak of.',
          candidateMessage: MESSAGE,
        },
      },
    );
    expect(body).toEqual({ data: { submitFeedback: { status: 'SUBMITTED' } } });
    const [answer] = await suite.database.query<{ status: string }>('SELECT status FROM candidate_answers WHERE session_id = $1', [
      sessionId,
    ]);
    expect(answer).toEqual({ status: 'AWAITING_REVIEW' });

    context = await suite.newContext(DESKTOP);
  }, 60_000);

  afterAll(() => suite.close());

  it('highlights the flagged words in the message, lists the other fields’ flags, and warns about an edited message on release', async () => {
    const page = await context.newPage();
    await page.goto(`${suite.origin}/dashboard#token=${suite.jwt}`);
    await page.getByRole('link', { name: /Needs attention/ }).click();
    const card = page.getByRole('article', { name: 'Ada Lovelace — Backend Engineer' });
    await card.waitFor();

    const held = card.getByRole('figure', { name: 'The composed message, flagged words highlighted' });
    expect(await held.innerText()).toContain(MESSAGE.slice(0, 40));
    // each mark carries its category for screen readers; the technical "race condition" is not marked
    expect(await held.locator('mark').allTextContents()).toEqual([
      'younger engineer (flagged: protected characteristic: age)',
      'hearing aid (flagged: protected characteristic: disability)',
    ]);
    expect(await held.locator('mark', { hasText: 'race condition' }).count()).toBe(0);
    expect(await card.getByRole('listitem').filter({ hasText: 'Strengths:' }).innerText()).toBe(
      'Strengths: Youthful — protected characteristic: age',
    );
    expect(await card.locator('p', { hasText: 'Held by the wording check' }).innerText()).toBe(
      'Held by the wording check: protected characteristic: age, protected characteristic: disability. ' +
        'Check the highlighted words before releasing.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-wording-flags');

    // the reviewer rewrites the message, but not carefully enough: it is released, with a warning
    await card
      .getByLabel('Message to the candidate')
      .fill('Thank you. We chose someone with more Kafka experience; a married man would travel less.');
    await card.getByRole('button', { name: 'Release answer to Ada Lovelace' }).click();
    // the release asks first, stating its consequence
    const confirmation = page.getByRole('dialog', { name: 'Release the answer to Ada Lovelace?' });
    await confirmation.getByRole('button', { name: 'Release the answer' }).click();
    const warning = page.getByRole('status').filter({ hasText: 'Released the answer to Ada Lovelace.' });
    expect(await warning.innerText()).toBe(
      'Released the answer to Ada Lovelace. The wording check flagged your message: ' +
        '“married” (protected characteristic: marital status); “man” (protected characteristic: gender).',
    );
    expect(await seriousViolations(page)).toEqual([]);
    const [released] = await suite.database.query<{ status: string; message: string }>(
      'SELECT status, message FROM candidate_answers WHERE session_id = $1',
      [sessionId],
    );
    expect(released).toEqual({
      status: 'RELEASED',
      message: 'Thank you. We chose someone with more Kafka experience; a married man would travel less.',
    });
    expect({ problems: suite.watch.problems, responses: suite.watch.responses }).toEqual({ problems: [], responses: [] });
  }, 60_000);
});
