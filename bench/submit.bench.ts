// npm run bench:submit -- [--sessions 1000] [--concurrency 16] [--runs 3] [--warmup 50] [--from-dist] [--database NAME]
//                          [--profile DIR]
//
// Interviewers submitting their forms at once: each run prepares N completed sessions with 3 sent
// forms each (SQL factories, in the organization seed-submit-bench of the bench database, next to
// the scale seed if there is one), then submits every form once, through the gateway, with a
// distinct link token each, from `concurrency` clients in a closed loop. Ceiling, measured in the
// same run with the same clients: the cheapest token operation on the same path (feedbackForm with
// an unknown token: gateway, rate limiter, subgraph, one indexed lookup). Then checks every form
// has exactly one response, every session its composed answer, and that submitting again is a
// CONFLICT that stores nothing. Reports submits/s, p50/p99, the ratio to the ceiling, and RSS.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

import { loadConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { cpuSecondsOf } from '@closer/local-services';
import { Client } from 'pg';

import { type ChildApp, startApp } from './support/apps';
import { parseArgs, runMain } from './support/cli';
import { closedLoop, type JsonResponse, keepAliveAgent, type LoadResult, postJson, random, shuffle } from './support/load';
import { profilingEnv } from './support/profiling';
import { formatSeconds } from './support/progress';
import { machine, printJson, printTable } from './support/report';
import { ORGANIZATION_TABLES_CHILD_FIRST, SUBMIT_BENCH_SLUG } from './support/seed-scale';
import { benchDatabase, benchRedis } from './support/services';
import { median, percentile, round } from './support/stats';

const TARGET_THROUGHPUT = 500;
const TARGET_P99_MS = 100;
const FORMS_PER_SESSION = 3;
const CRITERIA = 5;

const SUBMIT = `
  mutation Submit($token: String!, $input: SubmitFeedbackInput!) {
    submitFeedback(token: $token, input: $input) { formId status }
  }`;
const CEILING = `query Ceiling($token: String!) { feedbackForm(token: $token) { formId } }`;
const BANDS = ['NOT_A_FIT', 'PARTIAL_FIT', 'GOOD_FIT', 'STRONG_FIT'] as const;

interface Form {
  id: string;
  token: string;
}

interface RunResult {
  submits: number;
  throughput: number;
  p50: number;
  p99: number;
  ceilingThroughput: number;
  ceilingP50: number;
  ceilingP99: number;
  memory: Record<string, { rssMiB: number | null; peakRssMiB: number | null }>;
  /** CPU milliseconds each process spent per request (the benchmark's own client included). */
  cpuMsPerSubmit: Record<string, number>;
  cpuMsPerCeiling: Record<string, number>;
}

type CpuSnapshot = Record<string, number>;

/**
 * CPU seconds used so far by each app, by the PostgreSQL backends serving the candidate service
 * in this database (its pool), and by this process.
 */
async function cpu(apps: ChildApp[], client: Client, backends: Map<number, number>): Promise<CpuSnapshot> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'closer-candidate-service'`,
  );
  let postgres = 0;
  for (const { pid } of rows) {
    const seconds = cpuSecondsOf(pid);
    if (seconds === null) return snapshot(apps, Number.NaN); // a remote server: no /proc to read
    // a backend first seen now counts from zero: its whole life falls within the measurement
    postgres += seconds - (backends.get(pid) ?? 0);
    backends.set(pid, seconds);
  }
  return snapshot(apps, postgres);
}

function snapshot(apps: ChildApp[], postgresDelta: number): CpuSnapshot {
  const own = process.cpuUsage();
  return {
    ...Object.fromEntries(apps.map((app) => [app.name, app.cpuSeconds() ?? Number.NaN])),
    'postgres (service pool)': postgresDelta,
    'bench client': (own.user + own.system) / 1e6,
  };
}

function perRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): Record<string, number> {
  return Object.fromEntries(
    Object.keys(before).map((name) => {
      // the PostgreSQL figure of a snapshot is already the difference since the previous one
      const used = name.startsWith('postgres') ? after[name] : after[name] - before[name];
      return [name, (used * 1000) / requests];
    }),
  );
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    sessions: 'number',
    concurrency: 'number',
    runs: 'number',
    warmup: 'number',
    database: 'string',
    'from-dist': 'boolean',
    profile: 'string',
  });
  const sessions = Math.max(1, (args.sessions as number | undefined) ?? 1000);
  const concurrency = Math.max(1, (args.concurrency as number | undefined) ?? 16);
  const runs = Math.max(1, (args.runs as number | undefined) ?? 3);
  const warmupSessions = (args.warmup as number | undefined) ?? 50;
  const fromDist = args['from-dist'] === true;
  // --profile DIR: both apps write a V8 CPU profile of the whole benchmark there when they stop
  const profileDir = typeof args.profile === 'string' ? resolve(args.profile) : undefined;
  const profiling = (app: string) => (profileDir ? profilingEnv(profileDir, app) : {});
  const started = Date.now();

  const database = await benchDatabase(args.database as string | undefined);
  const redis = await benchRedis();
  const client = new Client({ connectionString: database.url, application_name: 'closer-bench-submit' });
  await client.connect();
  const apps: ChildApp[] = [];
  try {
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `closer-bench-${randomBytes(4).toString('hex')}`,
      // the benchmark is one client IP sending thousands of link operations a minute
      LINK_RATE_LIMIT_PER_MINUTE: '100000000',
    };
    const config = loadConfig({ NODE_ENV: 'development', ...process.env, ...env });
    const candidateService = await startApp('candidate-service', { ...env, ...profiling('candidate-service') }, { fromDist });
    apps.push(candidateService);
    const gateway = await startApp(
      'gateway',
      { ...env, ...profiling('gateway'), CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` },
      { fromDist },
    );
    apps.push(gateway);
    const url = `${gateway.baseUrl}/graphql`;
    const agent = keepAliveAgent(concurrency);

    const results: RunResult[] = [];
    for (let run = 1; run <= runs; run++) {
      const { organizationId, criteria, forms } = await prepare(client, warmupSessions + sessions, config.links.secret);
      const rand = random(run);
      const warmup = forms.slice(0, warmupSessions * FORMS_PER_SESSION);
      const timedForms = shuffle(forms.slice(warmupSessions * FORMS_PER_SESSION), rand);
      const send = (form: Form) =>
        postJson(agent, url, { query: SUBMIT, variables: { token: form.token, input: submission(criteria, rand) } });
      const submitted = (response: JsonResponse, form: Form) => {
        const data = (response.body as { data?: { submitFeedback?: { formId: string; status: string } } }).data?.submitFeedback;
        return response.status === 200 && data?.status === 'SUBMITTED' && data.formId === form.id
          ? null
          : `HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`;
      };

      await closedLoop(warmup, concurrency, send, submitted);
      const ceilingTokens = timedForms.map(() => `bench-${randomBytes(12).toString('base64url')}`);
      const backends = new Map<number, number>();
      const beforeCeiling = await cpu(apps, client, backends);
      const ceiling = await closedLoop(
        ceilingTokens,
        concurrency,
        (token) => postJson(agent, url, { query: CEILING, variables: { token } }),
        (response) => {
          const errors = (response.body as { errors?: { extensions?: { code?: string } }[] }).errors;
          return response.status === 200 && errors?.[0]?.extensions?.code === 'NOT_FOUND'
            ? null
            : `HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`;
        },
      );
      failOnErrors('ceiling', ceiling);
      const beforeLoad = await cpu(apps, client, backends);
      const load = await closedLoop(timedForms, concurrency, send, submitted);
      const afterLoad = await cpu(apps, client, backends);
      failOnErrors('submitFeedback', load);
      await verify(client, organizationId, forms.length, warmupSessions + sessions);
      await verifyResubmitIsRefused(timedForms.slice(0, 10), send, client, organizationId, forms.length);

      const ms = load.samples.map((sample) => sample.ms);
      const ceilingMs = ceiling.samples.map((sample) => sample.ms);
      const result: RunResult = {
        submits: load.samples.length,
        throughput: load.throughput,
        p50: percentile(ms, 50),
        p99: percentile(ms, 99),
        ceilingThroughput: ceiling.throughput,
        ceilingP50: percentile(ceilingMs, 50),
        ceilingP99: percentile(ceilingMs, 99),
        memory: Object.fromEntries(apps.map((app) => [app.name, app.memory()])),
        cpuMsPerSubmit: perRequest(beforeLoad, afterLoad, load.samples.length),
        cpuMsPerCeiling: perRequest(beforeCeiling, beforeLoad, ceiling.samples.length),
      };
      results.push(result);
      process.stderr.write(
        `[bench:submit] run ${run}/${runs}: ${result.submits} submits, ${round(result.throughput)}/s, p50 ${round(result.p50)} ms, p99 ${round(result.p99)} ms; ` +
          `ceiling ${round(result.ceilingThroughput)}/s; stored exactly once; RSS ${rssLine(result.memory)}\n`,
      );
    }
    agent.destroy();

    const m = (pick: (r: RunResult) => number) => round(median(results.map(pick)));
    const summary = {
      submitsPerRun: sessions * FORMS_PER_SESSION,
      throughput: m((r) => r.throughput),
      p50: m((r) => r.p50),
      p99: m((r) => r.p99),
      ceilingThroughput: m((r) => r.ceilingThroughput),
      ceilingP50: m((r) => r.ceilingP50),
      ceilingP99: m((r) => r.ceilingP99),
      ratio: m((r) => r.throughput / r.ceilingThroughput),
    };
    const cpuNames = Object.keys(results[0].cpuMsPerSubmit);
    const cpuMs = (pick: (r: RunResult) => Record<string, number>) =>
      Object.fromEntries(cpuNames.map((name) => [name, m((r) => pick(r)[name])]));
    const cpuPerSubmit = cpuMs((r) => r.cpuMsPerSubmit);
    const cpuPerCeiling = cpuMs((r) => r.cpuMsPerCeiling);
    const memory = Object.fromEntries(apps.map((app) => [app.name, app.memory()]));
    const met = summary.throughput >= TARGET_THROUGHPUT && summary.p99 <= TARGET_P99_MS;

    process.stdout.write(
      `\nsubmitFeedback through the gateway — ${sessions.toLocaleString('en-US')} sessions × ${FORMS_PER_SESSION} forms, ${concurrency} concurrent clients; medians of ${runs} run(s)\n\n`,
    );
    printTable(
      ['operation', 'requests/s', 'p50 ms', 'p99 ms', ...cpuNames.map((name) => `CPU ms/req ${name}`)],
      [
        ['submitFeedback (distinct tokens)', summary.throughput, summary.p50, summary.p99, ...cpuNames.map((name) => cpuPerSubmit[name])],
        [
          'ceiling: feedbackForm, unknown token',
          summary.ceilingThroughput,
          summary.ceilingP50,
          summary.ceilingP99,
          ...cpuNames.map((name) => cpuPerCeiling[name]),
        ],
      ],
    );
    process.stdout.write(
      `\nsubmits/ceiling ${summary.ratio} · every submission stored exactly once · RSS ${rssLine(memory)} · target (≥ ${TARGET_THROUGHPUT}/s, p99 ≤ ${TARGET_P99_MS} ms): ${met ? 'met' : 'not met'} · ${formatSeconds((Date.now() - started) / 1000)}\n`,
    );
    printJson({
      bench: 'submit',
      at: new Date().toISOString(),
      machine: machine(),
      sessions,
      concurrency,
      runs,
      appsFrom: fromDist ? 'dist' : 'sources',
      ...summary,
      perRun: results.map((r) => ({
        throughput: round(r.throughput),
        p50: round(r.p50),
        p99: round(r.p99),
        ceilingThroughput: round(r.ceilingThroughput),
        // RSS after each run: growth from run to run would be a leak
        memory: r.memory,
      })),
      cpuMsPerSubmit: cpuPerSubmit,
      cpuMsPerCeiling: cpuPerCeiling,
      storedExactlyOnce: true,
      memory,
      target: { throughput: TARGET_THROUGHPUT, p99Ms: TARGET_P99_MS, met },
      seconds: round((Date.now() - started) / 1000),
    });
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await client.end();
    await redis.stop();
    await database.stop();
  }
});

