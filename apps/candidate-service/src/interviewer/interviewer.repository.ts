import { InterviewerEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { DomainError } from '../errors/domain-error';

@Injectable()
export class InterviewerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By name, ignoring letter case whatever the database's collation. */
  listForOrganization(organizationId: string, limit: number): Promise<InterviewerEntity[]> {
    return this.dataSource
      .getRepository(InterviewerEntity)
      .createQueryBuilder('interviewer')
      .where('interviewer.organization_id = :organizationId', { organizationId })
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
    if (!inserted) {
      throw new DomainError('CONFLICT', 'An interviewer with this email already exists', [
        { field: 'input.email', message: 'is already used by another interviewer' },
      ]);
    }
    return this.dataSource.getRepository(InterviewerEntity).findOneByOrFail({ id: inserted.id });
  }
}
