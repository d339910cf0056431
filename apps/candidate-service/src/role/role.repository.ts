import { AnswerPolicy, CriterionEntity, RoleEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';

import { CriterionValues, ProfilePlan } from './role-profile';

export interface RoleValues {
  title: string;
  answerPolicy: AnswerPolicy;
  nextSteps: string | null;
}

export interface RoleWithCriteria {
  role: RoleEntity;
  /** The current criteria, in position order. */
  criteria: CriterionEntity[];
}

@Injectable()
export class RoleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listForOrganization(organizationId: string, limit: number): Promise<RoleEntity[]> {
    return this.dataSource
      .getRepository(RoleEntity)
      .find({ where: { organizationId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  findInOrganization(organizationId: string, id: string): Promise<RoleEntity | null> {
    return this.dataSource.getRepository(RoleEntity).findOneBy({ organizationId, id });
  }

  /** The role and its whole profile, together or not at all. */
  create(organizationId: string, values: RoleValues, criteria: CriterionValues[]): Promise<RoleWithCriteria> {
    return this.dataSource.transaction(async (manager) => {
      const role = await manager.getRepository(RoleEntity).save(manager.create(RoleEntity, { organizationId, ...values }));
      await this.insertCriteria(
        manager,
        role,
        criteria.map((criterion, position) => ({ values: criterion, position })),
      );
      return { role, criteria: await this.currentCriteria(manager, role.id) };
    });
  }

  /**
   * Changes the role under a row lock, so two concurrent profile edits apply one after the other;
   * `plan` sees the current criteria inside that lock. Returns null when the organization has no
   * such role.
   */
  update(
    organizationId: string,
    id: string,
    changes: Partial<RoleValues>,
    plan: ((current: CriterionEntity[]) => ProfilePlan) | null,
  ): Promise<RoleWithCriteria | null> {
    return this.dataSource.transaction(async (manager) => {
      const roles = manager.getRepository(RoleEntity);
      const locked = await roles.findOne({ where: { organizationId, id }, lock: { mode: 'pessimistic_write' } });
      if (!locked) return null;
      if (plan) {
        const { keep, insert, retire } = plan(await this.currentCriteria(manager, id));
        if (retire.length > 0) await manager.update(CriterionEntity, { id: In(retire), roleId: id }, { retiredAt: () => 'now()' });
        for (const { id: criterionId, values, position } of keep) {
          await manager.update(CriterionEntity, { id: criterionId, roleId: id }, { ...values, position });
        }
        await this.insertCriteria(manager, locked, insert);
      }
      // touches updated_at even when only the profile changed
      await roles.update({ id }, { ...changes, updatedAt: () => 'now()' });
      return { role: await roles.findOneByOrFail({ id }), criteria: await this.currentCriteria(manager, id) };
    });
  }

  private async insertCriteria(manager: EntityManager, role: RoleEntity, rows: ProfilePlan['insert']): Promise<void> {
    if (rows.length === 0) return;
    await manager.insert(
      CriterionEntity,
      rows.map(({ values, position }) => ({ organizationId: role.organizationId, roleId: role.id, ...values, position })),
    );
  }

  private currentCriteria(manager: EntityManager, roleId: string): Promise<CriterionEntity[]> {
    return manager.getRepository(CriterionEntity).find({ where: { roleId, retiredAt: IsNull() }, order: { position: 'ASC' } });
  }
}
