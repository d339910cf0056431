import { randomBytes } from 'node:crypto';

import { CloserConfig } from '@closer/config';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { Lexer, Source, TokenKind } from 'graphql';

import { graphql, RunningHttpApp, startCandidateService, startGateway } from './support/apps';
import { ensureWebBuilt } from './web/support/web-build';

type GraphQLBody = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

const secret = () => randomBytes(24).toString('hex');

/** `field { inner { field { inner ... } } }` nested to `depth` fields, ending with `leaf`. */
function nested(depth: number, fields: [string, string], leaf: string): string {
  let selection = leaf;
  for (let level = depth - 1; level >= 1; level--) selection = `${fields[level % 2]} { ${selection} }`;
  return selection;
}

/**
 * The gateway as a client meets it: recruiter operations signed through to the subgraph, the
 * shape limits that stop abusive operations before any subgraph sees them, introspection only
 * outside production, masked errors, security headers and the link rate limits.
 */
describe('gateway', () => {
  const internalSecret = secret();
  let database: TestDatabase;
  let redis: TestRedis;
  let subgraphConfig: CloserConfig;
  let candidateService: RunningHttpApp;
  let gateway: RunningHttpApp;
  let gatewayUrl: string;
  let jwtSecret: string;
  let auth: Record<string, string>;
  const started: RunningHttpApp[] = [];

  const gatewayEnv = (env: Record<string, string> = {}) =>
    testConfig({
      database,
      redis,
      env: { INTERNAL_AUTH_SECRET: internalSecret, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql`, ...env },
    });
  const startAnotherGateway = async (config: CloserConfig) => {
    const app = await startGateway(config);
    started.push(app);
    return app;
  };
  const postRaw = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...auth, ...headers },
      body,
    });
  const count = async (table: string) => Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    database = await TestDatabase.create();
    redis = new TestRedis();
    subgraphConfig = testConfig({ database, redis, env: { INTERNAL_AUTH_SECRET: internalSecret } });
    candidateService = await startCandidateService(subgraphConfig);
    const config = gatewayEnv({ NODE_ENV: 'development' });
    gateway = await startGateway(config);
    gatewayUrl = `${gateway.baseUrl}/graphql`;
    jwtSecret = config.auth.jwtSecret!;
    auth = { authorization: `Bearer ${await signTestJwt(jwtSecret, { org: 'acme', sub: 'rae' })}` };
  });

  afterAll(async () => {
    for (const app of started) await app.close();
    await gateway?.close();
    await candidateService?.close();
    await redis?.flush();
    await database?.drop();
  });

  describe('recruiter operations', () => {
    it('creates a role and an interviewer and reads them back through the gateway', async () => {
      const created = await graphql<{ createRole: { id: string; title: string; criteria: { label: string; weight: number }[] } }>(
        gatewayUrl,
        'mutation($input: CreateRoleInput!) { createRole(input: $input) { id title answerPolicy criteria { label kind weight } } }',
        {
          input: {
            title: 'Staff Engineer',
            criteria: [
              { label: 'System design', kind: 'SKILL', weight: 5 },
              { label: 'Mentoring', kind: 'QUALITY', weight: 3 },
            ],
          },
        },
        auth,
      );
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data?.createRole).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Staff Engineer',
        answerPolicy: 'AUTO_RELEASE',
        criteria: [
          { label: 'System design', kind: 'SKILL', weight: 5 },
          { label: 'Mentoring', kind: 'QUALITY', weight: 3 },
        ],
      });
      const roleId = created.body.data!.createRole.id;

      const added = await graphql<{ addInterviewer: { id: string; email: string } }>(
        gatewayUrl,
        'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id name email } }',
        { input: { name: 'Ian Interviewer', email: 'Ian@Acme.test' } },
        auth,
      );
      expect(added.body.errors).toBeUndefined();
      expect(added.body.data?.addInterviewer).toMatchObject({ name: 'Ian Interviewer', email: 'ian@acme.test' });

      const read = await graphql(gatewayUrl, '{ roles { id title } interviewers { email } me { organization { slug } } }', {}, auth);
      expect(read.body).toEqual({
        data: {
          roles: [{ id: roleId, title: 'Staff Engineer' }],
          interviewers: [{ email: 'ian@acme.test' }],
          me: { organization: { slug: 'acme' } },
        },
      });
      const rows = await database.query('SELECT r.title, o.slug FROM roles r JOIN organizations o ON o.id = r.organization_id');
      expect(rows).toEqual([{ title: 'Staff Engineer', slug: 'acme' }]);
    });

    it('passes the subgraph’s validation errors through with their fields', async () => {
      const { body } = await graphql(
        gatewayUrl,
        'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }',
        { input: { name: 'No Email', email: 'not-an-email' } },
        auth,
      );
      expect(body.errors).toEqual([
        expect.objectContaining({
          extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.email', message: expect.any(String) }] },
        }),
      ]);
    });

    it('provisions a new organization and user from the first valid JWT, once, even under concurrent first requests', async () => {
      const token = await signTestJwt(jwtSecret, {
        org: 'initech',
        sub: 'peter',
        email: 'peter@initech.test',
        name: 'Peter Gibbons',
        role: 'admin',
      });
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          graphql<{ me: { id: string; organization: { id: string } } }>(
            gatewayUrl,
            '{ me { id name email role organization { id slug name } } }',
            {},
            { authorization: `Bearer ${token}` },
          ),
        ),
      );
      for (const { body } of results) expect(body.errors).toBeUndefined();
      const viewers = results.map(({ body }) => body.data!.me);
      expect(new Set(viewers.map((viewer) => JSON.stringify(viewer))).size).toBe(1);
      expect(viewers[0]).toMatchObject({
        name: 'Peter Gibbons',
        email: 'peter@initech.test',
        role: 'admin',
        organization: { slug: 'initech', name: 'initech' },
      });

      const rows = await database.query(
        `SELECT u.id, u.subject, u.email, u.name, u.role, o.id AS organization_id, o.slug
           FROM users u JOIN organizations o ON o.id = u.organization_id WHERE o.slug = 'initech'`,
      );
      expect(rows).toEqual([
        {
          id: viewers[0].id,
          subject: 'peter',
          email: 'peter@initech.test',
          name: 'Peter Gibbons',
          role: 'admin',
          organization_id: viewers[0].organization.id,
          slug: 'initech',
        },
      ]);
      // the new organization sees nothing of acme's
      const roles = await graphql(gatewayUrl, '{ roles { id } }', {}, { authorization: `Bearer ${token}` });
      expect(roles.body).toEqual({ data: { roles: [] } });
    });

    it('answers UNAUTHENTICATED to a recruiter query without a token and provisions nothing', async () => {
      const organizations = await count('organizations');
      for (const query of ['{ roles { id } }', '{ me { id } }', '{ closingFeedbackDashboard { formsSent } }']) {
        const { body } = await graphql(gatewayUrl, query);
        expect({ query, codes: body.errors?.map((error) => error.extensions?.code), data: body.data ?? null }).toEqual({
          query,
          codes: ['UNAUTHENTICATED'],
          data: null,
        });
      }
      const mutation = await graphql(gatewayUrl, 'mutation { addCandidate(input: { name: "Eve", email: "eve@example.com" }) { id } }');
      expect(mutation.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await count('candidates')).toBe(0);
      expect(await count('organizations')).toBe(organizations);
    });

    it('refuses a token once it expires, though it was just accepted (verified tokens are remembered for a while)', async () => {
      const token = await signTestJwt(jwtSecret, { org: 'acme', sub: 'rae' }, { expiresIn: '2s' });
      const me = () => graphql(gatewayUrl, '{ me { organization { slug } } }', {}, { authorization: `Bearer ${token}` });
      expect((await me()).body).toEqual({ data: { me: { organization: { slug: 'acme' } } } });
      expect((await me()).body).toEqual({ data: { me: { organization: { slug: 'acme' } } } });
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 50));
      const expired = await me();
      expect({ status: expired.status, data: expired.body.data ?? null, code: expired.body.errors?.[0]?.extensions?.code }).toEqual({
        status: 401,
        data: null,
        code: 'UNAUTHENTICATED',
      });
    });

    it('refuses a malformed Authorization header like a bad token', async () => {
      for (const authorization of ['Basic cmFlOnNlY3JldA==', 'Bearer', 'Bearer a b']) {
        const { body } = await graphql(gatewayUrl, '{ me { id } }', {}, { authorization });
        expect({ authorization, code: body.errors?.[0]?.extensions?.code }).toEqual({ authorization, code: 'UNAUTHENTICATED' });
      }
    });
  });

  describe('operation limits', () => {
    const addCandidate = (alias: string, n: number) =>
      `${alias}: addCandidate(input: { name: "C${n}", email: "c${n}@example.com" }) { id }`;

    it('serves the contract’s deepest real query', async () => {
      // paged: with every list at its full size it would cost far more than the limit
      const deepest =
        '{ candidates(first: 1) { nodes { sessions(first: 7) { forms { response { ratings { criterion { label } } } } } } } }';
      const { body } = await graphql(gatewayUrl, deepest, {}, auth);
      expect(body).toEqual({ data: { candidates: { nodes: [] } } });
    });

    // The README's limits, written out: depth 10, 15 aliases, 2,000 tokens (the cost limit of 5,000:
    // test/security/query-cost.e2e-spec.ts). Each is served at the limit and refused one past it.
    // candidate → sessions → candidate → … → id: `depth` fields on the longest path (one session a list keeps the cost low)
    const atDepth = (depth: number) =>
      `query($id: ID!) { candidate(id: $id) { ${nested(depth - 1, ['candidate', 'sessions(first: 1)'], 'id')} } }`;
    const aliasesOfMe = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `me${i}: me { id }`).join(' ')} }`;
    // 12 tokens of frame and 2 per spread (the same field repeated would trip graphql-js's own
    // overlap check first); the leading `id` adds the token one past the limit
    const spreads = '...F '.repeat(994);
    const tokens2000 = `{ me { ${spreads}} } fragment F on Viewer { id }`;
    const tokens2001 = `{ me { id ${spreads}} } fragment F on Viewer { id }`;

    it('counts the tokens of its own operations right', () => {
      const count = (source: string) => {
        const lexer = new Lexer(new Source(source));
        let n = 0;
        while (lexer.advance().kind !== TokenKind.EOF) n++;
        return n;
      };
      expect([count(tokens2000), count(tokens2001)]).toEqual([2_000, 2_001]);
    });

    it.each([
      ['a query of depth 10', atDepth(10)],
      ['15 aliases', aliasesOfMe(15)],
      ['an operation of 2,000 tokens', tokens2000],
    ])('serves %s', async (_case, query) => {
      const { status, body } = await graphql(gatewayUrl, query, { id: '00000000-0000-0000-0000-000000000000' }, auth);
      expect({ status, errors: body.errors ?? [] }).toEqual({ status: 200, errors: [] });
      // the subgraph answered: an unknown candidate is null, the recruiter is there
      expect(Object.values(body.data!)).toEqual(
        query.includes('candidate(') ? [null] : expect.arrayContaining([{ id: expect.any(String) }]),
      );
    });

    it.each([
      ['a query of depth 11', atDepth(11), 'GRAPHQL_VALIDATION_FAILED'],
      ['16 aliases', aliasesOfMe(16), 'GRAPHQL_VALIDATION_FAILED'],
      ['a field repeating a directive 50 times', `{ me ${'@include(if: true) '.repeat(50)}{ id } }`, 'GRAPHQL_VALIDATION_FAILED'],
      ['an operation of 2,001 tokens', tokens2001, 'GRAPHQL_PARSE_FAILED'],
    ])('refuses %s with 400 before it reaches the subgraph', async (_case, query, code) => {
      const { status, body } = await graphql(gatewayUrl, query, { id: '00000000-0000-0000-0000-000000000000' }, auth);
      expect({ status, data: body.data ?? null }).toEqual({ status: 400, data: null });
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(body.errors!.map((error) => error.extensions?.code)).toEqual(body.errors!.map(() => code));
    });

    it('runs none of a mutation nested to depth 11', async () => {
      const mutation = `mutation { addCandidate(input: { name: "Deep", email: "deep@example.com" }) { ${nested(10, ['candidate', 'sessions'], 'id')} } }`;
      const { status, body } = await graphql(gatewayUrl, mutation, {}, auth);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await count('candidates')).toBe(0);
    });

    it('runs none of a mutation with 16 aliases', async () => {
      const mutation = `mutation { ${Array.from({ length: 16 }, (_, i) => addCandidate(`a${i}`, i)).join(' ')} }`;
      const { status, body } = await graphql(gatewayUrl, mutation, {}, auth);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await count('candidates')).toBe(0);
    });

    it('refuses a batched HTTP request and runs none of its operations', async () => {
      const batch = [0, 1, 2].map((n) => ({ query: `mutation { ${addCandidate('added', n)} }` }));
      const response = await postRaw(gatewayUrl, JSON.stringify(batch));
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain('"data"');
      expect(await count('candidates')).toBe(0);
    });

    it('refuses a body over 100kb with 413 and changes nothing', async () => {
      const body = JSON.stringify({
        query: 'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
        variables: { input: { name: 'x'.repeat(110 * 1024), email: 'big@example.com' } },
      });
      const response = await postRaw(gatewayUrl, body);
      expect(response.status).toBe(413);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      const text = await response.text();
      expect(text).not.toMatch(/at \w+ \(|node_modules|PayloadTooLargeError|raw-body/);
      expect(await count('candidates')).toBe(0);
    });

    it('refuses a cross-site form post (CSRF) and changes nothing', async () => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...auth },
        body: JSON.stringify({ query: `mutation { ${addCandidate('added', 99)} }` }),
      });
      expect(response.status).toBe(400);
      expect(await count('candidates')).toBe(0);
    });

    it('gives no field suggestions that would map the schema', async () => {
      const { body } = await graphql(gatewayUrl, '{ rolez { id } }', {}, auth);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(body)).not.toMatch(/did you mean|roles/i);
    });
  });

  describe('introspection', () => {
    const introspection = '{ __schema { queryType { name } } __type(name: "Role") { fields { name } } }';

    it('is allowed outside production', async () => {
      const { body } = await graphql<{ __schema: { queryType: { name: string } } }>(gatewayUrl, introspection, {});
      expect(body.errors).toBeUndefined();
      expect(body.data?.__schema).toEqual({ queryType: { name: 'Query' } });
    });

    it('is refused in production, where the API still serves', async () => {
      const productionSecret = secret();
      const production = await startAnotherGateway(
        gatewayEnv({
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: productionSecret,
          LINK_SECRET: secret(),
          PUBLIC_URL: 'https://closer.example.com',
          SMTP_URL: 'smtp://127.0.0.1:25',
          AUTH_JWT_ISSUER: 'https://id.acme.example/',
          AUTH_JWT_AUDIENCE: 'closer',
        }),
      );
      const url = `${production.baseUrl}/graphql`;
      for (const query of [introspection, '{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
        const { status, body } = await graphql(url, query, {});
        expect({ query, status, code: body.errors?.[0]?.extensions?.code, data: body.data ?? null }).toEqual({
          query,
          status: 400,
          code: 'GRAPHQL_VALIDATION_FAILED',
          data: null,
        });
      }
      const token = await signTestJwt(
        productionSecret,
        { org: 'acme', sub: 'rae' },
        { issuer: 'https://id.acme.example/', audience: 'closer' },
      );
      const served = await graphql(url, '{ me { organization { slug } } }', {}, { authorization: `Bearer ${token}` });
      expect(served.body).toEqual({ data: { me: { organization: { slug: 'acme' } } } });
      // the right key is not enough: a token minted for another audience, or by another issuer, is refused
      for (const options of [
        {},
        { issuer: 'https://id.acme.example/', audience: 'payroll' },
        { issuer: 'https://evil.example/', audience: 'closer' },
      ]) {
        const foreign = await signTestJwt(productionSecret, { org: 'acme', sub: 'rae' }, options);
        const refused = await graphql(url, '{ me { id } }', {}, { authorization: `Bearer ${foreign}` });
        expect({ options, code: refused.body.errors?.[0]?.extensions?.code, data: refused.body.data ?? null }).toEqual({
          options,
          code: 'UNAUTHENTICATED',
          data: null,
        });
      }
      // the development key means nothing in production
      expect((await graphql(url, '{ me { id } }', {}, auth)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      // behind TLS the pages also get HSTS and upgrade-insecure-requests
      const page = await fetch(`${production.baseUrl}/dashboard`);
      expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    });
  });

  describe('errors', () => {
    it('masks an internal failure of the subgraph: no SQL, stack or class names reach the client', async () => {
      await database.query('ALTER TABLE roles RENAME TO roles_moved_away');
      let body: GraphQLBody;
      try {
        ({ body } = await graphql(gatewayUrl, '{ roles { id title } }', {}, auth));
      } finally {
        await database.query('ALTER TABLE roles_moved_away RENAME TO roles');
      }
      expect(body.data ?? null).toBeNull();
      expect(body.errors).toEqual([{ message: 'Internal server error', path: ['roles'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(JSON.stringify(body)).not.toMatch(/roles_moved_away|relation|SELECT|QueryFailedError|stack|\.ts:\d+|exception/i);
      // and the subgraph answers normally again
      expect((await graphql(gatewayUrl, '{ roles { title } }', {}, auth)).body).toEqual({ data: { roles: [{ title: 'Staff Engineer' }] } });
    });
  });

  describe('link rate limits', () => {
    const WINDOW_MS = 60_000;
    let first: RunningHttpApp;
    let replica: RunningHttpApp;
    let epoch: number;
    const feedbackForm = (token: string, app = first) =>
      graphql(`${app.baseUrl}/graphql`, 'query($token: String!) { feedbackForm(token: $token) { formId } }', { token });
    const codeOf = (result: { body: GraphQLBody }) => result.body.errors?.[0]?.extensions?.code;
    /** One second into the n-th fixed window after `epoch`, with the clock running from there. */
    const inWindow = (n: number) => jest.setSystemTime(epoch + n * WINDOW_MS + 1_000);

    beforeAll(async () => {
      // 20 per IP and, by the config's rule, max(5, 20 / 10) = 5 per token; two replicas share Redis
      const config = gatewayEnv({ LINK_RATE_LIMIT_PER_MINUTE: '20', QUEUE_PREFIX: `${redis.prefix}:limits` });
      expect(config.links).toMatchObject({ rateLimitPerMinute: 20, rateLimitPerToken: 5 });
      first = await startAnotherGateway(config);
      replica = await startAnotherGateway(config);
      // windows are fixed minutes of the clock: fake only Date, so each step starts a known window
      epoch = (Math.floor(Date.now() / WINDOW_MS) + 1) * WINDOW_MS;
      jest.useFakeTimers({
        advanceTimers: true,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
    });

    afterAll(() => {
      jest.useRealTimers();
    });

    it('refuses the 6th use of one token within a minute, counted across replicas, with TOO_MANY_REQUESTS', async () => {
      inWindow(0);
      for (let n = 1; n <= 5; n++)
        expect({ n, code: codeOf(await feedbackForm('same', n % 2 ? first : replica)) }).toEqual({ n, code: 'NOT_FOUND' });
      const refused = await feedbackForm('same');
      expect(refused.status).toBe(429);
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors).toEqual([
        {
          message: 'Too many requests: try again in a minute',
          extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) },
        },
      ]);
      // another token from the same client is still within its own allowance
      expect(codeOf(await feedbackForm('another'))).toBe('NOT_FOUND');
    });

    it('lets the token through again in the next window, then refuses the 21st request from one IP', async () => {
      inWindow(1);
      expect(codeOf(await feedbackForm('same'))).toBe('NOT_FOUND');
      for (let n = 2; n <= 20; n++)
        expect({ n, code: codeOf(await feedbackForm(`token-${n}`, n % 2 ? first : replica)) }).toEqual({ n, code: 'NOT_FOUND' });
      expect(codeOf(await feedbackForm('token-21'))).toBe('TOO_MANY_REQUESTS');
      expect(codeOf(await feedbackForm('token-22', replica))).toBe('TOO_MANY_REQUESTS');
      // recruiter operations are not link operations: the same client is still served
      const token = await signTestJwt(jwtSecret, { org: 'acme', sub: 'rae' });
      const me = await graphql(`${first.baseUrl}/graphql`, '{ me { organization { slug } } }', {}, { authorization: `Bearer ${token}` });
      expect(me.body).toEqual({ data: { me: { organization: { slug: 'acme' } } } });

      inWindow(2);
      expect(codeOf(await feedbackForm('token-23'))).toBe('NOT_FOUND');
    });
  });

  describe('web pages', () => {
    beforeAll(() => ensureWebBuilt(), 120_000);

    it.each(['/dashboard', '/f/some-form-token', '/c/some-portal-token'])('serves %s with a strict CSP and no referrer', async (path) => {
      const response = await fetch(`${gateway.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
      const csp = response.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
      ])
        expect(csp).toContain(directive);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('serves no GraphQL IDE or landing page (they would load scripts from the internet)', async () => {
      const response = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.text()).not.toMatch(/<html|graphiql|sandbox|unpkg|cdn/i);
    });
  });
});
