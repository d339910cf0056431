import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Kind, type OperationDefinitionNode, parse } from 'graphql';

import { SecuritySuite } from './support/security-suite';
import { buildWorld, World } from './support/world';

const REFUSED = { status: 400, data: null, codes: ['GRAPHQL_VALIDATION_FAILED'] };
const refusal = (result: { status: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }) => ({
  status: result.status,
  data: result.body.data ?? null,
  codes: result.body.errors?.map((error) => error.extensions?.code),
});

/**
 * Every GraphQL document in the web app's sources, as the browser sends it: string literals that
 * start with `query Name` or `mutation Name`, with the constants of their file (`${VIEW}`,
 * `${SESSIONS_PAGE_SIZE}`) filled in.
 */
function webAppOperations(): Map<string, { source: string; operation: OperationDefinitionNode }> {
  const root = join(__dirname, '../../apps/web/src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
  const operations = new Map<string, { source: string; operation: OperationDefinitionNode }>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const constants = new Map<string, string>();
    for (const [, name, value] of text.matchAll(/const (\w+) = `([^`]*)`/g)) constants.set(name, value);
    for (const [, name, value] of text.matchAll(/const (\w+) = (\d+);/g)) constants.set(name, value);
    for (const [literal] of text.matchAll(/`[^`]*`|'[^'\n]*'/g)) {
      let source = literal.slice(1, -1);
      if (!/^\s*(query|mutation) \w+/.test(source)) continue;
      for (let pass = 0; pass < 3; pass++)
        source = source.replace(/\$\{(\w+)\}/g, (_, name: string) => constants.get(name) ?? `\${${name}}`);
      const operation = parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      operations.set(operation.name!.value, { source, operation });
    }
  }
  return operations;
}

/**
 * The cost limit as a client meets it at the gateway: lists priced by their size (`first` as a
 * literal or a variable, or the list's cap), deep fan-outs refused before anything runs, and
 * every operation the web app sends served.
 */
