import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { startTracing } from './tracing';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Runs `script` in a fresh Node process (jest's module registry is not Node's: patching and
 * require.cache can only be observed outside it) and returns what it printed as JSON.
 */
function inFreshProcess(script: string): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), OTEL_BSP_SCHEDULE_DELAY: '60000' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`child failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

const REPORT = `
  const http = require('node:http');
  const loaded = Object.keys(require.cache).filter((path) => path.includes('@opentelemetry/sdk-node') || path.includes('instrumentation-http'));
  console.log(JSON.stringify({ started, loaded: loaded.length, httpPatched: http.request.__wrapped === true, relay }));
`;

describe(startTracing.name, () => {
  it('without an endpoint loads no SDK and patches nothing', () => {
    const report = inFreshProcess(`
      const { startTracing, traceRelayedRow, bullmqTelemetry } = require('./libs/telemetry/src');
      const started = startTracing({ enabled: false }, 'closer-test');
      const relay = { options: traceRelayedRow('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'session.completed').jobOptions, bullmq: bullmqTelemetry() ?? null };
      ${REPORT}`);
    expect(report).toEqual({ started: false, loaded: 0, httpPatched: false, relay: { options: {}, bullmq: null } });
  });

  it('with an endpoint starts the SDK, patches http, and hands each relayed row its own child of the stored trace', () => {
    const report = inFreshProcess(`
      const { startTracing, traceRelayedRow } = require('./libs/telemetry/src');
      const started = startTracing({ enabled: true }, 'closer-test');
      const trace = traceRelayedRow('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'session.completed');
      trace.end();
      const relay = JSON.parse(trace.jobOptions.telemetry.metadata);
      ${REPORT}
      process.exit(0);`);
    expect(report).toMatchObject({ started: true, httpPatched: true });
    expect(report.loaded).toBeGreaterThan(0);
    const { traceparent } = report.relay as { traceparent: string };
    expect(traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traceparent).not.toContain('00f067aa0ba902b7');
  });
});
