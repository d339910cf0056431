import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `--profile DIR`: both apps record a V8 CPU profile (what `node --cpu-prof` writes, which
 * NODE_OPTIONS does not accept) through a preloaded inspector session and write it into DIR as
 * `<app>-<pid>.cpuprofile` when they are stopped.
 */
export function profilingEnv(dir: string, app: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const preload = join(dir, 'cpu-profile.js');
  writeFileSync(
    preload,
    `const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')));
process.prependOnceListener('SIGTERM', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(${JSON.stringify(dir)} + '/' + process.env.CLOSER_PROFILE_APP + '-' + process.pid + '.cpuprofile', JSON.stringify(result.profile));
    process.exit(0);
  });
});
`,
  );
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require=${preload}`.trim(), CLOSER_PROFILE_APP: app };
}
