import { randomBytes } from 'node:crypto';

import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, signIdentity } from '@closer/domain';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';

import { GatewayContext, SignedDataSource } from '../../apps/gateway/src/federation/signed-data-source';
import { graphql, RunningHttpApp, startCandidateService, startGateway } from '../support/apps';
import { RecordedRequest, RecordingProxy } from '../support/recording-proxy';

const UNAUTHENTICATED = { errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] };
const CREATE_ROLE = 'mutation($input: CreateRoleInput!) { createRole(input: $input) { id title } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Someone who can read the traffic between the gateway and the candidate subgraph captures the
 * signed identity headers the gateway really sent (through a recording proxy in between) and
 * sends them straight at the subgraph: with another body, another method, for another
 * subgraph, after the few seconds a header lives, or again as they were.
 */
describe('a signed identity header captured between the gateway and the subgraph', () => {
  const internalSecret = randomBytes(24).toString('hex');
  let database: TestDatabase;
  let redis: TestRedis;
  let subgraph: RunningHttpApp;
  let proxy: RecordingProxy;
  let gateway: RunningHttpApp;
  let auth: Record<string, string>;

  const viaGateway = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers = auth) =>
    graphql<T>(`${gateway.baseUrl}/graphql`, query, variables, headers);

  /** The last request the gateway sent the subgraph whose body contains `marker`. */
  const captured = (marker: string): RecordedRequest => {
    const found = proxy.requests.filter((request) => request.body.toString('utf8').includes(marker)).at(-1);
    if (!found) throw new Error(`the gateway sent nothing containing ${marker}`);
    return found;
  };

  /** Sends the captured request straight to the subgraph (or `to` another replica), changed as told. */
  const replay = async (request: RecordedRequest, change: { body?: string; method?: string; path?: string; to?: RunningHttpApp } = {}) => {
    const method = change.method ?? request.method;
    const response = await fetch(`${(change.to ?? subgraph).baseUrl}${change.path ?? request.path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'apollo-require-preflight': 'true',
        [IDENTITY_HEADER]: request.headers[IDENTITY_HEADER] as string,
      },
      body: method === 'GET' ? undefined : (change.body ?? request.body),
    });
    return { status: response.status, body: await response.json() };
  };

  const count = async (table: string) => Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const signedAt = (request: RecordedRequest) =>
    (JSON.parse(Buffer.from((request.headers[IDENTITY_HEADER] as string).split('.')[0], 'base64url').toString()) as { iat: number }).iat;

  beforeAll(async () => {
    database = await TestDatabase.create();
    redis = new TestRedis();
    subgraph = await startCandidateService(testConfig({ database, redis, env: { INTERNAL_AUTH_SECRET: internalSecret } }));
    proxy = await RecordingProxy.start(subgraph.baseUrl);
    const config = testConfig({
      database,
      redis,
      env: { INTERNAL_AUTH_SECRET: internalSecret, CANDIDATE_SERVICE_URL: `${proxy.baseUrl}/graphql`, NODE_ENV: 'development' },
    });
    gateway = await startGateway(config);
    auth = { authorization: `Bearer ${await signTestJwt(config.auth.jwtSecret!, { org: 'acme', sub: 'rae' })}` };
    const role = await viaGateway(CREATE_ROLE, {
      input: { title: 'Seed role', criteria: [{ label: 'Design', kind: 'SKILL', weight: 3 }] },
    });
    expect(role.body.errors).toBeUndefined();
  });

  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await subgraph?.close();
    await redis?.flush();
    await database?.drop();
  });

  it('is accepted again with the identical query body within its window: the capture is real', async () => {
    const answer = await viaGateway('{ roles { id title } marker1: me { id } }');
    expect(answer.body.errors).toBeUndefined();
    const request = captured('marker1');
    expect(request.method).toBe('POST');
    const again = await replay(request);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ data: { roles: [{ id: expect.any(String), title: 'Seed role' }], marker1: { id: expect.any(String) } } });
  });

  it('is refused with another body — a mutation in place of the query — and nothing is written', async () => {
    expect((await viaGateway('{ marker2: roles { id } }')).body.errors).toBeUndefined();
    const request = captured('marker2');
    const roles = await count('roles');
    const mutation = JSON.stringify({
      query: CREATE_ROLE,
      variables: { input: { title: 'Planted', criteria: [{ label: 'Any', kind: 'SKILL', weight: 1 }] } },
    });
    expect(await replay(request, { body: mutation })).toEqual({ status: 401, body: UNAUTHENTICATED });
    // the same JSON with one more space is other bytes
    expect(await replay(request, { body: `${request.body.toString('utf8')} ` })).toEqual({ status: 401, body: UNAUTHENTICATED });
    expect(await count('roles')).toBe(roles);
    expect(await database.query(`SELECT title FROM roles WHERE title = 'Planted'`)).toEqual([]);
    // and the untouched capture still passes, so the refusals were the body's doing
    expect((await replay(request)).status).toBe(200);
  });

  it('is refused with another method: GET with the captured operation in the query string', async () => {
    expect((await viaGateway('{ marker3: roles { id } }')).body.errors).toBeUndefined();
    const request = captured('marker3');
    const path = `/graphql?query=${encodeURIComponent('{ marker3: roles { id } }')}`;
    expect(await replay(request, { method: 'GET', path })).toEqual({ status: 401, body: UNAUTHENTICATED });
    expect(await replay(request, { method: 'PUT' })).toEqual({ status: 401, body: UNAUTHENTICATED });
  });

  it('is refused by a subgraph it was not signed for', async () => {
    // the gateway's own data source, composed for another subgraph name, sending through the same wire
    const elsewhere = new SignedDataSource(`${proxy.baseUrl}/graphql`, 'reviews', internalSecret);
    const sent = elsewhere.process({
      kind: 'incoming operation',
      request: { query: '{ marker4: roles { id } }', variables: {} },
      context: { identity: { sub: 'rae', org: 'acme', email: 'rae@acme.test', name: 'Rae', role: 'recruiter' } },
      incomingRequestContext: {},
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
    await expect(sent).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', response: { status: 401 } } });
    expect(await replay(captured('marker4'))).toEqual({ status: 401, body: UNAUTHENTICATED });
  });

  it('is refused after its window of 5 s (1 s of clock skew allowed ahead), however unchanged', async () => {
    expect((await viaGateway('{ marker5: roles { id } }')).body.errors).toBeUndefined();
    const request = captured('marker5');
    expect((await replay(request)).status).toBe(200);
    await sleep(signedAt(request) + 5_000 + 200 - Date.now());
    expect(await replay(request)).toEqual({ status: 401, body: UNAUTHENTICATED });
  });

  it('runs a mutation once: the identical mutation replayed within its window is refused, on every replica, and writes nothing', async () => {
    const replica = await startCandidateService(testConfig({ database, redis, env: { INTERNAL_AUTH_SECRET: internalSecret } }));
    const created = await viaGateway<{ createRole: { id: string } }>(CREATE_ROLE, {
      input: { title: 'marker6', criteria: [{ label: 'Design', kind: 'SKILL', weight: 3 }] },
    });
    expect(created.body.errors).toBeUndefined();
    const request = captured('marker6');
    const roles = await count('roles');
    expect(Date.now() - signedAt(request)).toBeLessThan(5_000);
    try {
      expect(await replay(request, { to: replica })).toEqual({ status: 401, body: UNAUTHENTICATED });
    } finally {
      await replica.close();
    }
    expect(await replay(request)).toEqual({ status: 401, body: UNAUTHENTICATED });
    expect(await count('roles')).toBe(roles);
    expect(await database.query(`SELECT count(*)::int AS n FROM roles WHERE title = 'marker6'`)).toEqual([{ n: 1 }]);
    // the same mutation sent again by the recruiter is a new request, signed anew: it runs
    const repeated = await viaGateway(CREATE_ROLE, {
      input: { title: 'marker6', criteria: [{ label: 'Design', kind: 'SKILL', weight: 3 }] },
    });
    expect(repeated.body.errors).toBeUndefined();
    expect(await count('roles')).toBe(roles + 1);
  });

  it('is checked over a body of at most 100 kB: one byte more is refused (413) however well signed', async () => {
    /** A recruiter query padded with a comment to exactly `bytes` bytes of JSON, signed as the gateway would sign it. */
    const sized = (bytes: number) => {
      const bare = JSON.stringify({ query: '{ roles { id } }\n#' });
      const body = JSON.stringify({ query: `{ roles { id } }\n#${'x'.repeat(bytes - bare.length)}` });
      expect(Buffer.byteLength(body)).toBe(bytes);
      const identity = { sub: 'rae', org: 'acme', email: 'rae@acme.test', name: 'Rae', role: 'recruiter' };
      const header = signIdentity(internalSecret, identity, { method: 'POST', subgraph: 'candidate-service', body });
      return fetch(`${subgraph.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', [IDENTITY_HEADER]: header },
        body,
      });
    };
    expect((await sized(102_400)).status).toBe(200);
    expect((await sized(102_401)).status).toBe(413);
  });

  it('binds anonymous link-token requests the same way: signed with no identity, useless for another body', async () => {
    const link = await viaGateway('query($token: String!) { feedbackForm(token: $token) { formId } }', { token: 'marker7' }, {});
    expect(link.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    const request = captured('marker7');
    expect((await replay(request)).body).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    const recruiterQuery = JSON.stringify({ query: '{ roles { id title } }' });
    expect(await replay(request, { body: recruiterQuery })).toEqual({ status: 401, body: UNAUTHENTICATED });
  });
});
