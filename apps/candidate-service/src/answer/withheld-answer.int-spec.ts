import { composeSessionAnswer } from '@closer/database';

import { Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';

const HOUR_MS = 1000;

const NEEDS_ATTENTION = `query { sessions(filter: { answerStatus: WITHHELD }) {
  totalCount nodes { id answer { id status withheldReason responsesCount candidateNotifiedAt } } } }`;
const ADD = `mutation($s: ID!, $i: ID!) { addSessionInterviewer(sessionId: $s, interviewerId: $i) {
  id feedbackDueAt forms { id status expiresAt interviewer { id } } answer { status withheldReason } } }`;
const RELEASE = `mutation($id: ID!, $message: String) { releaseCandidateAnswer(id: $id, message: $message) { id status message fitBand responsesCount } }`;
const NOTIFY = `mutation($id: ID!) { notifyCandidateNoAnswer(id: $id) { id status candidateNotifiedAt } }`;

type Result = { errors?: { extensions: { code: string } }[] };
const codeOf = (result: Result) => result.errors?.[0]?.extensions.code;

/** Withheld answers: listed with their reason, and every way out of them (Needs attention). */
describe('withheld answers', () => {
  let h: SubgraphHarness;
  let acme: Gql;
  let org: string;

  beforeAll(async () => {
    h = await SubgraphHarness.start({ CLOSER_HOUR_MS: String(HOUR_MS) });
    acme = h.recruiter('acme');
    ok(await acme('{ me { id } }'));
    org = (await h.database.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'acme'`))[0].id;
    await h.database.query('UPDATE organizations SET min_responses_for_answer = 2, feedback_deadline_hours = 48 WHERE id = $1', [org]);
  });

  afterAll(async () => {
    await h.close();
  });

  /**
   * A completed session of `panel` interviewers (plus one spare, not on it) where `answered` of
   * them submitted and the rest let their forms expire; its answer composed by the real rules.
   */
  async function withheldSession(panel: number, answered: number) {
    const [refs] = await h.database.query<{ candidate: string; role: string; interviewers: string[] }>(
      `WITH c AS (INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Casey', gen_random_uuid() || '@example.test') RETURNING id),
            r AS (INSERT INTO roles (organization_id, title, next_steps) VALUES ($1, 'Backend engineer', 'We will call') RETURNING id),
            k AS (INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) SELECT $1, r.id, 'SQL', 'SKILL', 3, 0 FROM r),
            i AS (INSERT INTO interviewers (organization_id, name, email)
                  SELECT $1, 'Interviewer ' || n, gen_random_uuid() || '@example.test' FROM generate_series(1, $2::int) n RETURNING id, name)
       SELECT (SELECT id FROM c) AS candidate, (SELECT id FROM r) AS role,
              (SELECT array_agg(id ORDER BY split_part(name, ' ', 2)::int) FROM i) AS interviewers`,
      [org, panel + 1],
    );
    const spare = refs.interviewers[panel];
    const session = ok(
      await acme<{ scheduleSession: { id: string; forms: { id: string }[] } }>(
        `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id forms { id } } }`,
        {
          input: {
            candidateId: refs.candidate,
            roleId: refs.role,
            interviewerIds: refs.interviewers.slice(0, panel),
            title: 'Panel',
            startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
            endsAt: new Date(Date.now() - 3_600_000).toISOString(),
          },
        },
      ),
    ).scheduleSession;
    ok(await acme(`mutation($id: ID!) { completeSession(id: $id) { id } }`, { id: session.id }));
    for (const [index, form] of session.forms.entries()) {
      if (index < answered) {
        await h.database.query(`UPDATE feedback_forms SET status = 'SUBMITTED', sent_at = now(), submitted_at = now() WHERE id = $1`, [
          form.id,
        ]);
        await h.database.query(
          `INSERT INTO feedback_responses (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, candidate_message, submitted_at)
           SELECT organization_id, id, session_id, interviewer_id, 3, 'Clear SQL', 'Little on ops', 'Thank you for the good talk', now()
             FROM feedback_forms WHERE id = $1`,
          [form.id],
        );
      } else {
        await h.database.query(`UPDATE feedback_forms SET status = 'EXPIRED', sent_at = now() WHERE id = $1`, [form.id]);
      }
    }
    await composeSessionAnswer(h.dataSource.manager, { sessionId: session.id });
    const [answer] = await h.database.query<{ id: string; status: string }>(
      'SELECT id, status FROM candidate_answers WHERE session_id = $1',
      [session.id],
    );
    return { sessionId: session.id, answerId: answer.id, status: answer.status, spare, panel: refs.interviewers.slice(0, panel) };
  }

  const answerRow = async (id: string) =>
    (
      await h.database.query<Record<string, unknown>>(
        'SELECT status, withheld_reason, fit_band, message, released_at IS NOT NULL AS released, candidate_notified_at IS NOT NULL AS notified FROM candidate_answers WHERE id = $1',
        [id],
      )
    )[0];
  const events = (type: string, sessionId: string) =>
    h.database.query(`SELECT payload FROM outbox_events WHERE type = $1 AND payload->>'sessionId' = $2`, [type, sessionId]);

  it('lists a withheld answer with its reason, and only withheld ones', async () => {
    const withheld = await withheldSession(3, 1);
    const composed = await withheldSession(2, 2);
    expect([withheld.status, composed.status]).toEqual(['WITHHELD', 'RELEASED']);

    const listed = ok(
      await acme<{ sessions: { totalCount: number; nodes: { id: string; answer: Record<string, unknown> }[] } }>(NEEDS_ATTENTION),
    ).sessions;

    const mine = listed.nodes.find((node) => node.id === withheld.sessionId);
    expect(mine?.answer).toEqual({
      id: withheld.answerId,
      status: 'WITHHELD',
      withheldReason: 'not enough feedback: 1 of 2 required responses',
      responsesCount: 1,
      candidateNotifiedAt: null,
    });
    expect(listed.nodes.map((node) => node.id)).not.toContain(composed.sessionId);
    expect(listed.nodes.every((node) => node.answer.status === 'WITHHELD')).toBe(true);
  });

  it('adding an interviewer sends them a form and reopens the answer, with a deadline that gives them time', async () => {
    const s = await withheldSession(2, 1);
    const added = ok(
      await acme<{
        addSessionInterviewer: {
          feedbackDueAt: string;
          forms: { id: string; status: string; expiresAt: string; interviewer: { id: string } }[];
          answer: { status: string; withheldReason: string | null };
        };
      }>(ADD, { s: s.sessionId, i: s.spare }),
    ).addSessionInterviewer;

    const form = added.forms.find((f) => f.interviewer.id === s.spare)!;
    expect(form.status).toBe('PENDING');
    // a full deadline (48 "hours" of 1 s) from now, and the session waits for it
    expect(Date.parse(form.expiresAt) - Date.now()).toBeGreaterThan(40 * HOUR_MS);
    expect(Date.parse(added.feedbackDueAt)).toBeGreaterThanOrEqual(Date.parse(form.expiresAt));
    expect(added.answer).toEqual({ status: 'WAITING_FOR_FEEDBACK', withheldReason: null });
    expect(await events('session.interviewer-added', s.sessionId)).toEqual([{ payload: { sessionId: s.sessionId, formId: form.id } }]);
    // the sweeper's test: a waiting answer is due when its deadline passed or every form settled; neither holds
    const [due] = await h.database.query<{ due: boolean }>(
      `SELECT s.feedback_due_at <= now() OR NOT EXISTS (SELECT 1 FROM feedback_forms f WHERE f.session_id = s.id AND f.status IN ('PENDING', 'SENT', 'OPENED')) AS due
         FROM interview_sessions s WHERE s.id = $1`,
      [s.sessionId],
    );
    expect(due.due).toBe(false);

    // the same interviewer twice, or one already on the panel: refused, nothing added
    for (const interviewer of [s.spare, s.panel[0]]) {
      expect(codeOf(await acme(ADD, { s: s.sessionId, i: interviewer }))).toBe('CONFLICT');
    }
    expect(await events('session.interviewer-added', s.sessionId)).toHaveLength(1);
    const [{ forms }] = await h.database.query<{ forms: number }>(
      'SELECT count(*)::int AS forms FROM feedback_forms WHERE session_id = $1',
      [s.sessionId],
    );
    expect(forms).toBe(3);
  });

  it('refuses to add an interviewer once the answer was composed, and changes nothing', async () => {
    const s = await withheldSession(2, 2);
    expect(codeOf(await acme(ADD, { s: s.sessionId, i: s.spare }))).toBe('CONFLICT');
    expect(await answerRow(s.answerId)).toMatchObject({ status: 'RELEASED' });
    expect(await events('session.interviewer-added', s.sessionId)).toEqual([]);
  });

  it('a re-sent form reopens a withheld answer too', async () => {
    const s = await withheldSession(2, 1);
    const [expired] = await h.database.query<{ id: string }>(`SELECT id FROM feedback_forms WHERE session_id = $1 AND status = 'EXPIRED'`, [
      s.sessionId,
    ]);
    ok(await acme(`mutation($id: ID!) { resendFeedbackForm(formId: $id) { id status } }`, { id: expired.id }));
    expect(await answerRow(s.answerId)).toMatchObject({ status: 'WAITING_FOR_FEEDBACK', withheld_reason: null });
  });

  it('releases a withheld answer by hand only with a message, composed from the responses that arrived', async () => {
    const s = await withheldSession(3, 1);
    // without a message there is nothing to release: refused, unchanged
    expect(codeOf(await acme(RELEASE, { id: s.answerId, message: null }))).toBe('CONFLICT');
    expect(await answerRow(s.answerId)).toMatchObject({ status: 'WITHHELD', released: false });

    const released = ok(
      await acme<{ releaseCandidateAnswer: Record<string, unknown> }>(RELEASE, {
        id: s.answerId,
        message: 'Only one interviewer could answer; here is what they saw.',
      }),
    ).releaseCandidateAnswer;

    expect(released).toEqual({
      id: s.answerId,
      status: 'RELEASED',
      message: 'Only one interviewer could answer; here is what they saw.',
      fitBand: 'GOOD_FIT',
      responsesCount: 1,
    });
    expect(await events('answer.released', s.sessionId)).toHaveLength(1);
    // released once: a second release is a conflict and announces nothing more
    expect(codeOf(await acme(RELEASE, { id: s.answerId, message: 'again' }))).toBe('CONFLICT');
    expect(await events('answer.released', s.sessionId)).toHaveLength(1);
  });

  it('refuses to release by hand when nobody answered', async () => {
    const s = await withheldSession(2, 0);
    expect(codeOf(await acme(RELEASE, { id: s.answerId, message: 'Hello' }))).toBe('CONFLICT');
    expect(await answerRow(s.answerId)).toMatchObject({ status: 'WITHHELD', released: false, message: null });
    expect(await events('answer.released', s.sessionId)).toEqual([]);
  });

  it('tells the candidate once that not enough feedback could be gathered', async () => {
    const s = await withheldSession(2, 0);
    const first = ok(await acme<{ notifyCandidateNoAnswer: { candidateNotifiedAt: string | null } }>(NOTIFY, { id: s.answerId }));
    const again = ok(await acme<{ notifyCandidateNoAnswer: { candidateNotifiedAt: string | null } }>(NOTIFY, { id: s.answerId }));

    expect(first.notifyCandidateNoAnswer.candidateNotifiedAt).not.toBeNull();
    expect(again).toEqual(first);
    expect(await events('answer.candidate-told-no-answer', s.sessionId)).toEqual([
      { payload: { sessionId: s.sessionId, answerId: s.answerId } },
    ]);
    // an answer that is not withheld has no such note
    const composed = await withheldSession(2, 2);
    expect(codeOf(await acme(NOTIFY, { id: composed.answerId }))).toBe('CONFLICT');
    expect(await events('answer.candidate-told-no-answer', composed.sessionId)).toEqual([]);
  });
});
