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
   * One row per (organization, externalId), races included (ON CONFLICT). An interviewer added
   * by hand with the same address, not yet linked to an external id, is linked to this one; an
   * address used by an interviewer with another external id is a CONFLICT.
   */
  async upsertByExternalId(
    organizationId: string,
    externalId: string,
    values: { name: string; email: string },
  ): Promise<InterviewerEntity> {
    const repository = this.dataSource.getRepository(InterviewerEntity);
    await this.dataSource.query(
      `UPDATE interviewers SET external_id = $2 WHERE organization_id = $1 AND email = $3 AND external_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM interviewers WHERE organization_id = $1 AND external_id = $2)`,
      [organizationId, externalId, values.email],
    );
    try {
      await this.dataSource.query(
        `INSERT INTO interviewers (organization_id, external_id, name, email) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, external_id) WHERE external_id IS NOT NULL
         DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email`,
        [organizationId, externalId, values.name, values.email],
      );
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      // the address belongs to another interviewer (the external id's row is unique by the index above)
      const owner = await repository.findOneBy({ organizationId, email: values.email });
      if (owner && owner.externalId !== externalId) {
        throw new DomainError('CONFLICT', 'An interviewer with this email already exists', [
          { field: 'input.email', message: 'is already used by another interviewer' },
        ]);
      }
      // a concurrent call for the same external id and address inserted the row first: it is this one
      if (!owner) throw error;
    }
    return repository.findOneByOrFail({ organizationId, externalId });
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
      [updated] = await this.dataSource.query<[unknown[], number]>(
        `UPDATE interviewers SET name = $3, email = $4
          WHERE id = $1 AND organization_id = $2
            AND NOT EXISTS (SELECT 1 FROM interviewers other WHERE other.organization_id = $2 AND other.email = $4 AND other.id <> $1)
          RETURNING id`,
        [id, organizationId, values.name, values.email],
      );
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
