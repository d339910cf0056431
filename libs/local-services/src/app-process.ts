// One app as a separate process, started the way the operating contract starts it
// (`node dist/apps/<app>/main.js`, configured by the environment only) and ready once its /health
// answers 200. `npm start`, the benchmarks and the system tests all start their apps here.
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { errorMessage, sleep, tail } from './process';

export type AppName = 'gateway' | 'candidate-service' | 'worker';

export interface HealthReport {
  status: number;
  body: { status?: string; checks?: Record<string, string> };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcessOptions {
  /** The whole environment of the app: nothing is inherited from this process. */
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** Names the log file; defaults to the app's name. */
  label?: string;
  /** A log file per start (`<label>.<n>.log`), so a restart keeps the previous run's log. */
  logPerStart?: boolean;
  /** The TypeScript sources through ts-node instead of the build in dist/. */
  fromSource?: boolean;
  /** Node options before the entry point, e.g. --cpu-prof (which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /** Another entry point than the app's main (a TypeScript file when `fromSource`), relative to the repository. */
  entry?: string;
  /** A process group of its own: a Ctrl-C in the terminal reaches only the caller, which stops the app in order. */
  detached?: boolean;
  readyTimeoutMs?: number;
  /** How a line of the app's log reads in failure messages (e.g. pino's JSON made readable). */
  formatLogLine?: (line: string) => string;
  /** Called as the process exits, before anything waiting on it learns of it. */
  onExit?: (exit: Exit) => void;
}

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const HEALTH_POLL_MS = 200;

/** Every app started here, so that whatever ends this process leaves no app behind. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export class AppProcess {
  private child?: ChildProcess;
  private exited?: Promise<Exit>;
  private starts = 0;
  /** How the previous runs ended, oldest first. */
  readonly exits: Exit[] = [];
  readonly label: string;

  constructor(
    readonly app: AppName,
    readonly port: number,
    private readonly options: AppProcessOptions,
  ) {
    this.label = options.label ?? app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get logFile(): string {
    return join(this.options.logDir, this.options.logPerStart ? `${this.label}.${this.starts}.log` : `${this.label}.log`);
  }

  /** Starts the process and waits until its /health answers 200; `signal` gives up waiting. */
  async start(signal?: AbortSignal): Promise<void> {
    if (this.alive) throw new Error(`${this.label} is already running`);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));
    }
    this.starts++;
    const { fromSource, nodeArgs = [], detached = false } = this.options;
    const entry = this.options.entry
      ? join(REPO_ROOT, this.options.entry)
      : fromSource
        ? join(REPO_ROOT, 'apps', this.app, 'src', 'main.ts')
        : join(REPO_ROOT, 'dist', 'apps', this.app, 'main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing${fromSource ? '' : ': run `npm run build` first'}`);
    const args = [...nodeArgs, ...(fromSource ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] : []), entry];

    mkdirSync(this.options.logDir, { recursive: true });
    const log = openSync(this.logFile, 'w');
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: this.options.env, stdio: ['ignore', log, log], detached });
    closeSync(log);
    running.add(child);
    this.child = child;
    this.exited = new Promise<Exit>((resolveExit) => {
      child.once('exit', (code, exitSignal) => {
        running.delete(child);
        const exit = { code, signal: exitSignal };
        this.exits.push(exit);
        this.options.onExit?.(exit);
        resolveExit(exit);
      });
    });
    await this.waitForHealth(200, this.options.readyTimeoutMs ?? 60_000, undefined, signal);
  }

  /** Sends a signal; with `wait`, resolves once the process has exited. */
  async kill(signal: NodeJS.Signals, wait = true): Promise<Exit | undefined> {
    if (!this.alive) return undefined;
    this.child!.kill(signal);
    return wait ? this.waitForExit() : undefined;
  }

  async waitForExit(timeoutMs = 30_000): Promise<Exit> {
    if (!this.exited) throw new Error(`${this.label} was never started`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.label} did not exit within ${timeoutMs} ms\n${this.tail()}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.kill(signal);
    await this.start();
  }

  /** SIGTERM, then SIGKILL if it takes longer than `graceMs`; resolves to whether it had to be killed. */
  async stop(graceMs = 15_000): Promise<'stopped' | 'killed'> {
    if (!this.alive) return 'stopped';
    this.child!.kill('SIGTERM');
    try {
      await this.waitForExit(graceMs);
      return 'stopped';
    } catch {
      this.child!.kill('SIGKILL');
      await this.waitForExit(5_000);
      return 'killed';
    }
  }

  async health(timeoutMs = 3_000): Promise<HealthReport> {
    const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: HealthReport['body'] = {};
    try {
      body = JSON.parse(text) as HealthReport['body'];
    } catch {
      // not JSON: keep the status only
    }
    return { status: response.status, body };
  }

  /** Polls /health until it answers `status` (e.g. 503 during an outage). */
  async waitForHealth(
    status: number,
    timeoutMs = 30_000,
    check?: (report: HealthReport) => boolean,
    signal?: AbortSignal,
  ): Promise<HealthReport> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      signal?.throwIfAborted();
      if (this.child && !this.alive) throw new Error(`${this.label} exited while waiting for /health ${status}\n${this.tail()}`);
      try {
        const report = await this.health();
        if (report.status === status && (!check || check(report))) return report;
        last = JSON.stringify(report);
      } catch (error) {
        last = errorMessage(error);
      }
      await sleep(HEALTH_POLL_MS);
    }
    throw new Error(`${this.label} /health did not answer ${status} within ${timeoutMs / 1000} s (last: ${last})\n${this.tail()}`);
  }

  async metrics(): Promise<string> {
    return (await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(3_000) })).text();
  }

  /** The last lines of the current log, for failure messages. */
  tail(lines = 30): string {
    const text = tail(this.logFile, lines);
    const format = this.options.formatLogLine;
    return `--- last lines of ${this.logFile} ---\n${format ? text.split('\n').map(format).join('\n') : text}`;
  }
}
