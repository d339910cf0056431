import { errorMessage, sleep, tail } from './process';

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

export const PROBE_TIMEOUT_MS = 1_500;
const READY_TIMEOUT_MS = 30_000;
export const INSTALL_HINT = 'install them (`apt-get install postgresql redis-server`) or set DATABASE_URL and REDIS_URL';

/**
 * An explicit URL wins, then the machine's default server, else `startPrivate()`: the order in
 * which PostgreSQL and Redis are found or started (DESIGN.md, "Running it").
 */
export async function findOrStart(
  what: 'PostgreSQL' | 'Redis',
  opts: EnsureOptions & { defaultEnvName: string; defaultUrl: string },
  probe: (url: string) => Promise<void>,
  startPrivate: () => Promise<LocalService>,
): Promise<LocalService> {
  if (!opts.forcePrivate) {
    if (opts.envUrl) {
      const envUrl = opts.envUrl;
      await probe(envUrl).catch((error: unknown) => {
        throw new Error(`${opts.envName ?? opts.defaultEnvName} (${redactPassword(envUrl)}) is not reachable: ${errorMessage(error)}`, {
          cause: error,
        });
      });
      return external(envUrl);
    }
    if (
      await probe(opts.defaultUrl).then(
        () => true,
        () => false,
      )
    ) {
      (opts.log ?? (() => undefined))(`${what}: using the server at ${opts.defaultUrl}`);
      return external(opts.defaultUrl);
    }
  }
  return startPrivate();
}

function external(url: string): LocalService {
  return { url, private: false, stop: async () => undefined };
}

/** Retries `probe` until it succeeds, `alive()` turns false, the start is given up, or the timeout passes. */
export async function waitUntilReady(
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
  throw new Error(`${what} ${why} (${errorMessage(lastError)}). Last lines of ${logFile}:\n${tail(logFile)}`);
}

/** `url` without its password, for messages; never the text of something that is not a URL. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}
