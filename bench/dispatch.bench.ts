// npm run bench:dispatch -- [--sessions 2000] [--runs 3] [--concurrency 16] [--from-dist]
//
// A hiring spree ends: N sessions × 3 interviewers are completed through the API (gateway), and
// the clock runs until an SMTP sink has accepted every form invitation. Ceilings measured in the
// same run, into the same sink and through the same Redis:
//   - mail ceiling: the same number of mails sent by a bare pooled nodemailer;
//   - queue ceiling: the same number of no-op BullMQ jobs (one worker, concurrency 50).
// Target (performance issue): forms/s ≥ 0.5 × the mail ceiling. Medians of `runs` runs.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

import { loadConfig } from '@closer/config';
import { bullConnection } from '@closer/queue';
import { signTestJwt } from '@closer/testing';
import { Queue, Worker } from 'bullmq';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';

import { type ChildApp, startApp } from './support/apps';
import { parseArgs, runMain } from './support/cli';
import { closedLoop, keepAliveAgent, postJson } from './support/load';
import { machine, printJson, printTable } from './support/report';
import { benchDatabase, benchRedis } from './support/services';
import { median, round } from './support/stats';

const FORMS_PER_SESSION = 3;
const TARGET_RATIO = 0.5;
const COMPLETE = 'mutation Complete($id: ID!) { completeSession(id: $id) { id status } }';

/** An SMTP server that accepts and counts, doing as little as possible per mail. */
async function startSink(): Promise<{
  url: string;
  count: () => number;
  waitFor: (n: number, timeoutMs: number) => Promise<void>;
  stop: () => Promise<void>;
}> {
  let accepted = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        accepted++;
        for (const waiter of waiters.filter((w) => accepted >= w.n)) waiter.resolve();
        callback();
      });
      stream.resume();
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => accepted,
    waitFor: (n, timeoutMs) =>
      accepted >= n
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`sink accepted ${accepted} of ${n} mails within ${timeoutMs / 1000} s`)),
              timeoutMs,
            );
            waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
          }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Mail ceiling: a pooled nodemailer, as the worker configures it, sending `count` small mails. */
async function mailCeiling(smtpUrl: string, count: number): Promise<number> {
  const url = new URL(smtpUrl);
  const transport = createTransport({ host: url.hostname, port: Number(url.port), pool: true, maxConnections: 5 });
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < count) {
        const i = next++;
        await transport.sendMail({
          from: 'Closer <no-reply@closer.local>',
          to: `interviewer-${i}@bench.test`,
          subject: 'Your feedback on a candidate — a few minutes',
          text: `Hello,\n\nPlease answer: http://localhost:3000/f/${'x'.repeat(70)}\n`,
          html: `<p>Hello,</p><p><a href="http://localhost:3000/f/${'x'.repeat(70)}">Open your feedback form</a></p>`,
          messageId: `<ceiling-${i}@closer.local>`,
        });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  transport.close();
  return count / seconds;
}

/** Queue ceiling: no-op jobs through the same Redis, one worker with concurrency 50. */
async function queueCeiling(redisUrl: string, count: number): Promise<number> {
  const prefix = `bench-noop-${Date.now()}`;
  const queue = new Queue('noop', { connection: bullConnection(redisUrl, 'producer'), prefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker('noop', async () => undefined, { connection: bullConnection(redisUrl, 'worker'), prefix, concurrency: 50 });
  worker.on('completed', () => {
    if (++done === count) finish();
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ name: 'noop', data: { i: i + j }, opts: { removeOnComplete: true } })),
    );
  }
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return count / seconds;
}

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
    return rows.map((row) => row.id);
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
    return rows[0]!;
  } finally {
    await client.end();
  }
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { sessions: 'number', runs: 'number', concurrency: 'number', 'from-dist': 'boolean' });
  const sessions = Number(args.sessions ?? 2000);
  const runs = Number(args.runs ?? 3);
  const concurrency = Number(args.concurrency ?? 16);
  const forms = sessions * FORMS_PER_SESSION;
  const database = await benchDatabase('closer_bench_dispatch');
  const redis = await benchRedis();
  const config = loadConfig({ NODE_ENV: 'development' });
  const results: {
    formsPerSecond: number;
    mailCeiling: number;
    queueCeiling: number;
    seconds: number;
    memory: Record<string, number | null>;
  }[] = [];

  for (let run = 1; run <= runs; run++) {
    const sink = await startSink();
    const prefix = `bench-dispatch-${Date.now()}`;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      LINK_RATE_LIMIT_PER_MINUTE: '1000000',
    };
    const apps: ChildApp[] = [];
    try {
      const mail = await mailCeiling(sink.url, forms);
      const queue = await queueCeiling(redis.url, forms);
      const before = sink.count();

      const candidateService = await startApp('candidate-service', env, { fromDist: Boolean(args['from-dist']) });
      apps.push(candidateService);
      apps.push(await startApp('worker', env, { fromDist: Boolean(args['from-dist']) }));
      const gateway = await startApp(
        'gateway',
        { ...env, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` },
        { fromDist: Boolean(args['from-dist']) },
      );
      apps.push(gateway);

      const slug = `bench-dispatch-${run}-${Date.now()}`;
      const ids = await seedSessions(database.url, slug, sessions);
      const jwt = await signTestJwt(config.auth.jwtSecret!, { org: slug, sub: 'bench', role: 'admin' });
      const agent = keepAliveAgent(concurrency);
      const url = `${gateway.baseUrl}/graphql`;
      // provision the recruiter before the clock starts
      await postJson(agent, url, { query: '{ me { id } }' }, { authorization: `Bearer ${jwt}` });

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
      await sink.waitFor(before + forms, Math.max(120_000, forms * 20));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;

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
      agent.destroy();
      results.push({
        formsPerSecond: forms / seconds,
        mailCeiling: mail,
        queueCeiling: queue,
        seconds,
        memory: Object.fromEntries(apps.map((app) => [app.name, app.memory().rssMiB])),
      });
      process.stderr.write(`[bench] run ${run}/${runs}: ${forms} forms in ${seconds.toFixed(1)} s\n`);
    } finally {
      for (const app of apps.reverse()) await app.stop();
      await sink.stop();
    }
  }

  const formsPerSecond = median(results.map((r) => r.formsPerSecond));
  const mail = median(results.map((r) => r.mailCeiling));
  const queue = median(results.map((r) => r.queueCeiling));
  const ratio = formsPerSecond / mail;
  printTable(
    ['measure', `median of ${runs}`, 'ratio'],
    [
      [`forms mailed after ${sessions} completions (forms/s)`, round(formsPerSecond), '1'],
      ['mail ceiling: bare pooled nodemailer into the sink (mails/s)', round(mail), round(ratio)],
      ['queue ceiling: no-op BullMQ jobs, same Redis (jobs/s)', round(queue), round(formsPerSecond / queue)],
    ],
  );
  const last = results[results.length - 1]!;
  process.stdout.write(
    `target forms/s ≥ ${TARGET_RATIO} × mail ceiling: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'} (${round(ratio)}); RSS MiB after the last run: ${JSON.stringify(last.memory)}\n`,
  );
  printJson({
    bench: 'dispatch',
    sessions,
    forms,
    runs,
    formsPerSecond: round(formsPerSecond),
    mailCeiling: round(mail),
    queueCeiling: round(queue),
    ratioToMailCeiling: round(ratio),
    ratioToQueueCeiling: round(formsPerSecond / queue),
    targetMet: ratio >= TARGET_RATIO,
    rssMiB: last.memory,
    machine: machine(),
  });
  await database.stop();
  await redis.stop();
});
