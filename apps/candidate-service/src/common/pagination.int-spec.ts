import { Gql, GraphQLResult, ok, SubgraphHarness } from '../../test/subgraph.harness';

const codeAndFields = (result: GraphQLResult<unknown>) => ({
  data: result.data ?? null,
  code: result.errors?.[0]?.extensions.code,
  fields: result.errors?.[0]?.extensions.fields?.map((problem) => problem.field),
});

/**
 * Lists that once had no page limit — roles, interviewers, a candidate's sessions — hold at most
 * 200 rows, with an optional `first` checked like the connections' one.
 */
describe('page limits of the plain lists', () => {
  let h: SubgraphHarness;
  let gql: Gql;
  let candidateId: string;

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    gql = h.recruiter('acme');
    ok(await gql('{ me { id } }'));
    const [{ id: organizationId }] = await h.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
    // 201 of each: one more than a page holds
    await h.database.query(
      `INSERT INTO roles (organization_id, title, created_at)
       SELECT $1, 'Role ' || lpad(n::text, 3, '0'), now() - n * interval '1 minute' FROM generate_series(1, 201) n`,
      [organizationId],
    );
    await h.database.query(
      `INSERT INTO interviewers (organization_id, name, email)
       SELECT $1, 'Interviewer ' || lpad(n::text, 3, '0'), 'i' || n || '@acme.test' FROM generate_series(1, 201) n`,
      [organizationId],
    );
    const [candidate] = await h.database.query<{ id: string }>(
      "INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Cara', 'cara@acme.test') RETURNING id",
      [organizationId],
    );
    candidateId = candidate.id;
    await h.database.query(
      `INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at)
       SELECT $1, $2, (SELECT id FROM roles WHERE organization_id = $1 LIMIT 1), 'Round ' || lpad(n::text, 3, '0'),
              timestamptz '2030-01-01' + n * interval '1 day', timestamptz '2030-01-01' + n * interval '1 day' + interval '1 hour'
         FROM generate_series(1, 201) n`,
      [organizationId, candidateId],
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  const lists = () => [
    { name: 'roles', query: (args: string) => `{ roles${args} { title } }`, items: (data: Record<string, unknown>) => data.roles },
    {
      name: 'interviewers',
      query: (args: string) => `{ interviewers${args} { name } }`,
      items: (data: Record<string, unknown>) => data.interviewers,
    },
    {
      name: 'Candidate.sessions',
      query: (args: string) => `{ candidate(id: "${candidateId}") { sessions${args} { title } } }`,
      items: (data: Record<string, unknown>) => (data.candidate as { sessions: unknown }).sessions,
    },
  ];

  it('returns 200 rows without `first`, in the list’s order, and as many as `first` asks up to 200', async () => {
    const firstTitles = { roles: 'Role 001', interviewers: 'Interviewer 001', 'Candidate.sessions': 'Round 001' };
    for (const list of lists()) {
      const all = list.items(ok<Record<string, unknown>>(await gql(list.query('')))) as Record<string, string>[];
      expect({ list: list.name, count: all.length, first: Object.values(all[0])[0] }).toEqual({
        list: list.name,
        count: 200,
        first: firstTitles[list.name as keyof typeof firstTitles],
      });
      const page = list.items(ok<Record<string, unknown>>(await gql(list.query('(first: 200)'))));
      expect(page).toEqual(all);
      const two = list.items(ok<Record<string, unknown>>(await gql(list.query('(first: 2)'))));
      expect(two).toEqual(all.slice(0, 2));
      const none = list.items(ok<Record<string, unknown>>(await gql(list.query('(first: 0)'))));
      expect(none).toEqual([]);
    }
  });

  it('refuses `first` above 200 or below 0 with BAD_USER_INPUT naming it, as a variable too', async () => {
    for (const list of lists()) {
      for (const first of [201, -1, 100_000]) {
        expect({ list: list.name, first, ...codeAndFields(await gql(list.query(`(first: ${first})`))) }).toEqual({
          list: list.name,
          first,
          // the candidate is nullable: the error stops there
          data: list.name === 'Candidate.sessions' ? { candidate: null } : null,
          code: 'BAD_USER_INPUT',
          fields: ['first'],
        });
      }
      const asVariable = await gql(list.query('(first: $first)').replace(/^\{/, 'query($first: Int) {'), { first: 201 });
      expect(codeAndFields(asVariable)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['first'] });
    }
  });
});
