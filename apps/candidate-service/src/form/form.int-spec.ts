import { randomUUID } from 'node:crypto';

import { FeedbackFactory, feedbackInput, type RoleFixture } from '../../test/feedback-factories';
import { type Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { FormResolver } from './form.resolver';

const FORM_FIELDS = `id status sentAt openedAt submittedAt expiresAt remindersSent lastError
  interviewer { id name }
  response { id overallFit strengths gaps nextSteps candidateMessage privateNote submittedAt interviewer { id name }
             ratings { criterion { id label weight } rating note } }`;
const RESEND = `mutation($formId: ID!) { resendFeedbackForm(formId: $formId) { ${FORM_FIELDS} } }`;
const SESSION_FORMS = `query($id: ID!) { session(id: $id) { id forms { ${FORM_FIELDS} } } }`;
const VIEW = `query($token: String!) { feedbackForm(token: $token) { status expiresAt response { ratings { criterion { label } rating note } } } }`;
const SUBMIT = `mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { status } }`;

interface Form {
  id: string;
  status: string;
  expiresAt: string | null;
  remindersSent: number;
  lastError: string | null;
  interviewer: { id: string; name: string };
  response: {
    overallFit: string;
    privateNote: string | null;
    interviewer: { id: string; name: string };
    ratings: { criterion: { id: string; label: string; weight: number }; rating: number | null; note: string | null }[];
  } | null;
}

interface FormRow {
  status: string;
  link_version: number;
  expires_at: Date | null;
  reminders_sent: number;
  last_error: string | null;
}

describe(FormResolver.name, () => {
  let h: SubgraphHarness;
  let gql: Gql;
  let other: Gql;
  let anon: Gql;
  let make: FeedbackFactory;
  let acme: string;
  let role: RoleFixture;

  const DEADLINE_HOURS = 5;

  beforeAll(async () => {
    h = await SubgraphHarness.start({ CLOSER_HOUR_MS: '60000' });
    gql = h.recruiter('acme');
    other = h.recruiter('globex');
    anon = h.anonymous();
    make = FeedbackFactory.for(h);
    ok(await gql('{ me { id } }'));
    ok(await other('{ me { id } }'));
    acme = await make.organization({ slug: 'acme', feedbackDeadlineHours: DEADLINE_HOURS });
    role = await make.role(acme, {
      criteria: [
        { label: 'Kotlin', weight: 4 },
        { label: 'Testing', weight: 2 },
      ],
    });
  });

  afterAll(() => h.close());

  const resend = (client: Gql, formId: string) => client<{ resendFeedbackForm: Form }>(RESEND, { formId });
  const formRow = async (formId: string) =>
    (
      await h.database.query<FormRow>(
        'SELECT status, link_version, expires_at, reminders_sent, last_error FROM feedback_forms WHERE id = $1',
        [formId],
      )
    )[0];
  const code = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;

  describe('resendFeedbackForm', () => {
    it('revokes the old link, resets delivery and announces the new link version', async () => {
      const session = await make.session(acme, role.roleId);
      const formId = session.formIds[0];
      await h.database.query(`UPDATE feedback_forms SET status = 'OPENED', reminders_sent = 2 WHERE id = $1`, [formId]);
      const dueAt = (await formRow(formId)).expires_at!;

      const form = ok(await resend(gql, formId)).resendFeedbackForm;
      expect(form).toMatchObject({ id: formId, status: 'PENDING', remindersSent: 0, lastError: null, response: null });
      expect(form.interviewer).toEqual({ id: session.interviewerIds[0], name: 'Interviewer 1' });
      // the deadline still lies ahead: the new link keeps it
      expect(new Date(form.expiresAt!)).toEqual(dueAt);
      expect(await formRow(formId)).toMatchObject({ status: 'PENDING', link_version: 2, reminders_sent: 0 });
      expect(await make.outbox('form.resent', session.sessionId)).toEqual([
        { payload: { sessionId: session.sessionId, formId, linkVersion: 2 } },
      ]);

      const old = await anon(VIEW, { token: make.token(formId, 1) });
      expect(old.errors?.[0]).toMatchObject({ extensions: { code: 'GONE' }, message: 'This link was replaced by a newer one' });
      expect(ok(await anon<{ feedbackForm: { status: string } }>(VIEW, { token: make.token(formId, 2) })).feedbackForm.status).toBe(
        'OPENED',
      );

      ok(await resend(gql, formId));
      expect((await formRow(formId)).link_version).toBe(3);
      expect(code(await anon(VIEW, { token: make.token(formId, 2) }))).toBe('GONE');
    });

    it('brings an expired or failed form back with a full deadline from now', async () => {
      const session = await make.session(acme, role.roleId, { expiresAt: new Date(Date.now() - 60_000) });
      await h.database.query(`UPDATE feedback_forms SET status = 'EXPIRED' WHERE id = $1`, [session.formIds[0]]);
      await h.database.query(`UPDATE feedback_forms SET status = 'FAILED', last_error = '550 mailbox unavailable' WHERE id = $1`, [
        session.formIds[1],
      ]);
      for (const formId of session.formIds) {
        const before = Date.now();
        const form = ok(await resend(gql, formId)).resendFeedbackForm;
        expect(form).toMatchObject({ status: 'PENDING', lastError: null });
        const expiresAt = new Date(form.expiresAt!).getTime();
        expect(expiresAt).toBeGreaterThanOrEqual(before + DEADLINE_HOURS * 60_000 - 1_000);
        expect(expiresAt).toBeLessThanOrEqual(Date.now() + DEADLINE_HOURS * 60_000 + 1_000);
      }
      // and the re-sent links can be answered
      for (const formId of session.formIds)
        ok(await anon(SUBMIT, { token: make.token(formId, 2), input: feedbackInput(role.criteria, [3, 3]) }));
    });

    it('answers CONFLICT for an answered form or a session that has not ended, changing nothing', async () => {
      const session = await make.session(acme, role.roleId, { panel: 3 });
      ok(await anon(SUBMIT, { token: make.token(session.formIds[0]), input: feedbackInput(role.criteria, [4, 3]) }));
      await h.database.query(`UPDATE feedback_forms SET status = 'DECLINED', declined_at = now(), decline_reason = 'away' WHERE id = $1`, [
        session.formIds[1],
      ]);
      const scheduled = await make.session(acme, role.roleId, { status: 'SCHEDULED' });
      const cancelled = await make.session(acme, role.roleId, { status: 'CANCELLED' });
      const formIds = [session.formIds[0], session.formIds[1], scheduled.formIds[0], cancelled.formIds[0]];
      const before = await Promise.all(formIds.map(formRow));
      const events = await h.database.query('SELECT count(*)::int AS n FROM outbox_events');
      for (const formId of formIds) expect(code(await resend(gql, formId))).toBe('CONFLICT');
      expect(await Promise.all(formIds.map(formRow))).toEqual(before);
      expect(await h.database.query('SELECT count(*)::int AS n FROM outbox_events')).toEqual(events);
    });

    it('answers CONFLICT once the answer is composed: a late response would count nowhere', async () => {
      // one response is enough here: the answer is composed, not withheld for too few (that one reopens)
      const [saved] = await h.database.query<{ previous: number }>(
        `UPDATE organizations o SET min_responses_for_answer = 1 FROM organizations old
          WHERE o.slug = 'acme' AND old.id = o.id RETURNING old.min_responses_for_answer AS previous`,
      );
      const session = await make.session(acme, role.roleId, { panel: 2 });
      await h.database.query(`UPDATE feedback_forms SET status = 'EXPIRED' WHERE id = $1`, [session.formIds[1]]);
      ok(await anon(SUBMIT, { token: make.token(session.formIds[0]), input: feedbackInput(role.criteria, [3, 3]) }));
      await h.database.query(`UPDATE organizations SET min_responses_for_answer = $1 WHERE slug = 'acme'`, [saved.previous]);
      const [answer] = await h.database.query<{ status: string }>('SELECT status FROM candidate_answers WHERE session_id = $1', [
        session.sessionId,
      ]);
      expect(['AWAITING_REVIEW', 'RELEASED']).toContain(answer.status);
      const before = await formRow(session.formIds[1]);
      expect(code(await resend(gql, session.formIds[1]))).toBe('CONFLICT');
      expect(await formRow(session.formIds[1])).toEqual(before);
    });

    it("answers NOT_FOUND for another organization's form, unknown and malformed ids", async () => {
      const session = await make.session(acme, role.roleId);
      const before = await formRow(session.formIds[0]);
      for (const [client, formId] of [
        [other, session.formIds[0]],
        [gql, randomUUID()],
        [gql, 'not-an-id'],
      ] as const) {
        expect((await resend(client, formId)).errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      }
      expect(await formRow(session.formIds[0])).toEqual(before);
    });

    it('is for recruiters only', async () => {
      const session = await make.session(acme, role.roleId);
      expect(code(await resend(anon, session.formIds[0]))).toBe('UNAUTHENTICATED');
      expect((await formRow(session.formIds[0])).link_version).toBe(1);
    });
  });

  describe('FeedbackForm and FeedbackResponse fields', () => {
    it("shows the recruiter each interviewer's form with its response and ratings", async () => {
      const session = await make.session(acme, role.roleId, { panel: 2 });
      ok(
        await anon(SUBMIT, {
          token: make.token(session.formIds[1]),
          input: feedbackInput(role.criteria, [4], {
            overallFit: 'STRONG_FIT',
            privateNote: 'hire',
            ratings: [
              { criterionId: role.criteria[1].id, rating: 2, note: 'few tests' },
              { criterionId: role.criteria[0].id, rating: 4 },
            ],
          }),
        }),
      );
      const { session: shown } = ok(await gql<{ session: { forms: Form[] } }>(SESSION_FORMS, { id: session.sessionId }));
      expect(shown.forms.map((form) => [form.id, form.status, form.interviewer.name])).toEqual([
        [session.formIds[0], 'SENT', 'Interviewer 1'],
        [session.formIds[1], 'SUBMITTED', 'Interviewer 2'],
      ]);
      expect(shown.forms[0].response).toBeNull();
      expect(shown.forms[1].response).toMatchObject({
        overallFit: 'STRONG_FIT',
        privateNote: 'hire',
        interviewer: { id: session.interviewerIds[1], name: 'Interviewer 2' },
        ratings: [
          { criterion: { id: role.criteria[0].id, label: 'Kotlin', weight: 4 }, rating: 4, note: null },
          { criterion: { id: role.criteria[1].id, label: 'Testing', weight: 2 }, rating: 2, note: 'few tests' },
        ],
      });
      // another organization sees nothing of it
      const hidden = await other<{ session: unknown }>(SESSION_FORMS, { id: session.sessionId });
      expect(hidden.data?.session ?? null).toBeNull();
    });

    it("keeps a response's ratings of criteria retired since, in the profile's order", async () => {
      const local = await make.role(acme, {
        criteria: [
          { label: 'Scala', weight: 3 },
          { label: 'Spark', weight: 3 },
        ],
      });
      const session = await make.session(acme, local.roleId, { panel: 1 });
      ok(await anon(SUBMIT, { token: make.token(session.formIds[0]), input: feedbackInput(local.criteria, [3, 2]) }));
      await h.database.query('UPDATE criteria SET retired_at = now() WHERE id = $1', [local.criteria[0].id]);
      const view = ok(
        await anon<{ feedbackForm: { response: { ratings: { criterion: { label: string }; rating: number }[] } } }>(VIEW, {
          token: make.token(session.formIds[0]),
        }),
      ).feedbackForm;
      expect(view.response.ratings).toEqual([
        { criterion: { label: 'Scala' }, rating: 3, note: null },
        { criterion: { label: 'Spark' }, rating: 2, note: null },
      ]);
    });
  });
});
