import { createHash } from 'node:crypto';

import { signIdentity } from '@closer/domain';
import { signTestJwt, testConfig } from '@closer/testing';

import { graphql, RunningHttpApp, startGateway } from './support/apps';
import { WorkerFlow } from './support/worker-flow';

type Result = Awaited<ReturnType<typeof graphql>>['body'];
const codes = (body: Result) => (body.errors ?? []).map((error) => error.extensions?.code);

describe('organization API keys', () => {
  let flow: WorkerFlow;
  let headers: { admin: Record<string, string>; recruiter: Record<string, string>; globexAdmin: Record<string, string> };

  const call = (auth: Record<string, string>, query: string, variables: Record<string, unknown> = {}) =>
    graphql(flow.gatewayUrl, query, variables, auth).then((response) => response.body);
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  async function createKey(auth: Record<string, string>, name: string): Promise<{ id: string; prefix: string; secret: string }> {
    const body = await call(auth, 'mutation($name: String!) { createApiKey(name: $name) { secret apiKey { id prefix } } }', { name });
    const created = (body.data as { createApiKey: { secret: string; apiKey: { id: string; prefix: string } } }).createApiKey;
    return { id: created.apiKey.id, prefix: created.apiKey.prefix, secret: created.secret };
  }
  const candidateCount = async (slug: string) =>
    Number(
      (
        await flow.query<{ count: string }>(
          'SELECT count(*) FROM candidates c JOIN organizations o ON o.id = c.organization_id WHERE o.slug = $1',
          [slug],
        )
      )[0].count,
    );

  beforeAll(async () => {
    flow = await WorkerFlow.start({ hourMs: 3_600_000 });
    const secret = flow.config.auth.jwtSecret!;
    headers = {
      admin: bearer(await signTestJwt(secret, { org: 'acme', sub: 'ada', role: 'admin' })),
      recruiter: bearer(await signTestJwt(secret, { org: 'acme', sub: 'rae', role: 'recruiter' })),
      globexAdmin: bearer(await signTestJwt(secret, { org: 'globex', sub: 'gus', role: 'admin' })),
    };
  });

  afterAll(async () => {
    await flow?.close();
  });

  it('shows the secret once, stores only its SHA-256, and lists the key by its prefix', async () => {
    const key = await createKey(headers.admin, 'Greenhouse sync');
    expect(key.secret).toMatch(/^closer_sk_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    expect(key.prefix.length).toBeLessThan(20);

    const [row] = await flow.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = $1', [key.id]);
    expect(row.key_hash).toEqual(createHash('sha256').update(key.secret).digest());
    const stored = JSON.stringify(row, (_name, value: unknown) => (Buffer.isBuffer(value) ? value.toString('latin1') : value));
    expect(stored).not.toContain(key.secret.slice(key.prefix.length));

    const listed = await call(headers.admin, '{ apiKeys { id name prefix lastUsedAt revokedAt } }');
    expect(listed.data).toEqual({
      apiKeys: expect.arrayContaining([{ id: key.id, name: 'Greenhouse sync', prefix: key.prefix, lastUsedAt: null, revokedAt: null }]),
    });
    expect(JSON.stringify(listed)).not.toContain(key.secret);
  });

  it('refuses a recruiter every key operation, changing nothing', async () => {
    const key = await createKey(headers.admin, 'Lever sync');
    const before = await flow.query('SELECT id, revoked_at FROM api_keys ORDER BY id');
    expect(codes(await call(headers.recruiter, 'mutation { createApiKey(name: "mine") { secret } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await call(headers.recruiter, '{ apiKeys { id } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await call(headers.recruiter, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await flow.query('SELECT id, revoked_at FROM api_keys ORDER BY id')).toEqual(before);
  });

  it('works on recruiter operations as the organization, and never as an admin', async () => {
    const key = await createKey(headers.admin, 'ATS');
    const added = await call(
      bearer(key.secret),
      'mutation { addCandidate(input: { name: "Kay Keyed", email: "kay@example.test" }) { id } }',
    );
    const candidateId = (added.data as { addCandidate: { id: string } }).addCandidate.id;
    // the admin's own JWT sees what the key wrote: the same organization
    const seen = await call(headers.admin, 'query($id: ID!) { candidate(id: $id) { name } }', { id: candidateId });
    expect(seen.data).toEqual({ candidate: { name: 'Kay Keyed' } });

    const keys = await flow.query('SELECT id, revoked_at FROM api_keys ORDER BY id');
    const endpoints = await flow.query('SELECT id FROM webhook_endpoints');
    for (const [query, variables] of [
      ['mutation { createApiKey(name: "escalated") { secret } }', {}],
      ['{ apiKeys { id } }', {}],
      ['mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }],
      ['mutation { createWebhookEndpoint(url: "http://127.0.0.1:9/x", events: [FORM_SUBMITTED]) { secret } }', {}],
      ['{ webhookEndpoints { id } }', {}],
    ] as const) {
      expect({ query, codes: codes(await call(bearer(key.secret), query, variables)) }).toEqual({ query, codes: ['FORBIDDEN'] });
    }
    expect(await flow.query('SELECT id, revoked_at FROM api_keys ORDER BY id')).toEqual(keys);
    expect(await flow.query('SELECT id FROM webhook_endpoints')).toEqual(endpoints);
    // the recruiter row the key acts through is a recruiter, named after the key
    expect(await flow.query("SELECT name, role FROM users WHERE subject = 'api-key:' || $1", [key.id])).toEqual([
      { name: 'ATS', role: 'recruiter' },
    ]);
  });

  it('notes the last use at most once a minute', async () => {
    const key = await createKey(headers.admin, 'Calendar');
    const lastUsed = async () =>
      (await flow.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_keys WHERE id = $1', [key.id]))[0];
    await call(bearer(key.secret), '{ roles { id } }');
    const first = (await lastUsed()).last_used_at;
    expect(first).toBeInstanceOf(Date);
    await call(bearer(key.secret), '{ roles { id } }');
    expect((await lastUsed()).last_used_at).toEqual(first);
    await flow.query("UPDATE api_keys SET last_used_at = now() - interval '61 seconds' WHERE id = $1", [key.id]);
    const aged = (await lastUsed()).last_used_at!;
    await call(bearer(key.secret), '{ roles { id } }');
    expect((await lastUsed()).last_used_at!.getTime()).toBeGreaterThan(aged.getTime() + 60_000);
  });

  it('stops working from the very next request after its revocation, and a refused write changes nothing', async () => {
    const key = await createKey(headers.admin, 'Soon revoked');
    expect(codes(await call(bearer(key.secret), '{ roles { id } }'))).toEqual([]);
    const revoked = await call(headers.admin, 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }', { id: key.id });
    expect((revoked.data as { revokeApiKey: { revokedAt: string } }).revokeApiKey.revokedAt).toEqual(expect.any(String));

    const before = await candidateCount('acme');
    const refused = await graphql(
      flow.gatewayUrl,
      'mutation { addCandidate(input: { name: "Too Late", email: "late@example.test" }) { id } }',
      {},
      bearer(key.secret),
    );
    expect(refused.status).toBe(401);
    expect(codes(refused.body)).toEqual(['UNAUTHENTICATED']);
    expect(await candidateCount('acme')).toBe(before);
    expect(codes(await call(bearer(key.secret), '{ roles { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it("is decided before the browser's sign-in cookie, and never opens a browser session", async () => {
    const sessionUrl = flow.gatewayUrl.replace(/\/graphql$/, '/auth/session');
    const opened = await fetch(sessionUrl, { method: 'POST', headers: headers.admin });
    expect(opened.status).toBe(204);
    const adminCookie = opened.headers.get('set-cookie')!.split(';')[0];
    expect(adminCookie).toMatch(/^closer_session=/);
    // the admin's cookie alone is the admin
    expect(codes(await call({ cookie: adminCookie }, '{ apiKeys { id } }'))).toEqual([]);

    const key = await createKey(headers.admin, 'Beside a cookie');
    // a key next to an admin's cookie acts as the key (a recruiter), never as the cookie's admin
    const keys = await flow.query('SELECT id, revoked_at FROM api_keys ORDER BY id');
    const withBoth = { ...bearer(key.secret), cookie: adminCookie };
    expect(codes(await call(withBoth, '{ apiKeys { id } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await call(withBoth, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }))).toEqual(['FORBIDDEN']);
    expect(await flow.query('SELECT id, revoked_at FROM api_keys ORDER BY id')).toEqual(keys);

    // a key cannot be traded for a browser session, with or without a cookie already there
    for (const auth of [bearer(key.secret), withBoth]) {
      const refused = await fetch(sessionUrl, { method: 'POST', headers: auth });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
    // the admin's session survived the refused attempts
    expect(codes(await call({ cookie: adminCookie }, '{ apiKeys { id } }'))).toEqual([]);

    // a revoked key is refused even with a good cookie beside it: no fallback to the cookie
    await call(headers.admin, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id });
    const before = await candidateCount('acme');
    const refused = await call(withBoth, 'mutation { addCandidate(input: { name: "Via Cookie", email: "cookie@example.test" }) { id } }');
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(await candidateCount('acme')).toBe(before);
  });

  it('refuses made-up, altered and truncated keys, while JWTs work as before', async () => {
    const key = await createKey(headers.admin, 'Genuine');
    const flipped = `${key.secret.slice(0, -1)}${key.secret.endsWith('A') ? 'B' : 'A'}`;
    for (const secret of [flipped, key.secret.slice(0, -1), `${key.secret}A`, 'closer_sk_', `closer_sk_${'A'.repeat(43)}`]) {
      expect({ secret, codes: codes(await call(bearer(secret), '{ roles { id } }')) }).toEqual({ secret, codes: ['UNAUTHENTICATED'] });
    }
    expect(codes(await call(headers.recruiter, '{ roles { id } }'))).toEqual([]);
  });

  it("keeps each organization's keys to its own data", async () => {
    const acmeKey = await createKey(headers.admin, 'Acme ATS');
    const globexKey = await createKey(headers.globexAdmin, 'Globex ATS');
    const globexCandidate = await call(
      bearer(globexKey.secret),
      'mutation { addCandidate(input: { name: "Gia Globex", email: "gia@globex.test", externalId: "ats-77" }) { id } }',
    );
    const globexId = (globexCandidate.data as { addCandidate: { id: string } }).addCandidate.id;

    expect((await call(bearer(acmeKey.secret), 'query($id: ID!) { candidate(id: $id) { id } }', { id: globexId })).data).toEqual({
      candidate: null,
    });
    const listed = await call(bearer(acmeKey.secret), '{ candidates(first: 200) { nodes { id } } }');
    expect(JSON.stringify(listed)).not.toContain(globexId);
    // the same external id in another organization is another candidate; Globex's stays as it was
    const acmeCandidate = await call(
      bearer(acmeKey.secret),
      'mutation { addCandidate(input: { name: "Ann Acme", email: "ann@acme.test", externalId: "ats-77" }) { id } }',
    );
    expect((acmeCandidate.data as { addCandidate: { id: string } }).addCandidate.id).not.toBe(globexId);
    expect(await flow.query('SELECT name, email FROM candidates WHERE id = $1', [globexId])).toEqual([
      { name: 'Gia Globex', email: 'gia@globex.test' },
    ]);
    // one organization's admin cannot revoke another's key
    expect(codes(await call(headers.admin, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: globexKey.id }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await call(bearer(globexKey.secret), '{ roles { id } }'))).toEqual([]);
  });

  it('answers who a key is only to a request the gateway signed for that lookup', async () => {
    const key = await createKey(headers.admin, 'Looked up');
    const url = `${flow.candidateService.baseUrl}/internal/api-keys/identify`;
    const body = JSON.stringify({ keyHash: createHash('sha256').update(key.secret).digest('base64url') });
    const secret = flow.config.auth.internalSecret;
    const ask = (header?: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(header ? { 'x-closer-identity': header } : {}) },
        body,
      }).then(async (response) => ({ status: response.status, body: await response.json() }));

    expect(await ask(signIdentity(secret, null, { method: 'POST', subgraph: 'candidate-service/api-key-lookup', body }))).toEqual({
      status: 200,
      body: { identity: { sub: `api-key:${key.id}`, org: 'acme', email: '', name: 'Looked up', role: 'recruiter' } },
    });
    for (const header of [
      undefined,
      // signed for GraphQL requests, or over another body, or with another secret
      signIdentity(secret, null, { method: 'POST', subgraph: 'candidate-service', body }),
      signIdentity(secret, null, { method: 'POST', subgraph: 'candidate-service/api-key-lookup', body: '{}' }),
      signIdentity('another-secret-of-at-least-32-characters!', null, {
        method: 'POST',
        subgraph: 'candidate-service/api-key-lookup',
        body,
      }),
    ]) {
      expect(await ask(header)).toEqual({ status: 401, body: { identity: null } });
    }
  });

  describe('on the queue dashboard', () => {
    let gateway: RunningHttpApp;

    beforeAll(async () => {
      gateway = await startGateway(
        testConfig({
          database: flow.database,
          redis: flow.redis,
          env: {
            CANDIDATE_SERVICE_URL: `${flow.candidateService.baseUrl}/graphql`,
            OPS_OPERATORS: 'ada',
            OPS_ORGANIZATION: 'acme',
          },
        }),
      );
    });

    afterAll(async () => {
      await gateway?.close();
    });

    it('opens to the operator’s JWT and never to a key of the same organization', async () => {
      const key = await createKey(headers.admin, 'Not an operator');
      const access = (auth: Record<string, string>) => fetch(`${gateway.baseUrl}/admin/queues/access`, { headers: auth });
      expect((await access(headers.admin)).status).toBe(200);
      expect((await access(bearer(key.secret))).status).toBe(401);
      const session = await fetch(`${gateway.baseUrl}/admin/queues/session`, { method: 'POST', headers: bearer(key.secret) });
      expect(session.status).toBe(401);
      expect(session.headers.get('set-cookie')).toBeNull();
    });
  });
});
