import type { Server } from 'node:http';

import { CloserConfig } from '@closer/config';
import { freePort } from '@closer/local-services';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { INestApplication } from '@nestjs/common';

import { createCandidateService } from '../apps/candidate-service/src/candidate-service.app';
import { graphql, GraphQLResponseBody, RunningHttpApp, startGateway } from './support/apps';

/** Retries `attempt` until it returns a value or `timeoutMs` passes; the last failure is reported. */
async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

/**
 * Start-up order does not matter: the gateway starts from the supergraph composed at build time, so
 * it listens (and says 503) before its subgraph exists, serves as soon as the subgraph appears, and
 * survives the subgraph restarting on the same address.
 */
describe('gateway start-up order', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let subgraphConfig: CloserConfig;
  let subgraphPort: number;
  let subgraph: INestApplication | undefined;
  let gateway: RunningHttpApp;
  let gatewayUrl: string;
  let auth: Record<string, string>;

  const startSubgraph = async () => {
    const app = await createCandidateService(subgraphConfig, { logger: false });
    await app.listen(subgraphPort, '127.0.0.1');
    return app;
  };
  const stopSubgraph = async () => {
    await subgraph?.close();
    subgraph = undefined;
  };
  const health = async () => {
    const response = await fetch(`${gateway.baseUrl}/health`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
  };
  /** A request that needed the missing subgraph: a masked error, and nothing about where it runs. */
  const expectMaskedFailure = (body: GraphQLResponseBody<unknown>) => {
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(new RegExp(`ECONNREFUSED|fetch failed|127\\.0\\.0\\.1|${subgraphPort}|candidates`, 'i'));
  };
  const me = () => graphql<{ me: { organization: { slug: string } } }>(gatewayUrl, '{ me { organization { slug } } }', {}, auth);

  beforeAll(async () => {
    database = await TestDatabase.create();
    redis = new TestRedis();
    subgraphPort = await freePort();
    subgraphConfig = testConfig({ database, redis });
    gateway = await startGateway(
      testConfig({ database, redis, env: { CANDIDATE_SERVICE_URL: `http://127.0.0.1:${subgraphPort}/graphql` } }),
    );
    gatewayUrl = `${gateway.baseUrl}/graphql`;
    auth = { authorization: `Bearer ${await signTestJwt(subgraphConfig.auth.jwtSecret!, { org: 'acme', sub: 'rae' })}` };
  });

  afterAll(async () => {
    await gateway?.close();
    await stopSubgraph();
    await redis?.flush();
    await database?.drop();
  });

  it('listens before its subgraph exists, reporting 503 naming the subgraphs', async () => {
    // Redis connects within moments of start-up; the subgraph is the one still missing
    const { status, body } = await eventually('Redis connected', async () => {
      const report = await health();
      return report.body.checks.redis === 'up' ? report : undefined;
    });
    expect(status).toBe(503);
    expect(body.status).toBe('unavailable');
    expect(body.checks).toEqual({ subgraphs: 'down', redis: 'up' });

    // the whole schema is there; the missing subgraph is masked, without any internals
    const early = await me();
    expectMaskedFailure(early.body);
  });

  it('serves once the subgraph appears, without restarting', async () => {
    subgraph = await startSubgraph();
    const started = Date.now();
    await eventually('gateway /health 200', async () => ((await health()).status === 200 ? true : undefined));
    expect(Date.now() - started).toBeLessThan(5_000); // /health asks the subgraph itself, every time
    expect((await health()).body).toEqual({ status: 'ok', checks: { subgraphs: 'up', redis: 'up' } });
    expect((await me()).body).toEqual({ data: { me: { organization: { slug: 'acme' } } } });
  });

  it('masks the failure while the subgraph is down and serves again once it is back on the same address', async () => {
    await stopSubgraph();
    expectMaskedFailure((await me()).body);
    expect((await health()).body).toEqual({ status: 'unavailable', checks: { subgraphs: 'down', redis: 'up' } });

    subgraph = await startSubgraph();
    const served = await eventually('me through the gateway', async () => {
      const { body } = await me();
      return body.data ? body : undefined;
    });
    expect(served).toEqual({ data: { me: { organization: { slug: 'acme' } } } });
    expect((subgraph.getHttpServer() as Server).listening).toBe(true);
    expect((await health()).status).toBe(200);
  });
});
