// npm run bench:webhooks -- [--events 200] [--endpoints 5] [--concurrency 8] [--database closer_bench] [--from-dist]
//
// A webhook fan-out: an organization with `endpoints` endpoints on a loopback receiver, each
// subscribed to FIT_FEEDBACK_REQUESTED, and `events` sessions whose closing question is recorded
// at once through the gateway. Measures from the first request until every delivery has arrived,
// verified with the standardwebhooks reference verifier, and checks nothing was lost or sent
// under two ids. Reports deliveries/s and the p50/p99 time from the event to its arrival.
import { randomBytes } from 'node:crypto';

import { loadConfig } from '@closer/config';
import { signTestJwt } from '@closer/testing';
import { Client } from 'pg';

import { WebhookReceiver } from '../test/support/webhook-receiver';
import { type ChildApp, startApp } from './support/apps';
import { parseArgs, runMain } from './support/cli';
import { closedLoop, keepAliveAgent, postJson } from './support/load';
import { formatSeconds } from './support/progress';
import { printJson, printTable } from './support/report';
import { ORGANIZATION_TABLES_CHILD_FIRST, SEED_SLUG_PREFIX } from './support/seed-scale';
import { benchDatabase, benchRedis } from './support/services';
import { percentile, round } from './support/stats';

const RECORD = 'mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    events: 'number',
    endpoints: 'number',
    concurrency: 'number',
    database: 'string',
    'from-dist': 'boolean',
  });
  const events = Math.max(1, (args.events as number | undefined) ?? 200);
  const endpointCount = Math.max(1, (args.endpoints as number | undefined) ?? 5);
  const concurrency = Math.max(1, (args.concurrency as number | undefined) ?? 8);
  const fromDist = args['from-dist'] === true;
  const expected = events * endpointCount;

  const database = await benchDatabase(args.database as string | undefined);
  const redis = await benchRedis();
  const receiver = new WebhookReceiver();
  await receiver.start();
  const apps: ChildApp[] = [];
  try {
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: `closer-bench-${randomBytes(4).toString('hex')}` };
    const config = loadConfig({ NODE_ENV: 'development', ...process.env, ...env });
    const candidateService = await startApp('candidate-service', env, { fromDist });
    apps.push(candidateService);
    apps.push(await startApp('worker', env, { fromDist }));
    const gateway = await startApp('gateway', { ...env, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` }, { fromDist });
    apps.push(gateway);
    const url = `${gateway.baseUrl}/graphql`;
    // a seed-* organization: seed:scale replaces it rather than refusing to seed next to it
    const slug = `${SEED_SLUG_PREFIX}webhooks-bench-${Date.now()}`;
    const auth = { authorization: `Bearer ${await signTestJwt(config.auth.jwtSecret!, { org: slug, sub: 'bench', role: 'admin' })}` };
    const agent = keepAliveAgent(concurrency);
    const call = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const response = await postJson(agent, url, { query, variables }, auth);
      const body = response.body as { data?: T; errors?: unknown[] };
      if (body.errors || !body.data) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return body.data;
    };

    // the organization, its endpoints and the sessions, before the clock starts
    const { createRole } = await call<{ createRole: { id: string } }>(
      'mutation { createRole(input: { title: "Bench", criteria: [{ label: "Go", kind: SKILL, weight: 3 }] }) { id } }',
    );
    const { addInterviewer } = await call<{ addInterviewer: { id: string } }>(
      `mutation { addInterviewer(input: { name: "Bench Panel", email: "panel-${slug}@example.test" }) { id } }`,
    );
    for (let index = 0; index < endpointCount; index++) {
      const path = `/endpoint-${index}`;
      const { createWebhookEndpoint } = await call<{ createWebhookEndpoint: { secret: string } }>(
        'mutation($url: String!) { createWebhookEndpoint(url: $url, events: [FIT_FEEDBACK_REQUESTED]) { secret } }',
        { url: `${receiver.baseUrl}${path}` },
      );
      receiver.register(path, createWebhookEndpoint.secret);
    }
    const sessionIds: string[] = [];
    for (let index = 0; index < events; index++) {
      const { addCandidate } = await call<{ addCandidate: { id: string } }>(
        'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
        { input: { name: `Candidate ${index}`, email: `c-${index}-${slug}@example.test`, externalId: `bench-${index}` } },
      );
      const startsAt = new Date(Date.now() + 86_400_000);
      const { scheduleSession } = await call<{ scheduleSession: { id: string } }>(
        'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }',
        {
          input: {
            candidateId: addCandidate.id,
            roleId: createRole.id,
            interviewerIds: [addInterviewer.id],
            title: 'Bench',
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
          },
        },
      );
      sessionIds.push(scheduleSession.id);
    }

    const started = Date.now();
    const requests = await closedLoop(
      sessionIds,
      concurrency,
      (id) => postJson(agent, url, { query: RECORD, variables: { id } }, auth),
      (response) => (response.status === 200 && !(response.body as { errors?: unknown }).errors ? null : JSON.stringify(response.body)),
    );
    const failed = requests.samples.find((sample) => !sample.ok);
    if (failed) throw new Error(`recordFitFeedbackRequest failed: ${failed.error}`);
    const deadline = Date.now() + Math.max(60_000, expected * 50);
    while (new Set(receiver.received.map((request) => request.headers['webhook-id'])).size < expected) {
      if (Date.now() > deadline) throw new Error(`only ${receiver.received.length} of ${expected} deliveries arrived`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (Date.now() - started) / 1000;

    const unverified = receiver.received.filter((request) => !request.verified.ok);
    if (unverified.length > 0) throw new Error(`${unverified.length} deliveries did not verify`);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ delivered: number; total: number }>(
      `SELECT count(*) FILTER (WHERE d.status = 'DELIVERED')::int AS delivered, count(*)::int AS total
         FROM webhook_deliveries d JOIN organizations o ON o.id = d.organization_id WHERE o.slug = $1`,
      [slug],
    );
    // the organization is of no use to any other benchmark: remove it
    const { rows: org } = await client.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [slug]);
    for (const table of [...ORGANIZATION_TABLES_CHILD_FIRST, 'organizations']) {
      await client.query(`DELETE FROM ${table} WHERE ${table === 'organizations' ? 'id' : 'organization_id'} = $1`, [org[0].id]);
    }
    await client.end();
    if (rows[0].total !== expected) throw new Error(`expected ${expected} delivery rows, found ${rows[0].total}`);
    const latencies = receiver.received
      .map((request) => (request.verified.ok ? request.arrivedAt - Date.parse(request.verified.payload.timestamp) : 0))
      .sort((a, b) => a - b);
    agent.destroy();

    const result = {
      events,
      endpoints: endpointCount,
      deliveries: expected,
      requestsReceived: receiver.received.length,
      seconds: round(seconds),
      deliveriesPerSecond: round(expected / seconds),
      p50ms: round(percentile(latencies, 50)),
      p99ms: round(percentile(latencies, 99)),
    };
    printTable(
      ['deliveries', 'seconds', 'deliveries/s', 'p50 ms', 'p99 ms'],
      [[expected, result.seconds, result.deliveriesPerSecond, result.p50ms, result.p99ms]],
    );
    process.stdout.write(`webhook fan-out passed in ${formatSeconds(seconds)}\n`);
    printJson({ bench: 'webhooks', ...result });
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await receiver.stop();
  }
});
