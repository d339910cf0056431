// Finds or starts the Redis that `npm start`, the benchmarks and the tests need: an explicit URL
// wins, then the machine's default port, then a private server started from the binary on the
// machine with its data under `dataDir`.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

import Redis from 'ioredis';

import { EnsureOptions, findOrStart, INSTALL_HINT, LocalService, PROBE_TIMEOUT_MS, waitUntilReady } from './local-service';
import { freePort } from './ports';
import { findInPath, isFile } from './process';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export async function ensureRedis(opts: EnsureOptions): Promise<LocalService> {
  return findOrStart('Redis', { ...opts, defaultEnvName: 'REDIS_URL', defaultUrl: DEFAULT_REDIS_URL }, probeRedis, () =>
    startPrivateRedis(resolve(opts.dataDir), opts.log ?? (() => undefined), {
      port: opts.port,
      persistent: opts.persistent,
      signal: opts.signal,
    }),
  );
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
    if (reply !== 'PONG') throw new Error(`unexpected PING reply ${String(reply)}`);
  } catch (error) {
    throw lastError ?? error;
  } finally {
    client.disconnect();
  }
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
