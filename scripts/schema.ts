// The GraphQL schema files kept in the repository, and the checks CI runs on them:
//   generate            writes the candidate service's SDL, the composed supergraph the gateway
//                       starts from, and the API schema clients see (the web app's types come from it)
//   check               fails when any of them is stale, or when the API schema removes or changes
//                       anything of the public contract (contract/schema.graphql)
//   contract [<file>]   refreshes contract/schema.graphql from the published contract
//                       (default ../shared/schema.graphql)
import 'reflect-metadata';

import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { buildSchema } from 'graphql';

import { contractProblems } from './schema/contract';
import { sortedSdl } from './schema/sorted-sdl';
import { candidateServiceSdl } from './schema/subgraph-sdl';
import { composeSupergraph } from './schema/supergraph';

const ROOT = join(__dirname, '..');
const FILES = {
  subgraph: join(ROOT, 'apps/candidate-service/schema.graphql'),
  supergraph: join(ROOT, 'apps/gateway/supergraph.graphql'),
  api: join(ROOT, 'apps/gateway/api-schema.graphql'),
  contract: join(ROOT, 'contract/schema.graphql'),
};

async function generated(): Promise<Record<'subgraph' | 'supergraph' | 'api', string>> {
  // @apollo/* packages report usage to an outside service unless told not to
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const subgraph = sortedSdl(await candidateServiceSdl());
  const { supergraphSdl, apiSdl } = composeSupergraph(subgraph);
  return { subgraph, supergraph: supergraphSdl, api: apiSdl };
}

async function generate(): Promise<number> {
  for (const [name, text] of Object.entries(await generated())) {
    const file = FILES[name as keyof typeof FILES];
    writeFileSync(file, text);
    console.log(`wrote ${relative(ROOT, file)}`);
  }
  return 0;
}

async function check(): Promise<number> {
  const problems: string[] = [];
  const current = await generated();
  for (const [name, text] of Object.entries(current)) {
    const file = FILES[name as keyof typeof FILES];
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (committed !== text) problems.push(`${relative(ROOT, file)} is stale: run \`npm run schema:generate\` and commit it`);
  }
  const contract = buildSchema(readFileSync(FILES.contract, 'utf8'));
  for (const problem of contractProblems(contract, buildSchema(current.api))) problems.push(`contract: ${problem}`);
  for (const problem of problems) console.error(problem);
  console.log(
    problems.length
      ? `schema: ${problems.length} problem(s)`
      : 'schema: files current; every type, field, argument and enum value of the contract present',
  );
  return problems.length ? 1 : 0;
}

function refreshContract(source = join(ROOT, '..', 'shared', 'schema.graphql')): number {
  copyFileSync(source, FILES.contract);
  console.log(`copied ${source} to ${relative(ROOT, FILES.contract)}`);
  return 0;
}

const COMMANDS: Record<string, (argument?: string) => number | Promise<number>> = { generate, check, contract: refreshContract };
const command = COMMANDS[process.argv[2] ?? ''];
if (!command) {
  console.error(`usage: schema.ts ${Object.keys(COMMANDS).join(' | ')}`);
  process.exit(64);
}
Promise.resolve(command(process.argv[3])).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
