// npm run soak -- [--minutes 30] [--orgs 4] [--hour-ms 2000] [--sample-seconds 30] [--warmup-seconds N] [--max-growth 1.25]
//
// Mixed load on the built apps for a long while, to show memory stays flat and nothing is lost
// or doubled. The apps run as separate processes (`node dist/apps/<app>/main.js`, built first if
// missing) on a private PostgreSQL and Redis with an SMTP capture server — the system tests'
// harness — and a short CLOSER_HOUR_MS, so reminders, escalations, expiry and composition keep
// happening. Memory is sampled after a warm-up and periodically; after the load, the suite drains
// (every session settled, every answer composed, no job waiting) and mails are counted.
//
// Exit status 1 when a mail was lost or doubled, a request got a 5xx (or an internal error, or no
// answer, or an answer the client should not get), or a heap or RSS grew beyond --max-growth
// (median of the last samples over median of the first ones after warm-up).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { parseArgs, runMain } from '../../bench/support/cli';
import { formatSeconds } from '../../bench/support/progress';
import { machine, printJson, printTable } from '../../bench/support/report';
import { jobCounts } from '../system/support/queues';
import { sleep, SystemStack, until } from '../system/support/system-stack';
import { SoakClient } from './client';
import { mailLedger } from './ledger';
import { Growth, growth, MemorySampler, Sample } from './memory';
import { SOAK_SETTINGS, Workload } from './workload';

const ROOT = join(__dirname, '..', '..');
const APPS = ['gateway', 'candidate-service', 'worker'];
/** Samples per median at the start and at the end. */
const WINDOW = 5;

const log = (line: string) => process.stderr.write(`[soak] ${line}\n`);

