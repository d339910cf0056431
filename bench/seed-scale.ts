// npm run seed:scale -- --responses 1000000 [--organizations 50] [--force] [--reseed] [--database closer_bench]
// Seeds DATABASE_URL (or the `closer_bench` database on the local PostgreSQL) with years of
// realistic feedback. See BENCHMARKS.md for shapes and run times.
import { redactPassword } from '@closer/local-services';
import { Client } from 'pg';

import { parseArgs, runMain } from './support/cli';
import { formatSeconds } from './support/progress';
import { seedScale } from './support/seed-scale';
import { benchDatabase } from './support/services';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    responses: 'number',
    organizations: 'number',
    database: 'string',
    force: 'boolean',
    reseed: 'boolean',
    quiet: 'boolean',
  });
  const responses = (args.responses as number | undefined) ?? 1_000_000;
  const database = await benchDatabase(args.database as string | undefined);
  const client = new Client({ connectionString: database.url, application_name: 'closer-seed-scale' });
  await client.connect();
  try {
    process.stderr.write(`[seed:scale] ${redactPassword(database.url)}: ${responses.toLocaleString('en-US')} responses\n`);
    const { skipped, summary } = await seedScale(
      client,
      { responses, organizations: args.organizations as number | undefined },
      {
        force: args.force === true,
        reseed: args.reseed === true,
        progress: args.quiet !== true,
        log: (line) => process.stderr.write(`[seed:scale] ${line}\n`),
      },
    );
    if (skipped) {
      process.stdout.write(`already seeded with these arguments on ${summary.anchor} (pass --reseed to seed again)\n`);
    } else {
      const rows = Object.entries(summary.rows)
        .map(([table, count]) => `${table} ${count.toLocaleString('en-US')}`)
        .join(', ');
      process.stdout.write(`seeded in ${formatSeconds(summary.seconds)}: ${rows}\n`);
    }
    process.stdout.write(
      `big tenant ${summary.big.slug} (${summary.big.responses.toLocaleString('en-US')} responses), typical ${summary.typical.slug} (${summary.typical.responses.toLocaleString('en-US')})\n`,
    );
    process.stdout.write(`${JSON.stringify({ seed: { skipped, ...summary } })}\n`);
  } finally {
    await client.end();
    await database.stop();
  }
});
