// npm run bench:smoke: every benchmark script at a tiny size, so they never rot. Runs the real
// CLIs one after another on their own database (closer_bench_smoke, never a real seed) and
// fails on any error or mismatch; the figures it prints mean nothing at this size.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { runMain } from './support/cli';
import { formatSeconds } from './support/progress';
import { ROOT } from './support/services';

const DATABASE = 'closer_bench_smoke';
const STEPS: [string, string[]][] = [
  ['seed-scale.ts', ['--responses', '20000', '--reseed', '--quiet']],
  ['dashboard.bench.ts', ['--runs', '1', '--iterations', '3', '--warmup', '1']],
  ['submit.bench.ts', ['--sessions', '30', '--runs', '1', '--warmup', '5', '--concurrency', '8']],
  ['webhooks.bench.ts', ['--events', '10', '--endpoints', '3', '--concurrency', '4']],
];

runMain(async () => {
  const started = Date.now();
  for (const [script, args] of STEPS) {
    const stepStarted = Date.now();
    process.stdout.write(`\n== bench:smoke: ${script} ${args.join(' ')}\n`);
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(ROOT, 'bench', script),
        ...args,
        '--database',
        DATABASE,
      ],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } },
    );
    if (run.status !== 0) throw new Error(`bench:smoke: ${script} failed (exit ${run.status ?? run.signal})`);
    process.stdout.write(`== ${script} passed in ${formatSeconds((Date.now() - stepStarted) / 1000)}\n`);
  }
  process.stdout.write(`\nbench:smoke passed in ${formatSeconds((Date.now() - started) / 1000)}\n`);
});
