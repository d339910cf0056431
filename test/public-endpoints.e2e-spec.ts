import { randomBytes } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';

import { freePort, withDatabase } from '@closer/local-services';
import { SmtpMailbox } from '@closer/mailbox';
import { testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { Client } from 'pg';

import { RunningHttpApp, RunningWorker, startCandidateService, startGateway, startThreeApps, startWorker, ThreeApps } from './support/apps';

/** README: "JSON bodies up to 100 kB" — 100 kB = 102,400 bytes. */
const BODY_LIMIT_BYTES = 102_400;
const METRICS_TOKEN = randomBytes(32).toString('base64url');

/** A TCP relay to PostgreSQL that can be cut: the apps behind it lose their database. */
async function relayTo(host: string, port: number): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  const server: Server = createServer((client) => {
    const upstream = new Socket().connect(port, host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  const relayPort = await freePort();
  await new Promise<void>((resolve) => server.listen(relayPort, '127.0.0.1', resolve));
  return {
    port: relayPort,
    cut: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** A JSON GraphQL request body of exactly `bytes` bytes (padded in an unused variable). */
function bodyOf(bytes: number, query = '{ __typename }'): string {
  const empty = JSON.stringify({ query, variables: { pad: '' } });
  const body = JSON.stringify({ query, variables: { pad: 'x'.repeat(bytes - Buffer.byteLength(empty)) } });
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers }, body });

/**
 * What the apps answer on their public endpoints holds nothing internal: /health names a failing
 * dependency and nothing else, /metrics is closed behind METRICS_TOKEN when one is set, and a
 * body the JSON parser refuses gets a GraphQL error with a code.
 */
describe('public endpoints', () => {
  describe('/health when a dependency fails', () => {
    const probe = { user: `probe_${randomBytes(4).toString('hex')}`, password: `pw-${randomBytes(8).toString('hex')}` };
    let database: TestDatabase;
    let redis: TestRedis;
    let smtp: SmtpMailbox;
    let relay: { port: number; cut(): Promise<void> };
    let refusingPort: number;
    let gateway: RunningHttpApp;
    let candidateService: RunningHttpApp;
    let worker: RunningWorker;
    const adminUrl = () => withDatabase(process.env.CLOSER_TEST_PG_SERVER!, 'postgres');

    /** Fails the test if the body shows anything but names. */
    const expectNothingInternal = (body: string, secrets: string[]) => {
      for (const text of [...secrets, 'ECONNREFUSED', 'Error', 'error', 'at ', 'timed out', 'connect']) {
        expect({ text, found: body.includes(text) }).toEqual({ text, found: false });
      }
    };

    beforeAll(async () => {
      database = await TestDatabase.create();
      redis = new TestRedis();
      smtp = new SmtpMailbox(100);
      await smtp.start();
      // an application role of its own, so the user name in the URL is recognisable
      await database.query(`CREATE ROLE ${probe.user} LOGIN PASSWORD '${probe.password}'`);
      await database.query(`GRANT ALL ON SCHEMA public TO ${probe.user}`);
      await database.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${probe.user}`);
      await database.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${probe.user}`);
      const server = new URL(process.env.CLOSER_TEST_PG_SERVER!);
      relay = await relayTo(server.hostname, Number(server.port || 5432));
      const relayed = `postgres://${probe.user}:${probe.password}@127.0.0.1:${relay.port}/${database.name}`;
      refusingPort = await freePort();
      const refusingRedis = `redis://redis-probe-user:${probe.password}@127.0.0.1:${refusingPort}/0`;

      const config = testConfig({ database, redis, smtpUrl: smtp.url, env: { DATABASE_URL: relayed } });
      candidateService = await startCandidateService(config);
      worker = await startWorker(config);
      gateway = await startGateway(
        testConfig({ database, redis, env: { REDIS_URL: refusingRedis, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` } }),
      );
    }, 60_000);

    afterAll(async () => {
      await gateway?.close();
      await worker?.close();
      await candidateService?.close();
      await smtp?.stop();
      await redis?.flush();
      await database?.drop();
      const admin = new Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${probe.user}`);
      await admin.end();
    });

    it('the gateway names Redis, and neither its address, port, user, password nor the error', async () => {
      // the subgraph answers within moments: wait for it, so Redis is the one failing
      const deadline = Date.now() + 20_000;
      let response = await fetch(`${gateway.baseUrl}/health`);
      let body = await response.text();
      while (!body.includes('"subgraphs":"up"') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        response = await fetch(`${gateway.baseUrl}/health`);
        body = await response.text();
      }
      expect(response.status).toBe(503);
      expect(JSON.parse(body)).toEqual({ status: 'unavailable', checks: { redis: 'down', subgraphs: 'up' } });
      expectNothingInternal(body, ['127.0.0.1', String(refusingPort), 'redis-probe-user', probe.password]);
      // no METRICS_TOKEN here: /metrics is open as before
      const metrics = await fetch(`${gateway.baseUrl}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('# HELP process_cpu_user_seconds_total');
    });

    it('the candidate service and the worker name PostgreSQL once it is gone, and nothing about it', async () => {
      expect((await fetch(`${candidateService.baseUrl}/health`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${worker.opsPort}/health`)).status).toBe(200);
      await relay.cut();

      const service = await fetch(`${candidateService.baseUrl}/health`);
      const serviceBody = await service.text();
      expect(service.status).toBe(503);
      expect(JSON.parse(serviceBody)).toEqual({ status: 'unavailable', checks: { postgres: 'down' } });
      const secrets = ['127.0.0.1', String(relay.port), probe.user, probe.password, database.name];
      expectNothingInternal(serviceBody, secrets);

      const ops = await fetch(`http://127.0.0.1:${worker.opsPort}/health`);
      const opsBody = await ops.text();
      expect(ops.status).toBe(503);
      expect(JSON.parse(opsBody)).toMatchObject({ status: 'unavailable', checks: { postgres: 'down', redis: 'up' } });
      expectNothingInternal(opsBody, secrets);
    }, 30_000);
  });

  describe('METRICS_TOKEN and request bodies', () => {
    let stack: ThreeApps;
    let candidateService: RunningHttpApp;
    let gateway: RunningHttpApp;
    let worker: RunningWorker;

    beforeAll(async () => {
      stack = await startThreeApps({ METRICS_TOKEN });
      ({ candidateService, gateway, worker } = stack);
    }, 60_000);

    afterAll(async () => {
      await stack?.close();
    });

    const apps = () => [
      ['gateway', `${gateway.baseUrl}/metrics`],
      ['candidate service', `${candidateService.baseUrl}/metrics`],
      ['worker', `http://127.0.0.1:${worker.opsPort}/metrics`],
    ];

    it.each([
      ['no Authorization header', undefined],
      ['a wrong token', `Bearer ${METRICS_TOKEN.slice(0, -1)}${METRICS_TOKEN.endsWith('x') ? 'y' : 'x'}`],
      ['the token with a trailing character', `Bearer ${METRICS_TOKEN}0`],
      ['the token without its last character', `Bearer ${METRICS_TOKEN.slice(0, -1)}`],
      ['the token as Basic credentials', `Basic ${Buffer.from(`prometheus:${METRICS_TOKEN}`).toString('base64')}`],
      ['the token without a scheme', METRICS_TOKEN],
    ])('refuses %s on every app with 401 and no metrics', async (_case, authorization) => {
      for (const [app, url] of apps()) {
        const response = await fetch(url, { headers: authorization ? { authorization } : {} });
        const body = await response.text();
        expect({ app, status: response.status }).toEqual({ app, status: 401 });
        expect({ app, metrics: /# (HELP|TYPE)|process_|closer_/.test(body) }).toEqual({ app, metrics: false });
      }
    });

    it('serves Prometheus text on every app with the right token', async () => {
      for (const [app, url] of apps()) {
        const response = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
        expect({ app, status: response.status }).toEqual({ app, status: 200 });
        expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        expect(await response.text()).toContain(`# HELP process_cpu_user_seconds_total`);
      }
    });

    it(`takes a body of exactly ${BODY_LIMIT_BYTES} bytes (100 kB) and refuses one byte more with PAYLOAD_TOO_LARGE`, async () => {
      const url = `${gateway.baseUrl}/graphql`;
      const atLimit = await post(url, bodyOf(BODY_LIMIT_BYTES));
      expect(atLimit.status).toBe(200);
      expect(await atLimit.json()).toEqual({ data: { __typename: 'Query' } });

      const over = await post(url, bodyOf(BODY_LIMIT_BYTES + 1));
      expect(over.status).toBe(413);
      expect(over.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await over.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    });

    it('answers malformed JSON with BAD_REQUEST, without echoing the body', async () => {
      for (const body of ['{"query": "{ __typename }"', '{"query": SECRET_BODY_TEXT}', "{'query': 1}"]) {
        const response = await post(`${gateway.baseUrl}/graphql`, body);
        const text = await response.text();
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] });
        expect(text).not.toMatch(/SECRET_BODY_TEXT|position|Unexpected token|at /);
      }
    });

    it('holds the subgraph to the same limit and shape (a body at the limit reaches its identity check)', async () => {
      const url = `${candidateService.baseUrl}/graphql`;
      const atLimit = await post(url, bodyOf(BODY_LIMIT_BYTES));
      // parsed and passed on: refused only for want of the gateway's signed identity
      expect(atLimit.status).toBe(401);
      expect(((await atLimit.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');

      const over = await post(url, bodyOf(BODY_LIMIT_BYTES + 1));
      expect(over.status).toBe(413);
      expect(await over.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });

      const malformed = await post(url, '{"query": ');
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] });
    });
  });
});
