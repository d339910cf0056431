// The apps as separate processes, started the way the operating contract starts them, so each
// one's memory (RSS) can be read on its own. From sources by default (ts-node, always current);
// `fromDist` runs `node dist/apps/<app>/main.js` after `npm run build` (what production runs).
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../../libs/testing/src/local-services';
import { ROOT } from './services';

export type AppName = 'candidate-service' | 'gateway' | 'worker';

const PORT_VARIABLE: Record<AppName, string> = {
  'candidate-service': 'CANDIDATE_SERVICE_PORT',
  gateway: 'GATEWAY_PORT',
  worker: 'WORKER_PORT',
};
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ChildApp {
  name: AppName;
  pid: number;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  logFile: string;
  /** Resident set size now and at its peak, in MiB (Linux /proc; null elsewhere). */
  memory(): { rssMiB: number | null; peakRssMiB: number | null };
  /** CPU time (user + system) the process used so far, in seconds (Linux /proc; null elsewhere). */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function startApp(
  name: AppName,
  env: Record<string, string>,
  options: { fromDist?: boolean; /** e.g. --cpu-prof, which NODE_OPTIONS refuses */ nodeArgs?: string[] } = {},
): Promise<ChildApp> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // never leave an app behind, whatever ends the benchmark
    process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));
  }
  const port = await freePort();
  const entry = options.fromDist ? join(ROOT, 'dist', 'apps', name, 'main.js') : join(ROOT, 'apps', name, 'src', 'main.ts');
  if (!existsSync(entry)) throw new Error(`${entry} is missing${options.fromDist ? ': run `npm run build` first' : ''}`);
  const args = [
    ...(options.nodeArgs ?? []),
    ...(options.fromDist ? [entry] : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry]),
  ];

  mkdirSync(join(ROOT, '.data', 'logs'), { recursive: true });
  const logFile = join(ROOT, '.data', 'logs', `bench-${name}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
      LOG_LEVEL: 'warn',
      APOLLO_TELEMETRY_DISABLED: 'true',
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      ...env,
      [PORT_VARIABLE[name]]: String(port),
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  running.add(child);
  let exited: number | string | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? signal;
      running.delete(child);
      resolve();
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited !== undefined) throw new Error(`${name} exited (${exited}) while starting; its log:\n${tail(logFile)}`);
    const healthy = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not healthy within ${READY_TIMEOUT_MS / 1000} s; its log:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    name,
    pid: child.pid!,
    baseUrl,
    logFile,
    memory: () => memoryOf(child.pid!),
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    stop: async () => {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    },
  };
}

export function memoryOf(pid: number): { rssMiB: number | null; peakRssMiB: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
    };
    return { rssMiB: kib('VmRSS'), peakRssMiB: kib('VmHWM') };
  } catch {
    return { rssMiB: null, peakRssMiB: null };
  }
}

/** utime + stime of /proc/<pid>/stat, in clock ticks of 1/100 s (USER_HZ on Linux). */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
