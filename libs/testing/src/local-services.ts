// Finds or starts the PostgreSQL and Redis that `npm start` and the integration tests need
// (DESIGN.md, "Running it"): an explicit URL wins, then the machine's default ports, then a
// private instance started from the binaries on the machine with its data under `dataDir`.
// Alias-free on purpose: scripts and jest's globalSetup load it without path mapping.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

import Redis from 'ioredis';
import { Client } from 'pg';

export interface LocalService {
  /**
   * PostgreSQL: `envUrl` verbatim when given; otherwise a server URL without a database path
   * (`postgres://postgres@127.0.0.1:<port>`, which connects to the `postgres` database) —
   * use `ensureDatabase()` or `withDatabase()` to pick one. Redis: `redis://127.0.0.1:<port>`.
   */
  url: string;
  /** True when this process started the server; only then does `stop()` do anything. */
  private: boolean;
  /** Server process id, for private instances. */
  pid?: number;
  stop(): Promise<void>;
}

export interface EnsureOptions {
  envUrl?: string;
  /** Named in the error when `envUrl` is unreachable; defaults to DATABASE_URL / REDIS_URL. */
  envName?: string;
  dataDir: string;
  log?: (line: string) => void;
  /** Skip `envUrl` and the machine's default server: always start a private instance. */
  forcePrivate?: boolean;
  /**
   * A private instance listens on this port instead of a free one: lets a test stop a server and
   * start it again where the apps using it reconnect.
   */
  port?: number;
  /** Redis only: keep the data across a stop and start (append-only file in `dataDir`). */
  persistent?: boolean;
  /**
   * Gives up starting a private instance: whatever it started so far is stopped (and waited for)
   * before the promise rejects. A rejected start never leaves a process running.
   */
  signal?: AbortSignal;
}

const PROBE_TIMEOUT_MS = 1_500;
const READY_TIMEOUT_MS = 30_000;
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const INSTALL_HINT = 'install them (`apt-get install postgresql redis-server`) or set DATABASE_URL and REDIS_URL';

/** A port that was free a moment ago; `redis-server --port 0` exits, so we choose it ourselves. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

/** `url` with its database path replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Creates `database` on the server behind `serverUrl` when missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres'), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`).catch((error: unknown) => {
        // another process created it between our check and CREATE
        if (pgCode(error) !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}

export async function ensurePostgres(opts: EnsureOptions): Promise<LocalService> {
  const log = opts.log ?? (() => undefined);
  if (!opts.forcePrivate) {
    if (opts.envUrl) {
      await probePostgres(opts.envUrl).catch((error: unknown) => {
        throw new Error(`${opts.envName ?? 'DATABASE_URL'} (${redact(opts.envUrl!)}) is not reachable: ${message(error)}`, {
          cause: error,
        });
      });
      return external(opts.envUrl);
    }
    if (
      await probePostgres(DEFAULT_POSTGRES_URL).then(
        () => true,
        () => false,
      )
    ) {
      log(`PostgreSQL: using the server at ${DEFAULT_POSTGRES_URL}`);
      return external(DEFAULT_POSTGRES_URL);
    }
  }
  return startPrivatePostgres(resolve(opts.dataDir), log, opts.port, opts.signal);
}

export async function ensureRedis(opts: EnsureOptions): Promise<LocalService> {
  const log = opts.log ?? (() => undefined);
  if (!opts.forcePrivate) {
    if (opts.envUrl) {
      await probeRedis(opts.envUrl).catch((error: unknown) => {
        throw new Error(`${opts.envName ?? 'REDIS_URL'} (${redact(opts.envUrl!)}) is not reachable: ${message(error)}`, { cause: error });
      });
      return external(opts.envUrl);
    }
    if (
      await probeRedis(DEFAULT_REDIS_URL).then(
        () => true,
        () => false,
      )
    ) {
      log(`Redis: using the server at ${DEFAULT_REDIS_URL}`);
      return external(DEFAULT_REDIS_URL);
    }
  }
  return startPrivateRedis(resolve(opts.dataDir), log, { port: opts.port, persistent: opts.persistent, signal: opts.signal });
}

function external(url: string): LocalService {
  return { url, private: false, stop: async () => undefined };
}

async function probePostgres(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    // ioredis arms this timer even for a socket that already failed; keep it from holding the process open
    disconnectTimeout: 50,
  });
  let lastError: unknown;
  client.on('error', (error: unknown) => (lastError = error));
  try {
    await client.connect();
    const reply = await client.ping();
    if (reply !== 'PONG') throw new Error(`unexpected PING reply ${reply}`);
  } catch (error) {
    throw lastError ?? error;
  } finally {
    client.disconnect();
  }
}

/** Retries `probe` until it succeeds, `alive()` turns false, the start is given up, or the timeout passes. */
async function waitUntilReady(
  probe: () => Promise<void>,
  alive: () => boolean,
  what: string,
  logFile: string,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown = new Error('never answered');
  while (Date.now() < deadline && alive()) {
    signal?.throwIfAborted();
    try {
      return await probe();
    } catch (error) {
      lastError = error;
      await sleep(150);
    }
  }
  const why = alive() ? `did not answer within ${READY_TIMEOUT_MS / 1000} s` : 'exited';
  throw new Error(`${what} ${why} (${message(lastError)}). Last lines of ${logFile}:\n${tail(logFile)}`);
}

