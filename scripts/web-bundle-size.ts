// npm run check:web-size: what each page of the web app loads before anything else — its entry
// script and every script that one imports statically, gzipped as the gateway serves them — read
// from the build's manifest (`npm run build:web`). Fails when the dashboard's first load is over
// its budget: the charts (a chunk the page imports dynamically, once its tiles are on screen) do
// not count, everything needed for the first paint does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = join(__dirname, '..', 'apps', 'web', 'dist');
const PAGES = ['index.html', 'dashboard.html'];
/** The dashboard's scripts before its charts load, gzipped. */
export const DASHBOARD_BUDGET = 150_000;

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

export interface FirstLoad {
  files: { file: string; gzip: number }[];
  total: number;
}

/** The scripts a page of the build loads before anything else, with their gzipped sizes (bytes). */
export function initialScripts(page: string, dist = DIST): FirstLoad {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  if (!manifest[page]) throw new Error(`the build's manifest has no ${page}: run \`npm run build:web\``);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit(page);
  const files = [...seen].map((key) => {
    const file = manifest[key].file;
    return { file, gzip: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length };
  });
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

if (require.main === module) {
  for (const page of PAGES) {
    const { files, total } = initialScripts(page);
    process.stdout.write(
      `${page}: ${kB(total)} gzip before anything else loads (${files.map((f) => `${f.file} ${kB(f.gzip)}`).join(', ')})\n`,
    );
  }
  const dashboard = initialScripts('dashboard.html').total;
  if (dashboard > DASHBOARD_BUDGET) {
    process.stderr.write(`dashboard.html loads ${kB(dashboard)} gzip before its charts: over its budget of ${kB(DASHBOARD_BUDGET)}\n`);
    process.exitCode = 1;
  }
}
