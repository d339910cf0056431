import { Gql, GraphQLResult, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { InterviewerResolver } from './interviewer.resolver';

interface Interviewer {
  id: string;
  name: string;
  email: string;
  archived: boolean;
}

const FIELDS = 'id name email archived';
const ADD = `mutation ($input: AddInterviewerInput!) { addInterviewer(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateInterviewerInput!) { updateInterviewer(id: $id, input: $input) { ${FIELDS} } }`;
const ARCHIVE = `mutation ($id: ID!) { archiveInterviewer(id: $id) { ${FIELDS} } }`;
const UNARCHIVE = `mutation ($id: ID!) { unarchiveInterviewer(id: $id) { ${FIELDS} } }`;
const LIST = `query ($all: Boolean) { interviewers(includeArchived: $all) { ${FIELDS} } }`;
const SCHEDULE = 'mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id interviewers { id } } }';

const code = (result: GraphQLResult<unknown>): string | undefined => result.errors?.[0]?.extensions.code;
const fields = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions.fields;

describe(`${InterviewerResolver.name}: editing and archiving`, () => {
  let h: SubgraphHarness;
  let acme: Gql;
  let globex: Gql;

  const add = async (input: { name: string; email: string }, client: Gql = acme): Promise<Interviewer> =>
    ok(await client<{ addInterviewer: Interviewer }>(ADD, { input })).addInterviewer;
  const list = async (all: boolean | null, client: Gql = acme): Promise<string[]> =>
    ok(await client<{ interviewers: Interviewer[] }>(LIST, { all })).interviewers.map((i) => i.email);
  const row = async (id: string) =>
    (
      await h.database.query<{ name: string; email: string; archived_at: Date | null }>(
        'SELECT name, email, archived_at FROM interviewers WHERE id = $1',
        [id],
      )
    )[0];

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    acme = h.recruiter('acme');
    globex = h.recruiter('globex');
  });

  afterAll(async () => {
    await h.close();
  });

  it('corrects the name and email with the rules of adding: trimmed, lower-case', async () => {
    const grace = await add({ name: 'Grace Hoper', email: 'grace@old.test' });
    const updated = ok(
      await acme<{ updateInterviewer: Interviewer }>(UPDATE, {
        id: grace.id,
        input: { name: ' Grace Hopper ', email: ' Grace@ACME.test' },
      }),
    );
    expect(updated.updateInterviewer).toEqual({ id: grace.id, name: 'Grace Hopper', email: 'grace@acme.test', archived: false });
    expect(await row(grace.id)).toMatchObject({ name: 'Grace Hopper', email: 'grace@acme.test' });
  });

  it('refuses what adding refuses (naming each field) and changes nothing', async () => {
    const ada = await add({ name: 'Ada', email: 'ada@acme.test' });
    const result = await acme(UPDATE, { id: ada.id, input: { name: 'Ada\nBcc: x@evil.test', email: 'not an address' } });
    expect(code(result)).toBe('BAD_USER_INPUT');
    expect(fields(result)).toEqual([
      { field: 'input.name', message: 'must be a single line' },
      { field: 'input.email', message: 'must not contain spaces, line breaks, control or invisible characters' },
    ]);
    const long = await acme(UPDATE, { id: ada.id, input: { name: 'n'.repeat(201), email: 'ada@acme.test' } });
    expect(fields(long)).toEqual([{ field: 'input.name', message: 'must be at most 200 characters' }]);
    expect(await row(ada.id)).toMatchObject({ name: 'Ada', email: 'ada@acme.test' });
  });

  it('is CONFLICT when another interviewer of the organization has the email, and changes nothing', async () => {
    const alan = await add({ name: 'Alan', email: 'alan@acme.test' });
    const joan = await add({ name: 'Joan', email: 'joan@acme.test' });
    const result = await acme(UPDATE, { id: joan.id, input: { name: 'Joan Clarke', email: 'ALAN@acme.test' } });
    expect(code(result)).toBe('CONFLICT');
    expect(fields(result)).toEqual([{ field: 'input.email', message: 'is already used by another interviewer' }]);
    expect(await row(joan.id)).toMatchObject({ name: 'Joan', email: 'joan@acme.test' });
    expect(await row(alan.id)).toMatchObject({ name: 'Alan', email: 'alan@acme.test' });
    // keeping one's own address is no clash
    expect(
      ok(await acme<{ updateInterviewer: Interviewer }>(UPDATE, { id: joan.id, input: { name: 'Joan Clarke', email: 'joan@acme.test' } }))
        .updateInterviewer.name,
    ).toBe('Joan Clarke');
  });

  it("is NOT_FOUND for another organization's interviewer, for edits and archiving alike, and changes nothing", async () => {
    const mine = await add({ name: 'Mine', email: 'mine@acme.test' });
    for (const [query, variables] of [
      [UPDATE, { id: mine.id, input: { name: 'Taken over', email: 'taken@globex.test' } }],
      [ARCHIVE, { id: mine.id }],
      [UNARCHIVE, { id: mine.id }],
      [UPDATE, { id: 'not-an-id', input: { name: 'X', email: 'x@acme.test' } }],
    ] as const) {
      expect(code(await globex(query, variables))).toBe('NOT_FOUND');
    }
    expect(await row(mine.id)).toEqual({ name: 'Mine', email: 'mine@acme.test', archived_at: null });
  });

  it('archives: hidden from the list unless asked, history kept, and back again on unarchive', async () => {
    const org = h.recruiter('initech');
    const kept = await add({ name: 'Kept', email: 'kept@initech.test' }, org);
    const gone = await add({ name: 'Gone', email: 'gone@initech.test' }, org);
    const archived = ok(await org<{ archiveInterviewer: Interviewer }>(ARCHIVE, { id: gone.id })).archiveInterviewer;
    expect(archived).toEqual({ ...gone, archived: true });
    const firstArchivedAt = (await row(gone.id)).archived_at;
    expect(firstArchivedAt).toBeInstanceOf(Date);
    // archiving twice keeps the first time
    ok(await org(ARCHIVE, { id: gone.id }));
    expect((await row(gone.id)).archived_at).toEqual(firstArchivedAt);
    expect(await list(null, org)).toEqual([kept.email]);
    expect(await list(false, org)).toEqual([kept.email]);
    expect(await list(true, org)).toEqual([gone.email, kept.email]);
    expect(ok(await org<{ unarchiveInterviewer: Interviewer }>(UNARCHIVE, { id: gone.id })).unarchiveInterviewer.archived).toBe(false);
    expect(await list(null, org)).toEqual([gone.email, kept.email]);
  });

  it('refuses to schedule a panel naming an archived interviewer, naming its place, and writes nothing', async () => {
    const org = h.recruiter('umbrella');
    ok(await org('{ me { id } }'));
    const [{ id: organizationId }] = await h.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'umbrella'");
    const [role] = await h.database.query<{ id: string }>(
      "INSERT INTO roles (organization_id, title) VALUES ($1, 'Chemist') RETURNING id",
      [organizationId],
    );
    await h.database.query(
      `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) VALUES ($1, $2, 'Safety', 'SKILL', 3, 0)`,
      [organizationId, role.id],
    );
    const [candidate] = await h.database.query<{ id: string }>(
      "INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Casey', 'casey@umbrella.test') RETURNING id",
      [organizationId],
    );
    const active = await add({ name: 'Active', email: 'active@umbrella.test' }, org);
    const retired = await add({ name: 'Retired', email: 'retired@umbrella.test' }, org);
    ok(await org(ARCHIVE, { id: retired.id }));
    const input = {
      candidateId: candidate.id,
      roleId: role.id,
      interviewerIds: [active.id, retired.id],
      title: 'On site',
      startsAt: '2030-01-01T09:00:00Z',
      endsAt: '2030-01-01T10:00:00Z',
    };
    const refused = await org(SCHEDULE, { input });
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(fields(refused)).toEqual([{ field: 'input.interviewerIds.1', message: 'names an archived interviewer' }]);
    expect(await h.database.query('SELECT id FROM interview_sessions WHERE organization_id = $1', [organizationId])).toEqual([]);
    expect(await h.database.query('SELECT id FROM feedback_forms WHERE organization_id = $1', [organizationId])).toEqual([]);

    // once back, the same panel is accepted
    ok(await org(UNARCHIVE, { id: retired.id }));
    const scheduled = ok(await org<{ scheduleSession: { interviewers: { id: string }[] } }>(SCHEDULE, { input })).scheduleSession;
    expect(scheduled.interviewers.map((i) => i.id)).toEqual([active.id, retired.id]);

    // archiving later keeps the history: the session still lists them
    ok(await org(ARCHIVE, { id: retired.id }));
    const again = ok(
      await org<{ sessions: { nodes: { interviewers: { id: string; archived: boolean }[] }[] } }>(
        '{ sessions { nodes { interviewers { id archived } } } }',
      ),
    );
    expect(again.sessions.nodes[0].interviewers).toEqual([
      { id: active.id, archived: false },
      { id: retired.id, archived: true },
    ]);
  });
});
