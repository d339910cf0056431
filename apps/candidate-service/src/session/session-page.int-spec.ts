import { Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { SessionResolver } from './session.resolver';

const SCHEDULE = 'mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id forms { id } answer { id } } }';
const PAGE = `query ($id: ID!) { session(id: $id) {
  forms { id status declinedAt declineReason }
  mails { id kind status at formId }
} }`;

interface Page {
  session: {
    forms: { id: string; status: string; declinedAt: string | null; declineReason: string | null }[];
    mails: { id: string; kind: string; status: string; at: string; formId: string | null }[];
  } | null;
}

describe(`${SessionResolver.name}: what a session's page shows`, () => {
  let h: SubgraphHarness;
  let acme: Gql;
  let orgId: string;
  let otherOrgId: string;

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    acme = h.recruiter('acme');
    ok(await acme('{ me { id } }'));
    ok(await h.recruiter('globex')('{ me { id } }'));
    [{ id: orgId }] = await h.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
    [{ id: otherOrgId }] = await h.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'globex'");
  });

  afterAll(async () => {
    await h.close();
  });

  async function schedule(): Promise<{ id: string; candidateId: string; forms: { id: string }[]; answer: { id: string } }> {
    const [refs] = await h.database.query<{ candidate: string; role: string; a: string; b: string }>(
      `WITH c AS (INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Casey', gen_random_uuid() || '@example.test') RETURNING id),
            r AS (INSERT INTO roles (organization_id, title) VALUES ($1, 'Engineer') RETURNING id),
            cr AS (INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) SELECT $1, r.id, 'SQL', 'SKILL', 3, 0 FROM r),
            a AS (INSERT INTO interviewers (organization_id, name, email) VALUES ($1, 'Ada', gen_random_uuid() || '@example.test') RETURNING id),
            b AS (INSERT INTO interviewers (organization_id, name, email) VALUES ($1, 'Bob', gen_random_uuid() || '@example.test') RETURNING id)
       SELECT (SELECT id FROM c) AS candidate, (SELECT id FROM r) AS role, (SELECT id FROM a) AS a, (SELECT id FROM b) AS b`,
      [orgId],
    );
    const input = {
      candidateId: refs.candidate,
      roleId: refs.role,
      interviewerIds: [refs.a, refs.b],
      title: 'On site',
      startsAt: '2030-01-01T09:00:00Z',
      endsAt: '2030-01-01T10:00:00Z',
    };
    const session = ok(
      await acme<{ scheduleSession: { id: string; forms: { id: string }[]; answer: { id: string } } }>(SCHEDULE, { input }),
    ).scheduleSession;
    return { ...session, candidateId: refs.candidate };
  }

  const deliver = (organizationId: string, key: string, kind: string, status: 'SENT' | 'FAILED', at: string) =>
    h.database.query(
      `INSERT INTO email_deliveries (organization_id, idempotency_key, kind, recipient, message_id, status, error, created_at)
       VALUES ($1, $2, $3, 'someone@example.test', '<' || gen_random_uuid() || '@closer.test>', $4, NULL, $5)`,
      [organizationId, key, kind, status, at],
    );

  it("shows a declined form's reason to the hiring team", async () => {
    const session = await schedule();
    const [declined] = session.forms;
    await h.database.query(
      "UPDATE feedback_forms SET status = 'DECLINED', declined_at = '2030-01-01T12:00:00Z', decline_reason = 'I was off sick that day' WHERE id = $1",
      [declined.id],
    );
    const page = ok(await acme<Page>(PAGE, { id: session.id })).session!;
    expect(page.forms).toEqual([
      { id: declined.id, status: 'DECLINED', declinedAt: '2030-01-01T12:00:00.000Z', declineReason: 'I was off sick that day' },
      { id: session.forms[1].id, status: 'PENDING', declinedAt: null, declineReason: null },
    ]);
  });

  it("lists the session's mails, oldest first: invites, reminders, the escalation, the answer and the candidate's portal link", async () => {
    const session = await schedule();
    const [a, b] = session.forms.map((form) => form.id);
    await deliver(orgId, `portal-invite:${session.candidateId}:1`, 'portal-invite', 'SENT', '2030-01-01T08:00:00Z');
    await deliver(orgId, `form-invite:${a}:1`, 'form-invite', 'SENT', '2030-01-01T10:00:00Z');
    await deliver(orgId, `form-invite:${b}:1`, 'form-invite', 'FAILED', '2030-01-01T10:00:01Z');
    await deliver(orgId, `form-reminder:${a}:1:0`, 'form-reminder', 'SENT', '2030-01-02T10:00:00Z');
    await deliver(orgId, `escalation:${session.id}`, 'escalation', 'SENT', '2030-01-03T10:00:00Z');
    await deliver(orgId, `answer-ready:${session.answer.id}`, 'answer-ready', 'SENT', '2030-01-04T10:00:00Z');
    // another session's mail, and a row of another organization naming this session's form, stay out
    const other = await schedule();
    await deliver(orgId, `form-invite:${other.forms[0].id}:1`, 'form-invite', 'SENT', '2030-01-01T10:00:02Z');
    await deliver(otherOrgId, `form-invite:${a}:2`, 'form-invite', 'SENT', '2030-01-01T10:00:03Z');

    const page = ok(await acme<Page>(PAGE, { id: session.id })).session!;
    expect(page.mails.map(({ kind, status, at, formId }) => ({ kind, status, at, formId }))).toEqual([
      { kind: 'portal-invite', status: 'SENT', at: '2030-01-01T08:00:00.000Z', formId: null },
      { kind: 'form-invite', status: 'SENT', at: '2030-01-01T10:00:00.000Z', formId: a },
      { kind: 'form-invite', status: 'FAILED', at: '2030-01-01T10:00:01.000Z', formId: b },
      { kind: 'form-reminder', status: 'SENT', at: '2030-01-02T10:00:00.000Z', formId: a },
      { kind: 'escalation', status: 'SENT', at: '2030-01-03T10:00:00.000Z', formId: null },
      { kind: 'answer-ready', status: 'SENT', at: '2030-01-04T10:00:00.000Z', formId: null },
    ]);
    expect(ok(await acme<Page>(PAGE, { id: other.id })).session!.mails.map((mail) => mail.kind)).toEqual(['form-invite']);
    // another organization cannot open the page at all
    expect(ok(await h.recruiter('globex')<Page>(PAGE, { id: session.id })).session).toBeNull();
  });

  it('says what a mail was and when, never to whom, its key, link or content', async () => {
    const type = ok(await acme<{ __type: { fields: { name: string }[] } }>('{ __type(name: "MailRecord") { fields { name } } }'));
    expect(type.__type.fields.map((field) => field.name).sort()).toEqual(['at', 'formId', 'id', 'kind', 'status']);
  });
});
