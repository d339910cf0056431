import { Gql, GraphQLResult, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { InterviewerResolver } from './interviewer.resolver';

interface Interviewer {
  id: string;
  name: string;
  email: string;
}

const ADD = 'mutation ($input: AddInterviewerInput!) { addInterviewer(input: $input) { id name email } }';
const LIST = '{ interviewers { id name email } }';

const code = (result: GraphQLResult<unknown>): string | undefined => result.errors?.[0]?.extensions.code;

describe(InterviewerResolver.name, () => {
  let h: SubgraphHarness;
  let gql: Gql;
  let other: Gql;

  const add = async (input: { name: string; email: string }, client: Gql = gql): Promise<Interviewer> =>
    ok(await client<{ addInterviewer: Interviewer }>(ADD, { input })).addInterviewer;
  const list = async (client: Gql = gql): Promise<Interviewer[]> => ok(await client<{ interviewers: Interviewer[] }>(LIST)).interviewers;
  const stored = () => h.database.query('SELECT * FROM interviewers ORDER BY id');

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    gql = h.recruiter('acme');
    other = h.recruiter('globex');
  });

  afterAll(async () => {
    await h.close();
  });

  it('adds an interviewer with a trimmed name and a lower-case email', async () => {
    const interviewer = await add({ name: '  Grace Hopper ', email: ' Grace.Hopper@Acme.TEST ' });
    expect(interviewer).toEqual({ id: expect.any(String), name: 'Grace Hopper', email: 'grace.hopper@acme.test' });
    const rows = await h.database.query(
      'SELECT i.name, i.email, o.slug FROM interviewers i JOIN organizations o ON o.id = i.organization_id WHERE i.id = $1',
      [interviewer.id],
    );
    expect(rows).toEqual([{ name: 'Grace Hopper', email: 'grace.hopper@acme.test', slug: 'acme' }]);
  });

  it('lists the organization’s interviewers by name, ignoring letter case, and nobody else’s', async () => {
    const zed = await add({ name: 'Zed', email: 'zed@globex.test' }, other);
    const ada = await add({ name: 'ada', email: 'ada@globex.test' }, other);
    const bob = await add({ name: 'Bob', email: 'bob@globex.test' }, other);
    expect(await list(other)).toEqual([ada, bob, zed]);
    const acme = await list();
    expect(acme.map((interviewer) => interviewer.email)).toEqual(['grace.hopper@acme.test']);
    expect(await list(h.recruiter('initech'))).toEqual([]);
  });

  it('accepts a name and an email at their length limits (200 and 254 characters)', async () => {
    const name = 'n'.repeat(200);
    expect(await add({ name, email: 'long.name@acme.test' })).toMatchObject({ name });
    const email = `${'e'.repeat(244)}@acme.test`;
    expect(email).toHaveLength(254);
    expect(await add({ name: 'Long Email', email })).toMatchObject({ email });
  });

  it('is CONFLICT for a second interviewer with the same email in the organization, whatever its case', async () => {
    await add({ name: 'Alan Turing', email: 'alan@acme.test' });
    const before = await stored();
    const result = await gql(ADD, { input: { name: 'Another Alan', email: 'ALAN@acme.test' } });
    expect(code(result)).toBe('CONFLICT');
    expect(result.data ?? null).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it('lets exactly one of two simultaneous adds of one email win', async () => {
    const input = { name: 'Katherine Johnson', email: 'katherine@acme.test' };
    const results = await Promise.all([gql(ADD, { input }), gql(ADD, { input })]);
    expect(results.map(code).sort()).toEqual(['CONFLICT', undefined]);
    const rows = await h.database.query('SELECT id FROM interviewers WHERE email = $1', [input.email]);
    expect(rows).toHaveLength(1);
  });

  it('lets another organization add the same email', async () => {
    const theirs = await add({ name: 'Alan at Globex', email: 'alan@acme.test' }, other);
    expect(theirs.email).toBe('alan@acme.test');
    expect((await list(other)).map((interviewer) => interviewer.id)).toContain(theirs.id);
    expect((await list()).filter((interviewer) => interviewer.email === 'alan@acme.test')).toEqual([
      expect.objectContaining({ name: 'Alan Turing' }),
    ]);
  });

  it.each([
    ['an empty name', { name: '', email: 'x@acme.test' }, ['input.name']],
    ['a blank name', { name: '   ', email: 'x@acme.test' }, ['input.name']],
    ['a too long name', { name: 'n'.repeat(201), email: 'x@acme.test' }, ['input.name']],
    ['control characters in the name', { name: 'Ev\u0000e', email: 'x@acme.test' }, ['input.name']],
    ['an email without @', { name: 'Eve', email: 'eve.acme.test' }, ['input.email']],
    ['an email without a domain dot', { name: 'Eve', email: 'eve@localhost' }, ['input.email']],
    ['an email with spaces inside', { name: 'Eve', email: 'eve smith@acme.test' }, ['input.email']],
    ['an empty email', { name: 'Eve', email: '' }, ['input.email']],
    ['a too long email (255 characters)', { name: 'Eve', email: `${'e'.repeat(245)}@acme.test` }, ['input.email']],
    ['both fields wrong', { name: '', email: 'nope' }, ['input.name', 'input.email']],
  ])('refuses %s naming the field, and stores nothing', async (_case, input, fields) => {
    const before = await stored();
    const result = await gql(ADD, { input });
    expect(code(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions.fields?.map((problem) => problem.field)).toEqual(fields);
    expect(result.data ?? null).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED, storing nothing', async () => {
    const anon = h.anonymous();
    const before = await stored();
    expect(code(await anon(LIST))).toBe('UNAUTHENTICATED');
    expect(code(await anon(ADD, { input: { name: 'Mallory', email: 'mallory@acme.test' } }))).toBe('UNAUTHENTICATED');
    expect(await stored()).toEqual(before);
  });
});