function rssLine(memory: RunResult['memory']): string {
  return Object.entries(memory)
    .map(([name, { rssMiB, peakRssMiB }]) => `${name} ${rssMiB ?? '?'} MiB (peak ${peakRssMiB ?? '?'})`)
    .join(', ');
}

function failOnErrors(what: string, result: LoadResult): void {
  const failed = result.samples.filter((sample) => !sample.ok);
  if (failed.length > 0) throw new Error(`${what}: ${failed.length} of ${result.samples.length} requests failed, e.g. ${failed[0].error}`);
}

function submission(criteria: string[], rand: () => number): Record<string, unknown> {
  return {
    overallFit: BANDS[Math.floor(rand() * BANDS.length)],
    candidateAskedForFeedback: rand() < 0.3,
    ratings: criteria.map((criterionId) => ({ criterionId, rating: rand() < 0.1 ? null : 1 + Math.floor(rand() * 4) })),
    strengths: 'Clear structure when explaining trade-offs; wrote clean, tested code.',
    gaps: 'Little evidence of operating systems in production.',
    nextSteps: rand() < 0.3 ? 'Invite to the final round.' : null,
    candidateMessage: rand() < 0.5 ? 'Thank you for a thoughtful conversation; practising system design at scale would help.' : null,
    privateNote: null,
  };
}

