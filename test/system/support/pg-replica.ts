import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ensurePostgres, freePort, LocalService } from '@closer/local-services';

/** Debian's PostgreSQL binaries, newest first (as the private clusters use them). */
function pgBin(tool: string): string {
  const versions = ['18', '17', '16', '15', '14'].filter((version) => existsSync(`/usr/lib/postgresql/${version}/bin/${tool}`));
  if (versions.length === 0) throw new Error(`${tool} was not found in /usr/lib/postgresql/*/bin`);
  return `/usr/lib/postgresql/${versions[0]}/bin/${tool}`;
}

/**
 * A streaming replica of the test's private PostgreSQL: `pg_basebackup -R` (as `postgres` when we
 * are root, through runuser, as the private clusters run), then started on a port of its own.
 */
export class PostgresReplica {
  private constructor(
    readonly root: string,
    private readonly port: number,
    private service: LocalService | undefined,
  ) {}

  static async start(root: string, primaryUrl: string, log: (line: string) => void): Promise<PostgresReplica> {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(root, ...postgresOwner());
    const primary = new URL(primaryUrl);
    const args = [
      '-D',
      join(root, 'pgdata'),
      '-h',
      primary.hostname,
      '-p',
      primary.port,
      '-U',
      'postgres',
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ];
    const [command, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', pgBin('pg_basebackup'), ...args]]
      : [pgBin('pg_basebackup'), args];
    const run = spawnSync(command, argv, { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`pg_basebackup exited with ${run.status}:\n${run.stdout}\n${run.stderr}`);
    const port = await freePort();
    const replica = new PostgresReplica(root, port, undefined);
    await replica.startAgain(log);
    return replica;
  }

  get url(): string {
    return this.service!.url;
  }

  async stop(): Promise<void> {
    await this.service?.stop();
  }

  /** Starts the replica (again) on its port, with its data: it resumes streaming from the primary. */
  async startAgain(log: (line: string) => void): Promise<void> {
    this.service = await ensurePostgres({ dataDir: this.root, forcePrivate: true, port: this.port, log });
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}

function postgresOwner(): [number, number] {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('running as root, PostgreSQL needs the OS user "postgres"');
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}
