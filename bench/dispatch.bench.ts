// npm run bench:dispatch -- [--sessions 2000] [--runs 3] [--concurrency 16] [--smtp-pool 5] [--from-dist] [--profile DIR]
//   [--worker-node-args '--perf-basic-prof']
//
// A hiring spree ends: N sessions × 3 interviewers are completed through the API (gateway), and
// the clock runs until an SMTP sink has accepted every form invitation. Ceilings measured in the
// same run, into the same sink and through the same Redis:
//   - mail ceiling: the same number of mails sent by a bare pooled nodemailer;
//   - queue ceiling: the same number of no-op BullMQ jobs (one worker, concurrency 50).
// Each ceiling runs right before and right after the dispatch (the apps idle), and counts as the
// rate over both, so a change in the machine's load during a run moves both sides alike.
// Target (performance issue): forms/s ≥ 0.5 × the mail ceiling. Medians of `runs` runs.
// `--smtp-pool N`: the SMTP connections of the worker (SMTP_POOL_SIZE) and of the mail ceiling.
// Also per run: CPU per form of each process on the path (where the time goes on a shared machine)
// and how long the completions alone took. `--profile DIR` writes the worker's V8 CPU profile there.
// With REDIS_MODE=cluster and REDIS_URL listing the seed nodes, everything runs on that Redis
// Cluster (queue prefixes hash-tagged); the Redis CPU column is then left out.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

import { loadConfig } from '@closer/config';
import { cpuSecondsOf } from '@closer/local-services';
import { RedisSettings } from '@closer/queue';
import { signTestJwt } from '@closer/testing';
import Redis from 'ioredis';
import { Client } from 'pg';

import { type ChildApp, startApp } from './support/apps';
import { parseArgs, runMain } from './support/cli';
import { mailCeiling, prefixFor, queueCeiling, startSink } from './support/dispatch-ceilings';
import { closedLoop, keepAliveAgent, postJson } from './support/load';
import { machine, printJson, printTable } from './support/report';
import { ORGANIZATION_TABLES_CHILD_FIRST } from './support/seed-scale';
import { benchDatabase, benchRedis } from './support/services';
import { median, round } from './support/stats';

const FORMS_PER_SESSION = 3;
const TARGET_RATIO = 0.5;
const SLUG_PREFIX = 'bench-dispatch-';
const COMPLETE = 'mutation Complete($id: ID!) { completeSession(id: $id) { id status } }';

/** N scheduled sessions (ended an hour ago) with 3 interviewers each, in one fresh organization. */
async function seedSessions(databaseUrl: string, slug: string, sessions: number): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `WITH org AS (INSERT INTO organizations (slug, name) VALUES ($1, $1) RETURNING id),
            role AS (INSERT INTO roles (organization_id, title) SELECT id, 'Engineer' FROM org RETURNING id, organization_id),
            crit AS (INSERT INTO criteria (organization_id, role_id, label, kind, weight, position)
                     SELECT organization_id, id, 'Skill ' || n, 'SKILL', 3, n FROM role, generate_series(0, 3) n RETURNING id),
            panel AS (INSERT INTO interviewers (organization_id, name, email)
                      SELECT id, 'Interviewer ' || n, 'interviewer' || n || '@' || $1 || '.test' FROM org, generate_series(1, ${FORMS_PER_SESSION}) n
                      RETURNING id, organization_id),
            people AS (INSERT INTO candidates (organization_id, name, email)
                       SELECT id, 'Candidate ' || n, 'candidate' || n || '@' || $1 || '.test' FROM org, generate_series(1, $2) n
                       RETURNING id, organization_id),
            sessions AS (INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at)
                         SELECT p.organization_id, p.id, r.id, 'Panel', now() - interval '2 hours', now() - interval '1 hour'
                           FROM people p, role r RETURNING id, organization_id),
            forms AS (INSERT INTO feedback_forms (organization_id, session_id, interviewer_id)
                      SELECT s.organization_id, s.id, i.id FROM sessions s, panel i RETURNING session_id),
            answers AS (INSERT INTO candidate_answers (organization_id, session_id) SELECT organization_id, id FROM sessions RETURNING session_id)
       SELECT id FROM sessions WHERE (SELECT count(*) FROM crit) > 0 AND (SELECT count(*) FROM forms) > 0 AND (SELECT count(*) FROM answers) > 0`,
      [slug, sessions],
    );
    // statistics as autovacuum would have them shortly after such a burst: without them the
    // planner takes the new organization's thousands of rows for a handful (the sweeper's
    // due-sessions query went from ~60 ms to ~50 s on this database)
    await client.query(
      'ANALYZE organizations, interviewers, candidates, interview_sessions, feedback_forms, candidate_answers, email_deliveries',
    );
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

