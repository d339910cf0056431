import { randomUUID } from 'node:crypto';

import { createLinkToken } from '@closer/domain';

import { Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { PortalResolver } from './portal.resolver';

const VIEW = `sessionId title roleTitle startsAt status fitFeedbackRequested
  answer { fitBand fitScore profile { criterion kind level } strengths gaps nextSteps message releasedAt }`;
const PORTAL = `query Portal($token: String!) { candidatePortal(token: $token) { candidateName sessions { ${VIEW} } } }`;
const REQUEST = `mutation Ask($token: String!, $sessionId: ID!) { requestFitFeedback(token: $token, sessionId: $sessionId) { ${VIEW} } }`;
const RATE = `mutation Rate($token: String!, $sessionId: ID!, $helpful: Boolean!, $comment: String) {
  rateCandidateAnswer(token: $token, sessionId: $sessionId, helpful: $helpful, comment: $comment) { ${VIEW} } }`;

interface AnswerView {
  fitBand: string;
  fitScore: number | null;
  profile: { criterion: string; kind: string; level: string }[];
  strengths: string[];
  gaps: string[];
  nextSteps: string | null;
  message: string | null;
  releasedAt: string;
}
interface SessionView {
  sessionId: string;
  title: string;
  roleTitle: string;
  startsAt: string;
  status: string;
  fitFeedbackRequested: boolean;
  answer: AnswerView | null;
}
interface PortalData {
  candidatePortal: { candidateName: string; sessions: SessionView[] };
}

/** Rows written straight into the database, so these tests depend on nothing but the schema. */
class Factory {
  private counter = 0;

  constructor(private readonly h: SubgraphHarness) {}

  async organization(share = false): Promise<string> {
    const slug = `org-${++this.counter}-${randomUUID().slice(0, 8)}`;
    const [row] = await this.h.database.query<{ id: string }>(
      'INSERT INTO organizations (slug, name, share_score_with_candidates) VALUES ($1, $1, $2) RETURNING id',
      [slug, share],
    );
    return row.id;
  }

  async candidate(organizationId: string, name = 'Ada Candidate'): Promise<string> {
    const [row] = await this.h.database.query<{ id: string }>(
      'INSERT INTO candidates (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id',
      [organizationId, name, `candidate${++this.counter}@example.test`],
    );
    return row.id;
  }

  async role(organizationId: string, title = 'Backend Engineer'): Promise<string> {
    const [row] = await this.h.database.query<{ id: string }>(
      `INSERT INTO roles (organization_id, title, answer_policy, next_steps) VALUES ($1, $2, 'RECRUITER_REVIEW', 'We will call you') RETURNING id`,
      [organizationId, title],
    );
    return row.id;
  }

  async criterion(organizationId: string, roleId: string, label: string): Promise<string> {
    const [row] = await this.h.database.query<{ id: string }>(
      `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) VALUES ($1, $2, $3, 'SKILL', 3, $4) RETURNING id`,
      [organizationId, roleId, label, ++this.counter],
    );
    return row.id;
  }

  async session(
    organizationId: string,
    candidateId: string,
    roleId: string,
    options: { title?: string; startsAt?: Date; status?: 'SCHEDULED' | 'COMPLETED' | 'CANCELLED' } = {},
  ): Promise<string> {
    const startsAt = options.startsAt ?? new Date(Date.now() - 3 * 3_600_000);
    const status = options.status ?? 'COMPLETED';
    const [row] = await this.h.database.query<{ id: string }>(
      `INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at, cancelled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        organizationId,
        candidateId,
        roleId,
        options.title ?? `Session ${++this.counter}`,
        startsAt,
        new Date(startsAt.getTime() + 3_600_000),
        status,
        status === 'COMPLETED' ? new Date(startsAt.getTime() + 3_600_000) : null,
        status === 'CANCELLED' ? new Date() : null,
      ],
    );
    return row.id;
  }

  async fitRequest(organizationId: string, sessionId: string, source = 'PORTAL'): Promise<void> {
    await this.h.database.query('INSERT INTO fit_feedback_requests (organization_id, session_id, source) VALUES ($1, $2, $3)', [
      organizationId,
      sessionId,
      source,
    ]);
  }

  async answer(
    organizationId: string,
    sessionId: string,
    status: 'WAITING_FOR_FEEDBACK' | 'AWAITING_REVIEW' | 'RELEASED' | 'WITHHELD' = 'RELEASED',
    criterionId: string = randomUUID(),
  ): Promise<string> {
    const profile = [
      { criterionId, criterion: 'TypeScript', kind: 'SKILL', level: 'STRENGTH' },
      { criterionId: randomUUID(), criterion: 'Mentoring', kind: 'QUALITY', level: 'NOT_ASSESSED' },
    ];
    const [row] = await this.h.database.query<{ id: string }>(
      `INSERT INTO candidate_answers (organization_id, session_id, status, fit_band, fit_score, profile, strengths, gaps, next_steps,
         message, responses_count, flags, composed_at, released_at)
       VALUES ($1, $2, $3, 3, 72, $4::jsonb, $5, $6, 'We will call you', 'Thanks for a great conversation', 2, '{}', now(), $7)
       RETURNING id`,
      [
        organizationId,
        sessionId,
        status,
        JSON.stringify(profile),
        ['TypeScript'],
        ['not enough evidence yet: Mentoring'],
        status === 'RELEASED' ? new Date() : null,
      ],
    );
    return row.id;
  }

  /** A panel member's form and response, with a rating of the criterion. */
  async response(
    organizationId: string,
    sessionId: string,
    criterionId: string,
    text: { interviewer: string; strengths: string; gaps: string; privateNote: string; note: string },
  ): Promise<void> {
    const [interviewer] = await this.h.database.query<{ id: string }>(
      'INSERT INTO interviewers (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id',
      [organizationId, text.interviewer, `interviewer${++this.counter}@example.test`],
    );
    const [form] = await this.h.database.query<{ id: string }>(
      `INSERT INTO feedback_forms (organization_id, session_id, interviewer_id, status, submitted_at) VALUES ($1, $2, $3, 'SUBMITTED', now())
       RETURNING id`,
      [organizationId, sessionId, interviewer.id],
    );
    const [response] = await this.h.database.query<{ id: string }>(
      `INSERT INTO feedback_responses (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, next_steps, private_note)
       VALUES ($1, $2, $3, $4, 3, $5, $6, 'Onsite next', $7) RETURNING id`,
      [organizationId, form.id, sessionId, interviewer.id, text.strengths, text.gaps, text.privateNote],
    );
    await this.h.database.query(
      'INSERT INTO criterion_ratings (response_id, criterion_id, organization_id, rating, note) VALUES ($1, $2, $3, 4, $4)',
      [response.id, criterionId, organizationId, text.note],
    );
  }
}

describe(PortalResolver.name, () => {
  let h: SubgraphHarness;
  let anon: Gql;
  let make: Factory;

  const tokenFor = (candidateId: string, version = 1): string =>
    createLinkToken(h.config.links.secret, { purpose: 'portal', id: candidateId, version });

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await h.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params))[0].n);

  const outboxFor = (sessionId: string): Promise<{ type: string; payload: unknown }[]> =>
    h.database.query(`SELECT type, payload FROM outbox_events WHERE payload->>'sessionId' = $1 ORDER BY id`, [sessionId]);

  /** A candidate in a fresh organization with one completed session for a role. */
  const scenario = async (share = false) => {
    const org = await make.organization(share);
    const candidate = await make.candidate(org);
    const role = await make.role(org);
    const session = await make.session(org, candidate, role);
    return { org, candidate, role, session, token: tokenFor(candidate) };
  };

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    anon = h.anonymous();
    make = new Factory(h);
  });

  afterAll(async () => {
    await h.close();
  });

  describe('candidatePortal', () => {
    it("lists the candidate's own sessions newest first, cancelled ones included, with the role's title", async () => {
      const org = await make.organization();
      const candidate = await make.candidate(org, 'Grace Hopper');
      const role = await make.role(org, 'Compiler Engineer');
      const day = 86_400_000;
      const old = await make.session(org, candidate, role, { title: 'First chat', startsAt: new Date(Date.now() - 3 * day) });
      const cancelled = await make.session(org, candidate, role, {
        title: 'Cancelled one',
        startsAt: new Date(Date.now() - day),
        status: 'CANCELLED',
      });
      const upcoming = await make.session(org, candidate, role, {
        title: 'Onsite',
        startsAt: new Date(Date.now() + day),
        status: 'SCHEDULED',
      });
      await make.fitRequest(org, old, 'INTERVIEWER');
      // another candidate of the same organization is not part of this portal
      await make.session(org, await make.candidate(org, 'Someone Else'), role);

      const { candidatePortal } = ok(await anon<PortalData>(PORTAL, { token: tokenFor(candidate) }));

      expect(candidatePortal.candidateName).toBe('Grace Hopper');
      expect(candidatePortal.sessions.map((s) => [s.sessionId, s.title, s.status, s.fitFeedbackRequested])).toEqual([
        [upcoming, 'Onsite', 'SCHEDULED', false],
        [cancelled, 'Cancelled one', 'CANCELLED', false],
        [old, 'First chat', 'COMPLETED', true],
      ]);
      expect(candidatePortal.sessions.every((s) => s.roleTitle === 'Compiler Engineer' && s.answer === null)).toBe(true);
      expect(new Date(candidatePortal.sessions[0].startsAt).getTime()).toBeGreaterThan(Date.now());
    });

    it('gives an empty list to a candidate without sessions', async () => {
      const org = await make.organization();
      const candidate = await make.candidate(org, 'New Person');

      const { candidatePortal } = ok(await anon<PortalData>(PORTAL, { token: tokenFor(candidate) }));

      expect(candidatePortal).toEqual({ candidateName: 'New Person', sessions: [] });
    });

    it('answers NOT_FOUND to garbage, forged, foreign-purpose and unknown tokens, and for erased candidates', async () => {
      const { org, candidate } = await scenario();
      const erased = await make.candidate(org);
      await h.database.query('UPDATE candidates SET erased_at = now() WHERE id = $1', [erased]);
      const tokens = [
        '',
        'garbage',
        'x'.repeat(500),
        tokenFor(candidate).slice(0, -2),
        createLinkToken('not-the-secret-not-the-secret-not-the-secret', { purpose: 'portal', id: candidate, version: 1 }),
        createLinkToken(h.config.links.secret, { purpose: 'form', id: candidate, version: 1 }),
        tokenFor(randomUUID()),
        tokenFor(erased),
      ];

      for (const token of tokens) {
        const result = await anon(PORTAL, { token });
        expect({ token, data: result.data, code: result.errors?.[0].extensions.code }).toEqual({ token, data: null, code: 'NOT_FOUND' });
        // the token is never echoed back
        if (token) expect(JSON.stringify(result)).not.toContain(token);
      }
    });

    it('answers GONE once a newer link was sent, and the newer link works', async () => {
      const { candidate, session } = await scenario();
      await h.database.query('UPDATE candidates SET portal_link_version = 2 WHERE id = $1', [candidate]);

      for (const [query, variables] of [
        [PORTAL, {}],
        [REQUEST, { sessionId: session }],
        [RATE, { sessionId: session, helpful: true }],
      ] as const) {
        const result = await anon(query, { token: tokenFor(candidate, 1), ...variables });
        expect(result.errors?.[0].extensions.code).toBe('GONE');
      }
      expect(await count('fit_feedback_requests WHERE session_id = $1', [session])).toBe(0);

      const { candidatePortal } = ok(await anon<PortalData>(PORTAL, { token: tokenFor(candidate, 2) }));
      expect(candidatePortal.sessions.map((s) => s.sessionId)).toEqual([session]);
    });

    it('shows a released answer only once the candidate asked, then at once', async () => {
      const { org, session, token } = await scenario();
      await make.answer(org, session, 'RELEASED');

      const before = ok(await anon<PortalData>(PORTAL, { token })).candidatePortal.sessions[0];
      expect(before).toMatchObject({ sessionId: session, fitFeedbackRequested: false, answer: null });

      const asked = ok(await anon<{ requestFitFeedback: SessionView }>(REQUEST, { token, sessionId: session })).requestFitFeedback;
      expect(asked.fitFeedbackRequested).toBe(true);
      expect(asked.answer).toMatchObject({
        fitBand: 'GOOD_FIT',
        fitScore: null,
        profile: [
          { criterion: 'TypeScript', kind: 'SKILL', level: 'STRENGTH' },
          { criterion: 'Mentoring', kind: 'QUALITY', level: 'NOT_ASSESSED' },
        ],
        strengths: ['TypeScript'],
        gaps: ['not enough evidence yet: Mentoring'],
        nextSteps: 'We will call you',
        message: 'Thanks for a great conversation',
      });
      expect(Date.parse(asked.answer!.releasedAt)).not.toBeNaN();

      const after = ok(await anon<PortalData>(PORTAL, { token })).candidatePortal.sessions[0];
      expect(after).toEqual(asked);
    });

    it.each(['WAITING_FOR_FEEDBACK', 'AWAITING_REVIEW', 'WITHHELD'] as const)(
      'shows no %s answer, even to a candidate who asked',
      async (status) => {
        const { org, session, token } = await scenario();
        await make.answer(org, session, status);
        await make.fitRequest(org, session);

        const view = ok(await anon<PortalData>(PORTAL, { token })).candidatePortal.sessions[0];

        expect(view).toMatchObject({ fitFeedbackRequested: true, answer: null });
      },
    );

    it('shows fitScore only where the organization shares scores with candidates', async () => {
      const hidden = await scenario(false);
      const shown = await scenario(true);
      for (const s of [hidden, shown]) {
        await make.answer(s.org, s.session, 'RELEASED');
        await make.fitRequest(s.org, s.session);
      }

      const hiddenView = ok(await anon<PortalData>(PORTAL, { token: hidden.token })).candidatePortal.sessions[0];
      const shownView = ok(await anon<PortalData>(PORTAL, { token: shown.token })).candidatePortal.sessions[0];

      expect(hiddenView.answer?.fitScore).toBeNull();
      expect(shownView.answer?.fitScore).toBe(72);

      await h.database.query('UPDATE organizations SET share_score_with_candidates = true WHERE id = $1', [hidden.org]);
      expect(ok(await anon<PortalData>(PORTAL, { token: hidden.token })).candidatePortal.sessions[0].answer?.fitScore).toBe(72);
    });

    it('never exposes interviewer names, ratings, response free text or private notes', async () => {
      const { org, role, session, token } = await scenario(true);
      const criterion = await make.criterion(org, role, 'TypeScript');
      const secrets = [
        { interviewer: 'Zebulon Quartermaine', strengths: 'XYZZY-strength-text', gaps: 'PLUGH-gap-text', privateNote: 'FROBOZZ-private' },
        { interviewer: 'Philomena Vantablack', strengths: 'GRUE-strength-text', gaps: 'ZORKMID-gap-text', privateNote: 'BLORB-private' },
      ];
      for (const [i, secret] of secrets.entries()) {
        await make.response(org, session, criterion, { ...secret, note: `RATING-NOTE-${i}` });
      }
      await make.answer(org, session, 'RELEASED', criterion);

      const asked = await anon(REQUEST, { token, sessionId: session });
      const rated = await anon(RATE, { token, sessionId: session, helpful: true, comment: 'it helped' });
      const portal = await anon<PortalData>(PORTAL, { token });

      expect(ok(portal).candidatePortal.sessions[0].answer?.fitBand).toBe('GOOD_FIT');
      const everything = JSON.stringify([asked, rated, portal]);
      for (const secret of secrets) {
        for (const text of Object.values(secret)) expect(everything).not.toContain(text);
      }
      expect(everything).not.toContain('RATING-NOTE');
      expect(everything).not.toContain(criterion);
      expect(everything).not.toContain('Onsite next');
    });
  });

  describe('requestFitFeedback', () => {
    it('records the request once and announces it once, before or after the session ends', async () => {
      const { org, candidate, role, session, token } = await scenario();
      const upcoming = await make.session(org, candidate, role, { startsAt: new Date(Date.now() + 86_400_000), status: 'SCHEDULED' });

      for (const id of [session, upcoming]) {
        const first = ok(await anon<{ requestFitFeedback: SessionView }>(REQUEST, { token, sessionId: id })).requestFitFeedback;
        const again = ok(await anon<{ requestFitFeedback: SessionView }>(REQUEST, { token, sessionId: id })).requestFitFeedback;

        expect(first).toMatchObject({ sessionId: id, fitFeedbackRequested: true, answer: null });
        expect(again).toEqual(first);
        expect(await h.database.query('SELECT source, organization_id FROM fit_feedback_requests WHERE session_id = $1', [id])).toEqual([
          { source: 'PORTAL', organization_id: org },
        ]);
        expect(await outboxFor(id)).toEqual([{ type: 'fit-feedback.requested', payload: { sessionId: id } }]);
      }
    });

    it('promises a date even when the organization gives interviewers a year (8,760 hours) to answer', async () => {
      const { org, candidate, role, token } = await scenario();
      await h.database.query('UPDATE organizations SET feedback_deadline_hours = 8760 WHERE id = $1', [org]);
      const upcoming = await make.session(org, candidate, role, { startsAt: new Date(Date.now() + 86_400_000), status: 'SCHEDULED' });

      ok(await anon<{ requestFitFeedback: SessionView }>(REQUEST, { token, sessionId: upcoming }));

      const [row] = await h.database.query<{ promised: Date; ends_at: Date }>(
        `SELECT q.answer_expected_by AS promised, s.ends_at FROM fit_feedback_requests q
           JOIN interview_sessions s ON s.id = q.session_id WHERE q.session_id = $1`,
        [upcoming],
      );
      // the scheduled end, plus the deadline, plus one day, in real hours (8,784 × 3,600,000 ms overflows a 32-bit integer)
      expect(row.promised.getTime() - row.ends_at.getTime()).toBe((8_760 + 24) * 3_600_000);
    });

    it('leaves a request recorded elsewhere as it is and announces nothing', async () => {
      const { org, session, token } = await scenario();
      await make.fitRequest(org, session, 'RECRUITER');

      const view = ok(await anon<{ requestFitFeedback: SessionView }>(REQUEST, { token, sessionId: session })).requestFitFeedback;

      expect(view.fitFeedbackRequested).toBe(true);
      expect(await h.database.query('SELECT source FROM fit_feedback_requests WHERE session_id = $1', [session])).toEqual([
        { source: 'RECRUITER' },
      ]);
      expect(await outboxFor(session)).toEqual([]);
    });

    it("refuses another candidate's or organization's session and malformed ids with NOT_FOUND, a cancelled one with CONFLICT", async () => {
      const { org, candidate, role, token } = await scenario();
      const sameOrgOther = await make.session(org, await make.candidate(org), role);
      const other = await scenario();
      const cancelled = await make.session(org, candidate, role, { status: 'CANCELLED' });

      for (const [sessionId, code] of [
        [sameOrgOther, 'NOT_FOUND'],
        [other.session, 'NOT_FOUND'],
        [randomUUID(), 'NOT_FOUND'],
        ['not-a-uuid', 'NOT_FOUND'],
        [cancelled, 'CONFLICT'],
      ]) {
        const result = await anon(REQUEST, { token, sessionId });
        expect({ sessionId, data: result.data, code: result.errors?.[0].extensions.code }).toEqual({ sessionId, data: null, code });
      }
      for (const id of [sameOrgOther, other.session, cancelled]) {
        expect(await count('fit_feedback_requests WHERE session_id = $1', [id])).toBe(0);
        expect(await outboxFor(id)).toEqual([]);
      }
    });

    it('answers NOT_FOUND to a forged token and records nothing', async () => {
      const { candidate, session } = await scenario();
      const forged = createLinkToken('another-secret-another-secret-another-secret', { purpose: 'portal', id: candidate, version: 1 });

      const result = await anon(REQUEST, { token: forged, sessionId: session });

      expect(result.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(await count('fit_feedback_requests WHERE session_id = $1', [session])).toBe(0);
      expect(await outboxFor(session)).toEqual([]);
    });

    it('announces a request exactly once when the candidate asks twice at the same moment', async () => {
      const { session, token } = await scenario();

      const results = await Promise.all([1, 2, 3].map(() => anon(REQUEST, { token, sessionId: session })));

      expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
      expect(await count('fit_feedback_requests WHERE session_id = $1', [session])).toBe(1);
      expect(await outboxFor(session)).toHaveLength(1);
    });
  });

  describe('rateCandidateAnswer', () => {
    const ratingOf = async (sessionId: string) =>
      (
        await h.database.query<{ helpful: boolean | null; helpful_comment: string | null; rated: boolean }>(
          'SELECT helpful, helpful_comment, rated_at IS NOT NULL AS rated FROM candidate_answers WHERE session_id = $1',
          [sessionId],
        )
      )[0];

    it('stores the verdict on a visible answer, and rating again overwrites it', async () => {
      const { org, session, token } = await scenario();
      await make.answer(org, session, 'RELEASED');
      await make.fitRequest(org, session);

      const view = ok(
        await anon<{ rateCandidateAnswer: SessionView }>(RATE, {
          token,
          sessionId: session,
          helpful: true,
          comment: '  Very clear, thanks ',
        }),
      ).rateCandidateAnswer;
      expect(view).toMatchObject({ sessionId: session, fitFeedbackRequested: true, answer: { fitBand: 'GOOD_FIT' } });
      expect(await ratingOf(session)).toEqual({ helpful: true, helpful_comment: 'Very clear, thanks', rated: true });

      ok(await anon(RATE, { token, sessionId: session, helpful: false }));
      expect(await ratingOf(session)).toEqual({ helpful: false, helpful_comment: null, rated: true });
    });

    it('answers CONFLICT while there is no answer the candidate can see, and stores nothing', async () => {
      const { org, candidate, role, session, token } = await scenario();
      await make.answer(org, session, 'AWAITING_REVIEW');
      await make.fitRequest(org, session);
      const notAsked = await make.session(org, candidate, role);
      await make.answer(org, notAsked, 'RELEASED');
      const noAnswer = await make.session(org, candidate, role);

      for (const sessionId of [session, notAsked, noAnswer]) {
        const result = await anon(RATE, { token, sessionId, helpful: true, comment: 'hm' });
        expect({ sessionId, code: result.errors?.[0].extensions.code }).toEqual({ sessionId, code: 'CONFLICT' });
      }
      expect(await ratingOf(session)).toEqual({ helpful: null, helpful_comment: null, rated: false });
      expect(await ratingOf(notAsked)).toEqual({ helpful: null, helpful_comment: null, rated: false });
    });

    it("answers NOT_FOUND for another candidate's session and malformed ids, without touching the answer", async () => {
      const { token } = await scenario();
      const other = await scenario();
      await make.answer(other.org, other.session, 'RELEASED');
      await make.fitRequest(other.org, other.session);

      for (const sessionId of [other.session, 'nope']) {
        const result = await anon(RATE, { token, sessionId, helpful: true });
        expect(result.errors?.[0].extensions.code).toBe('NOT_FOUND');
      }
      expect(await ratingOf(other.session)).toEqual({ helpful: null, helpful_comment: null, rated: false });
    });

    it('refuses a comment over the limit with BAD_USER_INPUT naming the field, storing nothing', async () => {
      const { org, session, token } = await scenario();
      await make.answer(org, session, 'RELEASED');
      await make.fitRequest(org, session);

      const result = await anon(RATE, { token, sessionId: session, helpful: true, comment: 'x'.repeat(1_001) });

      expect(result.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'comment', message: 'must be at most 1000 characters' }],
      });
      expect(await ratingOf(session)).toEqual({ helpful: null, helpful_comment: null, rated: false });
    });
  });
});
