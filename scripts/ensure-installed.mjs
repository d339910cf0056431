#!/usr/bin/env node
// prestart / pretest: install dependencies when node_modules is missing or older than the
// lockfile (npm writes node_modules/.package-lock.json at the end of every install).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

const installed = mtime('node_modules/.package-lock.json');
const locked = mtime('package-lock.json');
if (installed !== undefined && (locked === undefined || installed >= locked)) process.exit(0);

console.log('Installing dependencies (npm ci)…');
// Under `npm run`, npm_execpath is the npm that launched us; otherwise rely on PATH.
const npmCli = process.env.npm_execpath;
const [command, args] = npmCli ? [process.execPath, [npmCli, 'ci']] : ['npm', ['ci']];
const result = spawnSync(command, args, { stdio: 'inherit', shell: !npmCli && process.platform === 'win32' });
if (result.error) console.error(`Could not run npm ci: ${result.error.message}`);
process.exit(result.status ?? 1);
