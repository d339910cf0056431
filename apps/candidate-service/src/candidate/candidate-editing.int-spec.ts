import { Gql, GraphQLResult, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { CandidateResolver } from './candidate.resolver';

interface Candidate {
  id: string;
  name: string;
  email: string;
}

const ADD = 'mutation ($input: AddCandidateInput!) { addCandidate(input: $input) { id name email } }';
const UPDATE = 'mutation ($id: ID!, $input: UpdateCandidateInput!) { updateCandidate(id: $id, input: $input) { id name email } }';
const BY_EMAIL = 'query ($email: String!) { candidateByEmail(email: $email) { id name email } }';
const ERASE = 'mutation ($id: ID!) { eraseCandidate(id: $id) }';

const code = (result: GraphQLResult<unknown>): string | undefined => result.errors?.[0]?.extensions.code;
const fields = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions.fields;

describe(`${CandidateResolver.name}: editing and duplicates`, () => {
  let h: SubgraphHarness;
  let acme: Gql;
  let globex: Gql;

  const add = async (input: { name: string; email: string }, client: Gql = acme): Promise<Candidate> =>
    ok(await client<{ addCandidate: Candidate }>(ADD, { input })).addCandidate;
  const byEmail = async (email: string, client: Gql = acme): Promise<Candidate | null> =>
    ok(await client<{ candidateByEmail: Candidate | null }>(BY_EMAIL, { email })).candidateByEmail;
  const row = async (id: string) =>
    (await h.database.query<{ name: string; email: string }>('SELECT name, email FROM candidates WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    acme = h.recruiter('acme');
    globex = h.recruiter('globex');
  });

  afterAll(async () => {
    await h.close();
  });

  it('corrects the name and email with the rules of adding: trimmed, lower-case', async () => {
    const casey = await add({ name: 'Casy', email: 'casey@old.test' });
    const updated = ok(
      await acme<{ updateCandidate: Candidate }>(UPDATE, { id: casey.id, input: { name: ' Casey Jones ', email: 'Casey@New.TEST ' } }),
    );
    expect(updated.updateCandidate).toEqual({ id: casey.id, name: 'Casey Jones', email: 'casey@new.test' });
    expect(await row(casey.id)).toEqual({ name: 'Casey Jones', email: 'casey@new.test' });
  });

  it('refuses what adding refuses, naming each field, and changes nothing', async () => {
    const dana = await add({ name: 'Dana', email: 'dana@acme.test' });
    const result = await acme(UPDATE, { id: dana.id, input: { name: '  ', email: `${'a'.repeat(250)}@acme.test` } });
    expect(code(result)).toBe('BAD_USER_INPUT');
    expect(fields(result)).toEqual([
      { field: 'input.name', message: 'is required' },
      { field: 'input.email', message: 'must be at most 254 characters' },
    ]);
    expect(await row(dana.id)).toEqual({ name: 'Dana', email: 'dana@acme.test' });
  });

  it("is NOT_FOUND for another organization's candidate or a malformed id, and changes nothing", async () => {
    const mine = await add({ name: 'Mine', email: 'mine@acme.test' });
    expect(code(await globex(UPDATE, { id: mine.id, input: { name: 'Taken', email: 'taken@globex.test' } }))).toBe('NOT_FOUND');
    expect(code(await acme(UPDATE, { id: 'nope', input: { name: 'Taken', email: 'taken@acme.test' } }))).toBe('NOT_FOUND');
    expect(await row(mine.id)).toEqual({ name: 'Mine', email: 'mine@acme.test' });
  });

  it('is CONFLICT for an erased candidate: no personal data comes back', async () => {
    const gone = await add({ name: 'Gone', email: 'gone@acme.test' });
    ok(await acme(ERASE, { id: gone.id }));
    const before = await row(gone.id);
    expect(code(await acme(UPDATE, { id: gone.id, input: { name: 'Back', email: 'back@acme.test' } }))).toBe('CONFLICT');
    expect(await row(gone.id)).toEqual(before);
    expect(before.email).not.toBe('gone@acme.test');
  });

  it('finds the candidate already added with an address, however it is typed, in this organization only', async () => {
    const first = await add({ name: 'Robin', email: 'robin@acme.test' });
    // adding a second with the same address stays allowed (the contract never refused it)
    const second = await add({ name: 'Robin again', email: 'ROBIN@acme.test' });
    expect(second.id).not.toBe(first.id);
    expect(await byEmail('  Robin@ACME.test ')).toEqual(first);
    expect(await byEmail('robin@acme.test', globex)).toBeNull();
    expect(await byEmail('nobody@acme.test')).toBeNull();
    expect(await byEmail('not an address')).toBeNull();
    // an erased candidate holds no address to match
    ok(await acme(ERASE, { id: first.id }));
    ok(await acme(ERASE, { id: second.id }));
    expect(await byEmail('robin@acme.test')).toBeNull();
  });
});
