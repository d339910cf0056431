import { randomUUID } from 'node:crypto';

import { Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { AnswerResolver } from './answer.resolver';

type Status = 'WAITING_FOR_FEEDBACK' | 'AWAITING_REVIEW' | 'RELEASED' | 'WITHHELD';

const FIELDS = `id status fitBand fitScore profile { criterion kind level } strengths gaps nextSteps message responsesCount flags
  withheldReason releasedAt helpful`;
const RELEASE = `mutation Release($id: ID!, $message: String) { releaseCandidateAnswer(id: $id, message: $message) { ${FIELDS} } }`;
const WITHHOLD = `mutation Withhold($id: ID!, $reason: String!) { withholdCandidateAnswer(id: $id, reason: $reason) { ${FIELDS} } }`;

interface AnswerData {
  id: string;
  status: Status;
  fitBand: string | null;
  fitScore: number | null;
  profile: { criterion: string; kind: string; level: string }[];
  strengths: string[];
  gaps: string[];
  nextSteps: string | null;
  message: string | null;
  responsesCount: number;
  flags: string[];
  withheldReason: string | null;
  releasedAt: string | null;
  helpful: boolean | null;
}

interface AnswerRow {
  status: Status;
  message: string | null;
  released_at: Date | null;
  released_by: string | null;
  withheld_reason: string | null;
}

describe(AnswerResolver.name, () => {
  let h: SubgraphHarness;
  let acme: Gql;
  let globex: Gql;
  let acmeOrg: string;
  let globexOrg: string;

  /** Rows written straight into the database: an organization's session with an answer in `status`. */
  const answerIn = async (
    organizationId: string,
    status: Status,
    extra: { helpful?: boolean } = {},
  ): Promise<{ id: string; sessionId: string }> => {
    const [candidate] = await h.database.query<{ id: string }>(
      `INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Ada', $2) RETURNING id`,
      [organizationId, `${randomUUID()}@example.test`],
    );
    const [role] = await h.database.query<{ id: string }>(
      `INSERT INTO roles (organization_id, title, answer_policy) VALUES ($1, 'Engineer', 'RECRUITER_REVIEW') RETURNING id`,
      [organizationId],
    );
    const [session] = await h.database.query<{ id: string }>(
      `INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at)
       VALUES ($1, $2, $3, 'Final round', now() - interval '3 hours', now() - interval '2 hours', 'COMPLETED', now() - interval '2 hours')
       RETURNING id`,
      [organizationId, candidate.id, role.id],
    );
    const composed = status !== 'WAITING_FOR_FEEDBACK';
    const profile = [
      { criterionId: randomUUID(), criterion: 'TypeScript', kind: 'SKILL', level: 'STRENGTH' },
      { criterionId: randomUUID(), criterion: 'Leading teams', kind: 'EXPERIENCE', level: 'PARTLY' },
    ];
    const [answer] = await h.database.query<{ id: string }>(
      `INSERT INTO candidate_answers (organization_id, session_id, status, fit_band, fit_score, profile, strengths, gaps, next_steps,
         message, responses_count, flags, composed_at, released_at, helpful)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        organizationId,
        session.id,
        status,
        composed ? 4 : null,
        composed ? 88 : null,
        JSON.stringify(composed ? profile : []),
        composed ? ['TypeScript'] : [],
        composed ? ['Leading teams'] : [],
        composed ? 'A call with the hiring manager' : null,
        composed ? 'Composed message' : null,
        composed ? 2 : 0,
        composed ? ['AGE'] : [],
        composed ? new Date() : null,
        status === 'RELEASED' ? new Date() : null,
        extra.helpful ?? null,
      ],
    );
    return { id: answer.id, sessionId: session.id };
  };

  const rowOf = async (id: string): Promise<AnswerRow> =>
    (
      await h.database.query<AnswerRow>(
        'SELECT status, message, released_at, released_by, withheld_reason FROM candidate_answers WHERE id = $1',
        [id],
      )
    )[0];

  const outboxFor = (answerId: string, sessionId: string): Promise<{ type: string; payload: unknown }[]> =>
    h.database.query(`SELECT type, payload FROM outbox_events WHERE payload->>'answerId' = $1 OR payload->>'sessionId' = $2 ORDER BY id`, [
      answerId,
      sessionId,
    ]);

  const codeOf = (result: { errors?: { extensions: { code: string } }[] }): string | undefined => result.errors?.[0].extensions.code;

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    acme = h.recruiter('acme');
    globex = h.recruiter('globex');
    // the recruiters' organizations exist before their first call; the guard provisions the users
    [{ id: acmeOrg }, { id: globexOrg }] = await h.database.query<{ id: string }>(
      `INSERT INTO organizations (slug, name) VALUES ('acme', 'Acme'), ('globex', 'Globex') RETURNING id`,
    );
  });

  afterAll(async () => {
    await h.close();
  });

  describe('releaseCandidateAnswer', () => {
    it('releases an answer awaiting review with its composed message, and announces it once', async () => {
      const { id, sessionId } = await answerIn(acmeOrg, 'AWAITING_REVIEW');

      const { releaseCandidateAnswer } = ok(await acme<{ releaseCandidateAnswer: AnswerData }>(RELEASE, { id }));

      expect(releaseCandidateAnswer).toMatchObject({
        id,
        status: 'RELEASED',
        fitBand: 'STRONG_FIT',
        fitScore: 88,
        profile: [
          { criterion: 'TypeScript', kind: 'SKILL', level: 'STRENGTH' },
          { criterion: 'Leading teams', kind: 'EXPERIENCE', level: 'PARTLY' },
        ],
        strengths: ['TypeScript'],
        gaps: ['Leading teams'],
        nextSteps: 'A call with the hiring manager',
        message: 'Composed message',
        responsesCount: 2,
        flags: ['AGE'],
        withheldReason: null,
        helpful: null,
      });
      const [recruiter] = await h.database.query<{ id: string }>(`SELECT id FROM users WHERE subject = 'recruiter-of-acme'`);
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: 'RELEASED', message: 'Composed message', released_by: recruiter.id });
      expect(new Date(releaseCandidateAnswer.releasedAt!).getTime()).toBe(row.released_at!.getTime());
      expect(await outboxFor(id, sessionId)).toEqual([{ type: 'answer.released', payload: { sessionId, answerId: id } }]);
    });

    it("replaces the composed message with the recruiter's, and keeps it when the message is blank", async () => {
      const edited = await answerIn(acmeOrg, 'AWAITING_REVIEW');
      const blank = await answerIn(acmeOrg, 'AWAITING_REVIEW');

      const a = ok(
        await acme<{ releaseCandidateAnswer: AnswerData }>(RELEASE, { id: edited.id, message: '  Thank you, we enjoyed it.  ' }),
      );
      const b = ok(await acme<{ releaseCandidateAnswer: AnswerData }>(RELEASE, { id: blank.id, message: '   ' }));

      expect(a.releaseCandidateAnswer.message).toBe('Thank you, we enjoyed it.');
      expect((await rowOf(edited.id)).message).toBe('Thank you, we enjoyed it.');
      expect(b.releaseCandidateAnswer.message).toBe('Composed message');
      expect((await rowOf(blank.id)).message).toBe('Composed message');
    });

    it('returns what the candidate said about the answer', async () => {
      const { id } = await answerIn(acmeOrg, 'AWAITING_REVIEW', { helpful: true });

      expect(ok(await acme<{ releaseCandidateAnswer: AnswerData }>(RELEASE, { id })).releaseCandidateAnswer.helpful).toBe(true);
    });

    it.each([
      ['RELEASED', 'already released'],
      ['WITHHELD', 'withheld'],
      ['WAITING_FOR_FEEDBACK', 'waiting for feedback'],
    ] as const)('answers CONFLICT for a %s answer and changes nothing', async (status, words) => {
      const { id, sessionId } = await answerIn(acmeOrg, status);
      const before = await rowOf(id);

      const result = await acme(RELEASE, { id, message: 'Replacement' });

      expect(codeOf(result)).toBe('CONFLICT');
      expect(result.errors?.[0].message).toContain(words);
      expect(await rowOf(id)).toEqual(before);
      expect(await outboxFor(id, sessionId)).toEqual([]);
    });

    it('refuses a message over the limit with BAD_USER_INPUT naming the field, changing nothing', async () => {
      const { id, sessionId } = await answerIn(acmeOrg, 'AWAITING_REVIEW');

      const result = await acme(RELEASE, { id, message: 'x'.repeat(5_001) });

      expect(result.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'message', message: 'must be at most 5000 characters' }],
      });
      expect(await rowOf(id)).toMatchObject({ status: 'AWAITING_REVIEW', message: 'Composed message', released_at: null });
      expect(await outboxFor(id, sessionId)).toEqual([]);
    });

    it("answers NOT_FOUND for another organization's answer, unknown and malformed ids", async () => {
      const foreign = await answerIn(globexOrg, 'AWAITING_REVIEW');

      for (const id of [foreign.id, randomUUID(), 'not-an-id']) {
        const result = await acme(RELEASE, { id });
        expect({ id, data: result.data, code: codeOf(result) }).toEqual({ id, data: null, code: 'NOT_FOUND' });
      }
      expect((await rowOf(foreign.id)).status).toBe('AWAITING_REVIEW');
      expect(await outboxFor(foreign.id, foreign.sessionId)).toEqual([]);

      // its own organization's recruiter can
      expect(ok(await globex<{ releaseCandidateAnswer: AnswerData }>(RELEASE, { id: foreign.id })).releaseCandidateAnswer.status).toBe(
        'RELEASED',
      );
    });

    it('gives one transition to concurrent releases; the others get CONFLICT', async () => {
      const { id, sessionId } = await answerIn(acmeOrg, 'AWAITING_REVIEW');

      const results = await Promise.all([1, 2, 3, 4].map((n) => acme(RELEASE, { id, message: `Message ${n}` })));

      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(3);
      const winner = (winners[0].data as { releaseCandidateAnswer: AnswerData }).releaseCandidateAnswer;
      expect((await rowOf(id)).message).toBe(winner.message);
      expect(await outboxFor(id, sessionId)).toHaveLength(1);
    });

    it('answers UNAUTHENTICATED to callers without a recruiter identity', async () => {
      const { id, sessionId } = await answerIn(acmeOrg, 'AWAITING_REVIEW');

      const result = await h.anonymous()(RELEASE, { id });

      expect(codeOf(result)).toBe('UNAUTHENTICATED');
      expect((await rowOf(id)).status).toBe('AWAITING_REVIEW');
      expect(await outboxFor(id, sessionId)).toEqual([]);
    });
  });

  describe('withholdCandidateAnswer', () => {
    it.each(['AWAITING_REVIEW', 'WAITING_FOR_FEEDBACK'] as const)(
      'withholds a %s answer with the reason, announcing it for webhooks only (nothing is mailed)',
      async (status) => {
        const { id, sessionId } = await answerIn(acmeOrg, status);

        const { withholdCandidateAnswer } = ok(
          await acme<{ withholdCandidateAnswer: AnswerData }>(WITHHOLD, { id, reason: '  Panel disagreed strongly  ' }),
        );

        expect(withholdCandidateAnswer).toMatchObject({
          id,
          status: 'WITHHELD',
          withheldReason: 'Panel disagreed strongly',
          releasedAt: null,
        });
        expect(await rowOf(id)).toMatchObject({ status: 'WITHHELD', withheld_reason: 'Panel disagreed strongly', released_at: null });
        expect(await outboxFor(id, sessionId)).toEqual([{ type: 'answer.withheld', payload: { sessionId, answerId: id } }]);
      },
    );

    it.each([
      ['RELEASED', 'already released'],
      ['WITHHELD', 'already withheld'],
    ] as const)('answers CONFLICT for a %s answer and changes nothing', async (status, words) => {
      const { id } = await answerIn(acmeOrg, status);
      const before = await rowOf(id);

      const result = await acme(WITHHOLD, { id, reason: 'Changed my mind' });

      expect(codeOf(result)).toBe('CONFLICT');
      expect(result.errors?.[0].message).toContain(words);
      expect(await rowOf(id)).toEqual(before);
    });

    it.each([
      ['blank', '   ', 'is required'],
      ['too long', 'x'.repeat(1_001), 'must be at most 1000 characters'],
    ])('refuses a %s reason with BAD_USER_INPUT, changing nothing', async (_case, reason, message) => {
      const { id } = await answerIn(acmeOrg, 'AWAITING_REVIEW');

      const result = await acme(WITHHOLD, { id, reason });

      expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason', message }] });
      expect(await rowOf(id)).toMatchObject({ status: 'AWAITING_REVIEW', withheld_reason: null });
    });

    it("answers NOT_FOUND for another organization's answer, unknown and malformed ids", async () => {
      const foreign = await answerIn(globexOrg, 'AWAITING_REVIEW');

      for (const id of [foreign.id, randomUUID(), '42']) {
        expect(codeOf(await acme(WITHHOLD, { id, reason: 'No' }))).toBe('NOT_FOUND');
      }
      expect(await rowOf(foreign.id)).toMatchObject({ status: 'AWAITING_REVIEW', withheld_reason: null });
    });

    it('answers UNAUTHENTICATED to callers without a recruiter identity', async () => {
      const { id } = await answerIn(acmeOrg, 'AWAITING_REVIEW');

      expect(codeOf(await h.anonymous()(WITHHOLD, { id, reason: 'No' }))).toBe('UNAUTHENTICATED');
      expect(await rowOf(id)).toMatchObject({ status: 'AWAITING_REVIEW', withheld_reason: null });
    });

    it('lets exactly one of a concurrent release and withhold win', async () => {
      const { id } = await answerIn(acmeOrg, 'AWAITING_REVIEW');

      const [released, withheld] = await Promise.all([acme(RELEASE, { id }), acme(WITHHOLD, { id, reason: 'Not this time' })]);

      expect([released, withheld].filter((r) => !r.errors)).toHaveLength(1);
      expect([released, withheld].filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(1);
      expect((await rowOf(id)).status).toBe(released.errors ? 'WITHHELD' : 'RELEASED');
    });
  });
});
