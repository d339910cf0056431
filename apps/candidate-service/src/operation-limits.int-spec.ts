import { Gql, GraphQLResult, ok, SubgraphHarness } from '../test/subgraph.harness';

const refusal = (result: GraphQLResult<unknown>) => ({
  status: result.status,
  data: result.data ?? null,
  codes: result.errors?.map((error) => error.extensions.code),
});
const REFUSED = { status: 400, data: null, codes: ['GRAPHQL_VALIDATION_FAILED'] };

/** `candidate { sessions(first: 1) { candidate { … } } }` with `depth` fields from the root down to `id`. */
function nestedTo(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level--) selection = `${level % 2 === 0 ? 'sessions(first: 1)' : 'candidate'} { ${selection} }`;
  return `query($id: ID!) { candidate(id: $id) { ${selection} } }`;
}

/**
 * The subgraph holds the gateway's depth and cost limits itself: a request that reaches it with a
 * correctly signed identity, but not through the gateway, gets no more than a client would.
 */
describe('candidate-service operation limits', () => {
  let h: SubgraphHarness;
  let gql: Gql;
  let candidateId: string;
  const candidates = async () => Number((await h.database.query<{ n: string }>('SELECT count(*) AS n FROM candidates'))[0].n);

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    gql = h.recruiter('acme');
    candidateId = ok(
      await gql<{ addCandidate: { id: string } }>('mutation { addCandidate(input: { name: "Cara", email: "cara@acme.test" }) { id } }'),
    ).addCandidate.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('serves an operation 10 deep and refuses one 11 deep', async () => {
    expect(ok(await gql(nestedTo(10), { id: candidateId }))).toEqual({ candidate: { sessions: [] } });
    const refused = await gql(nestedTo(11), { id: candidateId });
    expect(refusal(refused)).toEqual(REFUSED);
    expect(refused.errors?.[0]?.message).toMatch(/depth limit of 10/);
  });

  // me (1) + candidates (1) + per candidate (42): its sessions (1) + per session (118) its forms (1)
  const AT_LIMIT = 'query($n: Int) { me { id } candidates(first: $n) { nodes { sessions(first: 118) { forms { id } } } } }';
  // the same with the viewer's organization: one object more
  const ONE_PAST =
    'query($n: Int) { me { organization { id } } candidates(first: $n) { nodes { sessions(first: 118) { forms { id } } } } }';

  it('serves an operation costing 5,000 and refuses one costing 5,001, `first` passed as a variable', async () => {
    expect(ok(await gql(AT_LIMIT, { n: 42 }))).toEqual({ me: { id: expect.any(String) }, candidates: { nodes: [{ sessions: [] }] } });
    const refused = await gql(ONE_PAST, { n: 42 });
    expect(refusal(refused)).toEqual(REFUSED);
    expect(refused.errors?.[0]?.message).toBe(
      'Query costs 5001, over the limit of 5000: ask for smaller pages (first) or fewer nested lists',
    );
  });

  it('prices `first` as a literal exactly as when it is a variable', async () => {
    const literal = (query: string, n: number) => query.replace('query($n: Int) ', '').replace('$n', String(n));
    expect(ok(await gql(literal(AT_LIMIT, 42)))).toMatchObject({ candidates: { nodes: [{ sessions: [] }] } });
    expect(refusal(await gql(literal(ONE_PAST, 42)))).toEqual(REFUSED);
    // one candidate more on the page: 119 more
    expect(refusal(await gql(literal(AT_LIMIT, 43)))).toEqual(REFUSED);
    expect(refusal(await gql(AT_LIMIT, { n: 43 }))).toEqual(REFUSED);
  });

  it('refuses an alias fan-out of deep lists in a mutation and runs none of it', async () => {
    const before = await candidates();
    const deep = 'sessions { forms { response { ratings { criterion { label } } } } }';
    const mutation = `mutation { ${Array.from(
      { length: 15 },
      (_, i) => `a${i}: addCandidate(input: { name: "Fan ${i}", email: "fan${i}@acme.test" }) { id ${deep} }`,
    ).join(' ')} }`;
    const refused = await gql(mutation);
    expect(refusal(refused)).toEqual(REFUSED);
    expect(refused.errors?.[0]?.message).toMatch(/^Query costs \d+, over the limit of 5000/);
    expect(await candidates()).toBe(before);
  });
});
