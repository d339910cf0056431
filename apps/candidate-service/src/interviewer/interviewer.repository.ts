import { InterviewerEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';

import { DomainError } from '../errors/domain-error';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class InterviewerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By name, ignoring letter case whatever the database's collation; archived ones only when asked. */
  listForOrganization(organizationId: string, limit: number, includeArchived = false): Promise<InterviewerEntity[]> {
    const query = this.dataSource
      .getRepository(InterviewerEntity)
      .createQueryBuilder('interviewer')
      .where('interviewer.organization_id = :organizationId', { organizationId });
    if (!includeArchived) query.andWhere('interviewer.archived_at IS NULL');
    return query
      .orderBy('LOWER(interviewer.name)', 'ASC')
      .addOrderBy('interviewer.name', 'ASC')
      .addOrderBy('interviewer.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /**
   * The unique (organization, email) index decides, races included: the loser gets CONFLICT.
   * ON CONFLICT DO NOTHING lets PostgreSQL report the violation without failing the statement, so
   * an expected duplicate is not logged as a database error along with the address.
   */
  async create(organizationId: string, values: { name: string; email: string }): Promise<InterviewerEntity> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(InterviewerEntity)
      .values({ organizationId, ...values })
      .orIgnore()
      .returning('id')
      .execute();
    const inserted = (result.raw as { id: string }[])[0];
    if (!inserted) throw emailTaken();
    return this.dataSource.getRepository(InterviewerEntity).findOneByOrFail({ id: inserted.id });
  }

  /**
   * Null when there is no such interviewer in the organization; CONFLICT when another one has the
   * email. The NOT EXISTS keeps an expected clash out of the database's error log (with the
   * address); the unique index still decides a race.
   */
  async update(organizationId: string, id: string, values: { name: string; email: string }): Promise<InterviewerEntity | null> {
    let updated: unknown[];
    try {
      [updated] = (await this.dataSource.query(
        `UPDATE interviewers SET name = $3, email = $4
          WHERE id = $1 AND organization_id = $2
            AND NOT EXISTS (SELECT 1 FROM interviewers other WHERE other.organization_id = $2 AND other.email = $4 AND other.id <> $1)
          RETURNING id`,
        [id, organizationId, values.name, values.email],
      )) as [unknown[], number];
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) throw emailTaken();
      throw error;
    }
    const interviewer = await this.findInOrganization(organizationId, id);
    if (interviewer && updated.length === 0) throw emailTaken();
    return interviewer;
  }

  /** Sets or clears archived_at (keeping the first archiving time); null when not in the organization. */
  async setArchived(organizationId: string, id: string, archived: boolean): Promise<InterviewerEntity | null> {
    await this.dataSource.query(
      `UPDATE interviewers SET archived_at = CASE WHEN $3 THEN COALESCE(archived_at, now()) ELSE NULL END
        WHERE id = $1 AND organization_id = $2`,
      [id, organizationId, archived],
    );
    return this.findInOrganization(organizationId, id);
  }

  findInOrganization(organizationId: string, id: string): Promise<InterviewerEntity | null> {
    return this.dataSource.getRepository(InterviewerEntity).findOneBy({ organizationId, id });
  }
}

function emailTaken(): DomainError {
  return new DomainError('CONFLICT', 'An interviewer with this email already exists', [
    { field: 'input.email', message: 'is already used by another interviewer' },
  ]);
}
