#!/usr/bin/env node
// Runs the TypeORM CLI against the one DataSource (libs/database/src/data-source.ts).
//   node scripts/typeorm.mjs migrate            applies pending migrations to DATABASE_URL
//   node scripts/typeorm.mjs show               lists the migrations and whether they ran
//   node scripts/typeorm.mjs revert             reverts the last migration
//   node scripts/typeorm.mjs generate <Name>    writes libs/database/src/migrations/<ts>-<Name>.ts
// In development and test it loads the TypeScript sources through ts-node, so that a migration
// counts before any build (the test harness migrates a fresh clone this way). Everywhere else
// (production, NODE_ENV unset, the image, which has no ts-node) it loads the data source and the
// migrations compiled by `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SOURCE = 'libs/database/src/data-source.ts';
// the candidate-service build compiles libs/database, migrations included, along with the app
const COMPILED = 'dist/apps/candidate-service/libs/database/src/data-source.js';

const [command, name] = process.argv.slice(2);
if (!['migrate', 'revert', 'show', 'generate'].includes(command) || (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? ''))) {
  console.error('usage: typeorm.mjs migrate | revert | show | generate <PascalCaseName>');
  process.exit(2);
}

const tsNode = resolve('ts-node/register/transpile-only');
const development = ['development', 'test'].includes(process.env.NODE_ENV ?? '');
const fromSources = command === 'generate' || (development && tsNode !== undefined && existsSync(SOURCE));
if (fromSources && tsNode === undefined) fail('generating a migration needs the dev dependencies (ts-node): run `npm ci`');
if (!fromSources && !existsSync(COMPILED)) {
  fail(`${COMPILED} is missing: run \`npm run build\` first, or set NODE_ENV=development to use the TypeScript sources`);
}

const dataSource = fromSources ? SOURCE : COMPILED;
const args = {
  migrate: ['migration:run', '-d', dataSource],
  revert: ['migration:revert', '-d', dataSource],
  show: ['migration:show', '-d', dataSource],
  generate: ['migration:generate', '-d', dataSource, '--pretty', `libs/database/src/migrations/${name}`],
}[command];
const result = spawnSync(process.execPath, [...(fromSources ? ['-r', tsNode] : []), require.resolve('typeorm/cli.js'), ...args], {
  stdio: 'inherit',
  env: fromSources ? { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } : process.env,
});
process.exit(result.status ?? 1);

function resolve(id) {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
}

function fail(message) {
  console.error(`typeorm.mjs: ${message}`);
  process.exit(1);
}
