import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type AppName = 'gateway' | 'candidate-service' | 'worker';

export interface HealthReport {
  status: number;
  body: { status?: string; checks?: Record<string, string> };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const ROOT = join(__dirname, '..', '..', '..');
const READY_TIMEOUT_MS = 60_000;

/** Every child of this test process, so an aborted run leaves no app behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * One built app as a deployment runs it: `node dist/apps/<app>/main.js`, configured by the
 * environment only, on a port chosen by the harness. Its output goes to a log file.
 */
export class AppProcess {
  private child?: ChildProcess;
  private exited?: Promise<Exit>;
  private starts = 0;
  /** How the previous runs ended, oldest first. */
  readonly exits: Exit[] = [];

  constructor(
    readonly app: AppName,
    /** e.g. `worker-2`: names the log file. */
    readonly label: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

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
    return join(this.logDir, `${this.label}.${this.starts}.log`);
  }

  /** Starts the process and waits until its /health answers 200. */
  async start(): Promise<void> {
    if (this.alive) throw new Error(`${this.label} is already running`);
    this.starts++;
    const entry = join(ROOT, 'dist', 'apps', this.app, 'main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    const log = openSync(this.logFile, 'w');
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    running.add(child);
    this.child = child;
    this.exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        const exit = { code, signal };
        this.exits.push(exit);
        resolve(exit);
      });
    });
    await this.waitForHealth(200, READY_TIMEOUT_MS);
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

  /** SIGTERM, then SIGKILL if it takes longer than `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.alive) return;
    this.child!.kill('SIGTERM');
    try {
      await this.waitForExit(graceMs);
    } catch {
      this.child!.kill('SIGKILL');
      await this.waitForExit(5_000);
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
  async waitForHealth(status: number, timeoutMs = 30_000, check?: (report: HealthReport) => boolean): Promise<HealthReport> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      if (this.child && !this.alive) throw new Error(`${this.label} exited while waiting for /health ${status}\n${this.tail()}`);
      try {
        const report = await this.health();
        if (report.status === status && (!check || check(report))) return report;
        last = report;
      } catch (error) {
        last = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(
      `${this.label} /health did not answer ${status} within ${timeoutMs} ms (last: ${JSON.stringify(last)})\n${this.tail()}`,
    );
  }

  async metrics(): Promise<string> {
    return (await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(3_000) })).text();
  }

  /** The last lines of the current log, for failure messages. */
  tail(lines = 30): string {
    try {
      const text = readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      return `--- last lines of ${this.logFile} ---\n${text || '(empty)'}`;
    } catch {
      return `(no log at ${this.logFile})`;
    }
  }
}
