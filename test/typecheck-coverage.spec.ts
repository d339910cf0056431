import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import * as ts from 'typescript';

const ROOT = join(__dirname, '..');
/** The programs `npm run typecheck` compiles (package.json). */
const PROGRAMS = ['tsconfig.json', 'apps/web/tsconfig.spec.json'];
const NOT_SOURCES = new Set(['node_modules', 'dist', '.data', '.git', 'coverage', 'artifacts']);

/** Every .ts and .tsx file under `dir`, outside dependencies, builds and local state. */
function sourcesIn(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return NOT_SOURCES.has(entry.name) ? [] : sourcesIn(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function filesOf(config: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, config),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!parsed) throw new Error(`${config} could not be read`);
  return parsed.fileNames.map((file) => relative(ROOT, file));
}

describe('npm run typecheck', () => {
  it('compiles every TypeScript file of the repository, which is every file jest compiles (ts-jest reports no type errors)', () => {
    const sources = sourcesIn('');
    const checked = new Set(PROGRAMS.flatMap(filesOf));
    expect(sources.length).toBeGreaterThan(400);
    expect(sources.filter((file) => !checked.has(file))).toEqual([]);
  });
});
