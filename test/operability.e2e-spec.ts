import { freePort } from '@closer/local-services';
import { testConfig, TestDatabase, TestRedis } from '@closer/testing';

import { RunningHttpApp, startGateway, startThreeApps, ThreeApps } from './support/apps';
import { metricNamesIn, operatingExpressions } from './support/operating-docs';

/** The metric names a Prometheus text page declares (`# TYPE <name> <type>`), with or without samples. */
const declared = (page: string) => [...page.matchAll(/^# TYPE (\S+) \S+$/gm)].map((match) => match[1]);

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

/**
 * The probes of README "Operating Closer" on every app, and the metrics the alerts and the
 * dashboard read: every name in docs/alerts.yml and docs/grafana/closer.json exists in the
 * registry of an app that runs.
 */
describe('operability endpoints', () => {
  let stack: ThreeApps;
  let lonelyGateway: RunningHttpApp;
  let lonelyDatabase: TestDatabase;

  beforeAll(async () => {
    stack = await startThreeApps();
    // a gateway whose Redis refuses connections and whose subgraph is not there
    const nowhere = await freePort();
    lonelyDatabase = await TestDatabase.create();
    lonelyGateway = await startGateway(
      testConfig({
        database: lonelyDatabase,
        redis: new TestRedis(),
        env: { REDIS_URL: `redis://127.0.0.1:${nowhere}`, CANDIDATE_SERVICE_URL: `http://127.0.0.1:${nowhere}/graphql` },
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await lonelyGateway?.close();
    await lonelyDatabase?.drop();
    await stack?.close();
  });

  it.each(['gateway', 'candidate service', 'worker'] as const)('%s answers /health/live, /health/ready and /health', async (app) => {
    const base = stack.bases[app];
    expect(await get(`${base}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await get(`${base}/health/ready`);
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(`${base}/health`)).toEqual(ready);
  });

  it('keeps liveness apart from readiness: live while its dependencies are away, not ready, naming them only', async () => {
    expect(await get(`${lonelyGateway.baseUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(`${lonelyGateway.baseUrl}/health/ready`)).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { redis: 'down', subgraphs: 'down' } },
    });
  });

  it('declares every metric the alerts and the dashboard read', async () => {
    const pages = await Promise.all(Object.values(stack.bases).map(async (base) => (await fetch(`${base}/metrics`)).text()));
    const registry = new Set(pages.flatMap(declared));
    const named = [...new Set(operatingExpressions().flatMap(metricNamesIn))].sort();
    expect(named.length).toBeGreaterThanOrEqual(12);
    expect(named.filter((name) => !registry.has(name))).toEqual([]);
  });

  it('reports the backlogs the worker reads from PostgreSQL', async () => {
    const page = await (await fetch(`${stack.bases.worker}/metrics`)).text();
    expect(page).toMatch(/^closer_outbox_backlog\{app="worker"\} 0$/m);
    expect(page).toMatch(/^closer_outbox_oldest_age_seconds\{app="worker"\} 0$/m);
    expect(page).toMatch(/^closer_rollup_backlog\{app="worker"\} \d+$/m);
  });
});