interface PgBinaries {
  dir: string;
  major: string;
}

async function startPrivatePostgres(
  root: string,
  log: (line: string) => void,
  fixedPort?: number,
  signal?: AbortSignal,
): Promise<LocalService> {
  const asRoot = process.getuid?.() === 0;
  const pgdata = join(root, 'pgdata');
  const logFile = join(root, 'postgres.log');
  const clusterMajor = existsSync(join(pgdata, 'PG_VERSION')) ? readFileSync(join(pgdata, 'PG_VERSION'), 'utf8').trim() : undefined;
  const bin = await findPostgresBinaries(clusterMajor);
  prepareDirectory(root, asRoot);
  const run = (tool: string, args: string[]) => runTool(join(bin.dir, tool), args, { asRoot, cwd: root });

  let socketDir: string | undefined;
  let stopping: Promise<void> | undefined;
  // whatever runs in pgdata, whether this start got it running or was given up half-way
  const stop = () =>
    (stopping ??= (async () => {
      const pid = postmasterPid(pgdata);
      if (pid !== undefined && isAlive(pid)) {
        await run('pg_ctl', ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '30']).catch((error: unknown) => {
          if (postmasterPid(pgdata) !== undefined) throw error;
        });
        // pg_ctl returns once postmaster.pid is gone, a moment before the process itself exits
        await waitForExit(pid, 10_000);
      }
      if (socketDir?.startsWith(tmpdir())) rmSync(socketDir, { recursive: true, force: true });
    })());

  try {
    // each step runs to its end (the tools ignore the terminal's Ctrl-C, see runTool): a cluster
    // is never left half-created, and a server that pg_ctl got going is stopped below
    signal?.throwIfAborted();
    if (!clusterMajor) {
      log(`PostgreSQL: creating a private cluster in ${pgdata}`);
      await run('initdb', ['-D', pgdata, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    }
    signal?.throwIfAborted();
    await stopLeftover(pgdata, run, log);

    const port = fixedPort ?? (await freePort());
    socketDir = socketDirectory(root, port, asRoot);
    const serverOptions = [
      `-p ${port}`,
      `-k ${shellQuote(socketDir)}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ];
    signal?.throwIfAborted();
    log(`PostgreSQL ${bin.major}: starting a private server on 127.0.0.1:${port} (data in ${pgdata})`);
    writeFileSync(logFile, '');
    if (asRoot) chownSync(logFile, ...postgresOwner());
    try {
      await run('pg_ctl', ['start', '-D', pgdata, '-l', logFile, '-w', '-t', '60', '-o', serverOptions.join(' ')]);
    } catch (error) {
      throw new Error(`PostgreSQL did not start: ${message(error)}\nLast lines of ${logFile}:\n${tail(logFile)}`, { cause: error });
    }

    const url = `postgres://postgres@127.0.0.1:${port}`;
    const pid = postmasterPid(pgdata);
    await waitUntilReady(
      () => probePostgres(url),
      () => pid === undefined || isAlive(pid),
      'PostgreSQL',
      logFile,
      signal,
    );
    return { url, private: true, pid, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A server left running by an earlier run that was killed owns the data dir: stop it first. */
async function stopLeftover(
  pgdata: string,
  run: (tool: string, args: string[]) => Promise<string>,
  log: (line: string) => void,
): Promise<void> {
  const pid = postmasterPid(pgdata);
  if (pid === undefined || !isAlive(pid)) return;
  log(`PostgreSQL: stopping a server left running in ${pgdata} (pid ${pid})`);
  await run('pg_ctl', ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '30']);
}

function postmasterPid(pgdata: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** PATH first, then Debian's /usr/lib/postgresql/<major>/bin, newest first; matches an existing cluster's major. */
async function findPostgresBinaries(clusterMajor: string | undefined): Promise<PgBinaries> {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const debianDirs = listDir('/usr/lib/postgresql')
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => `/usr/lib/postgresql/${version}/bin`);
  const candidates = [...pathDirs, ...debianDirs].filter((dir) => isFile(join(dir, 'initdb')) && isFile(join(dir, 'pg_ctl')));
  if (candidates.length === 0) {
    throw new Error(`PostgreSQL binaries (initdb, pg_ctl) were not found in PATH or /usr/lib/postgresql/*/bin: ${INSTALL_HINT}.`);
  }
  const found: PgBinaries[] = [];
  for (const dir of new Set(candidates)) {
    const version = await runTool(join(dir, 'pg_ctl'), ['--version'], { asRoot: false });
    const major = /PostgreSQL\)?\s+(\d+)/.exec(version)?.[1] ?? '';
    if (!clusterMajor || major === clusterMajor) return { dir, major };
    found.push({ dir, major });
  }
  throw new Error(
    `The private cluster was created by PostgreSQL ${clusterMajor}, but only ${found.map((b) => b.major).join(', ')} is installed: ` +
      `delete its data directory or install PostgreSQL ${clusterMajor}.`,
  );
}

/**
 * The socket path limit is ~107 bytes; deep data dirs put the socket in a temp dir named after
 * the data dir instead, so a run that was killed leaves no new directory behind each time.
 */
function socketDirectory(root: string, port: number, asRoot: boolean): string {
  const owner = asRoot ? postgresOwner()[0] : process.getuid?.();
  let dir = join(root, 'run');
  if (`${dir}/.s.PGSQL.${port}`.length > 100) {
    dir = join(tmpdir(), `closer-pg-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
    // someone else's directory of that name: fall back to a fresh one
    if (existsSync(dir) && statSync(dir).uid !== owner) dir = mkdtempSync(join(tmpdir(), 'closer-pg-'));
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (asRoot) chownSync(dir, ...postgresOwner());
  return dir;
}

/** PostgreSQL refuses to run as root: hand the directory to `postgres` and open a path to it. */
function prepareDirectory(root: string, asRoot: boolean): void {
  mkdirSync(root, { recursive: true });
  if (!asRoot) return;
  chownSync(root, ...postgresOwner());
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (dir === dirname(dir)) break;
  }
}

let cachedOwner: [number, number] | undefined;
function postgresOwner(): [number, number] {
  if (cachedOwner) return cachedOwner;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error(`Running as root, PostgreSQL needs the OS user "postgres", which does not exist: ${INSTALL_HINT}.`);
  const [, , uid, gid] = line.split(':');
  return (cachedOwner = [Number(uid), Number(gid)]);
}

async function startPrivateRedis(
  dataDir: string,
  log: (line: string) => void,
  opts: { port?: number; persistent?: boolean; signal?: AbortSignal } = {},
): Promise<LocalService> {
  const binary = findInPath('redis-server') ?? (isFile('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
  if (!binary) throw new Error(`redis-server was not found in PATH: ${INSTALL_HINT}.`);
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, 'redis.log');
  const pidFile = join(dataDir, 'redis.pid');
  killLeftoverRedis(pidFile, log);

  const port = opts.port ?? (await freePort());
  opts.signal?.throwIfAborted();
  log(`Redis: starting a private server on 127.0.0.1:${port} (data in ${dataDir})`);
  const logFd = openSync(logFile, 'w');
  // Own process group: a Ctrl-C in the terminal must not stop Redis before the apps using it.
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dataDir,
      '--save',
      '',
      '--appendonly',
      opts.persistent ? 'yes' : 'no',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--pidfile',
      pidFile,
    ],
    { stdio: ['ignore', logFd, logFd], detached: true },
  );
  closeSync(logFd);
  let exited = false;
  const exit = new Promise<void>((resolveExit) => {
    child.once('exit', () => ((exited = true), resolveExit()));
    child.once('error', () => ((exited = true), resolveExit()));
  });

  const url = `redis://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (!exited) child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(killTimer);
      rmSync(pidFile, { force: true });
    })());
  try {
    await waitUntilReady(
      () => probeRedis(url),
      () => !exited,
      'Redis',
      logFile,
      opts.signal,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  child.unref();
  return { url, private: true, pid: child.pid, stop };
}

function killLeftoverRedis(pidFile: string, log: (line: string) => void): void {
  const pid = Number(existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : NaN);
  if (!Number.isInteger(pid) || pid <= 0) return;
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // not running any more
  }
  if (command.includes('redis-server')) {
    log(`Redis: stopping a server left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGTERM');
  }
  unlinkSync(pidFile);
}

/**
 * Runs a tool (as `postgres` when we are root), resolving with its output or rejecting with it.
 * In a process group of its own: a Ctrl-C in the terminal reaches only the script, which lets
 * initdb or pg_ctl finish and then stops what they started, rather than kill them half-way.
 */
function runTool(file: string, args: string[], opts: { asRoot: boolean; cwd?: string }): Promise<string> {
  const [command, argv] = opts.asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, argv, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolveRun(output) : reject(new Error(`${[command, ...argv].join(' ')} exited with ${code}:\n${output.trim()}`)),
    );
  });
}

function findInPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(isFile);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** Zombies count as gone: whoever reaps them, they hold no port or file any more. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return !existsSync('/proc/self'); // no /proc here, or the process is gone
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') || '(empty)';
  } catch {
    return '(no log)';
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

function message(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return message(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** True when something accepts TCP connections on 127.0.0.1:`port` (used by tests and start). */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = new Socket();
    const done = (open: boolean) => (socket.destroy(), resolveOpen(open));
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}
