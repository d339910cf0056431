import { randomUUID } from 'node:crypto';

import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

import { Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { SessionResolver } from './session.resolver';

const HOUR_MS = 1000;

const SESSION_FIELDS = `id title startsAt endsAt status completedAt feedbackDueAt fitFeedbackRequested
  candidate { id name } role { id title } interviewers { id name } forms { id status expiresAt } answer { id status fitBand profile { criterion } }`;

const SCHEDULE = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { ${SESSION_FIELDS} } }`;
const SCHEDULE_ID = `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`;
const SESSION = `query($id: ID!) { session(id: $id) { ${SESSION_FIELDS} } }`;
const COMPLETE = `mutation($id: ID!) { completeSession(id: $id) { id status completedAt feedbackDueAt forms { expiresAt } } }`;
const CANCEL = `mutation($id: ID!) { cancelSession(id: $id) { id status completedAt } }`;
const RECORD = `mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id status fitFeedbackRequested } }`;
const SESSIONS = `query($filter: SessionFilter, $first: Int, $after: String) {
  sessions(filter: $filter, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id startsAt status } }
}`;

interface SessionView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: string;
  completedAt: string | null;
  feedbackDueAt: string | null;
  fitFeedbackRequested: boolean;
  candidate: { id: string; name: string };
  role: { id: string; title: string };
  interviewers: { id: string; name: string }[];
  forms: { id: string; status: string; expiresAt: string | null }[];
  answer: { id: string; status: string; fitBand: string | null; profile: { criterion: string }[] } | null;
}

interface Page {
  sessions: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: { id: string; startsAt: string; status: string }[];
  };
}

describe(SessionResolver.name, () => {
  let h: SubgraphHarness;
  let acme: Gql;
  let globex: Gql;
  let acmeOrg: string;
  let globexOrg: string;

  // --- factories: rows straight into SQL (their own mutations are written elsewhere) ---

  async function organizationOf(gql: Gql, slug: string): Promise<string> {
    ok(await gql('{ me { id } }'));
    const [row] = await h.database.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [slug]);
    return row.id;
  }

  async function createRole(organizationId: string, title = 'Backend engineer', criteria = ['TypeScript', 'SQL']): Promise<string> {
    const [role] = await h.database.query<{ id: string }>(
      'INSERT INTO roles (organization_id, title, next_steps) VALUES ($1, $2, $3) RETURNING id',
      [organizationId, title, 'We will call you'],
    );
    for (const [position, label] of criteria.entries()) {
      await h.database.query(
        `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) VALUES ($1, $2, $3, 'SKILL', 3, $4)`,
        [organizationId, role.id, label, position],
      );
    }
    return role.id;
  }

  async function createCandidate(organizationId: string, name = 'Casey Candidate'): Promise<string> {
    const [row] = await h.database.query<{ id: string }>(
      'INSERT INTO candidates (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id',
      [organizationId, name, `${randomUUID()}@example.test`],
    );
    return row.id;
  }

  interface Setup {
    candidateId: string;
    roleId: string;
    interviewerIds: string[];
  }

  /** A candidate, a role with two criteria and a panel of `panel` interviewers, in one round trip. */
  async function setup(organizationId: string, panel = 2): Promise<Setup> {
    const [row] = await h.database.query<Setup>(
      `WITH c AS (
         INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Casey Candidate', gen_random_uuid() || '@example.test') RETURNING id
       ), r AS (
         INSERT INTO roles (organization_id, title, next_steps) VALUES ($1, 'Backend engineer', 'We will call you') RETURNING id
       ), cr AS (
         INSERT INTO criteria (organization_id, role_id, label, kind, weight, position)
         SELECT $1, r.id, l.label, 'SKILL', 3, l.n - 1 FROM r, unnest(ARRAY['TypeScript', 'SQL']) WITH ORDINALITY AS l(label, n)
       ), i AS (
         INSERT INTO interviewers (organization_id, name, email)
         SELECT $1, 'Interviewer ' || n, gen_random_uuid() || '@example.test' FROM generate_series(1, $2::int) AS n RETURNING id, name
       )
       SELECT (SELECT id FROM c) AS "candidateId", (SELECT id FROM r) AS "roleId",
              coalesce((SELECT array_agg(id ORDER BY split_part(name, ' ', 2)::int) FROM i), '{}') AS "interviewerIds"`,
      [organizationId, panel],
    );
    return row;
  }

  function input(refs: Setup, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ...refs,
      title: 'Technical interview',
      startsAt: '2030-01-10T09:00:00.000Z',
      endsAt: '2030-01-10T10:00:00.000Z',
      ...overrides,
    };
  }

  /** A session that started an hour ago and ends in an hour: one that can be completed. */
  const started = () => ({
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  });

  async function schedule(gql: Gql, refs: Setup, overrides: Record<string, unknown> = {}): Promise<SessionView> {
    return ok(await gql<{ scheduleSession: SessionView }>(SCHEDULE, { input: input(refs, overrides) })).scheduleSession;
  }

  /** Every row a schedule writes, so a refused request can be shown to have written nothing. */
  async function footprint(): Promise<Record<string, number>> {
    const [row] = await h.database.query<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM interview_sessions) AS sessions,
      (SELECT count(*)::int FROM feedback_forms) AS forms,
      (SELECT count(*)::int FROM candidate_answers) AS answers,
      (SELECT count(*)::int FROM fit_feedback_requests) AS requests,
      (SELECT count(*)::int FROM outbox_events) AS outbox`);
    return row;
  }

  async function events(type: string, sessionId: string): Promise<{ payload: Record<string, unknown>; organization_id: string }[]> {
    return h.database.query(`SELECT payload, organization_id FROM outbox_events WHERE type = $1 AND payload->>'sessionId' = $2`, [
      type,
      sessionId,
    ]);
  }

  function codeOf(result: { errors?: { extensions: { code: string } }[] }): string | undefined {
    return result.errors?.[0]?.extensions.code;
  }

  function fieldsOf(result: { errors?: { extensions: { fields?: { field: string }[] } }[] }): string[] {
    return (result.errors?.[0]?.extensions.fields ?? []).map((f) => f.field).sort();
  }

  beforeAll(async () => {
    h = await SubgraphHarness.start({ CLOSER_HOUR_MS: String(HOUR_MS) });
    acme = h.recruiter('acme');
    globex = h.recruiter('globex');
    acmeOrg = await organizationOf(acme, 'acme');
    globexOrg = await organizationOf(globex, 'globex');
  });

  afterAll(async () => {
    await h.close();
  });

  describe('scheduleSession', () => {
    it('writes the session, one PENDING form per interviewer, a waiting answer and the SessionScheduled event in one transaction', async () => {
      const refs = await setup(acmeOrg, 3);
      await h.database.query('UPDATE candidates SET portal_link_version = 3 WHERE id = $1', [refs.candidateId]);

      const session = await schedule(acme, refs);

      expect(session).toMatchObject({
        title: 'Technical interview',
        startsAt: '2030-01-10T09:00:00.000Z',
        endsAt: '2030-01-10T10:00:00.000Z',
        status: 'SCHEDULED',
        completedAt: null,
        feedbackDueAt: null,
        fitFeedbackRequested: false,
        candidate: { id: refs.candidateId, name: 'Casey Candidate' },
        role: { id: refs.roleId, title: 'Backend engineer' },
        answer: { status: 'WAITING_FOR_FEEDBACK', fitBand: null, profile: [] },
      });
      // the panel keeps the order it was given in
      expect(session.interviewers.map((i) => i.id)).toEqual(refs.interviewerIds);
      expect(session.forms.map((f) => f.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);

      const [row] = await h.database.query<{ xmin: string; scheduled_by: string; user_id: string; organization_id: string }>(
        `SELECT s.xmin::text, s.scheduled_by, s.organization_id,
                (SELECT u.id FROM users u WHERE u.organization_id = s.organization_id AND u.subject = 'recruiter-of-acme') AS user_id
           FROM interview_sessions s WHERE s.id = $1`,
        [session.id],
      );
      expect(row.scheduled_by).toBe(row.user_id);
      expect(row.organization_id).toBe(acmeOrg);
      const forms = await h.database.query<{
        xmin: string;
        interviewer_id: string;
        status: string;
        link_version: number;
        organization_id: string;
      }>(
        'SELECT xmin::text, interviewer_id, status, link_version, organization_id FROM feedback_forms WHERE session_id = $1 ORDER BY created_at, id',
        [session.id],
      );
      expect(forms.map((f) => f.interviewer_id)).toEqual(refs.interviewerIds);
      expect(forms.every((f) => f.status === 'PENDING' && f.link_version === 1 && f.organization_id === acmeOrg)).toBe(true);
      const answers = await h.database.query<{ xmin: string; status: string }>(
        'SELECT xmin::text, status FROM candidate_answers WHERE session_id = $1',
        [session.id],
      );
      expect(answers).toEqual([{ xmin: row.xmin, status: 'WAITING_FOR_FEEDBACK' }]);
      const outbox = await h.database.query<{ xmin: string; payload: unknown; organization_id: string }>(
        `SELECT xmin::text, payload, organization_id FROM outbox_events WHERE type = 'session.scheduled' AND payload->>'sessionId' = $1`,
        [session.id],
      );
      expect(outbox).toEqual([
        { xmin: row.xmin, organization_id: acmeOrg, payload: { sessionId: session.id, candidateId: refs.candidateId, linkVersion: 3 } },
      ]);
      // rows written by one transaction carry its id
      expect(new Set(forms.map((f) => f.xmin))).toEqual(new Set([row.xmin]));
    });

    it('names every invalid field at once and changes nothing', async () => {
      const refs = await setup(acmeOrg);
      const before = await footprint();

      const result = await acme(SCHEDULE, {
        input: input(refs, { title: '   ', endsAt: '2030-01-10T08:00:00.000Z', interviewerIds: [] }),
      });

      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual(['input.endsAt', 'input.interviewerIds', 'input.title']);
      expect(await footprint()).toEqual(before);
    });

    it.each([
      ['an empty title', { title: '' }, 'input.title'],
      ['a title over the limit', { title: 'x'.repeat(201) }, 'input.title'],
      ['a title with control characters', { title: 'Tech\u0000nical' }, 'input.title'],
      ['an end before the start', { endsAt: '2030-01-10T08:59:59.000Z' }, 'input.endsAt'],
      ['an end equal to the start', { endsAt: '2030-01-10T09:00:00.000Z' }, 'input.endsAt'],
      ['a session longer than 24 hours', { endsAt: '2030-01-11T09:00:00.001Z' }, 'input.endsAt'],
    ])('refuses %s with BAD_USER_INPUT on the field', async (_case, overrides, field) => {
      const refs = await setup(acmeOrg);
      const before = await footprint();

      const result = await acme(SCHEDULE, { input: input(refs, overrides) });

      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual([field]);
      expect(await footprint()).toEqual(before);
    });

    it('accepts a session of exactly 24 hours', async () => {
      const session = await schedule(acme, await setup(acmeOrg), { endsAt: '2030-01-11T09:00:00.000Z' });
      expect(session.endsAt).toBe('2030-01-11T09:00:00.000Z');
    });

    it('refuses an empty panel and one of more than 20 interviewers', async () => {
      const refs = await setup(acmeOrg, 21);
      const before = await footprint();

      const empty = await acme(SCHEDULE, { input: input(refs, { interviewerIds: [] }) });
      const tooMany = await acme(SCHEDULE, { input: input(refs) });

      expect([codeOf(empty), codeOf(tooMany)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(fieldsOf(empty)).toEqual(['input.interviewerIds']);
      expect(fieldsOf(tooMany)).toEqual(['input.interviewerIds']);
      expect(await footprint()).toEqual(before);
      // twenty is fine
      const session = await schedule(acme, { ...refs, interviewerIds: refs.interviewerIds.slice(0, 20) });
      expect(session.forms).toHaveLength(20);
    });

    it('refuses the same interviewer twice, however the id is cased, naming the repeat', async () => {
      const refs = await setup(acmeOrg, 2);
      const [a, b] = refs.interviewerIds;
      const before = await footprint();

      const result = await acme(SCHEDULE, { input: input(refs, { interviewerIds: [a, b, a.toUpperCase()] }) });

      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual(['input.interviewerIds.2']);
      expect(await footprint()).toEqual(before);
    });

    it('refuses a role without current criteria', async () => {
      const refs = await setup(acmeOrg);
      await h.database.query('UPDATE criteria SET retired_at = now() WHERE role_id = $1', [refs.roleId]);
      const before = await footprint();

      const result = await acme(SCHEDULE, { input: input(refs) });

      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual(['input.roleId']);
      expect(await footprint()).toEqual(before);
    });

    it('refuses an erased candidate with CONFLICT', async () => {
      const refs = await setup(acmeOrg);
      await h.database.query('UPDATE candidates SET erased_at = now() WHERE id = $1', [refs.candidateId]);
      const before = await footprint();

      const result = await acme(SCHEDULE, { input: input(refs) });

      expect(codeOf(result)).toBe('CONFLICT');
      expect(await footprint()).toEqual(before);
    });

    it("answers NOT_FOUND, naming the field, for another organization's candidate, role or interviewer and for unknown or malformed ids", async () => {
      const mine = await setup(acmeOrg, 2);
      const theirs = await setup(globexOrg, 1);
      const before = await footprint();
      const cases: [Record<string, unknown>, string][] = [
        [{ candidateId: theirs.candidateId }, 'input.candidateId'],
        [{ roleId: theirs.roleId }, 'input.roleId'],
        [{ interviewerIds: [mine.interviewerIds[0], theirs.interviewerIds[0]] }, 'input.interviewerIds.1'],
        [{ candidateId: randomUUID() }, 'input.candidateId'],
        [{ roleId: randomUUID() }, 'input.roleId'],
        [{ interviewerIds: [randomUUID()] }, 'input.interviewerIds.0'],
        [{ candidateId: 'not-an-id' }, 'input.candidateId'],
        [{ roleId: '42' }, 'input.roleId'],
        [{ interviewerIds: [mine.interviewerIds[0], 'nope'] }, 'input.interviewerIds.1'],
      ];

      for (const [overrides, field] of cases) {
        const result = await acme(SCHEDULE, { input: input(mine, overrides) });
        expect({ field, code: codeOf(result), fields: fieldsOf(result) }).toEqual({ field, code: 'NOT_FOUND', fields: [field] });
      }
      expect(await footprint()).toEqual(before);
    });

    it('is for recruiters only', async () => {
      const result = await h.anonymous()(SCHEDULE, { input: input(await setup(acmeOrg)) });
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
    });
  });

  describe('session', () => {
    it("returns the caller's session and null for another organization's, an unknown or a malformed id", async () => {
      const session = await schedule(acme, await setup(acmeOrg));

      expect(ok(await acme<{ session: SessionView }>(SESSION, { id: session.id })).session).toEqual(session);
      expect(ok(await globex(SESSION, { id: session.id })).session).toBeNull();
      expect(ok(await acme(SESSION, { id: randomUUID() })).session).toBeNull();
      expect(ok(await acme(SESSION, { id: 'not-a-uuid' })).session).toBeNull();
    });

    it('another organization cannot complete, cancel or record a request for it, and nothing changes', async () => {
      const session = await schedule(acme, await setup(acmeOrg));
      const before = await footprint();

      for (const mutation of [COMPLETE, CANCEL, RECORD]) {
        expect(codeOf(await globex(mutation, { id: session.id }))).toBe('NOT_FOUND');
        expect(codeOf(await acme(mutation, { id: randomUUID() }))).toBe('NOT_FOUND');
        expect(codeOf(await acme(mutation, { id: 'garbage' }))).toBe('NOT_FOUND');
      }
      expect(await footprint()).toEqual(before);
      expect(ok(await acme<{ session: SessionView }>(SESSION, { id: session.id })).session.status).toBe('SCHEDULED');
    });
  });

  describe('sessions', () => {
    let org: string;
    let gql: Gql;
    let expected: string[];
    let refs: Setup;
    let otherRole: string;
    let otherCandidate: string;

    beforeAll(async () => {
      gql = h.recruiter('initech');
      org = await organizationOf(gql, 'initech');
      refs = await setup(org, 1);
      otherRole = await createRole(org, 'Designer', ['Figma']);
      otherCandidate = await createCandidate(org, 'Other');
      // 25 sessions; several share a start time, so the id must break ties
      await Promise.all(
        Array.from({ length: 25 }, async (_, i) => {
          const startsAt = new Date(Date.UTC(2030, 0, 1 + Math.floor(i / 3), 9)).toISOString();
          const endsAt = new Date(Date.parse(startsAt) + 3_600_000).toISOString();
          const roleId = i % 5 === 0 ? otherRole : refs.roleId;
          const candidateId = i % 2 ? otherCandidate : refs.candidateId;
          ok(await gql(SCHEDULE_ID, { input: input({ ...refs, roleId, candidateId }, { startsAt, endsAt }) }));
        }),
      );
      expected = (
        await h.database.query<{ id: string }>(
          'SELECT id FROM interview_sessions WHERE organization_id = $1 ORDER BY starts_at DESC, id DESC',
          [org],
        )
      ).map((row) => row.id);
    });

    async function page(variables: Record<string, unknown>, client = gql): Promise<Page['sessions']> {
      return ok(await client<Page>(SESSIONS, variables)).sessions;
    }

    it('pages through every session newest first, without duplicates or gaps, across equal start times', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      const pages: Page['sessions'][] = [];
      do {
        const current = await page({ first: 10, after });
        pages.push(current);
        seen.push(...current.nodes.map((node) => node.id));
        after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
      } while (after);

      expect(pages.map((p) => p.nodes.length)).toEqual([10, 10, 5]);
      expect(pages.map((p) => p.totalCount)).toEqual([25, 25, 25]);
      expect(pages[2].pageInfo.hasNextPage).toBe(false);
      expect(seen).toEqual(expected);
    });

    it('returns an empty page for first: 0 that still says whether there is more', async () => {
      const result = await page({ first: 0 });
      expect(result).toEqual({ totalCount: 25, nodes: [], pageInfo: { endCursor: null, hasNextPage: true } });
    });

    it('refuses a page size out of range and a cursor that is not one', async () => {
      for (const first of [-1, 201]) {
        const result = await gql(SESSIONS, { first });
        expect([codeOf(result), fieldsOf(result)]).toEqual(['BAD_USER_INPUT', ['first']]);
      }
      const forged = Buffer.from(JSON.stringify(['2030-01-01T00:00:00.000Z', '-'.repeat(36)])).toString('base64url');
      for (const after of ['garbage', forged]) {
        const result = await gql(SESSIONS, { after });
        expect([codeOf(result), fieldsOf(result)]).toEqual(['BAD_USER_INPUT', ['after']]);
      }
    });

    it('filters by role, candidate and status, with a matching totalCount', async () => {
      const byRole = await page({ filter: { roleId: otherRole } });
      expect(byRole.totalCount).toBe(5);

      const [roleRows, candidateRows] = await Promise.all([
        h.database.query<{ id: string }>('SELECT id FROM interview_sessions WHERE role_id = $1 ORDER BY starts_at DESC, id DESC', [
          otherRole,
        ]),
        h.database.query<{ id: string }>('SELECT id FROM interview_sessions WHERE candidate_id = $1 ORDER BY starts_at DESC, id DESC', [
          otherCandidate,
        ]),
      ]);
      expect(byRole.nodes.map((n) => n.id)).toEqual(roleRows.map((r) => r.id));

      const byCandidate = await page({ filter: { candidateId: otherCandidate }, first: 5 });
      expect(byCandidate.totalCount).toBe(12);
      expect(byCandidate.nodes.map((n) => n.id)).toEqual(candidateRows.slice(0, 5).map((r) => r.id));
      const rest = await page({ filter: { candidateId: otherCandidate }, first: 50, after: byCandidate.pageInfo.endCursor });
      expect(rest.nodes.map((n) => n.id)).toEqual(candidateRows.slice(5).map((r) => r.id));

      await gql(CANCEL, { id: roleRows[0].id });
      const cancelled = await page({ filter: { status: 'CANCELLED' } });
      expect(cancelled).toMatchObject({ totalCount: 1, nodes: [{ id: roleRows[0].id, status: 'CANCELLED' }] });
      const scheduledOfRole = await page({ filter: { status: 'SCHEDULED', roleId: otherRole } });
      expect(scheduledOfRole.totalCount).toBe(4);
      expect(scheduledOfRole.nodes.map((n) => n.id)).toEqual(roleRows.slice(1).map((r) => r.id));
      const none = await page({ filter: { status: 'COMPLETED' } });
      expect(none).toEqual({ totalCount: 0, nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
    });

    it('answers an empty page, not an error, for malformed or foreign filter ids', async () => {
      const empty = { totalCount: 0, nodes: [], pageInfo: { endCursor: null, hasNextPage: false } };
      expect(await page({ filter: { roleId: 'not-an-id' } })).toEqual(empty);
      expect(await page({ filter: { candidateId: '123' } })).toEqual(empty);
      expect(await page({ filter: { roleId: refs.roleId } }, acme)).toEqual(empty);
    });

    it("shows nothing of one organization's sessions to another", async () => {
      const theirs = await page({ first: 200 }, globex);
      const ids = new Set(expected);
      expect(theirs.nodes.some((n) => ids.has(n.id))).toBe(false);
      const [row] = await h.database.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM interview_sessions WHERE organization_id = $1',
        [globexOrg],
      );
      expect(theirs.totalCount).toBe(row.count);
    });
  });

  describe('completeSession', () => {
    it('sets completedAt, feedbackDueAt = completedAt + deadline hours × CLOSER_HOUR_MS on the session and its forms, and writes one event', async () => {
      await h.database.query('UPDATE organizations SET feedback_deadline_hours = 7 WHERE id = $1', [acmeOrg]);
      const session = await schedule(acme, await setup(acmeOrg, 2), started());

      const completed = ok(await acme<{ completeSession: SessionView }>(COMPLETE, { id: session.id })).completeSession;

      expect(completed.status).toBe('COMPLETED');
      expect(Date.parse(completed.feedbackDueAt!) - Date.parse(completed.completedAt!)).toBe(7 * HOUR_MS);
      expect(completed.forms.map((f) => f.expiresAt)).toEqual([completed.feedbackDueAt, completed.feedbackDueAt]);
      const [row] = await h.database.query<{ gap_ms: number; forms_match: boolean; recent: boolean }>(
        `SELECT (extract(epoch FROM s.feedback_due_at - s.completed_at) * 1000)::int AS gap_ms,
                bool_and(f.expires_at = s.feedback_due_at) AS forms_match,
                s.completed_at > now() - interval '1 minute' AS recent
           FROM interview_sessions s JOIN feedback_forms f ON f.session_id = s.id
          WHERE s.id = $1 GROUP BY s.id`,
        [session.id],
      );
      expect(row).toEqual({ gap_ms: 7000, forms_match: true, recent: true });
      expect(await events('session.completed', session.id)).toEqual([{ organization_id: acmeOrg, payload: { sessionId: session.id } }]);
      await h.database.query('UPDATE organizations SET feedback_deadline_hours = 48 WHERE id = $1', [acmeOrg]);
    });

    it('is idempotent: completing again returns the session unchanged and writes no second event', async () => {
      const session = await schedule(acme, await setup(acmeOrg), started());
      const first = ok(await acme<{ completeSession: SessionView }>(COMPLETE, { id: session.id })).completeSession;

      const again = ok(await acme<{ completeSession: SessionView }>(COMPLETE, { id: session.id })).completeSession;

      expect(again).toEqual(first);
      expect(await events('session.completed', session.id)).toHaveLength(1);
    });

    it('makes exactly one transition and one event when five completions race', async () => {
      const session = await schedule(acme, await setup(acmeOrg, 3), started());

      const results = await Promise.all(
        Array.from({ length: 5 }, () => acme<{ completeSession: SessionView }>(COMPLETE, { id: session.id })),
      );

      const completedAts = new Set(results.map((result) => ok(result).completeSession.completedAt));
      expect(completedAts.size).toBe(1);
      expect(await events('session.completed', session.id)).toHaveLength(1);
      const [row] = await h.database.query<{ status: string; completed_at: Date }>(
        'SELECT status, completed_at FROM interview_sessions WHERE id = $1',
        [session.id],
      );
      expect(row.status).toBe('COMPLETED');
      expect(row.completed_at.toISOString()).toBe([...completedAts][0]);
    });

    it('refuses a session that has not started yet with BAD_USER_INPUT naming id, and changes nothing', async () => {
      // tomorrow's interview, and one starting a minute from now: neither took place
      for (const startsIn of [24 * 3_600_000, 60_000]) {
        const startsAt = new Date(Date.now() + startsIn);
        const session = await schedule(acme, await setup(acmeOrg), {
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        });
        const before = await footprint();

        const refused = await acme(COMPLETE, { id: session.id });

        expect(codeOf(refused)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(refused)).toEqual(['id']);
        expect(await footprint()).toEqual(before);
        const [row] = await h.database.query<{ status: string; completed_at: Date | null; feedback_due_at: Date | null; expiring: number }>(
          `SELECT s.status, s.completed_at, s.feedback_due_at,
                  (SELECT count(*)::int FROM feedback_forms f WHERE f.session_id = s.id AND (f.expires_at IS NOT NULL OR f.status <> 'PENDING')) AS expiring
             FROM interview_sessions s WHERE s.id = $1`,
          [session.id],
        );
        expect(row).toEqual({ status: 'SCHEDULED', completed_at: null, feedback_due_at: null, expiring: 0 });
        expect(await events('session.completed', session.id)).toEqual([]);
      }
    });

    it('refuses a cancelled session with CONFLICT and changes nothing', async () => {
      const session = await schedule(acme, await setup(acmeOrg));
      ok(await acme(CANCEL, { id: session.id }));
      const before = await footprint();

      expect(codeOf(await acme(COMPLETE, { id: session.id }))).toBe('CONFLICT');
      expect(await footprint()).toEqual(before);
      const [row] = await h.database.query<{ status: string }>('SELECT status FROM interview_sessions WHERE id = $1', [session.id]);
      expect(row.status).toBe('CANCELLED');
    });
  });

  describe('cancelSession', () => {
    it('cancels a scheduled session once, writes one event and is idempotent', async () => {
      const session = await schedule(acme, await setup(acmeOrg));

      const cancelled = ok(await acme<{ cancelSession: SessionView }>(CANCEL, { id: session.id })).cancelSession;
      const again = ok(await acme<{ cancelSession: SessionView }>(CANCEL, { id: session.id })).cancelSession;

      expect(cancelled).toEqual({ id: session.id, status: 'CANCELLED', completedAt: null });
      expect(again).toEqual(cancelled);
      const [row] = await h.database.query<{ cancelled_at: Date | null }>('SELECT cancelled_at FROM interview_sessions WHERE id = $1', [
        session.id,
      ]);
      expect(row.cancelled_at).toBeInstanceOf(Date);
      expect(await events('session.cancelled', session.id)).toEqual([{ organization_id: acmeOrg, payload: { sessionId: session.id } }]);
    });

    it("closes the session's forms with it: none stays open to be sent or reminded", async () => {
      const session = await schedule(acme, await setup(acmeOrg, 3));

      ok(await acme(CANCEL, { id: session.id }));

      const forms = await h.database.query<{ status: string; closed: boolean; sent_at: Date | null }>(
        `SELECT f.status, f.expires_at <= s.cancelled_at AS closed, f.sent_at
           FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id WHERE f.session_id = $1`,
        [session.id],
      );
      expect(forms).toEqual([
        { status: 'EXPIRED', closed: true, sent_at: null },
        { status: 'EXPIRED', closed: true, sent_at: null },
        { status: 'EXPIRED', closed: true, sent_at: null },
      ]);
      // and a re-send cannot bring one back
      const resent = await acme(`mutation($id: ID!) { resendFeedbackForm(formId: $id) { id } }`, { id: session.forms[0].id });
      expect(codeOf(resent)).toBe('CONFLICT');
      expect(await events('form.resent', session.id)).toEqual([]);
    });

    it('refuses a completed session with CONFLICT and changes nothing', async () => {
      const session = await schedule(acme, await setup(acmeOrg), started());
      ok(await acme(COMPLETE, { id: session.id }));
      const before = await footprint();

      expect(codeOf(await acme(CANCEL, { id: session.id }))).toBe('CONFLICT');
      expect(await footprint()).toEqual(before);
      const [row] = await h.database.query<{ status: string; cancelled_at: Date | null }>(
        'SELECT status, cancelled_at FROM interview_sessions WHERE id = $1',
        [session.id],
      );
      expect(row).toEqual({ status: 'COMPLETED', cancelled_at: null });
    });
  });

  describe('recordFitFeedbackRequest', () => {
    it('records the request once, from the recruiter, and announces it once', async () => {
      const session = await schedule(acme, await setup(acmeOrg));

      const first = ok(await acme<{ recordFitFeedbackRequest: SessionView }>(RECORD, { id: session.id })).recordFitFeedbackRequest;
      const second = ok(await acme<{ recordFitFeedbackRequest: SessionView }>(RECORD, { id: session.id })).recordFitFeedbackRequest;

      expect(first).toEqual({ id: session.id, status: 'SCHEDULED', fitFeedbackRequested: true });
      expect(second).toEqual(first);
      expect(
        await h.database.query('SELECT source, organization_id FROM fit_feedback_requests WHERE session_id = $1', [session.id]),
      ).toEqual([{ source: 'RECRUITER', organization_id: acmeOrg }]);
      expect(await events('fit-feedback.requested', session.id)).toEqual([
        { organization_id: acmeOrg, payload: { sessionId: session.id } },
      ]);
    });

    it('keeps a request the candidate already made and writes no event', async () => {
      const session = await schedule(acme, await setup(acmeOrg), started());
      ok(await acme(COMPLETE, { id: session.id }));
      await h.database.query(`INSERT INTO fit_feedback_requests (organization_id, session_id, source) VALUES ($1, $2, 'PORTAL')`, [
        acmeOrg,
        session.id,
      ]);

      const result = ok(await acme<{ recordFitFeedbackRequest: SessionView }>(RECORD, { id: session.id })).recordFitFeedbackRequest;

      expect(result).toEqual({ id: session.id, status: 'COMPLETED', fitFeedbackRequested: true });
      expect(await h.database.query('SELECT source FROM fit_feedback_requests WHERE session_id = $1', [session.id])).toEqual([
        { source: 'PORTAL' },
      ]);
      expect(await events('fit-feedback.requested', session.id)).toEqual([]);
    });

    it('refuses a cancelled session with CONFLICT and changes nothing', async () => {
      const session = await schedule(acme, await setup(acmeOrg));
      ok(await acme(CANCEL, { id: session.id }));
      const before = await footprint();

      expect(codeOf(await acme(RECORD, { id: session.id }))).toBe('CONFLICT');
      expect(await footprint()).toEqual(before);
    });
  });

  describe('nested fields', () => {
    const NESTED = `{ sessions(first: 50) { nodes {
      candidate { name } role { title criteria { label } } interviewers { name } forms { status } answer { status } fitFeedbackRequested
    } } }`;

    async function queriesFor(sessions: number): Promise<{ queries: number; nodes: number }> {
      const slug = `loaders-${sessions}`;
      const gql = h.recruiter(slug);
      const org = await organizationOf(gql, slug);
      // every session has its own candidate, role and panel: nothing is shared that could hide a per-row query
      await Promise.all(
        Array.from({ length: sessions }, async (_, i) => {
          const refs = await setup(org, 2);
          ok(await gql(SCHEDULE_ID, { input: input(refs, { title: `Session ${i}` }) }));
        }),
      );
      ok(await gql('{ me { id } }'));
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const data = ok(await gql<{ sessions: { nodes: SessionView[] } }>(NESTED));
        return { queries: spy.mock.calls.length, nodes: data.sessions.nodes.length };
      } finally {
        spy.mockRestore();
      }
    }

    it('loads candidates, roles, criteria, panels, forms and answers with a number of queries that does not grow with the sessions', async () => {
      const few = await queriesFor(5);
      const many = await queriesFor(20);

      expect([few.nodes, many.nodes]).toEqual([5, 20]);
      expect(many.queries).toBe(few.queries);
      expect(many.queries).toBeLessThanOrEqual(12);
    });

    it('resolves every nested field of a session', async () => {
      const refs = await setup(acmeOrg, 2);
      const session = await schedule(acme, refs);
      ok(await acme(RECORD, { id: session.id }));

      const data = ok(
        await acme<{ session: SessionView & { role: { criteria: { label: string }[] } } }>(
          `query($id: ID!) { session(id: $id) { fitFeedbackRequested role { criteria { label } } interviewers { name } forms { status } } }`,
          { id: session.id },
        ),
      );

      expect(data.session).toEqual({
        fitFeedbackRequested: true,
        role: { criteria: [{ label: 'TypeScript' }, { label: 'SQL' }] },
        interviewers: [{ name: 'Interviewer 1' }, { name: 'Interviewer 2' }],
        forms: [{ status: 'PENDING' }, { status: 'PENDING' }],
      });
    });
  });
});
