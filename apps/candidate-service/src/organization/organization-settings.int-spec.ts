import { Gql, GraphQLResult, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { OrganizationSettingsResolver } from './organization-settings.resolver';

interface Organization {
  id: string;
  slug: string;
  name: string;
  feedbackDeadlineHours: number;
  reminderHours: number[];
  minResponsesForAnswer: number;
  shareScoreWithCandidates: boolean;
}

const ORGANIZATION = 'id slug name feedbackDeadlineHours reminderHours minResponsesForAnswer shareScoreWithCandidates';
const UPDATE = `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { ${ORGANIZATION} } }`;
const ME = `{ me { organization { ${ORGANIZATION} } } }`;

const code = (result: GraphQLResult<unknown>): string | undefined => result.errors?.[0]?.extensions.code;

describe(OrganizationSettingsResolver.name, () => {
  let h: SubgraphHarness;
  let gql: Gql;

  const me = async (client: Gql = gql): Promise<Organization> =>
    ok(await client<{ me: { organization: Organization } }>(ME)).me.organization;
  const update = async (input: Record<string, unknown>, client: Gql = gql): Promise<Organization> =>
    ok(await client<{ updateOrganization: Organization }>(UPDATE, { input })).updateOrganization;
  const stored = () => h.database.query('SELECT * FROM organizations ORDER BY id');

  /** Sets acme's settings directly, so each case starts from a known combination. */
  const reset = async (settings: Partial<Organization> = {}) => {
    const { name, feedbackDeadlineHours, reminderHours, minResponsesForAnswer, shareScoreWithCandidates } = {
      name: 'Acme',
      feedbackDeadlineHours: 48,
      reminderHours: [24, 44],
      minResponsesForAnswer: 2,
      shareScoreWithCandidates: false,
      ...settings,
    };
    await h.database.query(
      `UPDATE organizations SET name = $1, feedback_deadline_hours = $2, reminder_hours = $3,
              min_responses_for_answer = $4, share_score_with_candidates = $5 WHERE slug = 'acme'`,
      [name, feedbackDeadlineHours, reminderHours, minResponsesForAnswer, shareScoreWithCandidates],
    );
  };

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    gql = h.recruiter('acme');
    await me(); // provisions acme
    await me(h.recruiter('globex'));
  });

  beforeEach(async () => {
    await reset();
  });

  afterAll(async () => {
    await h.close();
  });

  it('changes every setting given and the me query reflects it', async () => {
    const before = await me();
    const updated = await update({
      name: '  Acme Corporation ',
      feedbackDeadlineHours: 72,
      reminderHours: [48, 12, 24],
      minResponsesForAnswer: 3,
      shareScoreWithCandidates: true,
    });
    expect(updated).toEqual({
      id: before.id,
      slug: 'acme',
      name: 'Acme Corporation',
      feedbackDeadlineHours: 72,
      reminderHours: [12, 24, 48],
      minResponsesForAnswer: 3,
      shareScoreWithCandidates: true,
    });
    expect(await me()).toEqual(updated);
    const [row] = await h.database.query<{ reminder_hours: number[] }>("SELECT reminder_hours FROM organizations WHERE slug = 'acme'");
    expect(row.reminder_hours).toEqual([12, 24, 48]);
  });

  it('changes only the fields given', async () => {
    const before = await me();
    expect(await update({ minResponsesForAnswer: 1 })).toEqual({ ...before, minResponsesForAnswer: 1 });
    expect(await update({ shareScoreWithCandidates: true, name: null })).toEqual({
      ...before,
      minResponsesForAnswer: 1,
      shareScoreWithCandidates: true,
    });
    expect(await update({})).toEqual({ ...before, minResponsesForAnswer: 1, shareScoreWithCandidates: true });
  });

  it('turns reminders off with an empty list, and accepts the limits', async () => {
    expect((await update({ reminderHours: [] })).reminderHours).toEqual([]);
    const limits = await update({ name: 'n'.repeat(200), feedbackDeadlineHours: 8760, reminderHours: [1, 2, 3, 4, 8759] });
    expect(limits).toMatchObject({ feedbackDeadlineHours: 8760, reminderHours: [1, 2, 3, 4, 8759] });
    expect((await update({ minResponsesForAnswer: 50 })).minResponsesForAnswer).toBe(50);
    expect((await update({ feedbackDeadlineHours: 1, reminderHours: [] })).feedbackDeadlineHours).toBe(1);
  });

  it('accepts a lower deadline together with reminders that fit it', async () => {
    expect(await update({ feedbackDeadlineHours: 10, reminderHours: [2, 8] })).toMatchObject({
      feedbackDeadlineHours: 10,
      reminderHours: [2, 8],
    });
  });

  it('validates concurrent changes against the combination they produce: one of two incompatible edits is refused', async () => {
    await reset({ feedbackDeadlineHours: 48, reminderHours: [5] });
    const results = await Promise.all([
      gql(UPDATE, { input: { feedbackDeadlineHours: 20 } }),
      gql(UPDATE, { input: { reminderHours: [10, 30] } }),
    ]);
    expect(results.map(code).sort()).toEqual(['BAD_USER_INPUT', undefined]);
    const settings = await me();
    expect(settings.reminderHours.every((hour) => hour < settings.feedbackDeadlineHours)).toBe(true);
  });

  it('leaves other organizations alone', async () => {
    const theirs = await me(h.recruiter('globex'));
    await update({
      name: 'Only Acme',
      feedbackDeadlineHours: 100,
      reminderHours: [5],
      minResponsesForAnswer: 5,
      shareScoreWithCandidates: true,
    });
    expect(await me(h.recruiter('globex'))).toEqual(theirs);
  });

  it.each([
    ['an empty name', {}, { name: '' }, ['input.name']],
    ['a blank name', {}, { name: '   ' }, ['input.name']],
    ['a too long name', {}, { name: 'n'.repeat(201) }, ['input.name']],
    ['control characters in the name', {}, { name: 'Ac\u0000me' }, ['input.name']],
    ['a deadline of 0 hours', {}, { feedbackDeadlineHours: 0 }, ['input.feedbackDeadlineHours']],
    ['a deadline over a year', {}, { feedbackDeadlineHours: 8761 }, ['input.feedbackDeadlineHours']],
    ['a deadline at an existing reminder', { reminderHours: [24, 44] }, { feedbackDeadlineHours: 44 }, ['input.feedbackDeadlineHours']],
    ['a deadline below an existing reminder', { reminderHours: [24, 44] }, { feedbackDeadlineHours: 30 }, ['input.feedbackDeadlineHours']],
    ['six reminders', {}, { reminderHours: [1, 2, 3, 4, 5, 6] }, ['input.reminderHours']],
    ['a reminder at hour 0', {}, { reminderHours: [0, 12] }, ['input.reminderHours.0']],
    ['a negative reminder', {}, { reminderHours: [12, -3] }, ['input.reminderHours.1']],
    ['a repeated reminder', {}, { reminderHours: [12, 24, 12] }, ['input.reminderHours.2']],
    ['a reminder at the deadline', { feedbackDeadlineHours: 48 }, { reminderHours: [12, 48] }, ['input.reminderHours.1']],
    ['a reminder after the new deadline', {}, { feedbackDeadlineHours: 20, reminderHours: [10, 30] }, ['input.reminderHours.1']],
    ['minResponsesForAnswer 0', {}, { minResponsesForAnswer: 0 }, ['input.minResponsesForAnswer']],
    ['minResponsesForAnswer 51', {}, { minResponsesForAnswer: 51 }, ['input.minResponsesForAnswer']],
    [
      'several problems at once',
      {},
      { name: '', feedbackDeadlineHours: 0, minResponsesForAnswer: 99, shareScoreWithCandidates: true },
      ['input.name', 'input.feedbackDeadlineHours', 'input.minResponsesForAnswer'],
    ],
  ])('refuses %s naming the field, and changes nothing', async (_case, start, input, fields) => {
    if (Object.keys(start).length > 0) await reset(start);
    const before = await stored();
    const result = await gql(UPDATE, { input });
    expect(code(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions.fields?.map((problem) => problem.field)).toEqual(fields);
    expect(result.data ?? null).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED, changing nothing', async () => {
    const before = await stored();
    const result = await h.anonymous()(UPDATE, { input: { name: 'Anonymous' } });
    expect(code(result)).toBe('UNAUTHENTICATED');
    expect(await stored()).toEqual(before);
  });
});