/** Earlier invocations' organizations (their open forms and waiting answers would be swept on every run). */
async function removePreviousRuns(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const previous = `(SELECT id FROM organizations WHERE slug LIKE '${SLUG_PREFIX}%')`;
    for (const table of [...ORGANIZATION_TABLES_CHILD_FIRST, 'organizations']) {
      await client.query(`DELETE FROM ${table} WHERE ${table === 'organizations' ? 'id' : 'organization_id'} IN ${previous}`);
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function countDeliveries(databaseUrl: string, slug: string): Promise<{ deliveries: number; sent: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ deliveries: number; sent: number }>(
      `SELECT (SELECT count(*) FROM email_deliveries d JOIN organizations o ON o.id = d.organization_id WHERE o.slug = $1 AND d.kind = 'form-invite')::int AS deliveries,
              (SELECT count(*) FROM feedback_forms f JOIN organizations o ON o.id = f.organization_id WHERE o.slug = $1 AND f.status = 'SENT')::int AS sent`,
      [slug],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

type CpuSnapshot = Record<string, number>;

const POSTGRES_POOLS: Record<string, string[]> = {
  'postgres (service)': ['closer-candidate-service'],
  'postgres (worker)': ['closer-worker', 'closer-outbox-listener'],
};

/**
 * CPU seconds of the PostgreSQL backends of the candidate service's and the worker's pools (by
 * application name, in the bench database). Pools close idle connections and open new ones, so
 * the backends are sampled every 250 ms and each one's last reading is kept after it is gone.
 */
class PostgresCpu {
  private readonly seen = new Map<number, { pool: string; seconds: number }>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private sampling: Promise<void> = Promise.resolve();

  constructor(private readonly client: Client) {}

  start(): void {
    this.running = true;
    const tick = () => {
      this.sampling = this.sample()
        .catch(() => undefined)
        .finally(() => {
          if (this.running) this.timer = setTimeout(tick, 250);
        });
    };
    tick();
  }

  async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number; app: string }>(
      `SELECT pid, application_name AS app FROM pg_stat_activity WHERE datname = current_database() AND application_name = ANY($1)`,
      [Object.values(POSTGRES_POOLS).flat()],
    );
    for (const row of rows) {
      const seconds = cpuSecondsOf(row.pid);
      const pool = Object.keys(POSTGRES_POOLS).find((name) => POSTGRES_POOLS[name].includes(row.app))!;
      if (seconds !== null) this.seen.set(row.pid, { pool, seconds });
    }
  }

  /** CPU seconds so far per pool (backends gone since their last sample count their last reading). */
  totals(): Record<string, number> {
    const totals: Record<string, number> = Object.fromEntries(Object.keys(POSTGRES_POOLS).map((pool) => [pool, 0]));
    for (const { pool, seconds } of this.seen.values()) totals[pool] += seconds;
    return totals;
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.sampling;
  }
}

/**
 * CPU seconds used so far by each app, by their PostgreSQL backends, by Redis (the whole server:
 * shared with anything else using it) and by this process (load client and SMTP sink).
 */
async function cpu(apps: ChildApp[], postgres: PostgresCpu, redisPid: number | null): Promise<CpuSnapshot> {
  await postgres.sample();
  const own = process.cpuUsage();
  const worker = apps.find((app) => app.name === 'worker');
  return {
    ...Object.fromEntries(apps.map((app) => [app.name, app.cpuSeconds() ?? Number.NaN])),
    ...postgres.totals(),
    redis: redisPid === null ? Number.NaN : (cpuSecondsOf(redisPid) ?? Number.NaN),
    'bench (client + sink)': (own.user + own.system) / 1e6,
    // the worker's system calls (socket writes ≈ round trips to PostgreSQL, Redis and SMTP), in thousands so the per-form figure is a count
    'worker writes (count)': worker ? syscalls(worker.pid).writes / 1000 : Number.NaN,
  };
}

/** The difference per name, per form, in ms (counts for the "(count)" entries). */
function perForm(before: CpuSnapshot, after: CpuSnapshot, forms: number): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, round(((after[name] - (before[name] ?? 0)) * 1000) / forms)]));
}

function syscalls(pid: number): { writes: number } {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    return { writes: Number(/^syscw:\s+(\d+)/m.exec(io)?.[1]) };
  } catch {
    return { writes: Number.NaN };
  }
}

