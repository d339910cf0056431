import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';

export type ReadNode = 'replica' | 'primary';

/** Beyond this the replica is not read at all: the staleness bound of what no fold version covers. */
export const MAX_REPLICA_LAG_SECONDS = 10;
/** After a failed replica read, reads go to the primary for this long before the replica is tried again. */
const PAUSE_AFTER_FAILURE_MS = 5_000;

/**
 * The replica's lag in seconds: 0 when it has replayed all it received from a primary it is
 * streaming from, null when it streams from nothing (its copy may be any age).
 */
const LAG_SQL = `
  CASE WHEN NOT pg_is_in_recovery() THEN 0
       WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN NULL
       WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE greatest(0, extract(epoch FROM now() - pg_last_xact_replay_timestamp()))::float8 END`;
const VERSION_SQL = `(SELECT version::text FROM dashboard_rollup_versions WHERE organization_id = $1)`;

/**
 * Dashboard, export and list reads on the streaming replica of DATABASE_READ_URL, without giving
 * up read-after-write: an organization is read on the replica only when the primary has no
 * pending rollup changes for it and the replica has replayed the organization's latest fold
 * (its fold version, read in the same snapshot), and only while the replica streams with at most
 * MAX_REPLICA_LAG_SECONDS of lag (pg_last_xact_replay_timestamp). Otherwise, and whenever the
 * replica fails, the read runs on the primary.
 */
@Injectable()
export class ReadReplica {
  private readonly logger = new Logger(ReadReplica.name);
  private pausedUntil = 0;
  readonly served: Record<ReadNode, number> = { replica: 0, primary: 0 };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get configured(): boolean {
    return this.dataSource.driver.isReplicated;
  }

  /** `work` in one REPEATABLE READ snapshot holding every committed change of the organization. */
  snapshot<T>(organizationId: string, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    return this.route(organizationId, work, true);
  }

  /**
   * As snapshot, for work that needs no snapshot of its own: on the primary it runs outside a
   * transaction (the replica still reads in one, to check its fold version in the same snapshot).
   */
  read<T>(organizationId: string, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    return this.route(organizationId, work, false);
  }

  private async route<T>(organizationId: string, work: (runner: QueryRunner) => Promise<T>, primarySnapshot: boolean): Promise<T> {
    if (this.configured && Date.now() >= this.pausedUntil) {
      const [primary] = (await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM dashboard_dirty_sessions WHERE organization_id = $1) AS dirty, ${VERSION_SQL} AS version`,
        [organizationId],
      )) as { dirty: boolean; version: string | null }[];
      if (!primary!.dirty) {
        try {
          const read = await this.inSnapshot('slave', work, async (runner) => {
            const [replica] = (await runner.query(`SELECT ${VERSION_SQL} AS version, ${LAG_SQL} AS lag`, [organizationId])) as {
              version: string | null;
              lag: number | null;
            }[];
            return replica!.version === primary!.version && replica!.lag !== null && replica!.lag <= MAX_REPLICA_LAG_SECONDS;
          });
          if (read) return read.value;
        } catch (error) {
          this.pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
          this.logger.warn(`replica read failed, reading on the primary: ${(error as Error).message}`);
        }
      }
    }
    if (primarySnapshot) return (await this.inSnapshot('master', work))!.value;
    const runner = this.dataSource.createQueryRunner('master');
    try {
      const value = await work(runner);
      this.served.primary++;
      return value;
    } finally {
      await runner.release();
    }
  }

  /** For /health: the replica's lag in seconds; throws when it does not answer or streams from nothing. */
  async lagSeconds(): Promise<number> {
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      const [row] = (await runner.query(`SELECT ${LAG_SQL} AS lag`)) as { lag: number | null }[];
      if (row!.lag === null) throw new Error('the replica is not streaming from the primary');
      return row!.lag;
    } finally {
      await runner.release();
    }
  }

  /** Runs `work` in a REPEATABLE READ snapshot on one server; null when `accept` turns the snapshot down. */
  private async inSnapshot<T>(
    mode: 'master' | 'slave',
    work: (runner: QueryRunner) => Promise<T>,
    accept?: (runner: QueryRunner) => Promise<boolean>,
  ): Promise<{ value: T } | null> {
    const runner = this.dataSource.createQueryRunner(mode);
    try {
      await runner.startTransaction('REPEATABLE READ');
      if (accept && !(await accept(runner))) {
        await runner.rollbackTransaction();
        return null;
      }
      const value = await work(runner);
      await runner.commitTransaction();
      this.served[mode === 'slave' ? 'replica' : 'primary']++;
      return { value };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }
}
