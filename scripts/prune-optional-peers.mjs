#!/usr/bin/env node
// Run after `npm ci --omit=dev` (the image's runtime stage). npm still installs the dev
// dependencies that are also optional peers of production packages (ts-node and typescript:
// optional peers of typeorm and @nestjs/graphql; package-lock.json marks them `devOptional`).
// Production never loads them. This keeps exactly what the production dependencies need,
// following dependencies, optional dependencies and required peers from package.json through
// package-lock.json, and removes every other installed package.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;

/** The package whose node_modules holds `path` ('' for the project itself). */
function parentOf(path) {
  const at = path.lastIndexOf('/node_modules/');
  return at < 0 ? '' : path.slice(0, at);
}

/** Where node finds `name` from the package at `from`: the nearest node_modules up the tree. */
function locate(name, from) {
  for (let dir = from; ; dir = parentOf(dir)) {
    const path = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[path]) return path;
    if (!dir) return undefined;
  }
}

function needs(entry) {
  const optionalPeer = (name) => entry.peerDependenciesMeta?.[name]?.optional === true;
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeer(name)),
  ];
}

const keep = new Set();
const queue = [''];
while (queue.length > 0) {
  const path = queue.pop();
  if (keep.has(path)) continue;
  keep.add(path);
  for (const name of needs(packages[path])) {
    const found = locate(name, path);
    if (found !== undefined) queue.push(found);
  }
}

const removed = Object.keys(packages).filter((path) => path !== '' && !keep.has(path) && existsSync(path));
removed.forEach((path) => rmSync(path, { recursive: true, force: true }));
const bin = 'node_modules/.bin';
for (const command of existsSync(bin) ? readdirSync(bin) : []) {
  // a link whose package is gone
  if (!existsSync(join(bin, command))) rmSync(join(bin, command), { force: true });
}
console.log(
  `removed ${removed.length} packages only optional peers need: ${removed.map((path) => path.replace(/^node_modules\//, '')).join(', ')}`,
);