function ensureBuilt(): void {
  if (APPS.every((app) => existsSync(join(ROOT, 'dist', 'apps', app, 'main.js')))) return;
  log('dist/ is missing: npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    minutes: 'number',
    orgs: 'number',
    'hour-ms': 'number',
    'sample-seconds': 'number',
    'warmup-seconds': 'number',
    'max-growth': 'number',
  });
  const minutes = Number(args.minutes ?? 30);
  const durationS = minutes * 60;
  const hourMs = Number(args['hour-ms'] ?? 2_000);
  const sampleS = Number(args['sample-seconds'] ?? Math.min(30, Math.max(5, Math.round(durationS / 60))));
  // by default the warm-up outlasts one form's whole life (invitation, reminders, expiry, composition)
  const lifecycleS = Math.ceil((SOAK_SETTINGS.feedbackDeadlineHours * hourMs) / 1000) + 60;
  const warmupS = Number(args['warmup-seconds'] ?? Math.max(lifecycleS, Math.min(300, Math.round(durationS / 6))));
  const maxGrowth = Number(args['max-growth'] ?? 1.25);
  if (warmupS + 2 * sampleS >= durationS) throw new Error(`--minutes ${minutes} leaves no time after a ${warmupS} s warm-up`);

  ensureBuilt();
  const stack = await SystemStack.start({
    name: 'soak',
    // link operations limited per client IP as in production, low enough that the guesser hits it
    env: { CLOSER_HOUR_MS: String(hourMs), LINK_RATE_LIMIT_PER_MINUTE: '120' },
  });
  const client = new SoakClient(stack.gateways[0].url);
  const sampler = new MemorySampler(stack);
  try {
    const workload = await Workload.setUp(stack, client, Number(args.orgs ?? 4));
    log(
      `${workload.orgs.length} organizations, CLOSER_HOUR_MS ${hourMs}, load for ${minutes} min, ` +
        `samples every ${sampleS} s after a ${warmupS} s warm-up; logs in ${join(stack.root, 'logs')}`,
    );

    const startedAt = Date.now();
    const endsAt = startedAt + durationS * 1000;
    const load = workload.run(endsAt);
    let done = false;
    void load.then(
      () => (done = true),
      () => (done = true),
    );
    let previous = { at: startedAt, requests: 0 };
    let reported = 0;
    // samples from the end of the warm-up on; a progress line every sample period, warm-up included
    const sampleFrom = startedAt + warmupS * 1000;
    const tick = (time: number) => (time < sampleFrom ? Math.min(time + sampleS * 1000, sampleFrom) : time + sampleS * 1000);
    for (let next = tick(startedAt); !done; next = tick(next)) {
      while (Date.now() < next && !done) await sleep(Math.min(1_000, next - Date.now()));
      if (done) break;
      const at = (Date.now() - startedAt) / 1000;
      const sample = next >= sampleFrom ? await sampler.sample(at) : undefined;
      const requests = client.tally.total;
      const rate = (requests - previous.requests) / ((Date.now() - previous.at) / 1000);
      previous = { at: Date.now(), requests };
      for (const example of client.tally.examples.slice(reported)) log(`failure: ${example}`);
      reported = client.tally.examples.length;
      const memory = sample
        ? `heap ${APPS_LABELS(stack)
            .map((label) => `${label} ${sample.heapMiB[label] ?? '?'}`)
            .join(', ')} MiB; Redis ${sample.redisMiB} MiB, ${sample.redisKeys} keys, ${sample.jobHistory} finished jobs kept`
        : 'warming up';
      log(
        `${formatSeconds(at)} / ${formatSeconds(durationS)}: ${requests.toLocaleString('en-US')} requests (${rate.toFixed(1)}/s), ` +
          `${client.tally.failures} failures, ${workload.counts.scheduled} sessions, ${stack.smtp.mails.length} mails; ${memory}; load ${loadavg()[0].toFixed(2)}`,
      );
    }
    await load;
    const loadAverage = loadavg()[0];
    const loadEndedAt = Date.now();

    log('load stopped; draining: leftover sessions completed, every answer composed, queues empty');
    await workload.completeLeftovers();
    const drainLimitMs = SOAK_SETTINGS.feedbackDeadlineHours * hourMs + 120_000;
    await until(
      'the suite to drain',
      async () => {
        const [state] = await stack.query<{ scheduled: number; pending: number; waiting: number; unrelayed: number }>(
          `SELECT (SELECT count(*)::int FROM interview_sessions WHERE status = 'SCHEDULED') AS scheduled,
                  (SELECT count(*)::int FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id
                    WHERE s.status = 'COMPLETED' AND f.status = 'PENDING') AS pending,
                  (SELECT count(*)::int FROM candidate_answers a JOIN interview_sessions s ON s.id = a.session_id
                    WHERE s.status = 'COMPLETED' AND a.status = 'WAITING_FOR_FEEDBACK') AS waiting,
                  (SELECT count(*)::int FROM outbox_events WHERE relayed_at IS NULL) AS unrelayed`,
        );
        if (!state || state.scheduled + state.pending + state.waiting + state.unrelayed > 0) return false;
        const counts = Object.values(await jobCounts(stack));
        return counts.every((queue) => (queue.active ?? 0) + (queue.waiting ?? 0) === 0);
      },
      drainLimitMs,
      1_000,
    );
    // the last mails' SMTP replies and delivery rows
    await sleep(2_000);
    const drainedS = (Date.now() - loadEndedAt) / 1000;
    const drained = await sampler.sample((Date.now() - startedAt) / 1000);
    const ledger = await mailLedger(stack);

    // --- memory -------------------------------------------------------------------------------
    const measured = sampler.samples.filter((sample) => sample !== drained);
    const series = (value: (sample: Sample) => number | null) =>
      measured.flatMap((sample) => {
        const v = value(sample);
        return v === null ? [] : [{ at: sample.at, value: v }];
      });
    const memory: { what: string; growth: Growth | null; drained: number | null; limited: boolean }[] = [];
    for (const label of APPS_LABELS(stack)) {
      memory.push({
        what: `${label} heap MiB`,
        growth: growth(
          series((s) => s.heapMiB[label] ?? null),
          WINDOW,
        ),
        drained: drained.heapMiB[label] ?? null,
        limited: true,
      });
      memory.push({
        what: `${label} RSS MiB`,
        growth: growth(
          series((s) => s.rssMiB[label] ?? null),
          WINDOW,
        ),
        drained: drained.rssMiB[label] ?? null,
        limited: true,
      });
    }
    memory.push({
      what: 'Redis used_memory MiB',
      growth: growth(
        series((s) => s.redisMiB),
        WINDOW,
      ),
      drained: drained.redisMiB,
      limited: false,
    });
    memory.push({
      what: 'Redis keys',
      growth: growth(
        series((s) => s.redisKeys),
        WINDOW,
      ),
      drained: drained.redisKeys,
      limited: false,
    });
    memory.push({
      what: 'finished jobs kept',
      growth: growth(
        series((s) => s.jobHistory),
        WINDOW,
      ),
      drained: drained.jobHistory,
      limited: false,
    });
    memory.push({
      what: 'Redis keys − finished jobs',
      growth: growth(
        series((s) => s.redisKeys - s.jobHistory),
        WINDOW,
      ),
      drained: drained.redisKeys - drained.jobHistory,
      limited: true,
    });
    // BullMQ keeps finished jobs as history (bounded by the worker's removeOnComplete/removeOnFail):
    // what Redis holds per kept job tells how far used_memory grows before that bound stops it
    const [first, last] = [measured[0], measured[measured.length - 1]];
    const kibPerFinishedJob =
      first && last && last.jobHistory > first.jobHistory
        ? Math.round(((last.redisMiB - first.redisMiB) * 1024 * 10) / (last.jobHistory - first.jobHistory)) / 10
        : null;
    const grown = memory.filter((entry) => entry.limited && entry.growth && entry.growth.ratio > maxGrowth);

    // --- report -------------------------------------------------------------------------------
    const tally = client.tally;
    process.stdout.write(`\nRequests (${minutes} min of load, load average ${loadAverage.toFixed(2)} at its end)\n`);
    printTable(
      ['kind', 'requests', 'outcomes'],
      [...tally.byKind]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, outcomes]) => [
          kind,
          [...outcomes.values()].reduce((sum, count) => sum + count, 0),
          [...outcomes].map(([outcome, count]) => `${outcome} ${count}`).join(', '),
        ]),
    );
    process.stdout.write('\nMails (after draining)\n');
    printTable(
      ['kind', 'due', 'delivery rows', 'captured'],
      Object.entries(ledger.byKind).map(([kind, entry]) => [kind, entry.due ?? '–', entry.rows, entry.captured]),
    );
    process.stdout.write(`\nMemory (median of ${WINDOW} samples at the start, after a ${warmupS} s warm-up, and at the end of the load)\n`);
    printTable(
      ['', 'start', 'end', 'end/start', 'trend (2nd half) per hour', 'after draining'],
      memory.map((entry) => [
        entry.what,
        entry.growth?.start ?? '–',
        entry.growth?.end ?? '–',
        entry.growth ? entry.growth.ratio : '–',
        entry.growth ? `${(entry.growth.trendPerHour * 100).toFixed(1)} %` : '–',
        entry.drained ?? '–',
      ]),
    );

    if (kibPerFinishedJob !== null) process.stdout.write(`Redis holds ${kibPerFinishedJob} KiB per finished job kept as history.\n`);

    const problems = [
      ...ledger.problems.slice(0, 20),
      ...(tally.failures ? [`${tally.failures} failed requests, e.g. ${tally.examples.slice(0, 10).join(' | ')}`] : []),
      ...grown.map((entry) => `${entry.what} grew ${entry.growth!.ratio.toFixed(2)}× (limit ${maxGrowth}×)`),
    ];
    const result = {
      soak: {
        minutes,
        hourMs,
        organizations: workload.orgs.length,
        warmupSeconds: warmupS,
        sampleSeconds: sampleS,
        drainSeconds: Math.round(drainedS),
      },
      machine: { ...machine(), loadAverage1mAtEnd: Number(loadAverage.toFixed(2)) },
      requests: {
        total: tally.total,
        byKind: Object.fromEntries([...tally.byKind].map(([kind, outcomes]) => [kind, Object.fromEntries(outcomes)])),
      },
      errorsByCode: tally.errorsByCode(),
      serverErrors: tally.serverErrors,
      failures: tally.failures,
      workload: workload.counts,
      mails: {
        formsExpected: ledger.invites.forms,
        invitationsSent: ledger.invites.captured,
        byKind: ledger.byKind,
        lost: ledger.lost,
        doubled: ledger.doubled,
      },
      memory: Object.fromEntries(memory.map((entry) => [entry.what, { ...entry.growth, drained: entry.drained }])),
      redisKiBPerFinishedJob: kibPerFinishedJob,
      samples: sampler.samples,
      problems,
      passed: problems.length === 0,
    };
    const dir = join(ROOT, '.data', 'soak');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `soak-${minutes}min.json`), `${JSON.stringify(result, null, 2)}\n`);
    printJson(result);
    if (problems.length) {
      process.stdout.write(`\nSOAK FAILED:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`\nSoak passed: nothing lost (0), nothing doubled (0), no 5xx, memory within ${maxGrowth}×.\n`);
    }
  } finally {
    client.close();
    await sampler.close();
    await stack.close();
  }
});

const APPS_LABELS = (stack: SystemStack) => stack.apps.map((app) => app.label);
