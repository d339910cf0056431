import { randomUUID } from 'node:crypto';

import { createLinkToken } from '@closer/domain';

import { FeedbackFactory, feedbackInput, type RoleFixture } from '../../test/feedback-factories';
import { type Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { FeedbackLinkResolver } from './feedback-link.resolver';

const VIEW_FIELDS = `formId status candidateName roleTitle sessionTitle sessionEndedAt interviewerName
  criteria { id label weight kind } candidateAskedForFeedback expiresAt
  response { id overallFit strengths gaps nextSteps candidateMessage privateNote submittedAt interviewer { name }
             ratings { criterion { id label } rating note } }`;
const VIEW = `query($token: String!) { feedbackForm(token: $token) { ${VIEW_FIELDS} } }`;
const SUBMIT = `mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { ${VIEW_FIELDS} } }`;
const DECLINE = `mutation($token: String!, $reason: String!) { declineFeedbackForm(token: $token, reason: $reason) { ${VIEW_FIELDS} } }`;

interface View {
  formId: string;
  status: string;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  sessionEndedAt: string | null;
  interviewerName: string;
  criteria: { id: string; label: string; weight: number; kind: string }[];
  candidateAskedForFeedback: boolean;
  expiresAt: string | null;
  response: {
    overallFit: string;
    strengths: string;
    gaps: string;
    nextSteps: string | null;
    candidateMessage: string | null;
    privateNote: string | null;
    interviewer: { name: string };
    ratings: { criterion: { id: string; label: string }; rating: number | null; note: string | null }[];
  } | null;
}

describe(FeedbackLinkResolver.name, () => {
  let h: SubgraphHarness;
  let anon: Gql;
  let make: FeedbackFactory;
  let orgId: string;
  let role: RoleFixture;

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    anon = h.anonymous();
    make = FeedbackFactory.for(h);
    orgId = await make.organization({ minResponsesForAnswer: 2 });
    role = await make.role(orgId, {
      title: 'Platform engineer',
      criteria: [
        { label: 'Distributed systems', weight: 5 },
        { label: 'PostgreSQL', weight: 3, kind: 'EXPERIENCE' },
        { label: 'Mentoring', weight: 2, kind: 'QUALITY' },
      ],
    });
  });

  afterAll(() => h.close());

  const view = (token: string) => anon<{ feedbackForm: View }>(VIEW, { token });
  const submit = (token: string, input: Record<string, unknown>) => anon<{ submitFeedback: View }>(SUBMIT, { token, input });
  const decline = (token: string, reason: string) => anon<{ declineFeedbackForm: View }>(DECLINE, { token, reason });
  const code = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
  const formRow = async (formId: string) =>
    (
      await h.database.query<{
        status: string;
        opened_at: Date | null;
        submitted_at: Date | null;
        declined_at: Date | null;
        decline_reason: string | null;
      }>('SELECT status, opened_at, submitted_at, declined_at, decline_reason FROM feedback_forms WHERE id = $1', [formId])
    )[0];
  /** Everything a refused request must leave untouched. */
  const snapshot = async (sessionId: string) =>
    h.database.query(
      `SELECT (SELECT json_agg(f ORDER BY f.id) FROM feedback_forms f WHERE f.session_id = $1) AS forms,
              (SELECT count(*)::int FROM feedback_responses WHERE session_id = $1) AS responses,
              (SELECT count(*)::int FROM criterion_ratings) AS ratings,
              (SELECT count(*)::int FROM fit_feedback_requests WHERE session_id = $1) AS requests,
              (SELECT count(*)::int FROM outbox_events) AS events,
              (SELECT row_to_json(a) FROM candidate_answers a WHERE a.session_id = $1) AS answer`,
      [sessionId],
    );

  describe('feedbackForm', () => {
    it('shows the form and marks it OPENED on the first view only', async () => {
      const session = await make.session(orgId, role.roleId, { candidateName: 'Grace Hopper', title: 'System design' });
      const token = make.token(session.formIds[0]);

      const first = ok(await view(token)).feedbackForm;
      expect(first).toMatchObject({
        formId: session.formIds[0],
        status: 'OPENED',
        candidateName: 'Grace Hopper',
        roleTitle: 'Platform engineer',
        sessionTitle: 'System design',
        interviewerName: 'Interviewer 1',
        candidateAskedForFeedback: false,
        response: null,
      });
      expect(first.criteria).toEqual([
        { id: role.criteria[0].id, label: 'Distributed systems', weight: 5, kind: 'SKILL' },
        { id: role.criteria[1].id, label: 'PostgreSQL', weight: 3, kind: 'EXPERIENCE' },
        { id: role.criteria[2].id, label: 'Mentoring', weight: 2, kind: 'QUALITY' },
      ]);
      expect(first.sessionEndedAt).not.toBeNull();
      expect(first.expiresAt).not.toBeNull();
      const opened = await formRow(session.formIds[0]);
      expect(opened.status).toBe('OPENED');
      expect(opened.opened_at).toBeInstanceOf(Date);

      expect(ok(await view(token)).feedbackForm.status).toBe('OPENED');
      expect((await formRow(session.formIds[0])).opened_at).toEqual(opened.opened_at);
      // the other interviewer's form is untouched
      expect((await formRow(session.formIds[1])).status).toBe('SENT');
    });

    it('says whether the candidate asked the closing question', async () => {
      const session = await make.session(orgId, role.roleId, { asked: true });
      expect(ok(await view(make.token(session.formIds[0]))).feedbackForm.candidateAskedForFeedback).toBe(true);
    });

    it('does not mark a form OPENED before the session has ended', async () => {
      const session = await make.session(orgId, role.roleId, { status: 'SCHEDULED' });
      const shown = ok(await view(make.token(session.formIds[0]))).feedbackForm;
      expect(shown).toMatchObject({ status: 'PENDING', sessionEndedAt: null, expiresAt: null });
      expect((await formRow(session.formIds[0])).status).toBe('PENDING');
    });

    it('refuses garbage, forged and unknown tokens alike with NOT_FOUND', async () => {
      const session = await make.session(orgId, role.roleId);
      const real = make.token(session.formIds[0]);
      const tokens = [
        'not-a-token',
        '',
        'x'.repeat(5_000),
        createLinkToken('some-other-secret-that-is-long-enough', { purpose: 'form', id: session.formIds[0], version: 1 }),
        createLinkToken(h.config.links.secret, { purpose: 'portal', id: session.formIds[0], version: 1 }),
        createLinkToken(h.config.links.secret, { purpose: 'form', id: randomUUID(), version: 1 }),
        `${real.slice(0, -2)}${real.endsWith('AA') ? 'BB' : 'AA'}`,
      ];
      for (const token of tokens) {
        const result = await view(token);
        expect(result.errors?.[0]).toMatchObject({ message: 'This link is not valid', extensions: { code: 'NOT_FOUND' } });
        if (token.length > 0) expect(JSON.stringify(result.errors)).not.toContain(token.slice(0, 20));
      }
      expect((await formRow(session.formIds[0])).status).toBe('SENT');
    });

    it('answers GONE for a link replaced by a newer one, and the new link works', async () => {
      const session = await make.session(orgId, role.roleId);
      await h.database.query('UPDATE feedback_forms SET link_version = 2 WHERE id = $1', [session.formIds[0]]);
      const old = await view(make.token(session.formIds[0], 1));
      expect(old.errors?.[0]).toMatchObject({ message: 'This link was replaced by a newer one', extensions: { code: 'GONE' } });
      expect(code(await submit(make.token(session.formIds[0], 1), feedbackInput(role.criteria, [3, 3, 3])))).toBe('GONE');
      expect(code(await decline(make.token(session.formIds[0], 1), 'did not attend'))).toBe('GONE');
      expect((await formRow(session.formIds[0])).status).toBe('SENT');
      expect(ok(await view(make.token(session.formIds[0], 2))).feedbackForm.status).toBe('OPENED');
    });

    it('answers GONE once an unanswered form has expired, by date or by status', async () => {
      const past = await make.session(orgId, role.roleId, { expiresAt: new Date(Date.now() - 1_000) });
      const expired = await make.session(orgId, role.roleId, { formStatus: 'EXPIRED' });
      const cancelled = await make.session(orgId, role.roleId, { status: 'CANCELLED' });
      for (const formId of [past.formIds[0], expired.formIds[0]]) {
        const before = await formRow(formId);
        expect((await view(make.token(formId))).errors?.[0]).toMatchObject({
          extensions: { code: 'GONE' },
          message: 'This form has expired',
        });
        expect(code(await submit(make.token(formId), feedbackInput(role.criteria, [3, 3, 3])))).toBe('GONE');
        expect(code(await decline(make.token(formId), 'on leave'))).toBe('GONE');
        expect(await formRow(formId)).toEqual(before);
      }
      expect((await view(make.token(cancelled.formIds[0]))).errors?.[0]).toMatchObject({ extensions: { code: 'GONE' } });
      expect(code(await submit(make.token(cancelled.formIds[0]), feedbackInput(role.criteria, [3, 3, 3])))).toBe('GONE');
    });

    it('keeps an answered form readable after it expires', async () => {
      const session = await make.session(orgId, role.roleId, { panel: 3 });
      const token = make.token(session.formIds[0]);
      ok(await submit(token, feedbackInput(role.criteria, [4, 3, null], { privateNote: 'hire' })));
      await h.database.query(`UPDATE feedback_forms SET expires_at = now() - interval '1 day' WHERE session_id = $1`, [session.sessionId]);
      const shown = ok(await view(token)).feedbackForm;
      expect(shown.status).toBe('SUBMITTED');
      expect(shown.response).toMatchObject({ overallFit: 'GOOD_FIT', privateNote: 'hire' });
      expect(code(await decline(make.token(session.formIds[1]), 'on leave'))).toBe('GONE');
    });
  });

  describe('submitFeedback', () => {
    it('stores the response and its ratings, settles the form and announces it', async () => {
      const session = await make.session(orgId, role.roleId, { panel: 2 });
      const token = make.token(session.formIds[0]);
      const input = {
        overallFit: 'STRONG_FIT',
        candidateAskedForFeedback: true,
        // out of order, one explicitly not assessed, one left out
        ratings: [
          { criterionId: role.criteria[1].id.toUpperCase(), rating: 2, note: '  Knows indexes, not MVCC  ' },
          { criterionId: role.criteria[0].id, rating: 4 },
        ],
        strengths: '  Designed a clean sharding scheme ',
        gaps: 'Has not run a database in production',
        nextSteps: 'Meet the data team',
        candidateMessage: 'Your system design was excellent.',
        privateNote: 'Strong hire',
      };
      const shown = ok(await submit(token, input)).submitFeedback;

      expect(shown.status).toBe('SUBMITTED');
      expect(shown.response).toEqual({
        id: expect.any(String),
        overallFit: 'STRONG_FIT',
        strengths: 'Designed a clean sharding scheme',
        gaps: 'Has not run a database in production',
        nextSteps: 'Meet the data team',
        candidateMessage: 'Your system design was excellent.',
        privateNote: 'Strong hire',
        submittedAt: expect.any(String),
        interviewer: { name: 'Interviewer 1' },
        ratings: [
          { criterion: { id: role.criteria[0].id, label: 'Distributed systems' }, rating: 4, note: null },
          { criterion: { id: role.criteria[1].id, label: 'PostgreSQL' }, rating: 2, note: 'Knows indexes, not MVCC' },
          { criterion: { id: role.criteria[2].id, label: 'Mentoring' }, rating: null, note: null },
        ],
      });
      expect(shown.candidateAskedForFeedback).toBe(true);

      const [response] = await h.database.query<Record<string, unknown>>(
        'SELECT id, organization_id, session_id, interviewer_id, overall_fit, strengths, private_note FROM feedback_responses WHERE form_id = $1',
        [session.formIds[0]],
      );
      expect(response).toMatchObject({
        organization_id: orgId,
        session_id: session.sessionId,
        interviewer_id: session.interviewerIds[0],
        overall_fit: 4,
        strengths: 'Designed a clean sharding scheme',
        private_note: 'Strong hire',
      });
      const ratings = await h.database.query(
        'SELECT criterion_id, rating, note, organization_id FROM criterion_ratings WHERE response_id = $1',
        [response.id],
      );
      expect(ratings).toHaveLength(3);
      expect(ratings).toEqual(
        expect.arrayContaining([
          { criterion_id: role.criteria[0].id, rating: 4, note: null, organization_id: orgId },
          { criterion_id: role.criteria[1].id, rating: 2, note: 'Knows indexes, not MVCC', organization_id: orgId },
          { criterion_id: role.criteria[2].id, rating: null, note: null, organization_id: orgId },
        ]),
      );
      const form = await formRow(session.formIds[0]);
      expect(form.status).toBe('SUBMITTED');
      expect(form.submitted_at).toBeInstanceOf(Date);

      expect(await make.outbox('feedback.submitted', session.sessionId)).toEqual([
        { payload: { sessionId: session.sessionId, formId: session.formIds[0] } },
      ]);
      expect(await make.outbox('fit-feedback.requested', session.sessionId)).toEqual([{ payload: { sessionId: session.sessionId } }]);
      expect(await h.database.query('SELECT source FROM fit_feedback_requests WHERE session_id = $1', [session.sessionId])).toEqual([
        { source: 'INTERVIEWER' },
      ]);
      // one of two forms answered: the answer still waits
      const [answer] = await h.database.query('SELECT status, composed_at FROM candidate_answers WHERE session_id = $1', [
        session.sessionId,
      ]);
      expect(answer).toEqual({ status: 'WAITING_FOR_FEEDBACK', composed_at: null });
    });

    it('keeps an existing fit-feedback request and announces nothing new', async () => {
      const session = await make.session(orgId, role.roleId, { asked: true });
      ok(await submit(make.token(session.formIds[0]), feedbackInput(role.criteria, [3, 3, 3], { candidateAskedForFeedback: true })));
      expect(await h.database.query('SELECT source FROM fit_feedback_requests WHERE session_id = $1', [session.sessionId])).toEqual([
        { source: 'PORTAL' },
      ]);
      expect(await make.outbox('fit-feedback.requested', session.sessionId)).toEqual([]);
    });

    it('answers CONFLICT to a second submission and to a decline after it, changing nothing', async () => {
      const session = await make.session(orgId, role.roleId);
      const token = make.token(session.formIds[0]);
      ok(await submit(token, feedbackInput(role.criteria, [3, 3, 3])));
      const before = await snapshot(session.sessionId);
      const again = await submit(token, feedbackInput(role.criteria, [1, 1, 1], { overallFit: 'NOT_A_FIT' }));
      expect(again.errors?.[0]).toMatchObject({ message: 'This form was already submitted', extensions: { code: 'CONFLICT' } });
      expect(code(await decline(token, 'changed my mind'))).toBe('CONFLICT');
      expect(await snapshot(session.sessionId)).toEqual(before);
    });

    it('answers CONFLICT before the session has ended', async () => {
      const session = await make.session(orgId, role.roleId, { status: 'SCHEDULED' });
      const before = await snapshot(session.sessionId);
      const result = await submit(make.token(session.formIds[0]), feedbackInput(role.criteria, [3, 3, 3]));
      expect(result.errors?.[0]).toMatchObject({ message: 'The session has not ended yet', extensions: { code: 'CONFLICT' } });
      expect(code(await decline(make.token(session.formIds[0]), 'not there'))).toBe('CONFLICT');
      expect(await snapshot(session.sessionId)).toEqual(before);
    });

    it('accepts every text at its length limit: 5,000 for the texts, 1,000 for a rating note', async () => {
      const session = await make.session(orgId, role.roleId);
      const input = feedbackInput(role.criteria, [3, 3, 3], {
        strengths: 's'.repeat(5_000),
        gaps: 'g'.repeat(5_000),
        nextSteps: 'x'.repeat(5_000),
        candidateMessage: 'm'.repeat(5_000),
        privateNote: 'p'.repeat(5_000),
      });
      (input.ratings as { note?: string }[])[0].note = 'n'.repeat(1_000);
      const shown = ok(await submit(make.token(session.formIds[0]), input)).submitFeedback;
      expect(shown.status).toBe('SUBMITTED');
      expect(shown.response).toMatchObject({ nextSteps: 'x'.repeat(5_000), privateNote: 'p'.repeat(5_000) });
    });

    it('names every invalid field at once and changes nothing', async () => {
      const session = await make.session(orgId, role.roleId);
      const before = await snapshot(session.sessionId);
      const result = await submit(make.token(session.formIds[0]), {
        overallFit: 'GOOD_FIT',
        ratings: [
          { criterionId: randomUUID(), rating: 3 },
          { criterionId: role.criteria[0].id, rating: 5 },
          { criterionId: role.criteria[0].id, rating: 2 },
          { criterionId: 'not-an-id', rating: 0, note: 'n'.repeat(1_001) },
          { criterionId: role.criteria[1].id, rating: -1 },
        ],
        strengths: '   ',
        gaps: 'g'.repeat(5_001),
        nextSteps: 'x'.repeat(5_001),
        candidateMessage: 'bad \u0000 byte',
        privateNote: 'p'.repeat(5_001),
      });
      expect(code(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions.fields?.map((f) => f.field).sort()).toEqual(
        [
          'input.ratings.0.criterionId',
          'input.ratings.1.rating',
          'input.ratings.2.criterionId',
          'input.ratings.3.criterionId',
          'input.ratings.3.rating',
          'input.ratings.3.note',
          'input.ratings.4.rating',
          'input.strengths',
          'input.gaps',
          'input.nextSteps',
          'input.candidateMessage',
          'input.privateNote',
        ].sort(),
      );
      expect(await snapshot(session.sessionId)).toEqual(before);
    });

    it('refuses a rating of a criterion retired from the profile', async () => {
      const local = await make.role(orgId, {
        criteria: [
          { label: 'Go', weight: 3 },
          { label: 'Rust', weight: 3 },
        ],
      });
      const session = await make.session(orgId, local.roleId);
      await h.database.query('UPDATE criteria SET retired_at = now() WHERE id = $1', [local.criteria[1].id]);
      const shown = ok(await view(make.token(session.formIds[0]))).feedbackForm;
      expect(shown.criteria.map((c) => c.label)).toEqual(['Go']);
      const result = await submit(make.token(session.formIds[0]), feedbackInput(local.criteria, [3, 3]));
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.ratings.1.criterionId', message: 'is not a criterion of this form' }],
      });
    });

    it('accepts a response with no ratings at all: every criterion is stored as not assessed', async () => {
      const session = await make.session(orgId, role.roleId);
      const shown = ok(await submit(make.token(session.formIds[0]), feedbackInput(role.criteria, []))).submitFeedback;
      expect(shown.response?.ratings.map((r) => r.rating)).toEqual([null, null, null]);
      expect(shown.response).toMatchObject({ nextSteps: null, candidateMessage: null, privateNote: null });
    });
  });

  describe('declineFeedbackForm', () => {
    it('declines with a reason and announces it', async () => {
      const session = await make.session(orgId, role.roleId, { panel: 2 });
      const token = make.token(session.formIds[1]);
      const shown = ok(await decline(token, '  I was not in the room  ')).declineFeedbackForm;
      expect(shown).toMatchObject({ formId: session.formIds[1], status: 'DECLINED', response: null, interviewerName: 'Interviewer 2' });
      const form = await formRow(session.formIds[1]);
      expect(form).toMatchObject({ status: 'DECLINED', decline_reason: 'I was not in the room', submitted_at: null });
      expect(form.declined_at).toBeInstanceOf(Date);
      expect(await make.outbox('feedback.declined', session.sessionId)).toEqual([
        { payload: { sessionId: session.sessionId, formId: session.formIds[1] } },
      ]);
      // still readable, and settled for good
      expect(ok(await view(token)).feedbackForm.status).toBe('DECLINED');
      const before = await snapshot(session.sessionId);
      expect(code(await decline(token, 'again'))).toBe('CONFLICT');
      expect((await submit(token, feedbackInput(role.criteria, [3, 3, 3]))).errors?.[0]).toMatchObject({
        message: 'This form was already declined',
        extensions: { code: 'CONFLICT' },
      });
      expect(await snapshot(session.sessionId)).toEqual(before);
    });

    it('requires a reason of bounded length', async () => {
      const session = await make.session(orgId, role.roleId);
      const before = await snapshot(session.sessionId);
      for (const reason of ['   ', 'r'.repeat(1_001)]) {
        const result = await decline(make.token(session.formIds[0]), reason);
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
      }
      expect(await snapshot(session.sessionId)).toEqual(before);
      // 1,000 characters is the limit itself
      expect(ok(await decline(make.token(session.formIds[0]), 'r'.repeat(1_000))).declineFeedbackForm.status).toBe('DECLINED');
    });
  });
});
