#!/usr/bin/env node
// The Nest CLI's tsc builder keeps the source tree under each app's outDir
// (dist/apps/<app>/apps/<app>/src/main.js) because apps compile the libs they import.
// The operating contract starts apps with `node dist/apps/<app>/main.js`: write that entry.
import { existsSync, writeFileSync } from 'node:fs';

for (const app of ['gateway', 'candidate-service', 'worker']) {
  const target = `dist/apps/${app}/apps/${app}/src/main.js`;
  if (!existsSync(target)) {
    console.error(`missing build output: ${target}`);
    process.exit(1);
  }
  writeFileSync(`dist/apps/${app}/main.js`, `'use strict';\nrequire('./apps/${app}/src/main.js');\n`);
}
