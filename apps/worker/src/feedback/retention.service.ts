import { CloserConfig } from '@closer/config';
import { eraseCandidate, retentionDueSql } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Candidates erased per sweep at most: a backlog (a shortened retention period) drains over a few sweeps. */
export const RETENTION_BATCH = 50;

@Injectable()
export class RetentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: CloserConfig,
  ) {}

  /**
   * Erases, exactly as eraseCandidate does, the candidates whose organization's retention period
   * has run out since their last session ended, unless they are under legal hold. Each candidate
   * is erased in a transaction of its own that re-checks, under the candidate's lock, that they
   * are still due, so two workers sweeping at once erase each candidate once.
   */
  async eraseExpired(): Promise<number> {
    const due = await this.dataSource.query<{ id: string; organization_id: string }[]>(
      `SELECT c.id, c.organization_id
         FROM candidates c
         JOIN organizations o ON o.id = c.organization_id
        WHERE ${retentionDueSql('$1')}
        ORDER BY c.created_at
        LIMIT $2`,
      [this.config.hourMs, RETENTION_BATCH],
    );
    let erased = 0;
    for (const candidate of due) {
      const done = await this.dataSource.transaction((manager) =>
        eraseCandidate(manager, candidate.organization_id, candidate.id, { hourMs: this.config.hourMs }),
      );
      if (done) erased++;
    }
    return erased;
  }
}
