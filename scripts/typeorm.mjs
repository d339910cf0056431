#!/usr/bin/env node
// Runs the TypeORM CLI against the one DataSource (libs/database/src/data-source.ts).
//   node scripts/typeorm.mjs migrate            applies pending migrations to DATABASE_URL
//   node scripts/typeorm.mjs generate <Name>    writes libs/database/src/migrations/<ts>-<Name>.ts
//   node scripts/typeorm.mjs revert             reverts the last migration
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [command, name] = process.argv.slice(2);
const dataSource = 'libs/database/src/data-source.ts';
const args = {
  migrate: ['migration:run', '-d', dataSource],
  revert: ['migration:revert', '-d', dataSource],
  show: ['migration:show', '-d', dataSource],
  generate: ['migration:generate', '-d', dataSource, '--pretty', `libs/database/src/migrations/${name}`],
}[command];
if (!args || (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? ''))) {
  console.error('usage: typeorm.mjs migrate | revert | show | generate <PascalCaseName>');
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ['-r', require.resolve('ts-node/register/transpile-only'), require.resolve('typeorm/cli.js'), ...args],
  { stdio: 'inherit', env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } },
);
process.exit(result.status ?? 1);
