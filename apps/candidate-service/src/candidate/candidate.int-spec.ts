import { createLinkToken } from '@closer/domain';

import { Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';

const ADD = 'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id name email createdAt } }';
const DASHBOARD = `{ closingFeedbackDashboard {
  sessionsCompleted fitFeedbackRequested formsSent formsSubmitted responseRate answersReleased answersWithheld helpfulRate
  fitDistribution { band count } criteria { criterion { label } averageRating ratedCount lackingCount } weekly { sessionsCompleted averageFitScore }
} }`;
const LIST = `query($search: String, $first: Int, $after: String) {
  candidates(search: $search, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } }
}`;

describe('candidates', () => {
  let h: SubgraphHarness;
  let acme: Gql;
  let globex: Gql;

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    acme = h.recruiter('acme');
    globex = h.recruiter('globex');
  });

  afterAll(() => h.close());

  const add = async (gql: Gql, name: string, email: string) =>
    ok(await gql<{ addCandidate: { id: string; name: string; email: string } }>(ADD, { input: { name, email } })).addCandidate;

  describe('addCandidate', () => {
    it('stores a trimmed name and a lower-case email', async () => {
      const candidate = await add(acme, '  Ada Lovelace ', ' Ada@Example.COM ');
      expect(candidate).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    });

    it('names every invalid field and stores nothing', async () => {
      const before = await h.database.query('SELECT count(*)::int AS n FROM candidates');
      const result = await acme(ADD, { input: { name: ' ', email: 'not-an-email' } });
      expect(result.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'input.name', message: 'is required' },
          { field: 'input.email', message: 'must be a valid email address' },
        ],
      });
      expect(await h.database.query('SELECT count(*)::int AS n FROM candidates')).toEqual(before);
    });

    it.each([
      ['a name over the limit', { name: 'x'.repeat(201), email: 'a@b.co' }, 'input.name'],
      ['a null byte', { name: 'Ada\u0000', email: 'a@b.co' }, 'input.name'],
      ['an email over the limit', { name: 'Ada', email: `${'a'.repeat(250)}@b.co` }, 'input.email'],
      ['an email with markup', { name: 'Ada', email: '<a>@b.co' }, 'input.email'],
    ])('refuses %s', async (_case, input, field) => {
      const result = await acme(ADD, { input });
      expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions.fields?.map((f) => f.field)).toEqual([field]);
    });

    it('refuses an anonymous caller', async () => {
      const result = await h.anonymous()(ADD, { input: { name: 'Eve', email: 'eve@example.com' } });
      expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('candidate(id) and candidates', () => {
    let globexIds: string[];

    beforeAll(async () => {
      globexIds = [];
      for (let i = 0; i < 7; i++) globexIds.push((await add(globex, `Globex Person ${i}`, `person${i}@globex.test`)).id);
    });

    it('finds a candidate of the caller only', async () => {
      const id = globexIds[0];
      expect(
        ok(await globex<{ candidate: { name: string } }>('query($id: ID!) { candidate(id: $id) { name } }', { id })).candidate.name,
      ).toBe('Globex Person 0');
      expect(ok(await acme('query($id: ID!) { candidate(id: $id) { name } }', { id }))).toEqual({ candidate: null });
      expect(ok(await acme('query($id: ID!) { candidate(id: $id) { name } }', { id: 'not-a-uuid' }))).toEqual({ candidate: null });
    });

    it('pages newest first without gaps or repeats, with a total count', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: { candidates: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] } } =
          ok(await globex(LIST, { first: 3, after }));
        pages++;
        expect(page.candidates.totalCount).toBe(7);
        seen.push(...page.candidates.nodes.map((n) => n.id));
        if (!page.candidates.pageInfo.hasNextPage) break;
        after = page.candidates.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual([...globexIds].reverse());
    });

    it('searches names and emails, treating wildcards literally', async () => {
      const byName = ok(await globex<{ candidates: { totalCount: number; nodes: { name: string }[] } }>(LIST, { search: 'person 3' }));
      expect(byName.candidates.nodes.map((n) => n.name)).toEqual(['Globex Person 3']);
      const byEmail = ok(await globex<{ candidates: { totalCount: number } }>(LIST, { search: 'PERSON5@' }));
      expect(byEmail.candidates.totalCount).toBe(1);
      const wildcard = ok(await globex<{ candidates: { totalCount: number } }>(LIST, { search: '%' }));
      expect(wildcard.candidates.totalCount).toBe(0);
    });

    it('never lists another organization', async () => {
      const page = ok(await acme<{ candidates: { nodes: { name: string }[] } }>(LIST, { first: 200 }));
      expect(page.candidates.nodes.some((n) => n.name.startsWith('Globex'))).toBe(false);
    });

    it.each([
      ['a negative page size', { first: -1 }, 'first'],
      ['a page size over 200', { first: 201 }, 'first'],
      ['a made-up cursor', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ])('refuses %s', async (_case, variables, field) => {
      const result = await globex(LIST, variables);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field }] });
    });
  });

  describe('sendCandidatePortalLink', () => {
    it('revokes the old link and writes its outbox event in the same transaction', async () => {
      const { id } = await add(acme, 'Link Person', 'link@example.com');
      ok(await acme('mutation($id: ID!) { sendCandidatePortalLink(candidateId: $id) }', { id }));
      const rows = await h.database.query<{ portal_link_version: number }>('SELECT portal_link_version FROM candidates WHERE id = $1', [
        id,
      ]);
      expect(rows).toEqual([{ portal_link_version: 2 }]);
      const events = await h.database.query('SELECT type, payload FROM outbox_events WHERE payload->>$1 = $2', ['candidateId', id]);
      expect(events).toEqual([{ type: 'candidate.portal-link-sent', payload: { candidateId: id, linkVersion: 2 } }]);
    });

    it('is NOT_FOUND for another organization and changes nothing', async () => {
      const { id } = await add(globex, 'Other Org', 'other@globex.test');
      const result = await acme('mutation($id: ID!) { sendCandidatePortalLink(candidateId: $id) }', { id });
      expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect(await h.database.query('SELECT portal_link_version FROM candidates WHERE id = $1', [id])).toEqual([
        { portal_link_version: 1 },
      ]);
    });
  });

  describe('eraseCandidate', () => {
    const NAME = 'Zebulon Quixote-Erasable';
    const EMAIL = 'zebulon.quixote@erasable.test';

    async function seedFeedbackAbout(candidateId: string): Promise<void> {
      const [org] = await h.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
      const orgId = org.id;
      const [role] = await h.database.query<{ id: string }>(
        `INSERT INTO roles (organization_id, title) VALUES ($1, 'Engineer') RETURNING id`,
        [orgId],
      );
      const [criterion] = await h.database.query<{ id: string }>(
        `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) VALUES ($1, $2, 'TypeScript', 'SKILL', 3, 0) RETURNING id`,
        [orgId, role.id],
      );
      const [interviewer] = await h.database.query<{ id: string }>(
        `INSERT INTO interviewers (organization_id, name, email) VALUES ($1, 'Ivy Interviewer', 'ivy@acme.test') RETURNING id`,
        [orgId],
      );
      const [session] = await h.database.query<{ id: string }>(
        `INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at)
         VALUES ($1, $2, $3, $4, now() - interval '2 hours', now() - interval '1 hour', 'COMPLETED', now()) RETURNING id`,
        [orgId, candidateId, role.id, `Final round with ${NAME}`],
      );
      const [form] = await h.database.query<{ id: string }>(
        `INSERT INTO feedback_forms (organization_id, session_id, interviewer_id, status, sent_at, submitted_at)
         VALUES ($1, $2, $3, 'SUBMITTED', now(), now()) RETURNING id`,
        [orgId, session.id, interviewer.id],
      );
      const [response] = await h.database.query<{ id: string }>(
        `INSERT INTO feedback_responses (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, next_steps, candidate_message, private_note)
         VALUES ($1, $2, $3, $4, 3, $5, $5, $5, $5, $5) RETURNING id`,
        [orgId, form.id, session.id, interviewer.id, `${NAME} explained ${EMAIL} well`],
      );
      await h.database.query(
        `INSERT INTO criterion_ratings (organization_id, response_id, criterion_id, rating, note) VALUES ($1, $2, $3, 3, $4)`,
        [orgId, response.id, criterion.id, `${NAME} knows generics`],
      );
      await h.database.query(
        `INSERT INTO candidate_answers (organization_id, session_id, status, fit_band, fit_score, message, released_at, helpful, helpful_comment)
         VALUES ($1, $2, 'RELEASED', 3, 67, $3, now(), true, $3)`,
        [orgId, session.id, `Dear ${NAME}`],
      );
      await h.database.query(
        `INSERT INTO email_deliveries (organization_id, idempotency_key, kind, recipient, message_id, status)
         VALUES ($1, $2, 'portal-invite', $3, '<x@closer.local>', 'SENT')`,
        [orgId, `portal-invite:${candidateId}:1`, EMAIL],
      );
    }

    /** Every text, varchar, text[] and jsonb column of every table, searched for the needle. */
    async function tablesMentioning(needle: string): Promise<string[]> {
      const columns = await h.database.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`,
      );
      const hits: string[] = [];
      for (const { table_name, column_name } of columns) {
        const [row] = await h.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1`,
          [`%${needle}%`],
        );
        if (row.n > 0) hits.push(`${table_name}.${column_name}`);
      }
      return hits;
    }

    it('leaves no trace of the name or email in any table, keeps the counts, and revokes the portal link', async () => {
      const { id } = await add(acme, NAME, EMAIL);
      await seedFeedbackAbout(id);
      expect(await tablesMentioning(NAME)).not.toEqual([]);
      const portalBefore = await h.anonymous()('query($t: String!) { candidatePortal(token: $t) { candidateName } }', {
        t: createLinkToken(h.config.links.secret, { purpose: 'portal', id, version: 1 }),
      });
      expect(portalBefore.data).toEqual({ candidatePortal: { candidateName: NAME } });
      const dashboardBefore = ok(
        await acme<{ closingFeedbackDashboard: { sessionsCompleted: number; answersReleased: number } }>(DASHBOARD),
      );
      expect(dashboardBefore.closingFeedbackDashboard).toMatchObject({ sessionsCompleted: 1, answersReleased: 1 });
      const countsBefore = await h.database.query(
        `SELECT (SELECT count(*) FROM feedback_responses)::int AS responses, (SELECT count(*) FROM candidate_answers WHERE status = 'RELEASED')::int AS released,
                (SELECT count(*) FROM interview_sessions)::int AS sessions, (SELECT count(*) FROM criterion_ratings WHERE rating IS NOT NULL)::int AS ratings`,
      );

      expect(ok(await acme('mutation($id: ID!) { eraseCandidate(id: $id) }', { id }))).toEqual({ eraseCandidate: true });

      expect(await tablesMentioning(NAME)).toEqual([]);
      expect(await tablesMentioning(EMAIL)).toEqual([]);
      expect(await tablesMentioning('Zebulon')).toEqual([]);
      expect(
        await h.database.query(
          `SELECT (SELECT count(*) FROM feedback_responses)::int AS responses, (SELECT count(*) FROM candidate_answers WHERE status = 'RELEASED')::int AS released,
                  (SELECT count(*) FROM interview_sessions)::int AS sessions, (SELECT count(*) FROM criterion_ratings WHERE rating IS NOT NULL)::int AS ratings`,
        ),
      ).toEqual(countsBefore);
      const [candidate] = await h.database.query<{ portal_link_version: number; erased: boolean }>(
        'SELECT portal_link_version, erased_at IS NOT NULL AS erased FROM candidates WHERE id = $1',
        [id],
      );
      expect(candidate).toEqual({ portal_link_version: 2, erased: true });
      expect(ok(await acme(DASHBOARD))).toEqual(dashboardBefore);
      for (const version of [1, 2]) {
        const portal = await h.anonymous()('query($t: String!) { candidatePortal(token: $t) { candidateName } }', {
          t: createLinkToken(h.config.links.secret, { purpose: 'portal', id, version }),
        });
        expect(portal.data ?? null).toBeNull();
        // an erased candidate's links find nothing, whichever version they carry
        expect(portal.errors?.map((error) => error.extensions.code)).toEqual(['NOT_FOUND']);
      }
      const events = await h.database.query('SELECT type FROM outbox_events WHERE payload->>$1 = $2 ORDER BY id', ['candidateId', id]);
      expect(events).toEqual([{ type: 'candidate.erased' }]);
    });

    it('is NOT_FOUND for another organization and erases nothing', async () => {
      const { id } = await add(globex, 'Keep Me', 'keep@globex.test');
      const result = await acme('mutation($id: ID!) { eraseCandidate(id: $id) }', { id });
      expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect(await h.database.query('SELECT name FROM candidates WHERE id = $1', [id])).toEqual([{ name: 'Keep Me' }]);
    });
  });
});
