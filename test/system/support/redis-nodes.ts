import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from '@closer/local-services';
import Redis from 'ioredis';

/** One redis-server (or sentinel) this test started, on a port the OS picked. */
export class RedisNode {
  private exited: Promise<void>;
  private alive = true;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => ((this.alive = false), resolve())));
  }

  /** Starts `redis-server <args>` in `dir` (its own folder: config, data and log). */
  static async start(
    dir: string,
    name: string,
    args: (port: number) => string[],
    configText?: (port: number) => string,
  ): Promise<RedisNode> {
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const logFile = join(dir, `${name}.log`);
    const log = openSync(logFile, 'w');
    const argv = args(port);
    if (configText) {
      const config = join(dir, `${name}.conf`);
      writeFileSync(config, configText(port));
      argv.unshift(config);
    }
    const child = spawn('redis-server', [...argv, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir], {
      stdio: ['ignore', log, log],
      detached: true,
    });
    closeSync(log);
    const node = new RedisNode(name, port, child, logFile);
    await node.waitFor('PING', async (client) => (await client.ping()) === 'PONG', 15_000);
    return node;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.alive;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** A short-lived connection to this node only. */
  async with<T>(use: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await use(client);
    } finally {
      client.disconnect();
    }
  }

  async info(section: string): Promise<string> {
    return this.with((client) => client.info(section));
  }

  async waitFor(what: string, check: (client: Redis) => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      if (!this.alive) break;
      try {
        if (await this.with(check)) return;
      } catch (error) {
        last = error;
      }
      await sleep(100);
    }
    const log = readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-10).join('\n');
    throw new Error(`${this.name} (:${this.port}): ${what} not reached in ${timeoutMs} ms (${String(last)})\n${log}`);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Server settings every test node shares: nothing on disk, jobs never evicted, replicas sync at once. */
export const NODE_ARGS = ['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--repl-diskless-sync-delay', '0'];

/** Runs redis-cli with `args`, failing with its output. */
export function redisCli(args: string[]): string {
  const run = spawnSync('redis-cli', args, { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`redis-cli ${args.join(' ')} exited with ${run.status}:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}
