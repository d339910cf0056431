import type { CapturedMail } from '@closer/mailbox';
import type { Page } from 'playwright-core';

import { draftSaved, PHONE } from './support/browser';
import { BrowserSuite } from './support/browser-suite';

const DAY_MS = 24 * 60 * 60 * 1000;
const DRAFT_PREFIX = 'closer.form-draft.';

/**
 * What an interviewer types is kept in the browser's localStorage only while it is of use: it
 * survives a reload, is removed when the form is submitted or declined (or found answered), and
 * a draft last saved more than 7 days ago is neither restored nor kept.
 */
describe('web app: the interviewer’s draft on the device', () => {
  const suite = new BrowserSuite();
  const { recruiter } = suite;
  const newPage = async (): Promise<Page> => (await suite.newContext(PHONE, { watched: false })).newPage();
  /** The form link and form id of each interviewer of the one session. */
  const forms: Record<string, { link: string; formId: string }> = {};

  // evaluated in the page as strings: the tests compile without the DOM's types
  const stored = (page: Page) =>
    page.evaluate<Record<string, string>>(
      `Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('${DRAFT_PREFIX}')).map((k) => [k, localStorage.getItem(k)]))`,
    );
  const item = (page: Page, key: string) => page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(key)})`);
  const plant = (page: Page, entries: Record<string, unknown>) =>
    page.evaluate(`Object.entries(${JSON.stringify(entries)}).forEach(([k, v]) => localStorage.setItem(k, JSON.stringify(v)))`);
  /** Opens the form and waits until it is on screen (and has read the device's storage). */
  const open = async (page: Page, who: string) => {
    await page.goto(forms[who].link);
    await page.getByRole('heading', { name: 'Your feedback on Ada Lovelace' }).waitFor();
  };
  const strengths = (page: Page) => page.getByLabel(/^Strengths for this position/);
  const restoredNotice = (page: Page) => page.getByText('We restored the answers you started on this device.');
  const draftOf = (strengthsText: string) => ({
    ratings: {},
    notes: {},
    overallFit: 'GOOD_FIT',
    candidateAsked: false,
    strengths: strengthsText,
    gaps: '',
    nextSteps: '',
    candidateMessage: '',
    privateNote: 'Private: not for other eyes',
    declineReason: '',
  });
  const savedDaysAgo = (days: number, strengthsText: string) => ({
    savedAt: new Date(Date.now() - days * DAY_MS).toISOString(),
    draft: draftOf(strengthsText),
  });

  beforeAll(async () => {
    await suite.start();

    const role = (
      await recruiter<{ createRole: { id: string } }>('mutation($i: CreateRoleInput!) { createRole(input: $i) { id } }', {
        i: { title: 'Backend Engineer', answerPolicy: 'RECRUITER_REVIEW', criteria: [{ label: 'TypeScript', kind: 'SKILL', weight: 4 }] },
      })
    ).createRole.id;
    const panel = ['iris', 'marek', 'sofia', 'tomas'];
    const interviewerIds: string[] = [];
    for (const who of panel) {
      interviewerIds.push(
        (
          await recruiter<{ addInterviewer: { id: string } }>('mutation($i: AddInterviewerInput!) { addInterviewer(input: $i) { id } }', {
            i: { name: who, email: `${who}@acme.test` },
          })
        ).addInterviewer.id,
      );
    }
    const candidateId = (
      await recruiter<{ addCandidate: { id: string } }>('mutation($i: AddCandidateInput!) { addCandidate(input: $i) { id } }', {
        i: { name: 'Ada Lovelace', email: 'ada@example.com' },
      })
    ).addCandidate.id;
    const sessionId = (
      await recruiter<{ scheduleSession: { id: string } }>('mutation($i: ScheduleSessionInput!) { scheduleSession(input: $i) { id } }', {
        i: {
          candidateId,
          roleId: role,
          interviewerIds,
          title: 'Panel interview',
          startsAt: new Date(Date.now() - 60 * 60_000).toISOString(),
          endsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        },
      })
    ).scheduleSession.id;
    await recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: sessionId });
    const { session } = await recruiter<{ session: { forms: { id: string; interviewer: { email: string } }[] } }>(
      'query($id: ID!) { session(id: $id) { forms { id interviewer { email } } } }',
      { id: sessionId },
    );
    for (const who of panel) {
      const mail: CapturedMail = await suite.smtp.waitFor(
        (m) => m.to.includes(`${who}@acme.test`) && m.subject.startsWith('Your feedback on'),
        20_000,
      );
      const link = mail.links.find((l) => l.startsWith(`${suite.origin}/f/`));
      if (!link) throw new Error(`no form link in "${mail.subject}"`);
      forms[who] = { link, formId: session.forms.find((form) => form.interviewer.email === `${who}@acme.test`)!.id };
    }
  }, 90_000);

  afterAll(() => suite.close());

  it('restores a draft after a reload, stamped with when it was saved, and removes it once the form is submitted', async () => {
    const page = await newPage();
    const { formId } = forms.iris;
    await open(page, 'iris');
    await page.getByRole('group', { name: 'TypeScript' }).getByRole('radio', { name: '3 · Meets' }).check();
    await strengths(page).fill('Clear reasoning about types.');
    const typedAt = Date.now();
    await draftSaved(page, 'strengths', 'Clear reasoning about types.');
    const saved = await stored(page);
    expect(Object.keys(saved)).toEqual([`${DRAFT_PREFIX}${formId}`]);
    const draft = JSON.parse(saved[`${DRAFT_PREFIX}${formId}`]) as { savedAt: string; draft: { strengths: string } };
    expect(draft.draft.strengths).toBe('Clear reasoning about types.');
    expect(Math.abs(Date.parse(draft.savedAt) - typedAt)).toBeLessThan(5_000);

    await page.reload();
    await restoredNotice(page).waitFor();
    expect(await strengths(page).inputValue()).toBe('Clear reasoning about types.');
    expect(await page.getByRole('group', { name: 'TypeScript' }).getByRole('radio', { name: '3 · Meets' }).isChecked()).toBe(true);

    await page
      .getByRole('group', { name: 'Overall fit' })
      .getByRole('radio', { name: /Good fit/ })
      .check();
    await page.getByLabel(/^Anything lacking in your picture of the candidate/).fill('Nothing on operations yet.');
    await page.getByLabel(/^Private note/).fill('Seen at a meetup before.');
    await page.getByRole('button', { name: 'Submit feedback' }).click();
    await page.getByRole('heading', { name: 'Thank you — your feedback is in' }).waitFor();
    expect(await item(page, `${DRAFT_PREFIX}${formId}`)).toBeNull();
    expect(await stored(page)).toEqual({});

    // a draft this device still held for a form answered elsewhere goes when the form is opened
    await plant(page, { [`${DRAFT_PREFIX}${formId}`]: savedDaysAgo(0, 'Typed in another tab') });
    await page.reload();
    await page.getByRole('heading', { name: 'Thank you — your feedback is in' }).waitFor();
    expect(await stored(page)).toEqual({});
  }, 40_000);

  it('removes the draft once the form is declined', async () => {
    const page = await newPage();
    await open(page, 'marek');
    await strengths(page).fill('Started before realising I missed the session.');
    await page.getByRole('button', { name: 'I can’t give feedback on this session' }).click();
    await page.getByLabel('Reason (for the recruiter)').fill('I did not attend.');
    await draftSaved(page, 'declineReason', 'I did not attend.');
    expect(Object.keys(await stored(page))).toEqual([`${DRAFT_PREFIX}${forms.marek.formId}`]);
    await page.getByRole('button', { name: 'Decline this form' }).click();
    await page.getByRole('heading', { name: 'Thanks for letting us know' }).waitFor();
    expect(await item(page, `${DRAFT_PREFIX}${forms.marek.formId}`)).toBeNull();
    expect(await stored(page)).toEqual({});
  }, 30_000);

  it('neither restores nor keeps a draft saved 8 days ago, nor any other expired or unreadable one on the device', async () => {
    const page = await newPage();
    const { formId } = forms.sofia;
    await open(page, 'sofia');
    const otherForm = `${DRAFT_PREFIX}00000000-0000-4000-8000-000000000001`;
    const fresh = `${DRAFT_PREFIX}00000000-0000-4000-8000-000000000002`;
    await plant(page, {
      [`${DRAFT_PREFIX}${formId}`]: savedDaysAgo(8, 'Eight days old'),
      [otherForm]: savedDaysAgo(7.01, 'Just over a week old, of another form'),
      [`${DRAFT_PREFIX}00000000-0000-4000-8000-000000000003`]: draftOf('Saved before drafts had a time'),
      [`${DRAFT_PREFIX}00000000-0000-4000-8000-000000000004`]: {
        savedAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
        draft: draftOf('From the future'),
      },
      [fresh]: savedDaysAgo(1, 'Of another form, yesterday'),
      'closer.unrelated': 'left alone',
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Your feedback on Ada Lovelace' }).waitFor();
    await page.getByRole('button', { name: 'Submit feedback' }).waitFor();
    expect(await strengths(page).inputValue()).toBe('');
    expect(await restoredNotice(page).count()).toBe(0);
    expect(Object.keys(await stored(page))).toEqual([fresh]);
    expect(await item(page, 'closer.unrelated')).toBe(JSON.stringify('left alone'));
  }, 30_000);

  it('restores a draft saved 6 days ago, without restarting its 7 days for being opened', async () => {
    const page = await newPage();
    const key = `${DRAFT_PREFIX}${forms.tomas.formId}`;
    await open(page, 'tomas');
    const planted = savedDaysAgo(6, 'Six days old');
    await plant(page, { [key]: planted });
    await page.reload();
    await restoredNotice(page).waitFor();
    expect(await strengths(page).inputValue()).toBe('Six days old');
    expect(await page.getByLabel(/^Private note/).inputValue()).toBe('Private: not for other eyes');
    // React runs effects after the frame is painted: past the next frame, a save would have happened
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))');
    expect(JSON.parse((await stored(page))[key])).toEqual(planted);

    // an edit saves it anew
    await strengths(page).fill('Six days old, and edited today');
    await draftSaved(page, 'strengths', 'Six days old, and edited today');
    const edited = JSON.parse((await stored(page))[key]) as { savedAt: string; draft: { strengths: string } };
    expect(edited.draft.strengths).toBe('Six days old, and edited today');
    expect(Date.now() - Date.parse(edited.savedAt)).toBeLessThan(5_000);
  }, 30_000);
});
