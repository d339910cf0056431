// npm run bench:smoke: every benchmark script at a tiny size, so they never rot. Runs the real
// CLIs one after another, the seeded ones on a database of this run's own (closer_bench_smoke_<id>,
// dropped at the end, so runs never meet an older schema or each other; the gateway and dispatch
// benchmarks keep databases of their own), and fails on any error
// or mismatch; the figures it prints mean nothing at this size. `--from-dist` runs the apps from
// dist/ (after `npm run build`, as CI does), which starts them in a fraction of the time.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { parseArgs, runMain } from './support/cli';
import { formatSeconds } from './support/progress';
import { benchDatabase, dropBenchDatabase, ROOT } from './support/services';

const DATABASE = `closer_bench_smoke_${randomBytes(4).toString('hex')}`;
const ON_SMOKE_DATABASE = ['--database', DATABASE];

async function dropSmokeDatabase(): Promise<void> {
  const { url } = await benchDatabase(DATABASE, { migrate: false });
  await dropBenchDatabase(url, DATABASE);
}

runMain(async () => {
  const fromDist = parseArgs(process.argv.slice(2), { 'from-dist': 'boolean' })['from-dist'] === true;
  const apps = fromDist ? ['--from-dist'] : [];
  const steps: [string, string[]][] = [
    ['seed-scale.ts', ['--responses', '20000', '--reseed', '--quiet', ...ON_SMOKE_DATABASE]],
    ['dashboard.bench.ts', ['--runs', '1', '--iterations', '3', '--warmup', '1', ...ON_SMOKE_DATABASE, ...apps]],
    // the statements per selection (whole dashboard, the tiles) in process and through the subgraph
    ['dashboard-profile.ts', ['--iterations', '1', '--http', ...ON_SMOKE_DATABASE]],
    ['submit.bench.ts', ['--sessions', '30', '--runs', '1', '--warmup', '5', '--concurrency', '8', ...ON_SMOKE_DATABASE, ...apps]],
    // both subgraph executors, each through the gateway and direct
    [
      'gateway.bench.ts',
      ['--runs', '1', '--duration', '0.5', '--warmup', '0.2', '--connections', '2', '--variants', 'apollo/graphql-js,apollo/jit', ...apps],
    ],
    ['dispatch.bench.ts', ['--sessions', '4', '--runs', '1', '--concurrency', '2', ...apps]],
    ['webhooks.bench.ts', ['--events', '10', '--endpoints', '3', '--concurrency', '4', ...ON_SMOKE_DATABASE, ...apps]],
    // the suite in-process and Lighthouse once per page: the pages must still open and be judged
    ['web.bench.ts', ['--runs', '1']],
  ];
  const started = Date.now();
  try {
    await runSteps(steps);
  } finally {
    await dropSmokeDatabase();
  }
  process.stdout.write(`\nbench:smoke passed in ${formatSeconds((Date.now() - started) / 1000)}\n`);
});

async function runSteps(steps: [string, string[]][]): Promise<void> {
  for (const [script, args] of steps) {
    const stepStarted = Date.now();
    process.stdout.write(`\n== bench:smoke: ${script} ${args.join(' ')}\n`);
    const run = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'bench', script), ...args],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } },
    );
    if (run.status !== 0) throw new Error(`bench:smoke: ${script} failed (exit ${run.status ?? run.signal})`);
    process.stdout.write(`== ${script} passed in ${formatSeconds((Date.now() - stepStarted) / 1000)}\n`);
  }
}
