import { composeSessionAnswer } from '@closer/database';
import { CULTURE_FIT_FLAG } from '@closer/domain';

import { FeedbackFactory, feedbackInput, type RoleFixture, type SessionFixture } from '../../test/feedback-factories';
import { type Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';

const SUBMIT = `mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { status } }`;
const DECLINE = `mutation($token: String!, $reason: String!) { declineFeedbackForm(token: $token, reason: $reason) { status } }`;

interface AnswerRow {
  id: string;
  status: string;
  fit_band: number | null;
  fit_score: number | null;
  profile: { criterionId: string; criterion: string; kind: string; level: string }[];
  strengths: string[];
  gaps: string[];
  next_steps: string | null;
  message: string | null;
  responses_count: number;
  flags: string[];
  withheld_reason: string | null;
  composed_at: Date | null;
  released_at: Date | null;
}

describe(composeSessionAnswer.name, () => {
  let h: SubgraphHarness;
  let anon: Gql;
  let make: FeedbackFactory;
  let orgId: string;
  /** DESIGN.md's worked example: weights 5, 3, 2, 4. */
  let example: RoleFixture;
  let review: RoleFixture;

  const criteria = [
    { label: 'System design', weight: 5 },
    { label: 'Testing', weight: 3 },
    { label: 'Communication', weight: 2, kind: 'QUALITY' as const },
    { label: 'Cloud operations', weight: 4, kind: 'EXPERIENCE' as const },
  ];

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    anon = h.anonymous();
    make = FeedbackFactory.for(h);
    orgId = await make.organization({ minResponsesForAnswer: 2 });
    example = await make.role(orgId, { criteria, nextSteps: 'We will call you within a week' });
    review = await make.role(orgId, { criteria, answerPolicy: 'RECRUITER_REVIEW' });
  });

  afterAll(() => h.close());

  const submit = (formId: string, input: Record<string, unknown>) =>
    anon<{ submitFeedback: { status: string } }>(SUBMIT, { token: make.token(formId), input });
  const decline = (formId: string) => anon(DECLINE, { token: make.token(formId), reason: 'I could not attend' });
  const answer = async (sessionId: string) =>
    (await h.database.query<AnswerRow>('SELECT * FROM candidate_answers WHERE session_id = $1', [sessionId]))[0];

  /** The three responses of the worked example, with optional extra input per interviewer. */
  async function panelAnswers(role: RoleFixture, session: SessionFixture, extra: Record<string, unknown>[] = [{}, {}, {}]) {
    ok(await submit(session.formIds[0], feedbackInput(role.criteria, [4, 3, 2, null], { overallFit: 'GOOD_FIT', ...extra[0] })));
    ok(await submit(session.formIds[1], feedbackInput(role.criteria, [4, 2, 3, null], { overallFit: 'STRONG_FIT', ...extra[1] })));
    expect((await answer(session.sessionId)).status).toBe('WAITING_FOR_FEEDBACK');
    ok(await submit(session.formIds[2], feedbackInput(role.criteria, [3, 2, 2, 2], { overallFit: 'PARTIAL_FIT', ...extra[2] })));
  }

  it('composes the worked example on the last response and releases it under AUTO_RELEASE', async () => {
    const session = await make.session(orgId, example.roleId, { panel: 3 });
    await panelAnswers(example, session, [
      { candidateMessage: 'Strong design instincts.' },
      {},
      { candidateMessage: 'Keep practising tests.' },
    ]);

    const composed = await answer(session.sessionId);
    expect(composed).toMatchObject({
      status: 'RELEASED',
      fit_band: 3,
      fit_score: 57,
      strengths: ['System design'],
      gaps: ['Cloud operations'],
      next_steps: 'We will call you within a week',
      message: 'Keep practising tests.\n\nStrong design instincts.',
      responses_count: 3,
      flags: [],
      withheld_reason: null,
    });
    expect(composed.profile).toEqual([
      { criterionId: example.criteria[0].id, criterion: 'System design', kind: 'SKILL', level: 'STRENGTH' },
      { criterionId: example.criteria[1].id, criterion: 'Testing', kind: 'SKILL', level: 'PARTLY' },
      { criterionId: example.criteria[2].id, criterion: 'Communication', kind: 'QUALITY', level: 'PARTLY' },
      { criterionId: example.criteria[3].id, criterion: 'Cloud operations', kind: 'EXPERIENCE', level: 'PARTLY' },
    ]);
    expect(composed.composed_at).toBeInstanceOf(Date);
    expect(composed.released_at).toEqual(composed.composed_at);
    const payload = { sessionId: session.sessionId, answerId: composed.id };
    expect(await make.outbox('answer.composed', session.sessionId)).toEqual([{ payload }]);
    expect(await make.outbox('answer.released', session.sessionId)).toEqual([{ payload }]);
  });

  it('waits for review under RECRUITER_REVIEW', async () => {
    const session = await make.session(orgId, review.roleId, { panel: 3 });
    await panelAnswers(review, session);
    expect(await answer(session.sessionId)).toMatchObject({
      status: 'AWAITING_REVIEW',
      fit_score: 57,
      fit_band: 3,
      released_at: null,
      flags: [],
    });
    expect(await make.outbox('answer.composed', session.sessionId)).toHaveLength(1);
    expect(await make.outbox('answer.released', session.sessionId)).toEqual([]);
  });

  it('holds an auto-release answer for review when its wording is flagged', async () => {
    const session = await make.session(orgId, example.roleId, { panel: 3 });
    await panelAnswers(example, session, [{}, { candidateMessage: 'Honestly not sure about the culture fit.' }, {}]);
    expect(await answer(session.sessionId)).toMatchObject({ status: 'AWAITING_REVIEW', flags: [CULTURE_FIT_FLAG], released_at: null });
    expect(await make.outbox('answer.released', session.sessionId)).toEqual([]);
  });

  it('withholds the answer when too few interviewers responded', async () => {
    const session = await make.session(orgId, example.roleId, { panel: 3 });
    ok(await decline(session.formIds[0]));
    ok(await submit(session.formIds[1], feedbackInput(example.criteria, [4, 4, 4, 4], { overallFit: 'STRONG_FIT' })));
    expect((await answer(session.sessionId)).status).toBe('WAITING_FOR_FEEDBACK');
    ok(await decline(session.formIds[2]));
    const withheld = await answer(session.sessionId);
    expect(withheld).toMatchObject({
      status: 'WITHHELD',
      withheld_reason: 'not enough feedback: 1 of 2 required responses',
      responses_count: 1,
      fit_band: null,
      fit_score: null,
      released_at: null,
    });
    expect(withheld.composed_at).toBeInstanceOf(Date);
    expect(await make.outbox('answer.composed', session.sessionId)).toEqual([
      { payload: { sessionId: session.sessionId, answerId: withheld.id } },
    ]);
  });

  it('composes once the remaining forms have expired or failed', async () => {
    const session = await make.session(orgId, example.roleId, { panel: 3 });
    await h.database.query(`UPDATE feedback_forms SET status = 'EXPIRED' WHERE id = $1`, [session.formIds[0]]);
    await h.database.query(`UPDATE feedback_forms SET status = 'FAILED', last_error = '550 no such user' WHERE id = $1`, [
      session.formIds[1],
    ]);
    ok(await submit(session.formIds[2], feedbackInput(example.criteria, [3, 3, 3, 3], { overallFit: 'GOOD_FIT' })));
    // a panel of 3 with the org minimum of 2: one response is not enough
    expect(await answer(session.sessionId)).toMatchObject({ status: 'WITHHELD', responses_count: 1 });
  });

  it('composes exactly once when the last two interviewers submit at the same moment', async () => {
    for (let round = 0; round < 20; round += 1) {
      const session = await make.session(orgId, example.roleId, { panel: 2 });
      const results = await Promise.all([
        submit(session.formIds[0], feedbackInput(example.criteria, [4, 3, 3, 2], { overallFit: 'GOOD_FIT' })),
        submit(session.formIds[1], feedbackInput(example.criteria, [3, 3, 2, 2], { overallFit: 'STRONG_FIT' })),
      ]);
      expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
      const composed = await answer(session.sessionId);
      expect(composed.status).toBe('RELEASED');
      expect(composed.composed_at).toBeInstanceOf(Date);
      expect(composed.responses_count).toBe(2);
      expect(await make.outbox('answer.composed', session.sessionId)).toHaveLength(1);
      expect(await make.outbox('answer.released', session.sessionId)).toHaveLength(1);
      const perForm = await h.database.query<{ count: number }>(
        'SELECT count(r.id)::int AS count FROM feedback_forms f LEFT JOIN feedback_responses r ON r.form_id = f.id WHERE f.session_id = $1 GROUP BY f.id',
        [session.sessionId],
      );
      expect(perForm).toEqual([{ count: 1 }, { count: 1 }]);
    }
  });

  it('lets one of two simultaneous submissions of one form win; the other gets CONFLICT', async () => {
    for (let round = 0; round < 5; round += 1) {
      const session = await make.session(orgId, example.roleId, { panel: 2 });
      const results = await Promise.all([
        submit(session.formIds[0], feedbackInput(example.criteria, [4, 4, 4, 4], { overallFit: 'STRONG_FIT' })),
        submit(session.formIds[0], feedbackInput(example.criteria, [1, 1, 1, 1], { overallFit: 'NOT_A_FIT' })),
      ]);
      const codes = results.map((result) => result.errors?.[0]?.extensions.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const responses = await h.database.query<{ overall_fit: number }>('SELECT overall_fit FROM feedback_responses WHERE form_id = $1', [
        session.formIds[0],
      ]);
      expect(responses).toHaveLength(1);
      const winner = results.findIndex((result) => !result.errors);
      expect(responses[0].overall_fit).toBe(winner === 0 ? 4 : 1);
      expect(
        await h.database.query(
          'SELECT count(*)::int AS n FROM criterion_ratings r JOIN feedback_responses f ON f.id = r.response_id WHERE f.form_id = $1',
          [session.formIds[0]],
        ),
      ).toEqual([{ n: 4 }]);
      expect(await make.outbox('feedback.submitted', session.sessionId)).toHaveLength(1);
    }
  });

  describe('called directly (as the worker does at the deadline)', () => {
    const compose = (sessionId: string, now?: Date) =>
      h.dataSource.transaction((manager) => composeSessionAnswer(manager, { sessionId, now }));

    it('composes from whatever responses there are, once; a second call returns null', async () => {
      const session = await make.session(orgId, example.roleId, { panel: 3 });
      ok(await submit(session.formIds[0], feedbackInput(example.criteria, [4, 4, 3, 3], { overallFit: 'STRONG_FIT' })));
      ok(await submit(session.formIds[1], feedbackInput(example.criteria, [3, 3, 3, 3], { overallFit: 'GOOD_FIT' })));
      const at = new Date('2031-05-04T03:02:01.000Z');
      const outcome = await compose(session.sessionId, at);
      expect(outcome).toMatchObject({ answerId: session.answerId, status: 'RELEASED', organizationId: orgId, flags: [] });
      expect(outcome?.composition).toMatchObject({ kind: 'COMPOSED', fitBand: 'GOOD_FIT', responsesCount: 2 });
      expect(await answer(session.sessionId)).toMatchObject({ status: 'RELEASED', composed_at: at, released_at: at, responses_count: 2 });
      expect(await compose(session.sessionId)).toBeNull();
      // the late third answer is still recorded, but the answer was already given
      ok(await submit(session.formIds[2], feedbackInput(example.criteria, [1, 1, 1, 1], { overallFit: 'NOT_A_FIT' })));
      expect(await answer(session.sessionId)).toMatchObject({ responses_count: 2, composed_at: at });
      expect(await make.outbox('answer.composed', session.sessionId)).toHaveLength(1);
    });

    it('opens its own transaction when given none, and composes nothing for a session that has not ended', async () => {
      const scheduled = await make.session(orgId, example.roleId, { status: 'SCHEDULED' });
      expect(await composeSessionAnswer(h.dataSource.manager, { sessionId: scheduled.sessionId })).toBeNull();
      expect((await answer(scheduled.sessionId)).status).toBe('WAITING_FOR_FEEDBACK');
      const nobody = await make.session(orgId, example.roleId, { panel: 2 });
      const outcome = await composeSessionAnswer(h.dataSource.manager, { sessionId: nobody.sessionId });
      expect(outcome).toMatchObject({ status: 'WITHHELD', composition: { kind: 'WITHHELD', responsesCount: 0, responsesRequired: 2 } });
    });

    it("keeps criteria retired after the panel rated them in the answer's profile", async () => {
      const role = await make.role(orgId, {
        criteria: [
          { label: 'Go', weight: 3 },
          { label: 'Kafka', weight: 4 },
          { label: 'Docs', weight: 1 },
        ],
      });
      const session = await make.session(orgId, role.roleId, { panel: 2 });
      ok(await submit(session.formIds[0], feedbackInput(role.criteria, [4, 2, null], { overallFit: 'GOOD_FIT' })));
      ok(await submit(session.formIds[1], feedbackInput(role.criteria, [4, 1, null], { overallFit: 'GOOD_FIT' })));
      // composed already; recompose on a copy of the state after the profile was edited
      await h.database.query(`UPDATE candidate_answers SET status = 'WAITING_FOR_FEEDBACK', composed_at = NULL WHERE session_id = $1`, [
        session.sessionId,
      ]);
      await h.database.query('UPDATE criteria SET retired_at = now() WHERE id = ANY($1::uuid[])', [
        [role.criteria[1].id, role.criteria[2].id],
      ]);
      await h.database.query(
        `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) VALUES ($1, $2, 'Rust', 'SKILL', 2, 1)`,
        [orgId, role.roleId],
      );
      const outcome = await compose(session.sessionId);
      expect(outcome?.composition).toMatchObject({
        kind: 'COMPOSED',
        profile: [
          { criterion: 'Go', level: 'STRENGTH' },
          { criterion: 'Rust', level: 'NOT_ASSESSED' },
          { criterion: 'Kafka', level: 'NOT_YET' },
        ],
        gaps: ['Kafka'],
      });
    });
  });
});
