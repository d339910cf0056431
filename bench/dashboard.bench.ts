// npm run bench:dashboard -- [--runs 3] [--iterations 20] [--warmup 2] [--budget 10] [--responses N] [--from-dist]
//
// The whole closingFeedbackDashboard, called on the candidate subgraph as the gateway calls it
// (signed identity header), for the seed's big and typical tenants × all-time / last 90 days ×
// all roles / one role; against the baseline: the same numbers from straightforward SQL on the
// plain tables (support/dashboard-baseline.sql), timed in the same run, alternating call by call.
// Numbers must be identical (checked first, exit 1 otherwise). Reports p50/p99 per case as the
// median over runs, the ratio baseline / implementation, and the subgraph's RSS; then what a read
// costs right after writes (it folds the organization's dirty sessions into the rollups first)
// and the rollups' size.
import { loadConfig } from '@closer/config';
import { Client } from 'pg';

import { type ChildApp, startApp } from './support/apps';
import { parseArgs, runMain } from './support/cli';
import {
  baselineDashboard,
  baselineQueries,
  DASHBOARD_QUERY,
  dashboardDifferences,
  type DashboardNumbers,
} from './support/dashboard-baseline';
import { type DashboardCase, dashboardCases, seedSummary } from './support/dashboard-cases';
import { dataOf, subgraphCaller } from './support/graphql';
import { formatSeconds } from './support/progress';
import { machine, printJson, printTable } from './support/report';
import { seedRecruiter, seedScale } from './support/seed-scale';
import { benchDatabase } from './support/services';
import { median, percentile, round, timed } from './support/stats';

/** The issue's targets for the big tenant, once rollups exist: p50 ≤ 25 ms and ≥ 10× the baseline. */
const TARGET_P50_MS = 25;
const TARGET_RATIO = 10;