describe('query cost at the gateway', () => {
  let suite: SecuritySuite;
  let world: World;

  beforeAll(async () => {
    suite = await SecuritySuite.start();
    world = await buildWorld(suite, 'acme');
  });

  afterAll(async () => {
    await suite?.close();
  });

  // me (1) + candidates (1) + per candidate (42): its sessions (1) + per session (118) its forms (1)
  const AT_LIMIT = 'query($n: Int) { me { id } candidates(first: $n) { nodes { sessions(first: 118) { forms { id } } } } }';
  // the same with the viewer's organization: one object more
  const ONE_PAST =
    'query($n: Int) { me { organization { id } } candidates(first: $n) { nodes { sessions(first: 118) { forms { id } } } } }';
  const literal = (query: string, n: number) => query.replace('query($n: Int) ', '').replace('$n', String(n));

  it('serves an operation costing 5,000 and refuses one costing 5,001 with a clear error', async () => {
    const served = await world.call<{ candidates: { nodes: unknown[] } }>(AT_LIMIT, { n: 42 });
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data?.candidates.nodes).toHaveLength(3);

    const refused = await world.call(ONE_PAST, { n: 42 });
    expect(refusal(refused)).toEqual(REFUSED);
    expect(refused.body.errors).toEqual([
      {
        message: 'Query costs 5001, over the limit of 5000: ask for smaller pages (first) or fewer nested lists',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('prices `first` passed as a variable exactly as the same `first` written in the query', async () => {
    for (const n of [42, 43]) {
      const asVariable = refusal(await world.call(AT_LIMIT, { n }));
      const asLiteral = refusal(await world.call(literal(AT_LIMIT, n)));
      expect({ n, asVariable }).toEqual({ n, asVariable: asLiteral });
    }
    expect(refusal(await world.call(AT_LIMIT, { n: 42 }))).toEqual({ status: 200, data: expect.anything(), codes: undefined });
    // one candidate more on the page costs 119 more
    expect(refusal(await world.call(AT_LIMIT, { n: 43 }))).toEqual(REFUSED);
  });

  it('prices a candidate’s sessions without `first` at the page maximum of 200', async () => {
    // candidates (1) + per candidate (n): its sessions (1) + per session (200) its forms (1)
    const query = (sessions: string) => `query($n: Int) { candidates(first: $n) { nodes { ${sessions} { forms { id } } } } }`;
    for (const sessions of ['sessions', 'sessions(first: 200)']) {
      expect({ sessions, ...refusal(await world.call(query(sessions), { n: 24 })) }).toMatchObject({
        sessions,
        status: 200,
        codes: undefined,
      });
      expect({ sessions, ...refusal(await world.call(query(sessions), { n: 25 })) }).toEqual({ sessions, ...REFUSED });
    }
    // a smaller page of sessions buys more candidates
    expect(refusal(await world.call(query('sessions(first: 100)'), { n: 49 }))).toMatchObject({ status: 200, codes: undefined });
  });

  it('refuses an alias fan-out of deep lists, and nothing of it runs (the form is not marked opened)', async () => {
    const formId = world.forms.open[0];
    const formState = () => suite.query('SELECT status, opened_at FROM feedback_forms WHERE id = $1', [formId]);
    const before = { snapshot: await suite.snapshot(), form: await formState() };
    const deep = 'sessions(first: 200) { nodes { forms { response { ratings { criterion { label } } } } } }';
    // viewing a form marks it OPENED: the first field would change the database if anything ran
    const query = `query($token: String!) { feedbackForm(token: $token) { formId status }
      ${Array.from({ length: 14 }, (_, i) => `a${i}: ${deep}`).join(' ')} }`;
    const refused = await suite.anonymous(query, { token: suite.formToken(formId) });
    expect(refusal(refused)).toEqual(REFUSED);
    // feedbackForm (1) + 14 × (sessions 1 + 200 × (forms 1 + 20 × (response 1 + ratings 1 + 30 × criterion 1)))
    expect(refused.body.errors?.[0]?.message).toBe(
      'Query costs 1794815, over the limit of 5000: ask for smaller pages (first) or fewer nested lists',
    );
    expect({ snapshot: await suite.snapshot(), form: await formState() }).toEqual(before);
    // the same form alone is served, and marked opened: the refusal above was the cost, not the link
    const served = await suite.anonymous('query($token: String!) { feedbackForm(token: $token) { status } }', {
      token: suite.formToken(formId),
    });
    expect(served.body).toEqual({ data: { feedbackForm: { status: 'OPENED' } } });
  });

  it('refuses an alias fan-out of deep lists under mutations and adds nothing', async () => {
    const before = await suite.snapshot();
    const deep = 'sessions { forms { response { ratings { criterion { label } } } } }';
    const mutation = `mutation { ${Array.from(
      { length: 15 },
      (_, i) => `a${i}: addCandidate(input: { name: "Fan ${i}", email: "fan${i}@acme.example" }) { id ${deep} }`,
    ).join(' ')} }`;
    expect(refusal(await world.call(mutation))).toEqual(REFUSED);
    expect(await suite.snapshot()).toEqual(before);
  });

  it('serves every operation the web app sends', async () => {
    const operations = webAppOperations();
    expect([...operations.keys()].sort()).toEqual(
      [
        'Directory',
        'Stats',
        'Sessions',
        'FeedbackForm',
        'SubmitFeedback',
        'Tiles',
        'Decline',
        'Portal',
        'Ask',
        'Rate',
        'Release',
        'Withhold',
        'Resend',
        'Complete',
        'Cancel',
        'Asked',
        'Schedule',
        'UpdateRole',
        'CreateRole',
        'AddCandidate',
        'AddInterviewer',
        'SendPortal',
        'SessionPage',
        'Candidates',
        'ByEmail',
        'UpdateCandidate',
        'UpdateInterviewer',
        'Archive',
        'Unarchive',
        'Notify',
        'Rename',
        'AddPanelist',
        'Integrations',
        'Reply',
        'LegalHold',
        'ExportCandidate',
      ].sort(),
    );
    const main = world.candidates.main.id;
    const hour = 3_600_000;
    const byLink = new Set(['FeedbackForm', 'SubmitFeedback', 'Decline', 'Portal', 'Ask', 'Rate', 'Reply']);
    const variables: Record<string, Record<string, unknown>> = {
      Directory: {},
      Stats: { roleId: world.roles.auto.id, from: new Date(Date.now() - 90 * 24 * hour).toISOString(), to: new Date().toISOString() },
      Sessions: { filter: { roleId: world.roles.auto.id }, after: null },
      FeedbackForm: { token: suite.formToken(world.forms.open[0]) },
      SubmitFeedback: {
        token: suite.formToken(world.forms.open[0]),
        input: {
          overallFit: 'GOOD_FIT',
          ratings: world.roles.auto.criteria.map((criterionId) => ({ criterionId, rating: 3, note: null })),
          strengths: 'Clear reasoning',
          gaps: 'Nothing so far',
        },
      },
      Decline: { token: suite.formToken(world.forms.open[1]), reason: 'I could not attend' },
      Portal: { token: suite.portalToken(main) },
      Ask: { token: suite.portalToken(main), sessionId: world.sessions.scheduled },
      Rate: { token: suite.portalToken(main), sessionId: world.sessions.released, helpful: true },
      Release: { id: world.answers.review, message: null },
      Withhold: { id: world.answers.review, reason: 'Kept for a second panel' },
      Resend: { id: world.forms.scheduled },
      Complete: { id: world.sessions.scheduled },
      Cancel: { id: world.sessions.scheduled },
      Asked: { id: world.sessions.completed },
      Schedule: {
        input: {
          candidateId: world.candidates.other.id,
          roleId: world.roles.auto.id,
          interviewerIds: world.interviewers.map((interviewer) => interviewer.id),
          title: 'Web app round',
          startsAt: new Date(Date.now() + 24 * hour).toISOString(),
          endsAt: new Date(Date.now() + 25 * hour).toISOString(),
        },
      },
      UpdateRole: { id: world.roles.auto.id, input: { title: 'acme Backend engineer II' } },
      CreateRole: { input: { title: 'Web app role', criteria: [{ label: 'Rust', kind: 'SKILL', weight: 3 }] } },
      AddCandidate: { input: { name: 'Web Candidate', email: 'web.candidate@acme.example' } },
      AddInterviewer: { input: { name: 'Web Interviewer', email: 'web.interviewer@acme.example' } },
      SendPortal: { id: main },
      SessionPage: { id: world.sessions.completed },
      Candidates: { search: 'acme' },
      ByEmail: { email: 'web.candidate@acme.example' },
      UpdateCandidate: { id: world.candidates.other.id, input: { name: 'Other Candidate', email: 'other.candidate@acme.example' } },
      UpdateInterviewer: {
        id: world.interviewers[0].id,
        input: { name: 'Renamed Interviewer', email: 'renamed.interviewer@acme.example' },
      },
      Archive: { id: world.interviewers[0].id },
      Unarchive: { id: world.interviewers[0].id },
      Notify: { id: world.answers.review },
      Rename: { input: { name: 'Acme Talent' } },
      AddPanelist: { s: world.sessions.completed, i: world.interviewers[0].id },
      Integrations: {},
      Reply: { token: suite.portalToken(main), sessionId: world.sessions.released, message: 'Thank you for the answer' },
      LegalHold: { id: world.candidates.other.id, hold: true, reason: 'A dispute' },
      ExportCandidate: { id: main },
    };
    // the Integrations page is for admins
    const admin = suite.recruiter(world.org, `${world.org}-admin`, 'admin');
    // reads first, then the link holders' writes, then the recruiter's (a new portal link retires the old one)
    const order = ([name, { operation }]: [string, { operation: OperationDefinitionNode }]) =>
      operation.operation === 'query' ? 0 : byLink.has(name) ? 1 : 2;
    for (const [name, { source, operation }] of [...operations].sort((a, b) => order(a) - order(b))) {
      const call = byLink.has(name) ? suite.anonymous : name === 'Integrations' ? admin : world.call;
      const result = await call(source, variables[name]);
      const codes = result.body.errors?.map((error) => error.extensions?.code);
      if (operation.operation === 'query') {
        // reads must come back whole
        expect({ name, status: result.status, codes, data: result.body.data != null }).toEqual({
          name,
          status: 200,
          codes: undefined,
          data: true,
        });
      } else {
        // a write may meet the state the earlier ones left (a released answer cannot be withheld), never a limit
        expect({ name, status: result.status, limited: codes?.includes('GRAPHQL_VALIDATION_FAILED') ?? false }).toEqual({
          name,
          status: 200,
          limited: false,
        });
      }
    }
  });
});