async function redisServerPid(url: string): Promise<number | null> {
  const redis = new Redis(url);
  try {
    const info = await redis.info('server');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    return Number.isFinite(pid) && cpuSecondsOf(pid) !== null ? pid : null;
  } finally {
    redis.disconnect();
  }
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    sessions: 'number',
    runs: 'number',
    concurrency: 'number',
    'smtp-pool': 'number',
    'from-dist': 'boolean',
    profile: 'string',
    'worker-node-args': 'string',
  });
  const sessions = Number(args.sessions ?? 2000);
  const runs = Number(args.runs ?? 3);
  const concurrency = Number(args.concurrency ?? 16);
  const smtpPool = Number(args['smtp-pool'] ?? 5);
  const fromDist = Boolean(args['from-dist']);
  const forms = sessions * FORMS_PER_SESSION;
  const database = await benchDatabase('closer_bench_dispatch');
  const single = process.env.REDIS_MODE === 'cluster' ? undefined : await benchRedis();
  const redis: RedisSettings = single ? { url: single.url, mode: 'single' } : { url: process.env.REDIS_URL!, mode: 'cluster' };
  const config = loadConfig({ NODE_ENV: 'development' });
  const redisPid = redis.mode === 'single' ? await redisServerPid(redis.url) : null;
  await removePreviousRuns(database.url);
  const profileDir = args.profile ? resolve(String(args.profile)) : null;
  const results: {
    formsPerSecond: number;
    mailCeiling: number;
    queueCeiling: number;
    ratioToMailCeiling: number;
    ratioToQueueCeiling: number;
    seconds: number;
    completionSeconds: number;
    cpuMsPerForm: Record<string, number>;
    rssMiB: Record<string, number | null>;
    peakRssMiB: Record<string, number | null>;
    loadAverage1m: number;
  }[] = [];

  // One sink and one set of apps for all runs, so RSS after each run shows whether it grows.
  const sink = await startSink();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_MODE: redis.mode,
    QUEUE_PREFIX: prefixFor(redis, `bench-dispatch-${Date.now()}`),
    SMTP_URL: sink.url,
    SMTP_POOL_SIZE: String(smtpPool),
    LINK_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const apps: ChildApp[] = [];
  try {
    const candidateService = await startApp('candidate-service', env, { fromDist });
    apps.push(candidateService);
    // --cpu-prof writes the profile when the worker exits (SIGTERM ends it with process.exit)
    const nodeArgs = [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ...String(args['worker-node-args'] ?? '')
        .split(' ')
        .filter(Boolean),
    ];
    apps.push(await startApp('worker', env, { fromDist, nodeArgs }));
    const gateway = await startApp('gateway', { ...env, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` }, { fromDist });
    apps.push(gateway);
    const url = `${gateway.baseUrl}/graphql`;

    for (let run = 1; run <= runs; run++) {
      // the ceilings right before and right after the dispatch, while the apps are idle, into the
      // same sink and Redis: both halves see the machine's load of the moment
      const mailBefore = await mailCeiling(sink.url, forms, smtpPool);
      const queueBefore = await queueCeiling(redis, forms);
      const before = sink.count();

      const slug = `${SLUG_PREFIX}${run}-${Date.now()}`;
      const ids = await seedSessions(database.url, slug, sessions);
      const jwt = await signTestJwt(config.auth.jwtSecret!, { org: slug, sub: 'bench', role: 'admin' });
      const agent = keepAliveAgent(concurrency);
      // provision the recruiter before the clock starts
      await postJson(agent, url, { query: '{ me { id } }' }, { authorization: `Bearer ${jwt}` });

      const probe = new Client({ connectionString: database.url });
      await probe.connect();
      const postgres = new PostgresCpu(probe);
      postgres.start();
      const cpuBefore = await cpu(apps, postgres, redisPid);
      const started = process.hrtime.bigint();
      const completions = await closedLoop(
        ids,
        concurrency,
        (id) => postJson(agent, url, { query: COMPLETE, variables: { id } }, { authorization: `Bearer ${jwt}` }),
        (response) =>
          (response.body as { data?: { completeSession?: { status: string } } }).data?.completeSession?.status === 'COMPLETED'
            ? null
            : `completeSession failed: ${JSON.stringify(response.body).slice(0, 300)}`,
      );
      if (completions.samples.some((sample) => !sample.ok))
        throw new Error(`failed completions: ${completions.samples.find((s) => !s.ok)?.error}`);
      const completionSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      await sink.waitFor(before + forms, Math.max(120_000, forms * 20));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpuMsPerForm = perForm(cpuBefore, await cpu(apps, postgres, redisPid), forms);
      await postgres.stop();
      const loadAverage1m = round(loadavg()[0]);
      await probe.end();
      agent.destroy();

      // nothing lost, nothing doubled: one delivery row per form (the sink may have seen crash-window repeats; there are none here)
      let counted = await countDeliveries(database.url, slug);
      for (let i = 0; i < 50 && (counted.deliveries < forms || counted.sent < forms); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        counted = await countDeliveries(database.url, slug);
      }
      if (counted.deliveries !== forms || counted.sent !== forms || sink.count() - before !== forms) {
        throw new Error(
          `expected ${forms} invitations, got ${counted.deliveries} delivery rows, ${counted.sent} SENT forms, ${sink.count() - before} mails`,
        );
      }
      const memory = apps.map((app) => [app.name, app.memory()] as const);
      // the same count before and after: the rate over both periods together
      const bothHalves = (first: number, second: number) => 2 / (1 / first + 1 / second);
      const mailAfter = await mailCeiling(sink.url, forms, smtpPool);
      const mail = bothHalves(mailBefore.rate, mailAfter.rate);
      cpuMsPerForm['mail ceiling (per mail, client + sink)'] = round((mailBefore.cpuMsPerMail + mailAfter.cpuMsPerMail) / 2);
      const queue = bothHalves(queueBefore, await queueCeiling(redis, forms));
      const formsPerSecond = forms / seconds;
      results.push({
        formsPerSecond,
        mailCeiling: mail,
        queueCeiling: queue,
        ratioToMailCeiling: formsPerSecond / mail,
        ratioToQueueCeiling: formsPerSecond / queue,
        seconds,
        completionSeconds,
        cpuMsPerForm,
        rssMiB: Object.fromEntries(memory.map(([name, m]) => [name, m.rssMiB])),
        peakRssMiB: Object.fromEntries(memory.map(([name, m]) => [name, m.peakRssMiB])),
        loadAverage1m,
      });
      process.stderr.write(
        `[bench] run ${run}/${runs}: ${forms} forms in ${seconds.toFixed(1)} s (completions ${completionSeconds.toFixed(1)} s) = ` +
          `${formsPerSecond.toFixed(1)}/s; ceilings ${mail.toFixed(1)} mails/s, ${queue.toFixed(1)} jobs/s; load ${loadAverage1m}\n` +
          `[bench]   CPU ms per form ${JSON.stringify(cpuMsPerForm)}; RSS MiB ${JSON.stringify(results.at(-1)!.rssMiB)}\n`,
      );
    }
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await sink.stop();
  }

  const m = (pick: (r: (typeof results)[number]) => number) => round(median(results.map(pick)));
  const formsPerSecond = m((r) => r.formsPerSecond);
  const ratio = m((r) => r.ratioToMailCeiling);
  const cpuMsPerForm = Object.fromEntries(Object.keys(results[0].cpuMsPerForm).map((name) => [name, m((r) => r.cpuMsPerForm[name])]));
  printTable(
    ['measure', `median of ${runs}`, 'forms/s ÷ this'],
    [
      [`forms mailed after ${sessions} completions (forms/s)`, formsPerSecond, '1'],
      ['mail ceiling: bare pooled nodemailer into the sink (mails/s)', m((r) => r.mailCeiling), ratio],
      ['queue ceiling: no-op BullMQ jobs, same Redis (jobs/s)', m((r) => r.queueCeiling), m((r) => r.ratioToQueueCeiling)],
    ],
  );
  process.stdout.write(
    `target forms/s ≥ ${TARGET_RATIO} × mail ceiling (median of the per-run ratios): ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'} (${ratio})\n` +
      `CPU ms per form (median): ${JSON.stringify(cpuMsPerForm)}\n` +
      `RSS MiB after each run: ${results.map((r) => JSON.stringify(r.rssMiB)).join(' → ')}\n`,
  );
  printJson({
    bench: 'dispatch',
    sessions,
    forms,
    runs,
    fromDist,
    formsPerSecond,
    mailCeiling: m((r) => r.mailCeiling),
    queueCeiling: m((r) => r.queueCeiling),
    ratioToMailCeiling: ratio,
    ratioToQueueCeiling: m((r) => r.ratioToQueueCeiling),
    targetMet: ratio >= TARGET_RATIO,
    cpuMsPerForm,
    perRun: results.map((r) => ({
      ...r,
      formsPerSecond: round(r.formsPerSecond),
      mailCeiling: round(r.mailCeiling),
      queueCeiling: round(r.queueCeiling),
      ratioToMailCeiling: round(r.ratioToMailCeiling),
      ratioToQueueCeiling: round(r.ratioToQueueCeiling),
      seconds: round(r.seconds),
      completionSeconds: round(r.completionSeconds),
    })),
    machine: machine(),
  });
  await database.stop();
  await single?.stop();
});
