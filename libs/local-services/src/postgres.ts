// Finds or starts the PostgreSQL that `npm start`, the benchmarks and the tests need: an explicit
// URL wins, then the machine's default port, then a private cluster created and started from the
// binaries on the machine with its data under `dataDir`.
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

import { Client } from 'pg';

import { EnsureOptions, findOrStart, INSTALL_HINT, LocalService, PROBE_TIMEOUT_MS, waitUntilReady } from './local-service';
import { freePort } from './ports';
import { errorMessage, isAlive, isFile, listDir, runTool, tail, waitForExit } from './process';

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';

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
  return findOrStart('PostgreSQL', { ...opts, defaultEnvName: 'DATABASE_URL', defaultUrl: DEFAULT_POSTGRES_URL }, probePostgres, () =>
    startPrivatePostgres(resolve(opts.dataDir), opts.log ?? (() => undefined), opts.port, opts.signal),
  );
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
      throw new Error(`PostgreSQL did not start: ${errorMessage(error)}\nLast lines of ${logFile}:\n${tail(logFile)}`, { cause: error });
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

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