/** Empties the benchmark's organization and fills it with `count` sessions, completed, with 3 sent forms each and their answer rows. */
async function prepare(
  client: Client,
  count: number,
  linkSecret: string,
): Promise<{ organizationId: string; criteria: string[]; forms: Form[] }> {
  await client.query('BEGIN');
  try {
    await client.query(`INSERT INTO organizations (slug, name) VALUES ($1, 'Submit benchmark') ON CONFLICT (slug) DO NOTHING`, [
      SUBMIT_BENCH_SLUG,
    ]);
    const { rows: org } = await client.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [SUBMIT_BENCH_SLUG]);
    const organizationId = org[0].id;
    for (const table of ORGANIZATION_TABLES_CHILD_FIRST) {
      await client.query(`DELETE FROM ${table} WHERE organization_id = $1`, [organizationId]);
    }
    const { rows: role } = await client.query<{ id: string }>(
      `INSERT INTO roles (organization_id, title, next_steps) VALUES ($1, 'Backend Engineer', 'We will get back to you within a week.') RETURNING id`,
      [organizationId],
    );
    const roleId = role[0].id;
    const { rows: criteria } = await client.query<{ id: string }>(
      `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position)
       SELECT $1, $2, (ARRAY['System design', 'Testing discipline', 'SQL and data modelling', 'Ownership', 'Production on-call'])[p + 1],
              (ARRAY['SKILL', 'SKILL', 'SKILL', 'QUALITY', 'EXPERIENCE'])[p + 1], 1 + p, p
         FROM generate_series(0, ${CRITERIA - 1}) p
       RETURNING id`,
      [organizationId, roleId],
    );
    const interviewers = Math.max(FORMS_PER_SESSION, 30);
    await client.query(
      `INSERT INTO interviewers (organization_id, name, email)
       SELECT $1, 'Interviewer ' || i, 'interviewer.' || i || '@submit-bench.test' FROM generate_series(0, ${interviewers - 1}) i`,
      [organizationId],
    );
    await client.query(
      `WITH c AS (
         INSERT INTO candidates (organization_id, name, email)
         SELECT $1, 'Candidate ' || j, 'candidate.' || j || '@submit-bench.test' FROM generate_series(0, $2 - 1) j
         RETURNING id, email
       )
       INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at, feedback_due_at)
       SELECT $1, c.id, $3, 'Technical interview', now() - interval '2 hours', now() - interval '1 hour', 'COMPLETED',
              now() - interval '1 hour', now() + interval '47 hours'
         FROM c`,
      [organizationId, count, roleId],
    );
    // scheduling a session creates its answer row, waiting for feedback
    await client.query(
      `INSERT INTO candidate_answers (organization_id, session_id) SELECT organization_id, id FROM interview_sessions WHERE organization_id = $1`,
      [organizationId],
    );
    const { rows: forms } = await client.query<{ id: string }>(
      `WITH s AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM interview_sessions WHERE organization_id = $1),
            i AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM interviewers WHERE organization_id = $1)
       INSERT INTO feedback_forms (organization_id, session_id, interviewer_id, status, sent_at, expires_at)
       SELECT $1, s.id, i.id, 'SENT', now() - interval '1 hour', now() + interval '47 hours'
         FROM s CROSS JOIN generate_series(0, ${FORMS_PER_SESSION - 1}) k
         JOIN i ON i.n = (s.n + k) % ${interviewers}
        ORDER BY s.n, k
       RETURNING id`,
      [organizationId],
    );
    await client.query('COMMIT');
    // as autovacuum would after such a burst (it may be off on a test server): dead rows of the
    // previous run gone, statistics current; without statistics PostgreSQL misjudges the
    // per-session lookups by orders of magnitude (and even JIT-compiles them)
    await client.query(`VACUUM (ANALYZE) ${[...ORGANIZATION_TABLES_CHILD_FIRST].join(', ')}`);
    return {
      organizationId,
      criteria: criteria.map((row) => row.id),
      forms: forms.map(({ id }) => ({ id, token: createLinkToken(linkSecret, { purpose: 'form', id, version: 1 }) })),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Every form submitted with exactly one response; every session settled with its answer composed. */
async function verify(client: Client, organizationId: string, forms: number, sessions: number): Promise<void> {
  const { rows } = await client.query<{ forms: number; submitted: number; once: number; responses: number; composed: number }>(
    `SELECT (SELECT count(*)::int FROM feedback_forms WHERE organization_id = $1) AS forms,
            (SELECT count(*)::int FROM feedback_forms WHERE organization_id = $1 AND status = 'SUBMITTED') AS submitted,
            (SELECT count(*)::int FROM (SELECT f.id FROM feedback_forms f JOIN feedback_responses r ON r.form_id = f.id
                                         WHERE f.organization_id = $1 GROUP BY f.id HAVING count(*) = 1) x) AS once,
            (SELECT count(*)::int FROM feedback_responses WHERE organization_id = $1) AS responses,
            (SELECT count(*)::int FROM candidate_answers WHERE organization_id = $1 AND status <> 'WAITING_FOR_FEEDBACK') AS composed`,
    [organizationId],
  );
  const found = rows[0];
  const expected = { forms, submitted: forms, once: forms, responses: forms, composed: sessions };
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    throw new Error(`submissions were not stored exactly once: expected ${JSON.stringify(expected)}, found ${JSON.stringify(found)}`);
  }
}

async function verifyResubmitIsRefused(
  forms: Form[],
  send: (form: Form) => Promise<JsonResponse>,
  client: Client,
  organizationId: string,
  expectedResponses: number,
): Promise<void> {
  for (const form of forms) {
    const response = await send(form);
    const code = (response.body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
    if (code !== 'CONFLICT') throw new Error(`submitting form ${form.id} again answered ${JSON.stringify(response.body).slice(0, 300)}`);
  }
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_responses WHERE organization_id = $1', [
    organizationId,
  ]);
  if (rows[0].n !== expectedResponses) throw new Error(`a refused resubmission stored a response: ${rows[0].n} ≠ ${expectedResponses}`);
}
