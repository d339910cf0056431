import { OrganizationEntity, UserEntity } from '@closer/database';
import type { RecruiterIdentity } from '@closer/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type OrganizationSettings = Pick<
  OrganizationEntity,
  'name' | 'feedbackDeadlineHours' | 'reminderHours' | 'minResponsesForAnswer' | 'shareScoreWithCandidates' | 'retentionDays'
>;

@Injectable()
export class OrganizationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Finds or creates the organization and the recruiter named by verified claims. */
  async provision(identity: RecruiterIdentity): Promise<{ organization: OrganizationEntity; user: UserEntity }> {
    // the common case reads only; writes happen on first use or when the claims changed
    // one statement: TypeORM's findOne with a relation would first query ids, then rows
    const known = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.organization', 'o')
      .where('u.subject = :subject AND o.slug = :slug', { subject: identity.sub, slug: identity.org })
      .getOne();
    if (known?.organization && known.email === identity.email && known.name === identity.name && known.role === identity.role) {
      const { organization, ...user } = known;
      return { organization, user: user };
    }
    return this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(OrganizationEntity)
        .values({ slug: identity.org, name: identity.org })
        .orIgnore()
        .execute();
      const organization = await manager.findOneByOrFail(OrganizationEntity, { slug: identity.org });
      await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ organizationId: organization.id, subject: identity.sub, email: identity.email, name: identity.name, role: identity.role })
        .orUpdate(['email', 'name', 'role'], ['organization_id', 'subject'])
        .execute();
      const user = await manager.findOneByOrFail(UserEntity, { organizationId: organization.id, subject: identity.sub });
      return { organization, user };
    });
  }

  /**
   * Changes settings under a row lock: `decide` sees the current settings (and may throw to change
   * nothing), so concurrent edits of different fields are validated against what they produce together.
   */
  async updateSettings(
    organizationId: string,
    decide: (current: OrganizationEntity) => Partial<OrganizationSettings>,
  ): Promise<OrganizationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const organizations = manager.getRepository(OrganizationEntity);
      const current = await organizations.findOneOrFail({ where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
      const changes = decide(current);
      if (Object.keys(changes).length > 0) await organizations.update({ id: organizationId }, changes);
      return organizations.findOneByOrFail({ id: organizationId });
    });
  }
}
