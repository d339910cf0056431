// Ctrl-C at any moment of `npm start` stops everything it started. The script runs as `npm start`
// runs it, with private PostgreSQL and Redis in a data directory of its own (CLOSER_PRIVATE_SERVICES,
// CLOSER_DATA_DIR) and the build of the test run (CLOSER_SKIP_BUILD); Ctrl-C is SIGINT to its whole
// process group, as a terminal sends it, the moment a start-up line appears. Afterwards no
// process it started may be left: none carrying its environment, none working in its data
// directory (PostgreSQL's processes, Redis), and none listening on its ports.
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, isPortOpen } from '@closer/local-services';

const ROOT = join(__dirname, '..', '..');
const EXIT_TIMEOUT_MS = 120_000;

interface OsProcess {
  pid: number;
  args: string;
  cwd?: string;
  env: string[];
}

const POSTGRES = /(^|\/)postgres -D /;
const REDIS = /redis-server/;
const app = (name: string) => new RegExp(`dist/apps/${name}/main\\.js`);
const APPS = [app('candidate-service'), app('gateway'), app('worker')];

/** Where to press Ctrl-C: the line that announces the step, and what is running at that moment. */
const POINTS: { when: string; line: RegExp; running: RegExp[]; twice?: boolean }[] = [
  { when: 'while PostgreSQL creates its cluster', line: /^\[closer\] PostgreSQL: creating a private cluster/, running: [/initdb -D /] },
  { when: 'while PostgreSQL starts', line: /^\[closer\] PostgreSQL \d+: starting a private server/, running: [/pg_ctl start /] },
  { when: 'while Redis starts', line: /^\[closer\] Redis: starting a private server/, running: [REDIS] },
  {
    when: 'while the migrations run',
    line: /^\[closer\] Applying database migrations/,
    running: [/scripts\/typeorm\.mjs migrate/, POSTGRES, REDIS],
  },
  {
    when: 'while the apps start',
    line: /^\[closer\] Starting gateway/,
    running: [app('candidate-service'), app('gateway'), POSTGRES, REDIS],
  },
  { when: 'while the demo data is seeded', line: /^\[closer\] Demo data: seeding/, running: [...APPS, POSTGRES, REDIS] },
  { when: 'once everything runs', line: /^Closer is running\./, running: [...APPS, POSTGRES, REDIS] },
  // an impatient second Ctrl-C while it stops must not cut the stopping short
  { when: 'twice, once everything runs,', line: /^Closer is running\./, running: [...APPS, POSTGRES, REDIS], twice: true },
];

function osProcesses(): OsProcess[] {
  const read = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => ({
      pid: Number(entry),
      // zombies and kernel threads have no command line
      args: read(() => readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' '), ''),
      cwd: read<string | undefined>(() => readlinkSync(`/proc/${entry}/cwd`), undefined),
      env: read(() => readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0'), []),
    }))
    .filter((found) => found.args !== '');
}

class StartRun {
  readonly id = randomUUID();
  readonly dataDir = mkdtempSync(join(tmpdir(), 'closer-start-'));
  readonly output: string[] = [];
  child?: ChildProcess;
  ports: Record<string, number> = {};

  /** Everything this run started that still runs: by its environment, its data directory or its command line. */
  leftovers(): OsProcess[] {
    return osProcesses().filter(
      (found) =>
        found.pid !== process.pid &&
        (found.env.includes(`CLOSER_START_RUN=${this.id}`) || found.cwd?.startsWith(this.dataDir) || found.args.includes(this.dataDir)),
    );
  }

  /** The port a service announced in a line like "Redis: starting a private server on 127.0.0.1:PORT". */
  announcedPort(service: 'PostgreSQL' | 'Redis'): number | undefined {
    const line = this.output.find((text) => text.includes(`${service}`) && text.includes('starting a private server on 127.0.0.1:'));
    const port = line && /127\.0\.0\.1:(\d+)/.exec(line)?.[1];
    return port ? Number(port) : undefined;
  }

