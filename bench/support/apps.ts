// The apps as separate processes, started the way the operating contract starts them, so each
// one's memory (RSS) can be read on its own. From sources by default (ts-node, always current);
// `fromDist` runs `node dist/apps/<app>/main.js` after `npm run build` (what production runs).
import { join } from 'node:path';

import { AppName, AppProcess, cpuSecondsOf, freePort, memoryOf } from '@closer/local-services';

import { ROOT } from './services';

const PORT_VARIABLE: Record<AppName, string> = {
  'candidate-service': 'CANDIDATE_SERVICE_PORT',
  gateway: 'GATEWAY_PORT',
  worker: 'WORKER_PORT',
};
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ChildApp {
  name: AppName;
  /** names its log file and its figures */
  label: string;
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

export async function startApp(
  name: AppName,
  env: Record<string, string>,
  options: {
    fromDist?: boolean;
    /** e.g. --cpu-prof, which NODE_OPTIONS refuses */ nodeArgs?: string[];
    /** a TypeScript entry point run from sources instead of the app's main */ entry?: string;
    /** names the log file, when one app runs more than once */ label?: string;
  } = {},
): Promise<ChildApp> {
  const port = await freePort();
  const app = new AppProcess(name, port, {
    label: `bench-${options.label ?? name}`,
    logDir: join(ROOT, '.data', 'logs'),
    fromSource: !options.fromDist || options.entry !== undefined,
    nodeArgs: options.nodeArgs,
    entry: options.entry,
    readyTimeoutMs: READY_TIMEOUT_MS,
    env: {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
      LOG_LEVEL: 'warn',
      APOLLO_TELEMETRY_DISABLED: 'true',
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      ...env,
      [PORT_VARIABLE[name]]: String(port),
    },
  });
  try {
    await app.start();
  } catch (error) {
    await app.kill('SIGKILL');
    throw error;
  }
  const pid = app.pid!;
  return {
    name,
    label: options.label ?? name,
    pid,
    baseUrl: app.url,
    logFile: app.logFile,
    memory: () => memoryOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: async () => void (await app.stop(STOP_TIMEOUT_MS)),
  };
}