interface CaseResult {
  dashboard: DashboardCase;
  /** Per run: p50 and p99 of the implementation and of the baseline, in ms. */
  runs: { impl: { p50: number; p99: number; n: number }; baseline: { p50: number; p99: number; n: number } }[];
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    runs: 'number',
    iterations: 'number',
    warmup: 'number',
    budget: 'number',
    responses: 'number',
    database: 'string',
    'from-dist': 'boolean',
  });
  const runs = Math.max(1, (args.runs as number | undefined) ?? 3);
  const iterations = Math.max(1, (args.iterations as number | undefined) ?? 20);
  const warmup = (args.warmup as number | undefined) ?? 2;
  // a case stops early (after at least 5 iterations) once implementation and baseline together spent 2 × this
  const budgetMs = ((args.budget as number | undefined) ?? 10) * 1000;
  const started = Date.now();

  const database = await benchDatabase(args.database as string | undefined);
  const client = new Client({ connectionString: database.url, application_name: 'closer-bench-baseline' });
  await client.connect();
  let app: ChildApp | undefined;
  try {
    if (args.responses !== undefined) {
      const seeded = await seedScale(
        client,
        { responses: args.responses as number },
        { log: (line) => process.stderr.write(`[seed:scale] ${line}\n`) },
      );
      process.stderr.write(
        `[bench:dashboard] seed ${seeded.skipped ? 'already present' : `made in ${formatSeconds(seeded.summary.seconds)}`}\n`,
      );
    }
    const summary = await seedSummary(client);
    if (!summary) throw new Error(`${database.name} holds no seed: run \`npm run seed:scale\` first (or pass --responses N)`);

    const config = loadConfig({ NODE_ENV: 'development', ...process.env, DATABASE_URL: database.url });
    app = await startApp('candidate-service', { DATABASE_URL: database.url }, { fromDist: args['from-dist'] === true });
    const url = `${app.baseUrl}/graphql`;
    const callers = {
      big: subgraphCaller(url, config.auth.internalSecret, seedRecruiter(summary.big.slug)),
      typical: subgraphCaller(url, config.auth.internalSecret, seedRecruiter(summary.typical.slug)),
    };
    const queries = baselineQueries();
    const cases = await dashboardCases(client, summary);
    const impl = async (c: DashboardCase) =>
      dataOf(await callers[c.tenant]<{ closingFeedbackDashboard: DashboardNumbers }>(DASHBOARD_QUERY, c.variables))
        .closingFeedbackDashboard;
    const baseline = (c: DashboardCase) => baselineDashboard(client, c.scope, queries);

    // 1. the numbers: identical, or nothing else matters
    let byteIdentical = true;
    for (const c of cases) {
      const [expected, actual] = [await baseline(c), await impl(c)];
      byteIdentical &&= JSON.stringify(expected) === JSON.stringify(actual);
      const differences = dashboardDifferences(expected, actual);
      if (differences.length > 0) {
        throw new Error(
          `${c.name}: the dashboard differs from the baseline in ${differences.length} place(s):\n  ${differences.slice(0, 20).join('\n  ')}`,
        );
      }
    }
    process.stderr.write(
      `[bench:dashboard] ${cases.length} cases: implementation and baseline agree${byteIdentical ? ' to the last bit' : ' (fractions within 1e-9)'}\n`,
    );

    // 2. the timings, alternating implementation and baseline call by call
    const results: CaseResult[] = cases.map((dashboard) => ({ dashboard, runs: [] }));
    for (let run = 1; run <= runs; run++) {
      for (const result of results) {
        const c = result.dashboard;
        for (let i = 0; i < warmup; i++) {
          await impl(c);
          await baseline(c);
        }
        const implMs: number[] = [];
        const baselineMs: number[] = [];
        let spentImpl = 0;
        let spentBaseline = 0;
        for (let i = 0; i < iterations; i++) {
          if (i >= 5 && spentImpl + spentBaseline > 2 * budgetMs) break;
          const a = await timed(() => impl(c));
          const b = await timed(() => baseline(c));
          implMs.push(a.ms);
          baselineMs.push(b.ms);
          spentImpl += a.ms;
          spentBaseline += b.ms;
        }
        result.runs.push({
          impl: { p50: percentile(implMs, 50), p99: percentile(implMs, 99), n: implMs.length },
          baseline: { p50: percentile(baselineMs, 50), p99: percentile(baselineMs, 99), n: baselineMs.length },
        });
        process.stderr.write(
          `[bench:dashboard] run ${run}/${runs} ${c.name}: implementation p50 ${round(percentile(implMs, 50))} ms, baseline p50 ${round(percentile(baselineMs, 50))} ms (n=${implMs.length})\n`,
        );
      }
    }
    const memory = app.memory();

    // 3. right after writes: sessions of the big tenant marked dirty (as the write model's triggers
    // would), then one all-time read, which refreshes them first (their facts are recomputed and
    // compared; unchanged data leaves the rollups as they were)
    const bigAllTime = cases.find((c) => c.tenant === 'big' && c.range === 'all-time' && c.role === 'all roles')!;
    const afterWrites: Record<number, number[]> = { 1: [], 50: [], 500: [] };
    for (const dirty of [1, 50, 500]) {
      for (let i = 0; i < 5; i++) {
        await client.query(
          `INSERT INTO dashboard_dirty_sessions (organization_id, session_id)
           SELECT organization_id, id FROM interview_sessions
            WHERE organization_id = $1 AND status = 'COMPLETED' ORDER BY hashint4(abs(hashtext(id::text)) + $3) LIMIT $2`,
          [bigAllTime.scope.organizationId, dirty, i],
        );
        afterWrites[dirty].push((await timed(() => impl(bigAllTime))).ms);
      }
    }
    const { rows: storage } = await client.query<{ table: string; rows: number; mib: number }>(
      `SELECT relname AS table, reltuples::bigint::int AS rows, round(pg_total_relation_size(oid) / 1048576.0)::int AS mib
         FROM pg_class WHERE relkind = 'r' AND relname LIKE 'dashboard%' ORDER BY relname`,
    );

    // 3. the report: medians over runs
    const rows = results.map((result) => {
      const m = (pick: (run: CaseResult['runs'][number]) => number) => median(result.runs.map(pick));
      const implP50 = m((r) => r.impl.p50);
      const baselineP50 = m((r) => r.baseline.p50);
      return {
        case: result.dashboard.name,
        tenant: result.dashboard.slug,
        range: result.dashboard.range,
        role: result.dashboard.role,
        sessions: result.dashboard.sessions,
        iterations: result.runs.map((r) => r.impl.n),
        implP50: round(implP50),
        implP99: round(m((r) => r.impl.p99)),
        baselineP50: round(baselineP50),
        baselineP99: round(m((r) => r.baseline.p99)),
        ratio: round(baselineP50 / implP50),
      };
    });
    const big = rows.filter((row) => row.case.startsWith('big'));
    const met = big.every((row) => row.implP50 <= TARGET_P50_MS && row.ratio >= TARGET_RATIO);

    process.stdout.write(
      `\nclosingFeedbackDashboard vs plain-table baseline — ${summary.args.responses.toLocaleString('en-US')}-response seed; ` +
        `medians of ${runs} run(s), up to ${iterations} iterations each\n\n`,
    );
    printTable(
      ['case', 'sessions', 'impl p50 ms', 'impl p99 ms', 'baseline p50 ms', 'baseline p99 ms', 'baseline/impl'],
      rows.map((row) => [row.case, row.sessions, row.implP50, row.implP99, row.baselineP50, row.baselineP99, `${row.ratio}×`]),
    );
    process.stdout.write(
      `\nright after writes, big · all-time · all roles, p50 of 5: ${Object.entries(afterWrites)
        .map(([dirty, ms]) => `${dirty} dirty session(s) ${round(median(ms))} ms`)
        .join(', ')}\n` +
        `rollups and facts: ${storage.map((t) => `${t.table} ${t.rows.toLocaleString('en-US')} rows ${t.mib} MiB`).join(', ')}\n` +
        `candidate-service RSS ${memory.rssMiB ?? '?'} MiB (peak ${memory.peakRssMiB ?? '?'} MiB) · numbers identical · ` +
        `target for the big tenant (p50 ≤ ${TARGET_P50_MS} ms and ≥ ${TARGET_RATIO}× the baseline): ${met ? 'met' : 'not met'} · ${formatSeconds((Date.now() - started) / 1000)}\n`,
    );
    printJson({
      bench: 'dashboard',
      at: new Date().toISOString(),
      machine: machine(),
      seed: { responses: summary.args.responses, big: summary.big, typical: summary.typical },
      runs,
      iterations,
      appsFrom: args['from-dist'] === true ? 'dist' : 'sources',
      identical: true,
      byteIdentical,
      cases: rows,
      afterWrites: Object.fromEntries(
        Object.entries(afterWrites).map(([dirty, ms]) => [dirty, { p50: round(median(ms)), runs: ms.map(round) }]),
      ),
      storage,
      memory: { 'candidate-service': memory },
      target: { bigP50Ms: TARGET_P50_MS, ratio: TARGET_RATIO, met },
      seconds: round((Date.now() - started) / 1000),
    });
  } finally {
    await app?.stop();
    await client.end();
    await database.stop();
  }
});