  async start(): Promise<void> {
    this.ports = { GATEWAY_PORT: await freePort(), CANDIDATE_SERVICE_PORT: await freePort(), WORKER_PORT: await freePort() };
    const env: NodeJS.ProcessEnv = { ...process.env };
    // npm start sets NODE_ENV for the apps itself; the test runner's `test` must not leak in
    for (const name of ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'CLOSER_HOUR_MS']) delete env[name];
    Object.assign(env, {
      CLOSER_START_RUN: this.id,
      CLOSER_PRIVATE_SERVICES: '1',
      CLOSER_DATA_DIR: this.dataDir,
      CLOSER_SKIP_BUILD: '1',
      ...Object.fromEntries(Object.entries(this.ports).map(([name, port]) => [name, String(port)])),
    });
    // the command of `npm start` (package.json), in a process group of its own like a terminal's job
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/start.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let partial = '';
    const collect = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        this.output.push(line);
        this.listeners.forEach((listener) => listener(line));
      }
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
  }

  private listeners = new Set<(line: string) => void>();

  /** Resolves when a line matching `pattern` appears (or has appeared), rejects if the script exits first. */
  lineMatching(pattern: RegExp, timeoutMs: number): Promise<void> {
    if (this.output.some((line) => pattern.test(line))) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no line matching ${pattern} within ${timeoutMs / 1000} s`)), timeoutMs);
      const onExit = () => done(new Error(`exited before a line matching ${pattern}`));
      const listener = (line: string) => {
        if (pattern.test(line)) done();
      };
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        this.child!.off('exit', onExit);
        if (error) reject(new Error(`${error.message}:\n${this.output.join('\n')}`));
        else resolve();
      };
      this.listeners.add(listener);
      this.child!.once('exit', onExit);
    });
  }

  /**
   * What this run has running once every one of `programs` shows up (a line announces a step a
   * moment before its process exists), or after `timeoutMs` without them.
   */
  async underway(programs: RegExp[], timeoutMs = 3_000): Promise<OsProcess[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = this.leftovers();
      if (programs.every((program) => running.some((found) => program.test(found.args))) || Date.now() > deadline) return running;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Ctrl-C: SIGINT to the whole process group. */
  interrupt(): void {
    process.kill(-this.child!.pid!, 'SIGINT');
  }

  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child!;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`still running ${timeoutMs / 1000} s after Ctrl-C:\n${this.output.join('\n')}`)),
        timeoutMs,
      );
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
  }

  /** Whatever a failed run left behind must not outlive the test. */
  cleanUp(): void {
    for (const found of this.leftovers()) {
      try {
        process.kill(found.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

describe('Ctrl-C during `npm start`', () => {
  beforeAll(() => {
    for (const name of ['candidate-service', 'gateway', 'worker']) {
      if (!existsSync(join(ROOT, 'dist/apps', name, 'main.js')))
        throw new Error('dist/ is missing: run `npm run build` first (npm run test:system does)');
    }
  });

  it.each(POINTS)('$when stops everything it started, waits for it, and exits', async ({ line, running, twice }) => {
    const run = new StartRun();
    try {
      await run.start();
      await run.lineMatching(line, 240_000);
      const before = await run.underway(running);
      run.interrupt();
      if (twice) {
        await run.lineMatching(/^\[closer\] SIGINT: stopping/, 10_000);
        run.interrupt();
      }
      const exit = await run.exited(EXIT_TIMEOUT_MS);
      const left = run.leftovers().map(({ pid, args }) => `${pid} ${args}`);
      const ports = [run.announcedPort('PostgreSQL'), run.announcedPort('Redis'), ...Object.values(run.ports)].filter(
        (port) => port !== undefined,
      );
      const open: number[] = [];
      for (const port of ports) if (await isPortOpen(port)) open.push(port);

      try {
        // the moment was the one intended: what should run did run
        expect(before.map((found) => found.args)).toEqual(expect.arrayContaining(running.map((program) => expect.stringMatching(program))));
        expect(exit).toEqual({ code: 0, signal: null });
        expect(run.output).toContain('[closer] Stopped.');
        expect(left).toEqual([]);
        expect(open).toEqual([]);
      } catch (error) {
        (error as Error).message += `\n\nOutput of npm start:\n${run.output.join('\n')}`;
        throw error;
      }
    } finally {
      run.cleanUp();
    }
  });

  it('starts the apps with NODE_ENV=development when the caller set none', async () => {
    const run = new StartRun();
    try {
      await run.start();
      await run.lineMatching(/^Closer is running\./, 240_000);
      const apps = (await run.underway(APPS)).filter((found) => APPS.some((pattern) => pattern.test(found.args)));
      expect(apps).toHaveLength(3);
      for (const found of apps)
        expect({ app: found.args, env: found.env.filter((entry) => entry.startsWith('NODE_ENV=')) }).toEqual({
          app: found.args,
          env: ['NODE_ENV=development'],
        });
      run.interrupt();
      expect(await run.exited(EXIT_TIMEOUT_MS)).toEqual({ code: 0, signal: null });
    } finally {
      run.cleanUp();
    }
  });
});
