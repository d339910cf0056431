// npm run bench:dashboard:profile -- [--database closer_bench] [--iterations 15] [--http]
//
// Where a dashboard read spends its time, in process: for each case of bench:dashboard and each
// selection (the whole dashboard, the web app's tiles), the statements the candidate service runs,
// timed on one connection in a REPEATABLE READ snapshot (p50 of --iterations), then one
// EXPLAIN (ANALYZE, BUFFERS) each, summarized per CTE / subplan. With --http, the same selections
// through the subgraph (HTTP, GraphQL, the probe): what is left is the service's own cost.
import { loadConfig } from '@closer/config';
import { Client } from 'pg';

import {
  aggregateStatement,
  type PartialAggregate,
  pickStatement,
  type Statement,
} from '../apps/candidate-service/src/dashboard/dashboard.repository';
import { DASHBOARD_PARTS, type DashboardPart } from '../apps/candidate-service/src/dashboard/dashboard.sql';
import { type ChildApp, startApp } from './support/apps';
import { parseArgs, runMain } from './support/cli';
import { DASHBOARD_QUERY } from './support/dashboard-baseline';
import { dashboardCases, seedSummary } from './support/dashboard-cases';
import { dataOf, subgraphCaller } from './support/graphql';
import { printTable } from './support/report';
import { seedRecruiter } from './support/seed-scale';
import { benchDatabase } from './support/services';
import { percentile, round, timed } from './support/stats';

const TILES_QUERY = `
  query Tiles($roleId: ID, $from: DateTime, $to: DateTime) {
    closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) {
      from to sessionsCompleted fitFeedbackRequested formsSent formsSubmitted formsDeclined responseRate
      medianHoursToFeedback medianHoursToAnswer answersReleased answersWithheld helpfulRate promisesKeptRate
    }
  }`;
const SELECTIONS: { name: string; parts: ReadonlySet<DashboardPart>; query: string }[] = [
  { name: 'whole', parts: new Set(DASHBOARD_PARTS), query: DASHBOARD_QUERY },
  { name: 'tiles', parts: new Set<DashboardPart>(['totals', 'medians', 'promises']), query: TILES_QUERY },
];

interface PlanNode {
  'Node Type': string;
  'Subplan Name'?: string;
  'CTE Name'?: string;
  'Relation Name'?: string;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** The CTEs and tables a plan node reads, for naming an InitPlan. */
function sources(node: PlanNode, found = new Set<string>()): Set<string> {
  const source = node['CTE Name'] ?? node['Relation Name'];
  if (source) found.add(source);
  for (const child of node.Plans ?? []) if (!child['Subplan Name']) sources(child, found);
  return found;
}

/** The plan's named parts (CTEs, subplans): time, rows, buffers; nested ones include their children. */
function namedParts(node: PlanNode, out: string[] = []): string[] {
  const subplan = node['Subplan Name'];
  const name = subplan?.startsWith('InitPlan') ? `${subplan} [${[...sources(node)].join(', ')}]` : subplan;
  if (name) {
    const loops = node['Actual Loops'] ?? 1;
    out.push(
      `${name}: ${round((node['Actual Total Time'] ?? 0) * loops)} ms, ${node['Actual Rows']} rows × ${loops}, ` +
        `${node['Shared Hit Blocks'] ?? 0} hit + ${node['Shared Read Blocks'] ?? 0} read blocks`,
    );
  }
  for (const child of node.Plans ?? []) namedParts(child, out);
  return out;
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { database: 'string', iterations: 'number', http: 'boolean' });
  const iterations = Math.max(1, (args.iterations as number | undefined) ?? 15);
  const database = await benchDatabase(args.database as string | undefined);
  const client = new Client({ connectionString: database.url, application_name: 'closer-bench-profile' });
  await client.connect();
  let app: ChildApp | undefined;
  try {
    const summary = await seedSummary(client);
    if (!summary) throw new Error(`${database.name} holds no seed: run \`npm run seed:scale\` first`);
    const cases = await dashboardCases(client, summary);
    const query = async (statement: Statement) => (await client.query<Record<string, unknown>>(statement[0], statement[1])).rows;
    const rows: (string | number)[][] = [];
    const plans: string[] = [];
    for (const c of cases) {
      for (const selection of SELECTIONS) {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        const aggregateMs: number[] = [];
        const picksMs: number[] = [];
        let aggregate: PartialAggregate = {};
        let picks: Statement | null = null;
        for (let i = 0; i < iterations + 1; i++) {
          const a = await timed(() => query(aggregateStatement(c.scope, selection.parts)));
          aggregate = a.value[0];
          picks = pickStatement(c.scope, aggregate);
          const p = picks ? await timed(() => query(picks!)) : { ms: 0 };
          if (i === 0) continue; // the first plans the statements and warms the cache
          aggregateMs.push(a.ms);
          picksMs.push(p.ms);
        }
        const explain = async (label: string, statement: Statement) => {
          const [row] = await query([`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement[0]}`, statement[1]]);
          const [plan] = row['QUERY PLAN'] as { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }[];
          plans.push(
            `${c.name} · ${selection.name} · ${label}: planning ${round(plan['Planning Time'])} ms, execution ${round(plan['Execution Time'])} ms\n    ` +
              namedParts(plan.Plan).join('\n    '),
          );
        };
        await explain('aggregate', aggregateStatement(c.scope, selection.parts));
        if (picks) await explain(`picks (${(picks[1][10] as string[]).length} interviewer picks)`, picks);
        await client.query('COMMIT');
        rows.push([
          c.name,
          selection.name,
          round(percentile(aggregateMs, 50)),
          round(percentile(picksMs, 50)),
          round(percentile(aggregateMs, 50) + percentile(picksMs, 50)),
        ]);
      }
    }
    process.stdout.write(`\nstatements in process, p50 of ${iterations} (ms)\n\n`);
    printTable(['case', 'selection', 'aggregate', 'picks', 'both'], rows);
    process.stdout.write(`\nEXPLAIN (ANALYZE, BUFFERS), one run each\n\n${plans.join('\n')}\n`);

    if (args.http === true) {
      const config = loadConfig({ NODE_ENV: 'development', ...process.env, DATABASE_URL: database.url });
      app = await startApp('candidate-service', { DATABASE_URL: database.url });
      const url = `${app.baseUrl}/graphql`;
      const callers = {
        big: subgraphCaller(url, config.auth.internalSecret, seedRecruiter(summary.big.slug)),
        typical: subgraphCaller(url, config.auth.internalSecret, seedRecruiter(summary.typical.slug)),
      };
      const httpRows: (string | number)[][] = [];
      for (const c of cases) {
        for (const selection of SELECTIONS) {
          const ms: number[] = [];
          for (let i = 0; i < iterations + 2; i++) {
            const t = await timed(async () => dataOf(await callers[c.tenant](selection.query, c.variables)));
            if (i >= 2) ms.push(t.ms);
          }
          httpRows.push([c.name, selection.name, round(percentile(ms, 50)), round(percentile(ms, 99))]);
        }
      }
      process.stdout.write(`\nthrough the subgraph (HTTP), p50 and p99 of ${iterations} (ms)\n\n`);
      printTable(['case', 'selection', 'p50', 'p99'], httpRows);
    }
  } finally {
    await app?.stop();
    await client.end();
    await database.stop();
  }
});
