import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const WEB = join(ROOT, 'apps', 'web');

function newest(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Builds the web app (`npm run build:web`) unless apps/web/dist is newer than every source of it. */
export function ensureWebBuilt(): { built: boolean; ms: number } {
  const started = Date.now();
  const builtAt = newest(join(WEB, 'dist', 'index.html'));
  const sources = Math.max(
    ...['src', 'index.html', 'dashboard.html', 'vite.config.ts', 'tsconfig.json', 'package.json'].map((p) => newest(join(WEB, p))),
  );
  if (builtAt > sources) return { built: false, ms: 0 };
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) throw new Error(`building the web app failed:\n${result.stdout}\n${result.stderr}`);
  return { built: true, ms: Date.now() - started };
}
